package org.synvae.synesthetic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.data.ImageBatch;
import org.synvae.models.train.TrainingListener;
import org.synvae.music.MelodyFiles;

/**
 * Validation exports of a SynVAE, as the seed writes them next to the image exports: every
 * {@code every}-th validation batch, the melody of its first image as {@code <batch>_<epoch>_melody.mid}
 * (and .wav if the {@link MelodyFiles} say so) in the experiment's {@code output/}.
 */
public final class MelodyExporter implements TrainingListener<ImageBatch> {
    private final Path outputDir;
    private final int every;
    private final MelodyFiles files;

    /** @param every export every this many validation batches; 0 disables it */
    public MelodyExporter(Path outputDir, int every, MelodyFiles files) {
        this.outputDir = outputDir;
        this.every = every;
        this.files = files;
    }

    @Override
    public void onValidationBatch(int epoch, int batchIndex, ImageBatch batch, Map<String, INDArray> outputs) throws IOException {
        if (every > 0 && batchIndex % every == 0) {
            INDArray tokens = outputs.get(SynestheticVae.TOKENS);
            files.write(tokens.getRow(0).toIntVector(), outputDir, batchIndex + "_" + epoch + "_melody");
        }
    }
}
