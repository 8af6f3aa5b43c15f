/**
 * Optimizers and learning-rate schedules implemented on flat parameter vectors, so that every
 * training and unlearning method gets the same update semantics (PyTorch's), hand-made gradients go
 * through the same path as built-in ones, and masked or frozen parameters stay exactly unchanged.
 * State is kept in double precision on the Java heap.
 */
package org.lethe.engine.model.optim;
