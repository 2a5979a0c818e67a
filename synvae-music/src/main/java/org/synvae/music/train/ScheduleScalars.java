package org.synvae.music.train;

import java.io.IOException;
import java.util.Map;
import org.synvae.models.train.TrainingListener;
import org.synvae.models.train.tensorboard.TensorBoardWriter;

/**
 * The training schedules in TensorBoard, beside the losses they shape: every {@code every} steps
 * the KL weight, the scheduled-sampling probability and the learning rate under {@code schedule/}.
 */
public final class ScheduleScalars implements TrainingListener<MelodyBatch> {
    private static final int EVERY = 10;
    private final MusicVaeTraining training;
    private final TensorBoardWriter writer;

    public ScheduleScalars(MusicVaeTraining training, TensorBoardWriter writer) {
        this.training = training;
        this.writer = writer;
    }

    @Override
    public void onTrainStep(int epoch, long step, Map<String, Double> losses) throws IOException {
        if (step % EVERY != 0) {
            return;
        }
        writer.scalar("schedule/beta", step, training.beta(step));
        writer.scalar("schedule/sampling_probability", step, MusicVaeTraining.samplingProbability(training.config(), step));
        writer.scalar("schedule/learning_rate", step, training.model().optimizer().learningRate());
    }
}
