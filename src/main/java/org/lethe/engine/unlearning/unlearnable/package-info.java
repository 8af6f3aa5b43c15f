/**
 * Unlearnable examples (Huang et al., ICLR 2021): error-minimising ("min-min") noise within an
 * L-infinity ball that makes images look already learnt, so a model trained on them learns the
 * noise instead of the content. {@link org.lethe.engine.unlearning.unlearnable.MinMinNoise} generates
 * sample-wise or class-wise noise by alternating a few training steps of a noise-generation model
 * with projected sign-gradient descent on the inputs;
 * {@link org.lethe.engine.unlearning.unlearnable.PerturbedSplit} writes the noise into a share D_u of
 * a training split as 8-bit images; {@link org.lethe.engine.unlearning.unlearnable.UnlearnableExperiment}
 * trains on D_u (perturbed) plus D_c (clean) for a list of shares and reports what the model learnt
 * from each part.
 *
 * <p>This is a training-time method: nothing is removed from an existing model; the data owner
 * protects D_u before anyone trains on it.
 */
package org.lethe.engine.unlearning.unlearnable;
