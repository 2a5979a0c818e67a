package org.synvae.models.train;

import java.io.IOException;
import java.util.Map;
import org.synvae.models.train.tensorboard.TensorBoardWriter;

/**
 * Loss curves in TensorBoard: every training step's losses under {@code train_step/}, and per
 * epoch the averages under {@code train/} and {@code validation/}.
 *
 * @param <B> the batch type
 */
public final class TensorBoardLosses<B> implements TrainingListener<B> {
    private final TensorBoardWriter writer;

    public TensorBoardLosses(TensorBoardWriter writer) {
        this.writer = writer;
    }

    @Override
    public void onTrainStep(int epoch, long step, Map<String, Double> losses) throws IOException {
        for (Map.Entry<String, Double> e : losses.entrySet()) {
            writer.scalar("train_step/" + e.getKey(), step, e.getValue());
        }
    }

    @Override
    public void onEpochEnd(EpochResult result) throws IOException {
        for (Map.Entry<String, Double> e : result.trainLosses().entrySet()) {
            writer.scalar("train/" + e.getKey(), result.epoch(), e.getValue());
        }
        for (Map.Entry<String, Double> e : result.validLosses().entrySet()) {
            writer.scalar("validation/" + e.getKey(), result.epoch(), e.getValue());
        }
    }
}
