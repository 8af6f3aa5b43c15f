/**
 * Adversarial-example construction against a trained {@link org.lethe.engine.model.Network}, used by
 * unlearning methods that train on perturbed copies of the forget set (AMUN's ℓ2 PGD with a doubling
 * radius, boundary shrinking's FGSM). Attacks only read the network they target: its parameters are
 * never changed. Inputs are feature rows in [0, 1] as {@link org.lethe.engine.model.Features} makes
 * them, and adversarial points stay in that box.
 */
package org.lethe.engine.attack;
