package org.lethe.engine.unlearning.unlearnable;

import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.Param;

/**
 * Settings of error-minimising noise generation, with the reference code's values as defaults
 * ({@code perturbation.py} and its CIFAR-10 scripts): L-infinity radius 8/255, sign steps of 0.8/255,
 * 20 steps per pass (sample-wise) or 1 (class-wise), 10 training steps of the noise-generation model
 * between noise passes (SGD lr 0.1, momentum 0.9, weight decay 5e-4, gradient norm clipped at 5,
 * batches of 512), stop once the model classifies at least 99% of the perturbed samples correctly
 * (train error 0.01; the README gives 0.1 for class-wise). The reference loops without a limit;
 * {@code maxIterations} caps the number of passes here.
 *
 * @param mode sample-wise or class-wise noise
 * @param eps L-infinity radius of the noise, pixels in [0, 1] (8/255; MNIST is not in the paper,
 *            larger values such as 16/255 are an exploration)
 * @param stepSize size of each sign-gradient step on the input
 * @param pgdSteps descent steps per batch in one noise pass
 * @param modelSteps training steps of the noise-generation model before each noise pass
 * @param stopAccuracy stop when the model's accuracy on the perturbed samples reaches this
 * @param maxIterations at most this many (training steps + noise pass) rounds
 * @param batchSize batch size of the training steps and noise passes
 * @param lr SGD learning rate of the noise-generation model
 * @param momentum SGD momentum
 * @param weightDecay SGD weight decay (coupled L2)
 * @param gradClip largest gradient L2 norm of a training step (0: no clipping)
 * @param classSubset class-wise only: share of the samples the training steps and noise passes use
 *                    (the reference's {@code --use_subset}, {@code universal_train_portion} 0.2)
 * @param dropNegativeNoise the reference code's data loader: noise scaled by 255 and clamped to
 *                          [0, 255] before it is added, so negative components are lost (off: the
 *                          signed noise the paper describes)
 * @param seed seed of every random choice (subset, shuffles, which samples become unlearnable)
 */
public record UnlearnableParams(
        @Param("noise per sample ('sample') or per class ('class')") NoiseMode mode,
        @Param(value = "L-infinity radius of the noise (pixels in [0, 1]); 8/255 in the paper", min = 1e-4, max = 1)
        double eps,
        @Param(value = "size of each sign-gradient step on the input; 0.8/255 in the paper", min = 1e-5, max = 1)
        double stepSize,
        @Param(value = "descent steps per batch in one noise pass (20 sample-wise, 1 class-wise)", min = 1, max = 1000)
        int pgdSteps,
        @Param(value = "training steps of the noise-generation model between noise passes", min = 1, max = 100_000)
        int modelSteps,
        @Param(value = "stop when the model's accuracy on the perturbed samples reaches this", min = 0, max = 1)
        double stopAccuracy,
        @Param(value = "most rounds of training steps and noise pass", min = 1, max = 10_000) int maxIterations,
        @Param(value = "batch size of training steps and noise passes", min = 1, max = 8192) int batchSize,
        @Param(value = "SGD learning rate of the noise-generation model", min = 1e-7, max = 10) double lr,
        @Param(value = "SGD momentum of the noise-generation model", min = 0, max = 0.999) double momentum,
        @Param(value = "SGD weight decay of the noise-generation model", min = 0, max = 0.1) double weightDecay,
        @Param(value = "largest gradient L2 norm per training step, 0 for none", min = 0, max = 1e6) double gradClip,
        @Param(value = "class-wise: share of the samples used for the training steps and noise passes", min = 0.001,
                max = 1) double classSubset,
        @Param("reference-code switch: drop negative noise components when writing the images (off = signed)")
        boolean dropNegativeNoise,
        @Param("seed of the subset, the shuffles and the choice of unlearnable samples") long seed) {

    static final String ID = "unlearnable-examples";

    /** The paper's radius, 8/255. */
    public static final double PAPER_EPS = 8.0 / 255;

    /** The paper's step size, 0.8/255. */
    public static final double PAPER_STEP = 0.8 / 255;

    public UnlearnableParams {
        if (mode == null) {
            throw new MethodParamException(ID + ": mode missing, expected 'sample' or 'class'");
        }
        MethodParamException.checkRange(ID, "eps", eps, 1e-4, 1);
        MethodParamException.checkRange(ID, "stepSize", stepSize, 1e-5, 1);
        MethodParamException.checkRange(ID, "pgdSteps", pgdSteps, 1, 1000);
        MethodParamException.checkRange(ID, "modelSteps", modelSteps, 1, 100_000);
        MethodParamException.checkRange(ID, "stopAccuracy", stopAccuracy, 0, 1);
        MethodParamException.checkRange(ID, "maxIterations", maxIterations, 1, 10_000);
        MethodParamException.checkRange(ID, "batchSize", batchSize, 1, 8192);
        MethodParamException.checkRange(ID, "lr", lr, 1e-7, 10);
        MethodParamException.checkRange(ID, "momentum", momentum, 0, 0.999);
        MethodParamException.checkRange(ID, "weightDecay", weightDecay, 0, 0.1);
        MethodParamException.checkRange(ID, "gradClip", gradClip, 0, 1e6);
        MethodParamException.checkRange(ID, "classSubset", classSubset, 0.001, 1);
    }

    /** Sample-wise defaults (see the class comment), seed 0. */
    public static UnlearnableParams defaults() {
        return defaults(NoiseMode.SAMPLE_WISE);
    }

    /** The reference defaults of a mode: 20 descent steps per pass sample-wise, 1 class-wise; seed 0. */
    public static UnlearnableParams defaults(NoiseMode mode) {
        int steps = mode == NoiseMode.CLASS_WISE ? 1 : 20;
        return new UnlearnableParams(mode, PAPER_EPS, PAPER_STEP, steps, 10, 0.99, 50, 512, 0.1, 0.9, 5e-4, 5.0, 0.2,
                false, 0);
    }

    /**
     * Settings from the choices a user makes (the CLI's options, a study's settings), with the
     * reference optimizer of the noise-generation model for the rest (momentum 0.9, weight decay
     * 5e-4, gradient norm clipped at 5).
     *
     * @param stepSize sign step; null for {@code eps/10}, the paper's ratio (0.8/255 at 8/255)
     * @param pgdSteps descent steps per pass; null for the mode's default (20 sample-wise, 1 class-wise)
     * @throws MethodParamException naming the first value out of range
     */
    public static UnlearnableParams of(NoiseMode mode, double eps, Double stepSize, Integer pgdSteps, int modelSteps,
                                       double stopAccuracy, int maxIterations, int batchSize, double lr,
                                       double classSubset, boolean dropNegativeNoise, long seed) {
        UnlearnableParams d = defaults(mode == null ? NoiseMode.SAMPLE_WISE : mode);
        return new UnlearnableParams(mode, eps, stepSize == null ? eps / 10 : stepSize,
                pgdSteps == null ? d.pgdSteps() : pgdSteps, modelSteps, stopAccuracy, maxIterations, batchSize, lr,
                d.momentum(), d.weightDecay(), d.gradClip(), classSubset, dropNegativeNoise, seed);
    }

    /** These settings with another radius. */
    public UnlearnableParams withEps(double newEps) {
        return new UnlearnableParams(mode, newEps, stepSize, pgdSteps, modelSteps, stopAccuracy, maxIterations,
                batchSize, lr, momentum, weightDecay, gradClip, classSubset, dropNegativeNoise, seed);
    }

    /** These settings with another step size. */
    public UnlearnableParams withStepSize(double newStepSize) {
        return new UnlearnableParams(mode, eps, newStepSize, pgdSteps, modelSteps, stopAccuracy, maxIterations,
                batchSize, lr, momentum, weightDecay, gradClip, classSubset, dropNegativeNoise, seed);
    }

    /** These settings with another number of descent steps per pass. */
    public UnlearnableParams withPgdSteps(int steps) {
        return new UnlearnableParams(mode, eps, stepSize, steps, modelSteps, stopAccuracy, maxIterations,
                batchSize, lr, momentum, weightDecay, gradClip, classSubset, dropNegativeNoise, seed);
    }

    /** These settings with another stop accuracy and iteration cap. */
    public UnlearnableParams withStop(double accuracy, int iterations) {
        return new UnlearnableParams(mode, eps, stepSize, pgdSteps, modelSteps, accuracy, iterations,
                batchSize, lr, momentum, weightDecay, gradClip, classSubset, dropNegativeNoise, seed);
    }

    /** These settings with another batch size and number of training steps per round. */
    public UnlearnableParams withBatches(int newBatchSize, int newModelSteps) {
        return new UnlearnableParams(mode, eps, stepSize, pgdSteps, newModelSteps, stopAccuracy, maxIterations,
                newBatchSize, lr, momentum, weightDecay, gradClip, classSubset, dropNegativeNoise, seed);
    }

    /** These settings with another learning rate of the noise-generation model. */
    public UnlearnableParams withLr(double newLr) {
        return new UnlearnableParams(mode, eps, stepSize, pgdSteps, modelSteps, stopAccuracy, maxIterations,
                batchSize, newLr, momentum, weightDecay, gradClip, classSubset, dropNegativeNoise, seed);
    }

    /** These settings with another class-wise subset share. */
    public UnlearnableParams withClassSubset(double share) {
        return new UnlearnableParams(mode, eps, stepSize, pgdSteps, modelSteps, stopAccuracy, maxIterations,
                batchSize, lr, momentum, weightDecay, gradClip, share, dropNegativeNoise, seed);
    }

    /** These settings with the reference code's negative-noise dropping switched on or off. */
    public UnlearnableParams withDropNegativeNoise(boolean drop) {
        return new UnlearnableParams(mode, eps, stepSize, pgdSteps, modelSteps, stopAccuracy, maxIterations,
                batchSize, lr, momentum, weightDecay, gradClip, classSubset, drop, seed);
    }

    /** These settings with another seed. */
    public UnlearnableParams withSeed(long newSeed) {
        return new UnlearnableParams(mode, eps, stepSize, pgdSteps, modelSteps, stopAccuracy, maxIterations,
                batchSize, lr, momentum, weightDecay, gradClip, classSubset, dropNegativeNoise, newSeed);
    }
}
