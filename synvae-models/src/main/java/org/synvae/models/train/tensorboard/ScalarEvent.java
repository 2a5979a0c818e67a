package org.synvae.models.train.tensorboard;

/**
 * One point of a scalar curve read back from an event file.
 *
 * @param tag the curve's name
 * @param step the training step
 * @param value the logged value, at the float precision TensorBoard stores
 */
public record ScalarEvent(String tag, long step, double value) {
}
