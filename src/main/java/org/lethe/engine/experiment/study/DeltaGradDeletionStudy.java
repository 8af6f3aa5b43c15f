package org.lethe.engine.experiment.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.unlearning.deltagrad.DeltaGradComparison;
import org.lethe.engine.unlearning.deltagrad.DeltaGradParams;
import org.lethe.engine.unlearning.deltagrad.TrainingCache;

/**
 * {@code deltagrad-deletion}: how DeltaGrad's error and speed-up depend on the size of the request.
 * For each seed one cached SGD run serves every deletion request (each from the trained model); each
 * addition request trains its own run without the samples it adds. Every request is compared with the
 * same-order retrain ({@link DeltaGradComparison}); the table gives the mean over seeds.
 */
public final class DeltaGradDeletionStudy implements Study<DeltaGradDeletionStudy.Settings> {

    /** The kind in study files. */
    public static final String KIND = "deltagrad-deletion";

    /**
     * The study's settings; a missing value takes the {@code lethe deltagrad} default shown.
     *
     * @param model {@code logreg} (default) or {@code mlp} (784-300-10 unless {@code hiddenWidths})
     * @param hiddenWidths MLP hidden widths
     * @param epochs epochs (20)
     * @param batchSize batch size (1024)
     * @param lr SGD learning rate (0.1)
     * @param lrStep multiply the rate by {@code lrGamma} every this many epochs, 0 = constant (0)
     * @param lrGamma factor for {@code lrStep} (0.5)
     * @param l2 coupled L2 coefficient λ (1e-4)
     * @param history L-BFGS memory m (2)
     * @param period exact step every T0 iterations (5)
     * @param burnIn exact iterations j0 after the first changed one (20)
     * @param deleteCounts deletion requests, as sample counts
     * @param deleteFractions deletion requests, as fractions of the training set
     * @param addCounts addition requests, as sample counts (held out of training, then added)
     */
    public record Settings(Architecture model, List<Integer> hiddenWidths, Integer epochs, Integer batchSize, Double lr,
                           Integer lrStep, Double lrGamma, Double l2, Integer history, Integer period, Integer burnIn,
                           List<Integer> deleteCounts, List<Double> deleteFractions, List<Integer> addCounts) {

        public Settings {
            model = model == null ? Architecture.LOGREG : model;
            if (model != Architecture.LOGREG && model != Architecture.MLP) {
                throw new LetheException("settings.model: DeltaGrad supports logreg and mlp, found " + model.id());
            }
            hiddenWidths = hiddenWidths == null ? List.of() : List.copyOf(hiddenWidths);
            epochs = atLeast("epochs", epochs == null ? 20 : epochs, 1);
            batchSize = atLeast("batchSize", batchSize == null ? 1024 : batchSize, 1);
            lr = positive("lr", lr == null ? 0.1 : lr);
            lrStep = atLeast("lrStep", lrStep == null ? 0 : lrStep, 0);
            lrGamma = positive("lrGamma", lrGamma == null ? 0.5 : lrGamma);
            l2 = l2 == null ? 1e-4 : l2;
            if (!(l2 >= 0)) {
                throw new LetheException("settings.l2 must be >= 0, was " + l2);
            }
            history = atLeast("history", history == null ? 2 : history, 1);
            period = atLeast("period", period == null ? 5 : period, 1);
            burnIn = atLeast("burnIn", burnIn == null ? 20 : burnIn, 0);
            deleteCounts = deleteCounts == null ? List.of() : List.copyOf(deleteCounts);
            deleteFractions = deleteFractions == null ? List.of() : List.copyOf(deleteFractions);
            addCounts = addCounts == null ? List.of() : List.copyOf(addCounts);
            for (Integer c : deleteCounts) {
                atLeast("deleteCounts", c, 1);
            }
            for (Integer c : addCounts) {
                atLeast("addCounts", c, 1);
            }
            for (Double f : deleteFractions) {
                if (f == null || !(f > 0 && f < 1)) {
                    throw new LetheException("settings.deleteFractions: each must be in (0, 1), found " + f);
                }
            }
            if (deleteCounts.isEmpty() && deleteFractions.isEmpty() && addCounts.isEmpty()) {
                throw new LetheException("settings: no request; give deleteCounts, deleteFractions or addCounts, "
                        + "e.g. \"deleteCounts\": [6, 60, 600]");
            }
        }

        /** The DeltaGrad settings (m, T0, j0; the reference's σ floor). */
        public DeltaGradParams params() {
            return new DeltaGradParams(history, period, burnIn, DeltaGradParams.defaults().minSigma());
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String summary() {
        return "DeltaGrad against the same-order retrain for deletion (and addition) requests of several sizes";
    }

    @Override
    public Class<Settings> settingsType() {
        return Settings.class;
    }

    /** A request of the sweep: how many samples it deletes and adds, and how to name it. */
    private record Planned(String label, int delete, int add) { }

    @Override
    public StudyReport run(StudySpec spec, Settings s, DatasetCatalog catalog, JobContext ctx) {
        ImageDataset data = StudyData.load(spec, catalog, ctx.slice(0, 0.02));
        ImageSplit split = data.train();
        int n = split.count();
        List<Planned> deletions = new ArrayList<>();
        for (int c : s.deleteCounts()) {
            deletions.add(new Planned(String.format(Locale.ROOT, "delete %d", c), c, 0));
        }
        for (double f : s.deleteFractions()) {
            int c = Math.max(1, (int) Math.round(f * n));
            deletions.add(new Planned(String.format(Locale.ROOT, "delete %s%% (%d)", percent(f), c), c, 0));
        }
        List<Planned> additions = new ArrayList<>();
        for (int c : s.addCounts()) {
            additions.add(new Planned(String.format(Locale.ROOT, "add %d", c), 0, c));
        }
        for (Planned p : deletions) {
            if (p.delete() >= n) {
                throw new LetheException("study '" + spec.name() + "': cannot delete " + p.delete() + " of " + n
                        + " training samples");
            }
        }
        for (Planned p : additions) {
            if (p.add() >= n) {
                throw new LetheException("study '" + spec.name() + "': cannot add " + p.add() + " of " + n
                        + " training samples");
            }
        }
        IndexView test = data.test().count() == 0 ? null : data.test().all("test");
        SeedMeans means = new SeedMeans();
        List<Long> seeds = spec.seeds();
        int units = 1 + deletions.size() + 2 * additions.size();
        for (int k = 0; k < seeds.size(); k++) {
            long seed = seeds.get(k);
            JobContext seedCtx = ctx.slice(0.02 + 0.98 * k / seeds.size(), 0.02 + 0.98 * (k + 1) / seeds.size());
            ModelSpec model = DeltaGradComparison.model(s.model(), s.hiddenWidths(), data.shape(), data.numClasses(),
                    seed);
            TrainingConfig config = DeltaGradComparison.sgd(s.epochs(), s.batchSize(), s.lr(), s.lrStep(),
                    s.lrGamma(), s.l2(), seed);
            int unit = 0;
            if (!deletions.isEmpty()) {
                seedCtx.listener().log("seed " + seed + ": cached training on " + n + " samples");
                TrainingCache cache = DeltaGradComparison.train(split, new int[0], model, config,
                        slice(seedCtx, unit++, units));
                for (Planned p : deletions) {
                    DeltaGradComparison.Request request = DeltaGradComparison.choose(n, p.delete(), 0, seed);
                    means.add(p.label(), row(p, DeltaGradComparison.compare(cache, request, s.params(), seed, test,
                            slice(seedCtx, unit++, units))));
                }
            }
            for (Planned p : additions) {
                DeltaGradComparison.Request request = DeltaGradComparison.choose(n, 0, p.add(), seed);
                seedCtx.listener().log("seed " + seed + ": cached training without the " + p.add() + " samples to add");
                TrainingCache cache = DeltaGradComparison.train(split, request.added(), model, config,
                        slice(seedCtx, unit++, units));
                means.add(p.label(), row(p, DeltaGradComparison.compare(cache, request, s.params(), seed, test,
                        slice(seedCtx, unit++, units))));
            }
        }
        ctx.progress(1, "done");
        return report(spec, s, n, !deletions.isEmpty(), means.means());
    }

    private static JobContext slice(JobContext ctx, int unit, int units) {
        return ctx.slice((double) unit / units, (double) (unit + 1) / units);
    }

    private static Map<String, Object> row(Planned p, DeltaGradComparison.Outcome o) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("request", p.label());
        row.put("deleted", o.deleted());
        row.put("added", o.added());
        row.put("exactSteps", o.update().exactSteps());
        row.put("approximateSteps", o.update().approximateSteps());
        row.put("l2OriginalToRetrained", o.l2OriginalToRetrained());
        row.put("l2ToRetrained", o.l2ToRetrained());
        row.put("distanceRatio", o.distanceRatio());
        row.put("retrainSeconds", o.retrainSeconds());
        row.put("seconds", o.update().seconds());
        row.put("speedup", o.speedup());
        row.put("cpuSpeedup", o.cpuSpeedup());
        row.put("testOriginal", o.original().test());
        row.put("testRetrained", o.retrained().test());
        row.put("testDeltaGrad", o.unlearned().test());
        return row;
    }

    private static StudyReport report(StudySpec spec, Settings s, int n, boolean deletions,
                                      List<Map<String, Object>> rows) {
        String x = deletions ? "deleted" : "added";
        String xLabel = deletions ? "samples deleted" : "samples added";
        StudyReport.Builder b = StudyReport.builder(spec)
                .column("request", "request", 0)
                .column("deleted", "deleted", 0)
                .column("added", "added", 0)
                .column("exactSteps", "exact steps", 0)
                .column("approximateSteps", "approximate steps", 0)
                .column("l2OriginalToRetrained", "‖original − retrained‖", 6)
                .column("l2ToRetrained", "‖DeltaGrad − retrained‖", 6)
                .column("distanceRatio", "ratio", 4)
                .column("retrainSeconds", "retrain s", 2)
                .column("seconds", "DeltaGrad s", 2)
                .column("speedup", "speed-up", 2)
                .column("cpuSpeedup", "CPU speed-up", 2)
                .column("testOriginal", "test % original", 2)
                .column("testRetrained", "test % retrained", 2)
                .column("testDeltaGrad", "test % DeltaGrad", 2)
                .chart(new StudyChart("distances", "Distance to the same-order retrain", x, xLabel,
                        List.of("l2OriginalToRetrained", "l2ToRetrained"), "L2 distance", true))
                .chart(new StudyChart("speedup", "Speed-up over the same-order retrain", x, xLabel,
                        List.of("speedup", "cpuSpeedup"), "retrain time / DeltaGrad time", true));
        rows.forEach(b::row);
        b.note(String.format(Locale.ROOT, "%s, float64, %,d training samples, plain SGD (lr %s%s, L2 %s), batch %d, "
                        + "%d epochs; DeltaGrad m = %d, T0 = %d, j0 = %d. Mean over seeds %s.", s.model().id(), n,
                fmt(s.lr()), s.lrStep() > 0 ? " ×" + fmt(s.lrGamma()) + " every " + s.lrStep() + " epochs" : "",
                fmt(s.l2()), s.batchSize(), s.epochs(), s.history(), s.period(), s.burnIn(), spec.seeds()));
        b.note("How to read it: ‖original − retrained‖ is how far the request moves the model; ‖DeltaGrad − "
                + "retrained‖ is how far DeltaGrad lands from the exact answer. A ratio well below 1 means DeltaGrad "
                + "recovers most of the change (theory: its error shrinks faster than the change as requests get "
                + "smaller). The retrain is the same-order one: same initialisation and batches, the deleted samples "
                + "dropped (added ones appended), so the distances are meaningful.");
        b.note("Speed-up is retrain wall time over DeltaGrad wall time, each request served from the same trained "
                + "model; CPU speed-up uses the process's CPU time and is the steadier number on a shared machine. "
                + "It grows with the batch size and the period T0 and shrinks as requests touch more batches; "
                + "addition rows (deleted = 0) are left out of the charts when there are deletion rows.");
        return b.build();
    }

    private static String percent(double fraction) {
        return fmt(100 * fraction);
    }

    private static String fmt(double v) {
        return new java.math.BigDecimal(String.valueOf(v)).stripTrailingZeros().toPlainString();
    }

    private static int atLeast(String field, Integer value, int min) {
        if (value == null || value < min) {
            throw new LetheException("settings." + field + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    private static double positive(String field, double value) {
        if (!(value > 0)) {
            throw new LetheException("settings." + field + " must be positive, was " + value);
        }
        return value;
    }
}
