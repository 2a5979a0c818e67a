package org.synvae.music.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the decoder produced: the chosen class per step and the logits it chose from.
 *
 * @param tokens class index per sequence and step, [B][steps]
 * @param logits [B, steps, depth]
 */
public record Decoded(int[][] tokens, INDArray logits) {
}
