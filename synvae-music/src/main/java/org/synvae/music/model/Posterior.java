package org.synvae.music.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The encoder's posterior: mean and standard deviation (softplus), both [B, z].
 *
 * @param mu    means
 * @param sigma standard deviations
 */
public record Posterior(INDArray mu, INDArray sigma) {
}
