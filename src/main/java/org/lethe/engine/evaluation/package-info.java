/**
 * Evaluation primitives: {@link org.lethe.engine.evaluation.Predictions} runs a network over an
 * {@link org.lethe.engine.data.IndexView} once and keeps per-sample probabilities, predictions,
 * losses and confidences, from which accuracy (overall and per class), confusion matrices and the
 * inputs of membership-inference attacks and other metrics are computed.
 */
package org.lethe.engine.evaluation;
