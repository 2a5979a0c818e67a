package org.synvae.models.train;

/**
 * What a checkpoint holds besides the arrays: the epoch it closed and the losses so far.
 *
 * @param epoch         the last completed epoch (1-based)
 * @param trainLoss     average training loss of that epoch
 * @param validLoss     validation loss after that epoch
 * @param bestValidLoss lowest validation loss up to that epoch
 * @param bestEpoch     the epoch of {@code bestValidLoss}
 */
public record CheckpointInfo(int epoch, double trainLoss, double validLoss, double bestValidLoss, int bestEpoch) {
}
