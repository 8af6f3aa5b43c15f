package org.lethe.engine.experiment.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.io.AtomicFiles;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.EngineThreads;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.sisa.ShardAssignment;
import org.lethe.engine.unlearning.sisa.SisaConfig;
import org.lethe.engine.unlearning.sisa.SisaEnsemble;
import org.lethe.engine.unlearning.sisa.SisaShardState;

/**
 * Trains a SISA ensemble with its shards as independent sweep tasks. The driver computes the shard
 * assignment, writes the ensemble's plan (spec, config, assignment, deleted points) to the
 * {@link FolderSweepStore}, and sends one {@link SisaShardRequest} per shard to the backend: in this
 * thread for {@link InProcessSweepRunner}, or to the workers of a {@link StagedSweepRunner} (Spark),
 * which answer through {@link SweepWorker#run}. Each task trains its shard with
 * {@link SisaEnsemble#trainShard} and stores the shard's model and slice checkpoints as a
 * {@code .lethe-sisa} shard file; the driver then reads them back and puts the ensemble together with
 * {@link SisaEnsemble#assemble}. Shards share nothing, so the result is bit for bit what
 * {@link SisaEnsemble#train} builds in one process.
 */
public final class SisaShardSweep {

    /** Where in the store the plan lies. */
    public static final String PLAN_FILE = "sisa/plan.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object LOCK = new Object();
    private static String sessionKey;
    private static ImageDataset sessionData;

    private SisaShardSweep() {
    }

    /**
     * What every shard task reads from the store: the ensemble's settings and layout.
     *
     * @param spec the constituents' spec
     * @param config the SISA settings
     * @param assignment the split indices of each shard, in training order
     * @param deleted the split indices deleted before training
     */
    public record Plan(ModelSpec spec, SisaConfig config, int[][] assignment, int[] deleted) {

        public Plan {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(assignment, "assignment");
            deleted = deleted == null ? new int[0] : deleted;
        }
    }

    /**
     * Trains an ensemble on {@code data}'s training split with one task per shard.
     *
     * @param data the dataset as {@code catalog} loads {@code dataset}, limited to {@code trainLimit}
     * @param runner where the tasks run: a {@link StagedSweepRunner} sends them to its workers, any other
     *     runner has them run here, one after the other
     * @param workspace the store folder (every worker must reach it under the same path)
     * @throws LetheException if a worker finds other data, or a shard cannot be trained
     */
    public static SisaEnsemble train(ImageDataset data, String dataset, Integer trainLimit, DatasetCatalog catalog,
                                     ModelSpec spec, SisaConfig config, SweepRunner runner, Path workspace,
                                     JobContext ctx) {
        ShardAssignment assignment = ShardAssignment.compute(data.train().all("train"), spec.numClasses(),
                config.sharding(), config.shards(), config.seed());
        int[][] shards = new int[assignment.count()][];
        for (int k = 0; k < shards.length; k++) {
            shards[k] = assignment.shard(k);
        }
        FolderSweepStore store = new FolderSweepStore(workspace);
        writePlan(store, new Plan(spec, config, shards, new int[0]));
        List<SisaShardRequest> requests = new ArrayList<>();
        int threads = runner instanceof StagedSweepRunner ? Math.max(1, EngineThreads.current().length) : 1;
        for (int k = 0; k < shards.length; k++) {
            requests.add(new SisaShardRequest(SisaShardRequest.TYPE, store.dir().toString(),
                    catalog.sampleDataDir().toAbsolutePath().normalize().toString(),
                    catalog.userDataDir().toAbsolutePath().normalize().toString(), dataset, trainLimit, data.sha256(),
                    threads, k));
        }
        ctx.listener().log(shards.length + " SISA shard tasks, " + runner.describe());
        if (runner instanceof StagedSweepRunner staged) {
            List<String> answers = staged.runRequests("sisa-shards", requests.stream().map(SisaShardRequest::toJson)
                    .toList(), ctx.slice(0, 0.95));
            boolean[] seen = new boolean[shards.length];
            for (String answer : answers) {
                SisaShardResult result = SisaShardResult.fromJson(answer);
                if (result.shard() >= 0 && result.shard() < seen.length) {
                    seen[result.shard()] = true;
                }
            }
            for (int k = 0; k < seen.length; k++) {
                if (!seen[k]) {
                    throw new LetheException("SISA sweep: no result came back for shard " + k + " (" + runner.describe()
                            + ")");
                }
            }
        } else {
            for (int k = 0; k < shards.length; k++) {
                runTask(requests.get(k), data, ctx.slice(0.95 * k / shards.length, 0.95 * (k + 1) / shards.length));
            }
        }
        ctx.progress(0.95, "assembling the ensemble");
        List<SisaShardState> states = new ArrayList<>();
        for (int k = 0; k < shards.length; k++) {
            states.add(store.sisaShard(k, spec, config));
        }
        return SisaEnsemble.assemble(data.train(), assignment, new int[0], spec, config, states);
    }

    /**
     * Runs one shard task against the data the worker holds: trains the shard the request names
     * under the store's plan and stores the shard file.
     */
    public static SisaShardResult runTask(SisaShardRequest request, ImageDataset data, JobContext ctx) {
        long start = System.nanoTime();
        FolderSweepStore store = new FolderSweepStore(Path.of(request.store()));
        Plan plan = readPlan(store);
        if (request.shard() >= plan.assignment().length) {
            throw new LetheException("SISA sweep: shard " + request.shard() + " is not in the plan's "
                    + plan.assignment().length + " shards");
        }
        ctx.listener().log("training SISA shard " + request.shard());
        long t0 = System.nanoTime();
        SisaShardState state = SisaEnsemble.trainShard(data.train(), new ShardAssignment(plan.assignment()),
                plan.deleted(), plan.spec(), plan.config(), request.shard(), ctx);
        double seconds = (System.nanoTime() - t0) / 1e9;
        store.putSisaShard(state, plan.spec(), plan.config());
        String worker = hostName() + "/" + Thread.currentThread().getName();
        return new SisaShardResult(request.shard(), store.sisaShardFile(request.shard()).toString(),
                TrainedModel.hashParams(state.params()), seconds,
                new TaskResult.TaskInfo(worker, (System.nanoTime() - start) / 1e9));
    }

    /**
     * The worker side of a remote backend: a JSON {@link SisaShardRequest} in, a JSON
     * {@link SisaShardResult} out. The dataset is loaded once per worker and sweep.
     */
    static String work(String requestJson) {
        SisaShardRequest request = SisaShardRequest.fromJson(requestJson);
        ImageDataset data;
        synchronized (LOCK) {
            if (!request.sessionKey().equals(sessionKey)) {
                sessionData = null;
                EngineThreads.set(request.threads());
                DatasetCatalog catalog = new DatasetCatalog(Path.of(request.sampleDataDir()),
                        Path.of(request.userDataDir()));
                ImageDataset loaded = catalog.load(request.dataset(), JobContext.detached());
                loaded = request.trainLimit() == null ? loaded : loaded.limitTrain(request.trainLimit());
                if (!loaded.sha256().equals(request.datasetSha256())) {
                    throw new LetheException("SISA shard worker: dataset '" + request.dataset() + "' has hash "
                            + loaded.sha256() + " here but " + request.datasetSha256() + " on the driver; every worker "
                            + "must read the same files");
                }
                sessionData = loaded;
                sessionKey = request.sessionKey();
            }
            data = sessionData;
        }
        return runTask(request, data, JobContext.detached()).toJson();
    }

    private static void writePlan(FolderSweepStore store, Plan plan) {
        Path file = store.dir().resolve(PLAN_FILE);
        try {
            byte[] bytes = JSON.writeValueAsBytes(plan);
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, out -> out.write(bytes));
        } catch (IOException e) {
            throw new LetheException(file + ": cannot write the SISA plan: " + e.getMessage(), e);
        }
    }

    private static Plan readPlan(FolderSweepStore store) {
        Path file = store.dir().resolve(PLAN_FILE);
        if (!Files.isRegularFile(file)) {
            throw new LetheException(file + ": no SISA plan in the store (has the driver written it?)");
        }
        try {
            return JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Plan.class);
        } catch (JsonProcessingException e) {
            throw new LetheException(file + ": not a SISA plan: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new LetheException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | SecurityException e) {
            return "localhost";
        }
    }
}
