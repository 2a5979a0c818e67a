package org.synvae.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch of images with their labels.
 *
 * @param images  [B, H, W, C] float in [0, 1]
 * @param labels  class index per image
 * @param indices position of each image in the data set it came from
 */
public record ImageBatch(INDArray images, int[] labels, int[] indices) {
    /** Number of images. */
    public int size() {
        return labels.length;
    }
}
