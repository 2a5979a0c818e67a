package org.synvae.models.classify;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.data.ImageBatch;

/**
 * Images with their classifier targets.
 *
 * @param images  the images, labels and data set positions
 * @param targets [B, classes] one-hot or multi-hot floats
 */
public record ClassifierBatch(ImageBatch images, INDArray targets) {
    /** Number of images. */
    public int size() {
        return images.size();
    }
}
