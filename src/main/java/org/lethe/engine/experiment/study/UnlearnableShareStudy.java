package org.lethe.engine.experiment.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.unlearning.unlearnable.NoiseMode;
import org.lethe.engine.unlearning.unlearnable.ShareResult;
import org.lethe.engine.unlearning.unlearnable.UnlearnableExperiment;
import org.lethe.engine.unlearning.unlearnable.UnlearnableParams;
import org.lethe.engine.unlearning.unlearnable.UnlearnableReport;

/**
 * {@code unlearnable-share}: the share sweep of unlearnable examples ({@link UnlearnableExperiment},
 * the code behind {@code lethe unlearnable}) for one or both noise modes, with the model trained on
 * the clean part D_c alone as the baseline. One row per share, mean over seeds; one column group per
 * noise mode. The D_c-only model does not depend on the noise, so it is trained once per seed and share
 * (with the first mode).
 */
public final class UnlearnableShareStudy implements Study<UnlearnableShareStudy.Settings> {

    /** The kind in study files. */
    public static final String KIND = "unlearnable-share";

    /**
     * The study's settings; a missing value takes the {@code lethe unlearnable} default shown.
     *
     * @param modes noise modes, {@code sample} and/or {@code class} (["sample"])
     * @param shares shares of the training set made unlearnable, each in [0, 1] ([0, 0.2, 0.4, 0.6, 0.8, 1])
     * @param model architecture of the noise model and the trained models (mlp)
     * @param hiddenWidths MLP hidden widths (the architecture's)
     * @param epochs training epochs per share (3)
     * @param batchSize training batch size (64)
     * @param lr Adam learning rate of training (0.001)
     * @param eps L-infinity radius, pixels in [0, 1] (8/255 = 0.0314)
     * @param stepSize sign step of the noise search (eps/10)
     * @param pgdSteps descent steps per noise pass (20 sample-wise, 1 class-wise)
     * @param modelSteps noise-model training steps between passes (10)
     * @param stopAccuracy stop the search at this accuracy on the perturbed data (0.99)
     * @param maxIterations most search rounds (50)
     * @param noiseBatchSize batch size of the search (512)
     * @param noiseLr SGD learning rate of the noise model (0.1)
     * @param classSubset class-wise: share of the data the search uses (0.2)
     * @param dropNegativeNoise reference-loader switch: drop negative noise components (false)
     * @param randomNoise control: uniform random noise of the same radius instead (false)
     * @param baseline train on D_c alone for each share (true)
     */
    public record Settings(List<NoiseMode> modes, List<Double> shares, Architecture model, List<Integer> hiddenWidths,
                           Integer epochs, Integer batchSize, Double lr, Double eps, Double stepSize, Integer pgdSteps,
                           Integer modelSteps, Double stopAccuracy, Integer maxIterations, Integer noiseBatchSize,
                           Double noiseLr, Double classSubset, Boolean dropNegativeNoise, Boolean randomNoise,
                           Boolean baseline) {

        public Settings {
            modes = modes == null || modes.isEmpty() ? List.of(NoiseMode.SAMPLE_WISE)
                    : List.copyOf(new LinkedHashSet<>(modes));
            shares = shares == null || shares.isEmpty() ? UnlearnableExperiment.Settings.standardShares()
                    : List.copyOf(shares);
            model = model == null ? Architecture.MLP : model;
            hiddenWidths = hiddenWidths == null ? List.of() : List.copyOf(hiddenWidths);
            epochs = epochs == null ? 3 : epochs;
            batchSize = batchSize == null ? 64 : batchSize;
            lr = lr == null ? 1e-3 : lr;
            eps = eps == null ? UnlearnableParams.PAPER_EPS : eps;
            modelSteps = modelSteps == null ? 10 : modelSteps;
            stopAccuracy = stopAccuracy == null ? 0.99 : stopAccuracy;
            maxIterations = maxIterations == null ? 50 : maxIterations;
            noiseBatchSize = noiseBatchSize == null ? 512 : noiseBatchSize;
            noiseLr = noiseLr == null ? 0.1 : noiseLr;
            classSubset = classSubset == null ? 0.2 : classSubset;
            dropNegativeNoise = dropNegativeNoise != null && dropNegativeNoise;
            randomNoise = randomNoise != null && randomNoise;
            baseline = baseline == null || baseline;
            for (NoiseMode mode : modes) { // fail early, naming the value, rather than after training
                UnlearnableParams.of(mode, eps, stepSize, pgdSteps, modelSteps, stopAccuracy, maxIterations,
                        noiseBatchSize, noiseLr, classSubset, dropNegativeNoise, 0);
            }
            try {
                TrainingConfig.adam(epochs, batchSize, lr, 0);
            } catch (IllegalArgumentException e) {
                throw new LetheException("settings: " + e.getMessage());
            }
            for (Double share : shares) {
                if (share == null || !(share >= 0 && share <= 1)) {
                    throw new LetheException("settings.shares: each must be in [0, 1], found " + share);
                }
            }
        }

        /** The noise settings of {@code mode} for {@code seed}. */
        UnlearnableParams noise(NoiseMode mode, long seed) {
            return UnlearnableParams.of(mode, eps, stepSize, pgdSteps, modelSteps, stopAccuracy, maxIterations,
                    noiseBatchSize, noiseLr, classSubset, dropNegativeNoise, seed);
        }

        /** How every model trains (Adam), shuffled from {@code seed}. */
        TrainingConfig training(long seed) {
            return TrainingConfig.adam(epochs, batchSize, lr, seed);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String summary() {
        return "unlearnable examples: test accuracy and what the model learnt about D_u as the unlearnable share grows";
    }

    @Override
    public Class<Settings> settingsType() {
        return Settings.class;
    }

    @Override
    public StudyReport run(StudySpec spec, Settings s, DatasetCatalog catalog, JobContext ctx) {
        ImageDataset data = StudyData.load(spec, catalog, ctx.slice(0, 0.02));
        SeedMeans means = new SeedMeans();
        List<String> searches = new ArrayList<>();
        List<Long> seeds = spec.seeds();
        int units = seeds.size() * s.modes().size();
        int unit = 0;
        for (long seed : seeds) {
            ModelSpec model = ModelSpec.defaults(s.model(), data.shape(), data.numClasses()).withSeed(seed);
            if (!s.hiddenWidths().isEmpty()) {
                model = model.withHiddenWidths(s.hiddenWidths());
            }
            Map<Double, Map<String, Object>> rows = new LinkedHashMap<>();
            for (int m = 0; m < s.modes().size(); m++) {
                NoiseMode mode = s.modes().get(m);
                JobContext part = ctx.slice(0.02 + 0.98 * unit / units, 0.02 + 0.98 * (unit + 1) / units);
                unit++;
                part.listener().log("seed " + seed + ": " + mode.id() + "-wise noise");
                UnlearnableReport r = UnlearnableExperiment.run(data, new UnlearnableExperiment.Settings(model,
                        s.noise(mode, seed), s.training(seed), s.shares(), s.randomNoise(), s.baseline() && m == 0),
                        part);
                UnlearnableReport.NoiseSummary n = r.noise();
                searches.add(s.randomNoise() ? String.format(Locale.ROOT, "seed %d, %s-wise: random noise", seed,
                        mode.id()) : String.format(Locale.ROOT, "seed %d, %s-wise: %d rounds (%d model steps), "
                        + "%.1f s, noise-model accuracy on the perturbed data %.2f%%%s", seed, mode.id(), n.iterations(),
                        n.modelSteps(), n.seconds(), 100 * n.accuracy(), n.reachedStop() ? "" : " (round cap reached)"));
                for (ShareResult share : r.shares()) {
                    Map<String, Object> row = rows.computeIfAbsent(share.share(), k -> new LinkedHashMap<>());
                    row.put("share", 100 * share.share());
                    row.put("unlearnableCount", share.unlearnableCount());
                    String suffix = suffix(mode);
                    row.put("test" + suffix, pct(share.testAccuracy()));
                    row.put("clean" + suffix, pct(share.cleanAccuracy()));
                    row.put("unlearnable" + suffix, pct(share.unlearnableAccuracy()));
                    row.put("perturbed" + suffix, pct(share.perturbedAccuracy()));
                    if (share.baseline() != null) {
                        row.put("baselineTest", pct(share.baseline().testAccuracy()));
                        row.put("baselineUnlearnable", pct(share.baseline().unlearnableAccuracy()));
                    }
                }
            }
            rows.forEach((share, row) -> means.add(String.valueOf(share), row));
        }
        ctx.progress(1, "done");
        return report(spec, s, data.train().count(), means.means(), searches);
    }

    /** Column-id suffix of a mode: {@code Sample} or {@code Class}. */
    static String suffix(NoiseMode mode) {
        return mode == NoiseMode.CLASS_WISE ? "Class" : "Sample";
    }

    private static Double pct(double fraction) {
        return Double.isNaN(fraction) ? Double.NaN : 100 * fraction;
    }

    private static StudyReport report(StudySpec spec, Settings s, int n, List<Map<String, Object>> rows,
                                      List<String> searches) {
        StudyReport.Builder b = StudyReport.builder(spec).column("share", "unlearnable %", 0)
                .column("unlearnableCount", "|D_u|", 0);
        List<String> testLines = new ArrayList<>();
        List<String> protectLines = new ArrayList<>();
        String noise = s.randomNoise() ? " random" : "";
        for (NoiseMode mode : s.modes()) {
            String x = suffix(mode);
            String name = mode.id() + "-wise" + noise;
            b.column("test" + x, "test, " + name, 2);
            testLines.add("test" + x);
        }
        if (s.baseline()) {
            b.column("baselineTest", "test, D_c only", 2);
            testLines.add("baselineTest");
        }
        for (NoiseMode mode : s.modes()) {
            String x = suffix(mode);
            b.column("unlearnable" + x, "D_u clean, " + mode.id() + "-wise" + noise, 2);
            protectLines.add("unlearnable" + x);
        }
        if (s.baseline()) {
            b.column("baselineUnlearnable", "D_u, D_c-only model", 2);
            protectLines.add("baselineUnlearnable");
        }
        for (NoiseMode mode : s.modes()) {
            String x = suffix(mode);
            b.column("clean" + x, "D_c, " + mode.id() + "-wise" + noise, 2);
            b.column("perturbed" + x, "D_u as trained, " + mode.id() + "-wise" + noise, 2);
        }
        b.chart(new StudyChart("test-accuracy", "Clean test accuracy against the unlearnable share", "share",
                "unlearnable share of the training set (%)", testLines, "test accuracy (%)", false));
        b.chart(new StudyChart("unlearnable-accuracy", "Accuracy on the clean originals of D_u", "share",
                "unlearnable share of the training set (%)", protectLines, "accuracy on clean D_u (%)", false));
        rows.forEach(b::row);
        b.note(String.format(Locale.ROOT, "%s on %,d training images, Adam lr %s, batch %d, %d epochs; noise eps %.4f "
                        + "(%s), %s. Accuracies in %%, mean over seeds %s.", s.model().id(), n, s.lr(), s.batchSize(),
                s.epochs(), s.eps(), s.eps() == UnlearnableParams.PAPER_EPS ? "8/255, the paper's" : "not the paper's 8/255",
                s.randomNoise() ? "uniform random noise (the control)" : "error-minimising (min-min) noise",
                spec.seeds()));
        b.note("How to read it: a share s of the training images (D_u, a seeded random s·n, nested across shares) "
                + "carries the noise, the rest (D_c) stays clean, and each model trains from the same initialisation "
                + "in the same order. Share 0 is ordinary clean training. If the unlearnable part teaches the model "
                + "nothing, the test column follows the 'D_c only' column (a model that never saw D_u), and 'D_u clean' "
                + "(accuracy on the clean originals of the protected images) sits at the D_c-only model's level; "
                + "'D_u as trained' near 100% shows the noise itself was learnt as a shortcut.");
        for (String line : searches) {
            b.note("Noise search, " + line + ".");
        }
        return b.build();
    }
}
