package org.synvae.models.mine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch of paired latents.
 *
 * @param x rows of x [B, xDim]
 * @param y rows of y [B, yDim], row i paired with row i of x
 */
public record PairBatch(INDArray x, INDArray y) {
    /** Number of pairs. */
    public int size() {
        return (int) x.size(0);
    }
}
