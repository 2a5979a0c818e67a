package org.synvae.models.train;

/**
 * Adam's hyper-parameters; the defaults are TensorFlow 1's {@code AdamOptimizer} (the seed's).
 *
 * @param learningRate step size
 * @param beta1        decay of the first-moment estimate
 * @param beta2        decay of the second-moment estimate
 * @param epsilon      added to the root of the second moment
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon) {
    public AdamConfig {
        if (!(learningRate > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("invalid Adam settings " + this);
        }
    }

    /** TF1 defaults with the given learning rate. */
    public static AdamConfig of(double learningRate) {
        return new AdamConfig(learningRate, 0.9, 0.999, 1e-8);
    }
}
