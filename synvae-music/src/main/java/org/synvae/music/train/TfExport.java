package org.synvae.music.train;

import java.io.IOException;
import java.nio.file.Path;
import org.synvae.data.io.NdArrays;
import org.synvae.models.train.EpochResult;
import org.synvae.models.train.TrainingListener;
import org.synvae.music.checkpoint.TfCheckpointWriter;

/**
 * Writes the MusicVAE's weights as a TensorFlow checkpoint after every epoch,
 * {@code <dir>/model.ckpt-<step>} with magenta's variable names, and points the directory's
 * {@code checkpoint} file at it: the result loads in magenta and in {@code synvae music sample}.
 */
public final class TfExport implements TrainingListener<MelodyBatch> {
    private final MusicVaeTraining training;
    private final Path dir;

    public TfExport(MusicVaeTraining training, Path dir) {
        this.training = training;
        this.dir = dir;
    }

    /** The checkpoint prefix for {@code step}. */
    public static Path prefix(Path dir, long step) {
        return dir.resolve("model.ckpt-" + step);
    }

    @Override
    public void onEpochEnd(EpochResult result) throws IOException {
        Path prefix = prefix(dir, result.step());
        TfCheckpointWriter.write(prefix, NdArrays.toNpy(training.musicVaeWeights()));
        TfCheckpointWriter.writeCheckpointStateFile(dir, prefix.getFileName().toString());
    }
}
