package org.lethe.engine.experiment.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.data.forget.ForgetSplit;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.unlearning.amnesiac.AmnesiacComparison;

/**
 * {@code amnesiac-memory}: batch amnesiac against per-sample amnesiac (and the same-order retrain) on
 * the same sensitive set, for several sizes of that set. For each seed and size a random set is marked
 * sensitive before training and then forgotten ({@link AmnesiacComparison}, the code behind
 * {@code lethe amnesiac}). One row per model and size, mean over seeds.
 */
public final class AmnesiacMemoryStudy implements Study<AmnesiacMemoryStudy.Settings> {

    /** The kind in study files. */
    public static final String KIND = "amnesiac-memory";

    private static final double MB = 1e6;

    /**
     * The study's settings; a missing value takes the {@code lethe amnesiac} default shown.
     *
     * @param counts sizes of the sensitive (forget) set ([10, 50, 200])
     * @param model architecture (mlp)
     * @param hiddenWidths MLP hidden widths (the architecture's)
     * @param epochs epochs (2)
     * @param batchSize batch size (64)
     * @param lr plain SGD learning rate, no momentum: per-sample amnesiac is exact there (0.05)
     */
    public record Settings(List<Integer> counts, Architecture model, List<Integer> hiddenWidths, Integer epochs,
                           Integer batchSize, Double lr) {

        public Settings {
            counts = counts == null || counts.isEmpty() ? List.of(10, 50, 200) : List.copyOf(counts);
            for (Integer c : counts) {
                if (c == null || c < 1) {
                    throw new LetheException("settings.counts: each must be at least 1, found " + c);
                }
            }
            model = model == null ? Architecture.MLP : model;
            hiddenWidths = hiddenWidths == null ? List.of() : List.copyOf(hiddenWidths);
            epochs = epochs == null ? 2 : epochs;
            batchSize = batchSize == null ? 64 : batchSize;
            lr = lr == null ? 0.05 : lr;
            try {
                TrainingConfig.sgd(epochs, batchSize, lr, 0, 0, 0);
            } catch (IllegalArgumentException e) {
                throw new LetheException("settings: " + e.getMessage());
            }
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String summary() {
        return "amnesiac vs per-sample amnesiac: effect and stored bytes as the sensitive set grows";
    }

    @Override
    public Class<Settings> settingsType() {
        return Settings.class;
    }

    @Override
    public StudyReport run(StudySpec spec, Settings s, DatasetCatalog catalog, JobContext ctx) {
        ImageDataset data = StudyData.load(spec, catalog, ctx.slice(0, 0.02));
        for (int c : s.counts()) {
            if (c >= data.train().count()) {
                throw new LetheException("study '" + spec.name() + "': cannot mark " + c + " of "
                        + data.train().count() + " training samples sensitive");
            }
        }
        SeedMeans means = new SeedMeans();
        List<Long> seeds = spec.seeds();
        int units = seeds.size() * s.counts().size();
        int unit = 0;
        for (long seed : seeds) {
            ModelSpec model = ModelSpec.defaults(s.model(), data.shape(), data.numClasses()).withSeed(seed);
            if (!s.hiddenWidths().isEmpty()) {
                model = model.withHiddenWidths(s.hiddenWidths());
            }
            TrainingConfig config = TrainingConfig.sgd(s.epochs(), s.batchSize(), s.lr(), 0, 0, seed);
            for (int count : s.counts()) {
                JobContext part = ctx.slice(0.02 + 0.98 * unit / units, 0.02 + 0.98 * (unit + 1) / units);
                unit++;
                part.listener().log("seed " + seed + ": " + count + " sensitive samples");
                ForgetSplit split = ForgetSetSpec.parse("random:" + count).resolve(data, seed);
                AmnesiacComparison.Outcome o = AmnesiacComparison.run(data, model, config, split, part);
                means.add("original/" + count, row("original", count, o.original(), null, null, o.trainSeconds()));
                means.add("retrain/" + count, row("retrain", count, o.retrained(), null, null, o.retrainSeconds()));
                Map<String, Object> amnesiac = row("amnesiac", count, o.amnesiac(), o.batchesUndone(),
                        o.amnesiacBytes(), o.amnesiacSeconds());
                means.add("amnesiac/" + count, amnesiac);
                Map<String, Object> perSample = row("per-sample amnesiac", count, o.perSample(), o.sensitive(),
                        o.perSampleBytes(), o.perSampleSeconds());
                means.add("per-sample/" + count, perSample);
            }
        }
        ctx.progress(1, "done");
        return report(spec, s, data.train().count(), means.means());
    }

    private static Map<String, Object> row(String method, int count, AmnesiacComparison.Scores scores, Integer undone,
                                           Long bytes, double seconds) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("method", method);
        row.put("count", count);
        row.put("undone", undone);
        row.put("forgetAccuracy", scores.forgetAccuracy());
        row.put("retainAccuracy", scores.retainAccuracy());
        row.put("testAccuracy", scores.testAccuracy());
        row.put("forgetLoss", scores.forgetLoss());
        row.put("l2ToRetrained", scores.l2ToRetrained());
        row.put("storedBytes", bytes);
        row.put("storedMB", bytes == null ? null : bytes / MB);
        row.put("seconds", seconds);
        return row;
    }

    private static StudyReport report(StudySpec spec, Settings s, int n, List<Map<String, Object>> rows) {
        StudyReport.Builder b = StudyReport.builder(spec)
                .column("method", "model", 0)
                .column("count", "sensitive", 0)
                .column("undone", "updates undone", 0)
                .column("forgetAccuracy", "forget %", 2)
                .column("retainAccuracy", "retain %", 2)
                .column("testAccuracy", "test %", 2)
                .column("forgetLoss", "forget loss", 3)
                .column("l2ToRetrained", "L2 to retrained", 3)
                .column("storedBytes", "stored bytes", 0)
                .column("storedMB", "stored MB", 1)
                .column("seconds", "seconds", 2)
                .chart(new StudyChart("distance", "Distance to the same-order retrain", "count",
                        "sensitive samples", List.of("l2ToRetrained"), "L2 to retrained", true, "method"))
                .chart(new StudyChart("memory", "Stored updates", "count", "sensitive samples",
                        List.of("storedMB"), "MB stored", true, "method"));
        rows.forEach(b::row);
        b.note(String.format(Locale.ROOT, "%s on %,d training images, plain SGD (lr %s, no momentum, no weight decay), "
                        + "batch %d, %d epochs; a random set of the given size is marked sensitive before training. "
                        + "Mean over seeds %s.", s.model().id(), n, s.lr(), s.batchSize(), s.epochs(), spec.seeds()));
        b.note("How to read it: 'retrain' is the same-order retrain without the sensitive set, the target; the "
                + "closer a method's forget/retain/test accuracy and the smaller its L2 to retrained, the better. "
                + "Amnesiac subtracts the whole update of every batch that held a sensitive sample ('updates undone' "
                + "batches, all stored), so it also removes its batch-mates' learning; per-sample amnesiac subtracts "
                + "only each sensitive sample's own accumulated contribution (one stored vector per sample, "
                + "independent of epochs). 'seconds' is the training time for the original, the retrain time for "
                + "retrain and the undo time for the two amnesiac variants.");
        return b.build();
    }
}
