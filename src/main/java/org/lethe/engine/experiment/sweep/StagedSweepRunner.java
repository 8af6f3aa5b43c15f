package org.lethe.engine.experiment.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.unlearning.MethodRegistry;

/**
 * The driver side of a backend whose workers are elsewhere (other threads, processes or machines):
 * it runs the plan stage by stage, sends each task as a JSON {@link SweepRequest} for
 * {@link SweepWorker#run} and reads the JSON results back; models travel only through a
 * {@link FolderSweepStore} in the workspace. After the last stage it evaluates the chart seed's
 * models from the store and writes {@code tasks.csv} there. A subclass supplies only
 * {@link #runStage}: how one stage's requests reach the workers.
 */
public abstract class StagedSweepRunner implements SweepRunner {

    private final Path workspace;
    private final int threadsPerTask;

    /**
     * @param workspace the folder store's path, the same for every worker
     * @param threadsPerTask engine threads each task uses
     */
    protected StagedSweepRunner(Path workspace, int threadsPerTask) {
        this.workspace = workspace.toAbsolutePath().normalize();
        if (threadsPerTask < 1) {
            throw new IllegalArgumentException("threads per task must be at least 1, was " + threadsPerTask);
        }
        this.threadsPerTask = threadsPerTask;
    }

    /**
     * Runs every request of one stage (they are independent) and returns the workers' answers, in any
     * order. Returns only when all are done.
     *
     * @param stage the stage's name, e.g. {@code retrain}
     * @throws org.lethe.engine.job.JobCancelledException if {@code ctx} is cancelled meanwhile
     */
    protected abstract List<String> runStage(String stage, List<String> requests, JobContext ctx);

    @Override
    public final SweepOutcome run(SweepPlan plan, MethodRegistry registry, DatasetCatalog catalog, JobContext ctx) {
        ctx.progress(0, "loading " + plan.scenario().dataset());
        ImageDataset data = SweepTaskRunner.loadData(plan.scenario(), catalog, ctx.slice(0, 0.02));
        FolderSweepStore store = new FolderSweepStore(workspace);
        Map<SweepTask, TaskResult> byTask = new LinkedHashMap<>();
        int done = 0;
        for (List<SweepTask> stage : plan.stages()) {
            String name = stage.get(0).kind().name().toLowerCase(Locale.ROOT);
            String message = "stage " + name + ": " + stage.size() + " tasks, " + describe();
            ctx.progress(0.02 + 0.9 * done / plan.tasks().size(), message);
            ctx.listener().log(message);
            long start = System.nanoTime();
            List<String> requests = new ArrayList<>();
            for (SweepTask task : stage) {
                requests.add(new SweepRequest(plan.scenario(), store.dir().toString(),
                        catalog.sampleDataDir().toAbsolutePath().normalize().toString(),
                        catalog.userDataDir().toAbsolutePath().normalize().toString(), data.sha256(), threadsPerTask,
                        task).toJson());
            }
            for (String json : runStage(name, requests, ctx)) {
                TaskResult result = TaskResults.fromJson(json, "a worker's result");
                byTask.put(result.task(), result);
            }
            done += stage.size();
            ctx.listener().log(String.format(Locale.ROOT, "stage %s done in %.1f s", name,
                    (System.nanoTime() - start) / 1e9));
        }
        ctx.progress(0.92, "evaluating the models of seed " + plan.chartSeed() + " for the charts");
        List<EvaluatedModel> chart = new SweepTaskRunner(plan.scenario(), registry, data, store, plan.chartSeed())
                .chartModels(ctx.slice(0.92, 1));
        Map<SweepTask, TaskResult> ordered = new LinkedHashMap<>();
        for (SweepTask task : plan.tasks()) {
            TaskResult result = byTask.get(task);
            if (result == null) {
                throw new LetheException("sweep: no result came back for task " + task.id() + " (" + describe() + ")");
            }
            ordered.put(task, result);
        }
        Path table = store.dir().resolve("tasks.csv");
        try {
            TaskTable.write(ordered.values(), table);
        } catch (IOException e) {
            throw new LetheException(table + ": cannot write: " + e.getMessage(), e);
        }
        return new SweepOutcome(data.name(), data.classNames(), ordered, chart);
    }

    /**
     * Runs independent requests that are not part of a scenario plan (one SISA shard each, see
     * {@link SisaShardSweep}) on this backend's workers, which answer through {@link SweepWorker#run};
     * returns the answers in any order once all are done.
     */
    public final List<String> runRequests(String stage, List<String> requests, JobContext ctx) {
        return runStage(stage, requests, ctx);
    }

    /** The workspace folder. */
    public Path workspace() {
        return workspace;
    }
}
