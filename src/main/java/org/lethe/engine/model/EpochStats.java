package org.lethe.engine.model;

/**
 * What one training epoch achieved.
 *
 * @param epoch 0-based epoch number
 * @param lr learning rate used
 * @param meanLoss sample-weighted mean of the batch losses during the epoch
 * @param trainAccuracy running accuracy on the training batches during the epoch (before each step)
 * @param testAccuracy accuracy on the evaluation view after the epoch, or NaN without one
 * @param samples samples processed in the epoch
 * @param seconds wall time of the epoch's training steps (evaluation excluded)
 */
public record EpochStats(int epoch, double lr, double meanLoss, double trainAccuracy, double testAccuracy,
                         long samples, double seconds) {
}
