package org.lethe.engine.unlearning.unlearnable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.LossAndGradient;
import org.lethe.engine.model.ModelFactory;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.Release;
import org.lethe.engine.model.optim.Optimizer;
import org.lethe.engine.model.optim.Sgd;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Error-minimising ("min-min") noise: {@code min_θ E[min_{‖δ‖∞ ≤ ε} L(f_θ(x + δ), y)]}, searched as the
 * reference code does. All noise starts at zero. Each round
 * <ol>
 *   <li>trains the noise-generation model for {@code modelSteps} batches of perturbed images
 *       {@code clip(x + δ, 0, 1)} (training mode, SGD with momentum and weight decay, gradient norm
 *       clipped); the batch source goes on where the previous round stopped;</li>
 *   <li>runs one noise pass with the model frozen (evaluation mode): per batch, starting from
 *       {@code x' = clip(x + δ, 0, 1)}, {@code pgdSteps} times {@code x' ← x' − α·sign(∇x' CE)},
 *       {@code η = clamp(x' − x, −ε, ε)}, {@code x' = clip(x + η, 0, 1)}; sample-wise noise becomes η,
 *       class-wise noise of class c becomes {@code clamp(mean of η over the batch's samples of c, −ε, ε)};</li>
 *   <li>measures the model's accuracy on the perturbed samples and stops once it reaches
 *       {@code stopAccuracy}, or after {@code maxIterations} rounds.</li>
 * </ol>
 * Sample-wise noise covers every sample of the view, batched in view order without shuffling (so
 * noise stays aligned with its image, as in the reference). Class-wise noise uses a seeded
 * {@code classSubset} share of the view, reshuffled every pass, incomplete batches dropped.
 *
 * <p>Reporting: progress after every round (as a share of {@code maxIterations}), metrics
 * {@code noiseAccuracy} and {@code noiseLoss} per round, one log line per round. Cancellation is
 * checked before every batch.
 */
public final class MinMinNoise {

    private MinMinNoise() {
    }

    /** Builds a fresh noise-generation model from {@code spec} and searches noise for {@code samples}. */
    public static NoiseGeneration generate(ModelSpec spec, IndexView samples, UnlearnableParams params,
                                           JobContext ctx) {
        return generate(ModelFactory.build(spec), samples, params, ctx);
    }

    /**
     * Searches noise for {@code samples} with {@code network} as the noise-generation model; the
     * network is trained in place (its mode is restored at the end).
     *
     * @throws IllegalArgumentException if the view is empty or its images do not fit the network
     */
    public static NoiseGeneration generate(Network network, IndexView samples, UnlearnableParams params,
                                           JobContext ctx) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(ctx, "ctx");
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples to generate noise for: " + samples + " is empty");
        }
        if (!samples.split().shape().equals(network.spec().input())) {
            throw new IllegalArgumentException("images of shape " + samples.split().shape()
                    + " for a network expecting " + network.spec().input());
        }
        boolean wasTraining = network.isTraining();
        try {
            return new Search(network, samples, params).run(ctx);
        } finally {
            network.setTraining(wasTraining);
        }
    }

    /** The state of one search. */
    private static final class Search {
        private final Network net;
        private final ImageSplit split;
        private final int[] index;
        private final int[] label;
        private final int d;
        private final int numClasses;
        private final UnlearnableParams p;
        private final boolean classWise;
        private final float eps;
        private final float alpha;
        /** Sample-wise: one row per view position; class-wise: one row per class. */
        private final float[] noise;
        private final BatchCursor trainBatches;
        private final BatchCursor noiseBatches;
        private final int[] evalPositions;

        Search(Network net, IndexView samples, UnlearnableParams p) {
            this.net = net;
            this.split = samples.split();
            this.index = samples.toArray();
            this.d = split.shape().pixelsPerImage();
            this.numClasses = net.spec().numClasses();
            this.label = new int[index.length];
            for (int i = 0; i < index.length; i++) {
                label[i] = split.label(index[i]);
                if (label[i] >= numClasses) {
                    throw new IllegalArgumentException("sample " + index[i] + " has label " + label[i]
                            + " but the network has " + numClasses + " classes");
                }
            }
            this.p = p;
            this.classWise = p.mode() == NoiseMode.CLASS_WISE;
            this.eps = (float) p.eps();
            this.alpha = (float) p.stepSize();
            this.noise = new float[(classWise ? numClasses : index.length) * d];
            SplittableRandom random = new SplittableRandom(p.seed());
            int[] all = new int[index.length];
            Arrays.setAll(all, i -> i);
            if (classWise) {
                int[] subset = subset(all, p.classSubset(), random.split());
                this.trainBatches = new BatchCursor(subset, p.batchSize(), true, true, random.split());
                this.noiseBatches = new BatchCursor(subset, p.batchSize(), true, true, random.split());
                this.evalPositions = subset;
            } else {
                this.trainBatches = new BatchCursor(all, p.batchSize(), false, false, random.split());
                this.noiseBatches = new BatchCursor(all, p.batchSize(), false, false, random.split());
                this.evalPositions = all;
            }
        }

        /** A seeded share of the positions (at least one), in ascending order. */
        private static int[] subset(int[] positions, double share, SplittableRandom random) {
            int m = (int) Math.max(1, Math.min(positions.length, Math.round(share * positions.length)));
            int[] order = positions.clone();
            for (int i = 0; i < m; i++) {
                int j = i + random.nextInt(order.length - i);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            int[] chosen = Arrays.copyOf(order, m);
            Arrays.sort(chosen);
            return chosen;
        }

        NoiseGeneration run(JobContext ctx) {
            long start = System.nanoTime();
            Optimizer optimizer = new Sgd(p.momentum(), p.weightDecay());
            INDArray params = net.params();
            List<NoiseGeneration.Round> rounds = new ArrayList<>();
            long modelSteps = 0;
            boolean reached = false;
            int iteration = 0;
            while (iteration < p.maxIterations() && !reached) {
                iteration++;
                net.setTraining(true);
                for (int s = 0; s < p.modelSteps(); s++) {
                    ctx.checkCancelled();
                    trainStep(trainBatches.next(), optimizer, params);
                    modelSteps++;
                }
                net.setTraining(false);
                for (int[] batch : noiseBatches.pass()) {
                    ctx.checkCancelled();
                    descend(batch);
                }
                PerturbedScore score = evaluate();
                rounds.add(new NoiseGeneration.Round(iteration, score));
                reached = score.accuracy() >= p.stopAccuracy();
                ctx.listener().metric("noiseAccuracy", iteration, score.accuracy());
                ctx.listener().metric("noiseLoss", iteration, score.meanLoss());
                String line = String.format(Locale.ROOT,
                        "%s-wise noise round %d: accuracy on perturbed %.4f, loss %.4f (%d model steps)",
                        p.mode().id(), iteration, score.accuracy(), score.meanLoss(), modelSteps);
                ctx.listener().log(line);
                ctx.progress(reached ? 1.0 : (double) iteration / p.maxIterations(), line);
            }
            if (!reached) {
                ctx.listener().log(String.format(Locale.ROOT, "noise search stopped after %d rounds at accuracy %.4f "
                        + "on the perturbed data, below the stop accuracy %.4f%s", iteration,
                        rounds.get(rounds.size() - 1).score().accuracy(), p.stopAccuracy(),
                        rounds.get(rounds.size() - 1).score().accuracy() < 2.0 / numClasses
                                ? " (the noise model did not learn; a smaller learning rate may help)" : ""));
            }
            UnlearnableNoise result = classWise ? UnlearnableNoise.classWise(p.eps(), d, numClasses, noise)
                    : UnlearnableNoise.sampleWise(p.eps(), d, index, noise);
            return new NoiseGeneration(result, net, p, iteration, modelSteps, reached, rounds,
                    (System.nanoTime() - start) / 1e9);
        }

        /** One SGD step of the model on perturbed images, gradient norm clipped. */
        private void trainStep(int[] batch, Optimizer optimizer, INDArray params) {
            float[] x = clean(batch);
            addNoise(batch, x);
            INDArray features = Nd4j.create(x, new long[] {batch.length, d}, 'c');
            LossAndGradient lg = net.lossAndGradient(features, labels(batch));
            INDArray grad = lg.gradient();
            if (p.gradClip() > 0) {
                double norm = grad.norm2Number().doubleValue();
                double coefficient = p.gradClip() / (norm + 1e-6);
                if (coefficient < 1) {
                    grad.muli(coefficient);
                }
            }
            optimizer.step(params, grad, p.lr());
            net.setParams(params);
            Release.all(features, grad, lg.logits());
        }

        /** One noise pass over a batch: projected sign descent, then the new noise is stored. */
        private void descend(int[] batch) {
            int b = batch.length;
            float[] x = clean(batch);
            float[] adv = x.clone();
            addNoise(batch, adv);
            float[] eta = new float[b * d];
            int[] y = labels(batch);
            for (int k = 0; k < p.pgdSteps(); k++) {
                INDArray features = Nd4j.create(adv, new long[] {b, d}, 'c');
                INDArray gradient = net.inputGradient(features, y);
                float[] g = gradient.castTo(DataType.FLOAT).reshape('c', new long[] {(long) b * d}).toFloatVector();
                Release.all(features, gradient);
                for (int i = 0; i < adv.length; i++) {
                    float moved = adv[i] - alpha * Math.signum(g[i]);
                    float e = Math.max(-eps, Math.min(eps, moved - x[i]));
                    eta[i] = e;
                    adv[i] = Math.max(0f, Math.min(1f, x[i] + e));
                }
            }
            if (!classWise) {
                for (int j = 0; j < b; j++) {
                    System.arraycopy(eta, j * d, noise, batch[j] * d, d);
                }
                return;
            }
            double[] sum = new double[numClasses * d];
            int[] count = new int[numClasses];
            for (int j = 0; j < b; j++) {
                int c = y[j];
                count[c]++;
                for (int k = 0; k < d; k++) {
                    sum[c * d + k] += eta[j * d + k];
                }
            }
            for (int c = 0; c < numClasses; c++) {
                if (count[c] == 0) {
                    continue;
                }
                for (int k = 0; k < d; k++) {
                    float mean = (float) (sum[c * d + k] / count[c]);
                    noise[c * d + k] = Math.max(-eps, Math.min(eps, mean));
                }
            }
        }

        /** Accuracy and loss of the model on the perturbed evaluation samples. */
        private PerturbedScore evaluate() {
            PerturbedScore.Accumulator acc = new PerturbedScore.Accumulator();
            int chunk = Math.max(p.batchSize(), 256);
            for (int from = 0; from < evalPositions.length; from += chunk) {
                int[] batch = Arrays.copyOfRange(evalPositions, from, Math.min(evalPositions.length, from + chunk));
                float[] x = clean(batch);
                addNoise(batch, x);
                INDArray features = Nd4j.create(x, new long[] {batch.length, d}, 'c');
                INDArray logits = net.logits(features);
                acc.add(logits, labels(batch));
                Release.all(features, logits);
            }
            return acc.score();
        }

        private float[] clean(int[] positions) {
            float[] x = new float[positions.length * d];
            for (int j = 0; j < positions.length; j++) {
                split.copyImageScaled(index[positions[j]], x, j * d);
            }
            return x;
        }

        /** {@code x ← clip(x + δ, 0, 1)} row by row. */
        private void addNoise(int[] positions, float[] x) {
            for (int j = 0; j < positions.length; j++) {
                int off = (classWise ? label[positions[j]] : positions[j]) * d;
                for (int k = 0; k < d; k++) {
                    x[j * d + k] = Math.max(0f, Math.min(1f, x[j * d + k] + noise[off + k]));
                }
            }
        }

        private int[] labels(int[] positions) {
            int[] y = new int[positions.length];
            for (int j = 0; j < positions.length; j++) {
                y[j] = label[positions[j]];
            }
            return y;
        }
    }
}
