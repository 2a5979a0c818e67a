package org.synvae.models.train;

import java.io.IOException;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Side jobs of a training run (exports, TensorBoard, logs), called by {@link Trainer}.
 *
 * @param <B> the batch type
 */
public interface TrainingListener<B> {

    /** After each training step, with that step's losses. {@code step} counts from 1 over the whole run. */
    default void onTrainStep(int epoch, long step, Map<String, Double> losses) throws IOException {
    }

    /** After each validation batch, with its losses and validation outputs. */
    default void onValidationBatch(int epoch, int batchIndex, B batch, Map<String, INDArray> outputs) throws IOException {
    }

    /** After each epoch's validation and checkpoint. */
    default void onEpochEnd(EpochResult result) throws IOException {
    }
}
