package org.synvae.music.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch of melody windows for training.
 *
 * @param sequences one-hot melodies [size, steps, depth]
 * @param size      number of windows
 */
public record MelodyBatch(INDArray sequences, int size) {
}
