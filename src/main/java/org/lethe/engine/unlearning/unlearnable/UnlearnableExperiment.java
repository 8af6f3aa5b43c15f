package org.lethe.engine.unlearning.unlearnable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.BatchHook;
import org.lethe.engine.model.ModelFactory;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.TrainingResult;
import org.lethe.engine.unlearning.MethodParamException;

/**
 * The share sweep of the paper's partial-poisoning experiment: make noise for the whole training
 * split once (as the reference does), then for each share s make a seeded random s·n of the training
 * images unlearnable (D_u), leave the rest clean (D_c), train a fresh model on D_u ∪ D_c with the
 * ordinary {@link Trainer}, and measure its accuracy on the clean test split, on D_c and on the clean
 * originals of D_u.
 *
 * <p>Optionally each share also trains on D_c alone, the model for which D_u "contributed nothing":
 * the paper's reading of partial poisoning is that the unlearnable part adds almost nothing, so the
 * two should be close.
 *
 * <p>The unlearnable sets are nested (each share takes a prefix of one seeded permutation) and every
 * model starts from the same initialisation with the same batch order, so the shares differ only in
 * which images carry noise.
 *
 * <p>Reporting: the noise search takes the first 30% of the progress bar, the trainings share the
 * rest; log lines name each phase. Cancellation is checked between batches throughout.
 */
public final class UnlearnableExperiment {

    /** Salt that separates the choice of D_u from the other random choices of the same seed. */
    private static final long SHARE_SALT = 0x5EED_0F_D0L;

    /**
     * What to run.
     *
     * @param model architecture of the noise-generation model and of the trained models
     * @param noise noise settings (its seed also chooses D_u)
     * @param training how each model is trained on D_u ∪ D_c
     * @param shares shares of the training split to make unlearnable, each in [0, 1]
     * @param randomNoise use uniform random noise of the same radius instead (the paper's control)
     * @param cleanOnlyBaseline also train on D_c alone for each share ({@link ShareResult#baseline()})
     */
    public record Settings(ModelSpec model, UnlearnableParams noise, TrainingConfig training, List<Double> shares,
                           boolean randomNoise, boolean cleanOnlyBaseline) {

        public Settings {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(noise, "noise");
            Objects.requireNonNull(training, "training");
            if (shares == null || shares.isEmpty()) {
                throw new MethodParamException(UnlearnableParams.ID + ": no shares given, expected e.g. 0,0.2,0.4");
            }
            for (Double s : shares) {
                if (s == null || !(s >= 0 && s <= 1)) {
                    throw new MethodParamException(UnlearnableParams.ID + ": share must be in [0, 1], was " + s);
                }
            }
            shares = List.copyOf(shares);
        }

        /** The seed experiment's shares: 0, 20, 40, 60, 80 and 100%. */
        public static List<Double> standardShares() {
            return List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);
        }
    }

    private UnlearnableExperiment() {
    }

    /**
     * Runs the sweep.
     *
     * @throws MethodParamException if the model does not fit the dataset
     */
    public static UnlearnableReport run(ImageDataset data, Settings settings, JobContext ctx) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(settings, "settings");
        ModelSpec spec = settings.model();
        if (!spec.input().equals(data.shape()) || spec.numClasses() != data.numClasses()) {
            throw new MethodParamException(UnlearnableParams.ID + ": model for " + spec.input() + " images and "
                    + spec.numClasses() + " classes cannot train on " + data);
        }
        ImageSplit train = data.train();
        IndexView all = train.all("train");
        UnlearnableParams p = settings.noise();
        UnlearnableNoise noise;
        UnlearnableReport.NoiseSummary summary;
        if (settings.randomNoise()) {
            noise = UnlearnableNoise.random(p.mode(), p.eps(), all, data.numClasses(), p.seed());
            summary = new UnlearnableReport.NoiseSummary(all.size(), 0, 0, false, Double.NaN, Double.NaN,
                    noise.maxAbs(), noise.meanAbs(), 0);
            ctx.listener().log("random " + p.mode().id() + "-wise noise, eps " + p.eps());
        } else {
            NoiseGeneration g = MinMinNoise.generate(spec, all, p, ctx.slice(0, 0.3));
            noise = g.noise();
            summary = new UnlearnableReport.NoiseSummary(all.size(), g.iterations(), g.modelSteps(), g.reachedStop(),
                    g.finalScore().accuracy(), g.finalScore().meanLoss(), noise.maxAbs(), noise.meanAbs(),
                    g.seconds());
        }
        int[] permutation = permutation(train.count(), p.seed() ^ SHARE_SALT);
        IndexView test = data.test().count() == 0 ? null : data.test().all("test");
        List<ShareResult> results = new ArrayList<>();
        List<Double> shares = settings.shares();
        for (int s = 0; s < shares.size(); s++) {
            double share = shares.get(s);
            ctx.checkCancelled();
            ctx.listener().log(String.format(Locale.ROOT, "training with %.0f%% unlearnable", 100 * share));
            double from = 0.3 + 0.7 * s / shares.size();
            double to = 0.3 + 0.7 * (s + 1) / shares.size();
            results.add(trainShare(data, spec, settings.training(), noise, p.dropNegativeNoise(), permutation, share,
                    test, settings.cleanOnlyBaseline(), ctx.slice(from, to)));
        }
        ctx.progress(1.0, "done");
        return new UnlearnableReport(data.name(), data.sha256(), spec, p, settings.training(), settings.randomNoise(),
                summary, results);
    }

    private static ShareResult trainShare(ImageDataset data, ModelSpec spec, TrainingConfig config,
                                          UnlearnableNoise noise, boolean dropNegative, int[] permutation,
                                          double share, IndexView test, boolean baseline, JobContext ctx) {
        ImageSplit train = data.train();
        int n = train.count();
        int k = (int) Math.round(share * n);
        int[] unlearnable = Arrays.copyOfRange(permutation, 0, k);
        int[] clean = Arrays.copyOfRange(permutation, k, n);
        Arrays.sort(unlearnable);
        Arrays.sort(clean);
        ImageSplit perturbed = PerturbedSplit.of(train, noise, unlearnable, dropNegative);
        Network network = ModelFactory.build(spec);
        JobContext main = baseline ? ctx.slice(0, 1.0 / (2 - share)) : ctx;
        TrainingResult r = new Trainer().train(network, perturbed.all("train"), test, config, BatchHook.NONE, main);
        double testAccuracy = test == null ? Double.NaN : r.last().testAccuracy();
        double cleanAccuracy = accuracy(network, new IndexView(perturbed, clean, "clean"));
        double unlearnableAccuracy = accuracy(network, new IndexView(train, unlearnable, "unlearnable"));
        double perturbedAccuracy = accuracy(network, new IndexView(perturbed, unlearnable, "perturbed"));
        ctx.listener().log(String.format(Locale.ROOT,
                "%.0f%% unlearnable (%d images): test %.4f, D_c %.4f, D_u clean %.4f, D_u perturbed %.4f, %.1f s",
                100 * share, k, testAccuracy, cleanAccuracy, unlearnableAccuracy, perturbedAccuracy, r.seconds()));
        ShareResult.Baseline cleanOnly = null;
        if (baseline) {
            cleanOnly = cleanOnly(train, spec, config, clean, unlearnable, test, testAccuracy, unlearnableAccuracy,
                    ctx.slice(1.0 / (2 - share), 1));
        }
        return new ShareResult(share, k, n - k, testAccuracy, cleanAccuracy, unlearnableAccuracy, perturbedAccuracy,
                r.seconds(), cleanOnly);
    }

    /** Trains on D_c alone (reusing the share's own numbers when D_u is empty). */
    private static ShareResult.Baseline cleanOnly(ImageSplit train, ModelSpec spec, TrainingConfig config, int[] clean,
                                                  int[] unlearnable, IndexView test, double ownTest,
                                                  double ownUnlearnable, JobContext ctx) {
        if (unlearnable.length == 0) {
            return new ShareResult.Baseline(ownTest, ownUnlearnable, 0);
        }
        if (clean.length == 0) {
            return new ShareResult.Baseline(Double.NaN, Double.NaN, 0);
        }
        Network network = ModelFactory.build(spec);
        TrainingResult r = new Trainer().train(network, new IndexView(train, clean, "clean"), test, config,
                BatchHook.NONE, ctx);
        double testAccuracy = test == null ? Double.NaN : r.last().testAccuracy();
        double unseen = accuracy(network, new IndexView(train, unlearnable, "unlearnable"));
        ctx.listener().log(String.format(Locale.ROOT, "  D_c only (%d images): test %.4f, D_u clean %.4f, %.1f s",
                clean.length, testAccuracy, unseen, r.seconds()));
        return new ShareResult.Baseline(testAccuracy, unseen, r.seconds());
    }

    private static double accuracy(Network network, IndexView view) {
        return view.isEmpty() ? Double.NaN : Predictions.compute(network, view).accuracy();
    }

    /** A seeded permutation of {@code 0..n-1}; D_u of share s is its first {@code round(s·n)} entries. */
    static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
