/**
 * The training engine's core: {@link org.lethe.engine.model.ModelSpec} describes a network,
 * {@link org.lethe.engine.model.ModelFactory} is the only place networks are built, and
 * {@link org.lethe.engine.model.Network} is the one interface every unlearning method sees. It exposes
 * the primitives those methods need (flat parameter vector, batch loss and gradient, gradients for a
 * caller-made loss on the logits, input gradients, per-sample losses, deep copies) without revealing
 * which DL4J API computes them. {@link org.lethe.engine.model.Trainer} trains a network on an
 * {@link org.lethe.engine.data.IndexView} with our own flat-vector optimizers
 * ({@link org.lethe.engine.model.optim}) and an optional seeded
 * {@link org.lethe.engine.model.Augmentation}, records the batch order so a run can be replayed (with
 * samples removed, for DeltaGrad), and reports progress through a
 * {@link org.lethe.engine.job.JobContext}.
 */
package org.lethe.engine.model;
