package org.synvae.models.visual;

/**
 * Hyper-parameters of a visual VAE. Immutable; {@code with...} methods give changed copies.
 *
 * @param architecture registered architecture name ({@link VisualArchitecture#names()})
 * @param latentDim    latent size
 * @param beta         weight of the KL term
 * @param learningRate Adam learning rate
 * @param seed         seed of the weight initialisation
 */
public record VisualVaeConfig(String architecture, int latentDim, double beta, double learningRate, long seed) {
    public VisualVaeConfig {
        VisualArchitecture.byName(architecture);
        if (latentDim < 1) {
            throw new IllegalArgumentException("latent dimension must be positive, got " + latentDim);
        }
        if (!(beta >= 0) || !(learningRate > 0)) {
            throw new IllegalArgumentException("beta must be >= 0 and the learning rate > 0");
        }
    }

    /** The seed's settings for an architecture: its default latent size, beta 1, Adam 1e-3. */
    public static VisualVaeConfig defaults(String architecture, long seed) {
        return new VisualVaeConfig(architecture, VisualArchitecture.byName(architecture).defaultLatent(), 1.0, 1e-3, seed);
    }

    public VisualVaeConfig withLatentDim(int latent) {
        return new VisualVaeConfig(architecture, latent, beta, learningRate, seed);
    }

    public VisualVaeConfig withBeta(double b) {
        return new VisualVaeConfig(architecture, latentDim, b, learningRate, seed);
    }

    /** The architecture this config names. */
    public VisualArchitecture arch() {
        return VisualArchitecture.byName(architecture);
    }
}
