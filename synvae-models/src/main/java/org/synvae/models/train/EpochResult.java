package org.synvae.models.train;

import java.util.Map;

/**
 * The outcome of one epoch.
 *
 * @param epoch       1-based epoch number
 * @param step        training steps so far over the whole run
 * @param trainLosses average training losses of the epoch
 * @param validLosses average validation losses after the epoch
 * @param best        whether this epoch has the lowest validation loss so far
 * @param seconds     wall time of the epoch
 */
public record EpochResult(int epoch, long step, Map<String, Double> trainLosses, Map<String, Double> validLosses,
                          boolean best, double seconds) {
    public EpochResult {
        trainLosses = Map.copyOf(trainLosses);
        validLosses = Map.copyOf(validLosses);
    }
}
