package org.lethe.engine.experiment.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.unlearning.MethodRegistry;

/**
 * The default backend: every task in this thread, seed by seed (original, reference models if any,
 * retrain, then each method), with models handed on in memory. Progress is weighted as training
 * 30%, retraining 30% and the methods 40% of each seed (the reference models, when asked for, take
 * 30% and the rest shrinks in proportion). A seed's models are let go once its tasks are done, except the
 * chart seed's evaluations; an unlearned model goes as soon as it is evaluated, and reference models as
 * soon as the retrain has turned them into signals.
 */
public final class InProcessSweepRunner implements SweepRunner {

    @Override
    public SweepOutcome run(SweepPlan plan, MethodRegistry registry, DatasetCatalog catalog, JobContext ctx) {
        ctx.progress(0, "loading " + plan.scenario().dataset());
        ImageDataset data = SweepTaskRunner.loadData(plan.scenario(), catalog, ctx.slice(0, 0.02));
        MemorySweepStore store = new MemorySweepStore();
        SweepTaskRunner tasks = new SweepTaskRunner(plan.scenario(), registry, data, store, plan.chartSeed());
        List<Long> seeds = plan.scenario().seeds();
        int methods = plan.scenario().methods().size();
        Map<SweepTask, TaskResult> results = new LinkedHashMap<>();
        List<SweepTask> order = plan.tasks();
        for (int i = 0; i < order.size(); i++) {
            SweepTask task = order.get(i);
            int s = seeds.indexOf(task.seed());
            JobContext seedCtx = ctx.slice(0.02 + 0.98 * s / seeds.size(), 0.02 + 0.98 * (s + 1) / seeds.size());
            results.put(task, tasks.run(task, slice(seedCtx, task, methods, plan.scenario().referenceModelCount())));
            if (task.kind() == SweepTask.Kind.UNLEARN) {
                // evaluated already (the chart seed's evaluation is kept by the task runner): nothing reads it again
                store.dropModel(task);
            }
            if (task.kind() == SweepTask.Kind.RETRAIN) {
                // the retrain turned the seed's reference models into signals; the networks are not needed again
                plan.references(task.seed()).forEach(store::dropModel);
            }
            boolean seedDone = i + 1 == order.size() || order.get(i + 1).seed() != task.seed();
            if (seedDone && task.seed() != plan.chartSeed()) {
                store.dropModels(task.seed());
                tasks.release(task.seed());
            }
        }
        return new SweepOutcome(data.name(), data.classNames(), results, tasks.chartModels(ctx));
    }

    private static JobContext slice(JobContext seedCtx, SweepTask task, int methods, int references) {
        // without reference models: original 30%, retrain 30%, methods 40%; with them the references take 30%
        double refShare = references == 0 ? 0 : 0.3;
        double scale = 1 - refShare;
        return switch (task.kind()) {
            case TRAIN_ORIGINAL -> seedCtx.slice(0, 0.3 * scale);
            case TRAIN_REFERENCE -> seedCtx.slice(0.3 * scale + refShare * task.reference() / references,
                    0.3 * scale + refShare * (task.reference() + 1) / references);
            case RETRAIN -> seedCtx.slice(0.3 * scale + refShare, 0.6 * scale + refShare);
            case UNLEARN -> seedCtx.slice(0.6 * scale + refShare + 0.4 * scale * task.method() / methods,
                    0.6 * scale + refShare + 0.4 * scale * (task.method() + 1) / methods);
        };
    }

    @Override
    public String describe() {
        return "in-process";
    }
}
