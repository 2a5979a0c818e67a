package org.synvae.models.train;

/**
 * Settings of the training loop.
 *
 * @param epochs       train until this epoch (1-based, inclusive)
 * @param seed         seed of batch order and sampling noise
 * @param showProgress draw a progress bar on stderr
 */
public record TrainerConfig(int epochs, long seed, boolean showProgress) {
    public TrainerConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
    }
}
