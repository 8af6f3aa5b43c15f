package org.lethe.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.job.CancellationToken;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.unlearning.unlearnable.NoiseMode;
import org.lethe.engine.unlearning.unlearnable.ShareResult;
import org.lethe.engine.unlearning.unlearnable.UnlearnableExperiment;
import org.lethe.engine.unlearning.unlearnable.UnlearnableParams;
import org.lethe.engine.unlearning.unlearnable.UnlearnableReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lethe unlearnable}: makes error-minimising noise for the training split, then for each share
 * of unlearnable data trains a model on D_u (perturbed) ∪ D_c (clean) and reports its accuracy on
 * the clean test split, on D_c and on the clean originals of D_u.
 */
@Command(name = "unlearnable", mixinStandardHelpOptions = true,
        description = "Unlearnable examples (error-minimising noise): train on a share of perturbed data, "
                + "report what the model learnt from each part.")
final class UnlearnableCommand implements Callable<Integer> {

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--mode", defaultValue = "sample", description = "sample or class (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--eps", defaultValue = "8/255",
            description = "L-infinity radius, a number or a fraction such as 16/255 (default: ${DEFAULT-VALUE}).")
    String eps;

    @Option(names = "--step-size", description = "Sign step on the input (default: eps/10, the paper's 0.8/255 at 8/255).")
    String stepSize;

    @Option(names = "--pgd-steps", description = "Descent steps per noise pass (default: 20 sample-wise, 1 class-wise).")
    Integer pgdSteps;

    @Option(names = "--model-steps", defaultValue = "10",
            description = "Training steps of the noise model between noise passes (default: ${DEFAULT-VALUE}).")
    int modelSteps;

    @Option(names = "--stop-accuracy", defaultValue = "0.99",
            description = "Stop the noise search at this accuracy on the perturbed data (default: ${DEFAULT-VALUE}).")
    double stopAccuracy;

    @Option(names = "--max-iterations", defaultValue = "50",
            description = "Most rounds of the noise search (default: ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--noise-batch-size", defaultValue = "512",
            description = "Batch size of the noise search (default: ${DEFAULT-VALUE}).")
    int noiseBatchSize;

    @Option(names = "--noise-lr", defaultValue = "0.1",
            description = "SGD learning rate of the noise model (default: ${DEFAULT-VALUE}).")
    double noiseLr;

    @Option(names = "--class-subset", defaultValue = "0.2",
            description = "Class-wise: share of the data the search uses (default: ${DEFAULT-VALUE}).")
    double classSubset;

    @Option(names = "--drop-negative-noise",
            description = "Reference-code behaviour: drop negative noise components when writing the images.")
    boolean dropNegative;

    @Option(names = "--random-noise", description = "Control: uniform random noise of the same radius instead.")
    boolean randomNoise;

    @Option(names = "--no-baseline", description = "Skip the comparison model trained on D_c alone for each share.")
    boolean noBaseline;

    @Option(names = "--shares", defaultValue = "0,0.2,0.4,0.6,0.8,1", split = ",",
            description = "Shares of the training data made unlearnable (default: ${DEFAULT-VALUE}).")
    List<Double> shares;

    @Option(names = "--model", defaultValue = "mlp",
            description = "Architecture of the noise model and the trained models (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--epochs", defaultValue = "3", description = "Training epochs per share (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate of training (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed for initialisation, shuffles, the noise search and the choice of D_u (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        NoiseMode noiseMode = NoiseMode.fromId(mode);
        double radius = number("--eps", eps);
        Double step = stepSize == null ? null : number("--step-size", stepSize);
        UnlearnableParams params = UnlearnableParams.of(noiseMode, radius, step, pgdSteps, modelSteps, stopAccuracy,
                maxIterations, noiseBatchSize, noiseLr, classSubset, dropNegative, seed);
        engine.apply();
        ImageDataset data = dataOptions.load();
        ModelSpec modelSpec = ModelSpec.defaults(Architecture.fromId(model), data.shape(), data.numClasses())
                .withSeed(seed);
        TrainingConfig config;
        try {
            config = TrainingConfig.adam(epochs, batchSize, lr, seed);
        } catch (IllegalArgumentException e) {
            throw new LetheException("unlearnable: " + e.getMessage());
        }
        JobContext ctx = new JobContext(new StderrProgress(spec.commandLine().getErr(), json), new CancellationToken());
        UnlearnableReport report = UnlearnableExperiment.run(data,
                new UnlearnableExperiment.Settings(modelSpec, params, config, shares, randomNoise, !noBaseline), ctx);
        if (json) {
            out.println(Json.write(toJson(report)));
        } else {
            print(out, report);
        }
        return 0;
    }

    private static Map<String, Object> toJson(UnlearnableReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "unlearnable-examples");
        m.put("dataset", r.datasetName());
        m.put("trainCount", r.noise().samples());
        m.put("model", r.model().architecture().id());
        m.put("mode", r.params().mode().id());
        m.put("eps", r.params().eps());
        m.put("stepSize", r.params().stepSize());
        m.put("pgdSteps", r.params().pgdSteps());
        m.put("dropNegativeNoise", r.params().dropNegativeNoise());
        m.put("randomNoise", r.randomNoise());
        m.put("epochs", r.training().epochs());
        m.put("seed", r.params().seed());
        m.put("noiseSeconds", r.noise().seconds());
        m.put("noiseSteps", r.noise().iterations());
        m.put("noiseModelSteps", r.noise().modelSteps());
        m.put("noiseReachedStop", r.noise().reachedStop());
        m.put("noiseAccuracy", percent(r.noise().accuracy()));
        m.put("noiseMaxAbs", r.noise().maxAbs());
        m.put("noiseMeanAbs", r.noise().meanAbs());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ShareResult s : r.shares()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("share", s.share());
            row.put("unlearnableCount", s.unlearnableCount());
            row.put("testAccuracy", percent(s.testAccuracy()));
            row.put("cleanAccuracy", percent(s.cleanAccuracy()));
            row.put("unlearnableAccuracy", percent(s.unlearnableAccuracy()));
            row.put("perturbedAccuracy", percent(s.perturbedAccuracy()));
            row.put("seconds", s.trainSeconds());
            if (s.baseline() != null) {
                row.put("baselineTestAccuracy", percent(s.baseline().testAccuracy()));
                row.put("baselineUnlearnableAccuracy", percent(s.baseline().unlearnableAccuracy()));
                row.put("baselineSeconds", s.baseline().trainSeconds());
            }
            rows.add(row);
        }
        m.put("shares", rows);
        return m;
    }

    private static void print(PrintWriter out, UnlearnableReport r) {
        UnlearnableReport.NoiseSummary n = r.noise();
        if (r.randomNoise()) {
            out.printf(Locale.ROOT, "%s: random %s-wise noise, eps %.4f (control)%n", r.datasetName(),
                    r.params().mode().id(), r.params().eps());
        } else {
            out.printf(Locale.ROOT, "%s: %s-wise min-min noise, eps %.4f: %d rounds (%d model steps), %.1f s, "
                            + "noise-model accuracy on perturbed data %.2f%%%s%n", r.datasetName(),
                    r.params().mode().id(), r.params().eps(), n.iterations(), n.modelSteps(), n.seconds(),
                    100 * n.accuracy(), n.reachedStop() ? "" : " (iteration cap reached"
                            + (n.accuracy() < 2.0 / r.model().numClasses() ? ": the noise model did not learn, try a "
                            + "smaller --noise-lr)" : ")"));
        }
        out.printf("%-7s %8s %8s %10s %12s %10s %8s %14s %14s%n", "share", "|D_u|", "test", "D_c", "D_u clean",
                "D_u noisy", "seconds", "D_c-only test", "D_c-only D_u");
        for (ShareResult s : r.shares()) {
            ShareResult.Baseline b = s.baseline();
            out.printf(Locale.ROOT, "%6.0f%% %8d %8s %10s %12s %10s %8.1f %14s %14s%n", 100 * s.share(),
                    s.unlearnableCount(), text(s.testAccuracy()), text(s.cleanAccuracy()),
                    text(s.unlearnableAccuracy()), text(s.perturbedAccuracy()), s.trainSeconds(),
                    b == null ? "" : text(b.testAccuracy()), b == null ? "" : text(b.unlearnableAccuracy()));
        }
    }

    /** An accuracy in percent, or null (JSON null) for an empty set. */
    private static Double percent(double fraction) {
        return Double.isNaN(fraction) ? null : 100 * fraction;
    }

    private static String text(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.2f", 100 * fraction);
    }

    /** Parses "0.031" or "8/255". */
    static double number(String option, String text) {
        try {
            String t = text.trim();
            int slash = t.indexOf('/');
            if (slash < 0) {
                return Double.parseDouble(t);
            }
            double num = Double.parseDouble(t.substring(0, slash).trim());
            double den = Double.parseDouble(t.substring(slash + 1).trim());
            if (den == 0) {
                throw new NumberFormatException("division by zero");
            }
            return num / den;
        } catch (NumberFormatException e) {
            throw new LetheException(option + " must be a number or a fraction such as 8/255, was '" + text + "'");
        }
    }
}
