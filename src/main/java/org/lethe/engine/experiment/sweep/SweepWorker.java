package org.lethe.engine.experiment.sweep;

import java.nio.file.Path;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.EngineThreads;
import org.lethe.engine.unlearning.MethodRegistry;

/**
 * The entry point a remote backend calls on its workers: JSON request in, JSON result out. A worker
 * process keeps the state of the last sweep it served (the loaded dataset, the per-seed splits and
 * evaluations), so the many tasks of one sweep that reach the same worker load the data once; a
 * request of another sweep replaces it. Requests for SISA shard tasks ({@link SisaShardRequest}) go
 * to {@link SisaShardSweep}.
 */
public final class SweepWorker {

    private static final Object LOCK = new Object();
    private static String sessionKey;
    private static SweepTaskRunner session;

    private SweepWorker() {
    }

    /**
     * Runs the task of {@code requestJson} and returns its result as JSON.
     *
     * @throws LetheException if the worker finds other data than the driver, or the task fails on bad input
     */
    public static String run(String requestJson) {
        if (SisaShardRequest.isOne(requestJson)) {
            return SisaShardSweep.work(requestJson);
        }
        SweepRequest request = SweepRequest.fromJson(requestJson);
        SweepTaskRunner runner = runner(request);
        return TaskResults.toJson(runner.run(request.task(), JobContext.detached()));
    }

    private static SweepTaskRunner runner(SweepRequest request) {
        String key = request.sessionKey();
        synchronized (LOCK) {
            if (!key.equals(sessionKey)) {
                session = null;
                EngineThreads.set(request.threads());
                DatasetCatalog catalog = new DatasetCatalog(Path.of(request.sampleDataDir()),
                        Path.of(request.userDataDir()));
                ImageDataset data = SweepTaskRunner.loadData(request.scenario(), catalog, JobContext.detached());
                if (!data.sha256().equals(request.datasetSha256())) {
                    throw new LetheException("sweep worker: dataset '" + request.scenario().dataset() + "' has hash "
                            + data.sha256() + " here but " + request.datasetSha256() + " on the driver; every worker "
                            + "must read the same files (sample data: " + request.sampleDataDir() + ", user data: "
                            + request.userDataDir() + ")");
                }
                session = new SweepTaskRunner(request.scenario(), MethodRegistry.standard(), data,
                        new FolderSweepStore(Path.of(request.store())), request.scenario().seeds()
                                .get(request.scenario().seeds().size() - 1));
                sessionKey = key;
            }
            return session;
        }
    }
}
