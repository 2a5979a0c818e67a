package org.synvae.models.mine;

/**
 * Settings of a {@link Mine} network and its training. Immutable.
 *
 * @param xDim         dimension of x (visual latents)
 * @param yDim         dimension of y (auditive latents)
 * @param hidden1      first hidden layer (the seed: 128)
 * @param hidden2      second hidden layer (the seed: 64)
 * @param bound        the bound training maximises
 * @param learningRate Adam learning rate (the seed: 1e-3)
 * @param seed         seed of the weight initialisation
 */
public record MineConfig(int xDim, int yDim, int hidden1, int hidden2, MineBound bound, double learningRate, long seed) {
    public MineConfig {
        if (xDim < 1 || yDim < 1 || hidden1 < 1 || hidden2 < 1) {
            throw new IllegalArgumentException("dimensions must be positive");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("the learning rate must be > 0, got " + learningRate);
        }
    }

    /** The seed's network (128, 64) and learning rate (1e-3) for the given input sizes and bound. */
    public static MineConfig seedDefaults(int xDim, int yDim, MineBound bound, long seed) {
        return new MineConfig(xDim, yDim, 128, 64, bound, 1e-3, seed);
    }
}
