package org.lethe.engine.session;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningResult;

/**
 * Restores a read {@link Session}: reloads its dataset (or reuses one already in memory with the
 * same content hash), checks the hash and the models' input shape, and evaluates the comparison
 * again by starting it from the original and adding each stored model in its saved order. Meant to
 * run as a job.
 */
public final class SessionRestorer {

    private final DatasetCatalog catalog;
    private final MethodRegistry registry;

    /** A restorer that loads datasets from {@code catalog} and parses parameters with {@code registry}. */
    public SessionRestorer(DatasetCatalog catalog, MethodRegistry registry) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Restores {@code session}, read from {@code file}.
     *
     * @param loaded a dataset already in memory, reused when its hash matches (may be null)
     * @throws SessionException when the dataset cannot be loaded or differs from the saved one, a
     *     model does not fit the data, or a stored run's parameters are no longer valid
     */
    public RestoredSession restore(Session session, Path file, ImageDataset loaded, JobContext ctx) {
        DatasetRef ref = session.dataset();
        ImageDataset data = loaded != null && loaded.sha256().equals(ref.sha256()) ? loaded
                : loadDataset(ref, file, ctx.slice(0, 0.3));
        if (!data.sha256().equals(ref.sha256())) {
            throw new SessionException(file, "the dataset " + ref.describe() + " is not the one the session was"
                    + " saved with: its content hash is " + data.sha256().substring(0, 12) + "…, the session expects "
                    + ref.sha256().substring(0, 12) + "… (" + ref.name() + ", " + ref.trainCount()
                    + " training images). The files changed since; restore them, or open the data in a new session.");
        }
        int[] forget = session.forget();
        for (int index : forget) {
            if (index >= data.train().count()) {
                throw new SessionException(file, "forget index " + index + " is outside the "
                        + data.train().count() + " training images of " + ref.describe());
            }
        }
        TrainedModel original = session.original();
        checkFits(file, "the original model", original, data);
        for (ComparedModel m : session.compared()) {
            checkFits(file, "the model '" + m.label() + "'", m.model(), data);
        }
        Comparison comparison = null;
        List<ComparedModel> compared = session.compared();
        if (!compared.isEmpty()) {
            ctx.checkCancelled();
            DataSplits splits = DataSplits.of(data, new ForgetSetSpec.Samples(forget).resolve(data, 0));
            Session.Evaluation ev = session.evaluation();
            double step = 0.7 / (compared.size() + 1);
            comparison = Comparison.start(splits, original, ev.retainSample(), ev.seed(), ctx.slice(0.3, 0.3 + step));
            for (int i = 0; i < compared.size(); i++) {
                ComparedModel m = compared.get(i);
                ctx.progress(0.3 + step * (i + 1), "evaluating " + m.label());
                UnlearningResult result;
                try {
                    result = m.toResult(registry);
                } catch (LetheException | IllegalArgumentException e) {
                    throw new SessionException(file, "the run '" + m.label() + "' cannot be restored: "
                            + e.getMessage(), e);
                }
                comparison = comparison.with(result, m.label(), ctx.slice(0.3 + step * (i + 1), 0.3 + step * (i + 2)));
            }
        }
        ctx.progress(1, "session restored");
        return new RestoredSession(session, data, original, comparison);
    }

    private ImageDataset loadDataset(DatasetRef ref, Path file, JobContext ctx) {
        ImageDataset data;
        try {
            data = catalog.load(ref.source(), ctx);
        } catch (LetheException e) {
            throw new SessionException(file, "its dataset " + ref.describe() + " cannot be loaded: " + e.getMessage(),
                    e);
        }
        return ref.trainLimit() == null ? data : data.limitTrain(ref.trainLimit());
    }

    private static void checkFits(Path file, String what, TrainedModel model, ImageDataset data) {
        if (model == null) {
            return;
        }
        if (!model.spec().input().equals(data.shape()) || model.spec().numClasses() != data.numClasses()) {
            throw new SessionException(file, what + " expects " + model.spec().input() + " images in "
                    + model.spec().numClasses() + " classes, but the dataset has " + data.shape() + " images in "
                    + data.numClasses() + " classes");
        }
    }
}
