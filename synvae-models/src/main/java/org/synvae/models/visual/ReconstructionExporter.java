package org.synvae.models.visual;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.data.ImageBatch;
import org.synvae.data.ImageShape;
import org.synvae.data.image.Images;
import org.synvae.models.train.TrainingListener;
import org.synvae.models.train.tensorboard.TensorBoardWriter;

/**
 * Validation exports of a visual VAE, as the seed writes them: every {@code every}-th validation
 * batch, the first image's original ({@code <batch>_<epoch>_orig.png}, once) and reconstruction
 * ({@code <batch>_<epoch>_recon.png}) in the experiment's {@code output/}; and, if a TensorBoard
 * writer is given, a strip of originals over reconstructions from the first batch every epoch.
 */
public final class ReconstructionExporter implements TrainingListener<ImageBatch> {
    private static final int STRIP = 8;
    private final Path outputDir;
    private final int every;
    private final ImageShape shape;
    private final TensorBoardWriter tensorBoard;

    /**
     * @param every export every this many validation batches; 0 disables the PNG files
     */
    public ReconstructionExporter(Path outputDir, int every, ImageShape shape, TensorBoardWriter tensorBoard) {
        this.outputDir = outputDir;
        this.every = every;
        this.shape = shape;
        this.tensorBoard = tensorBoard;
    }

    @Override
    public void onValidationBatch(int epoch, int batchIndex, ImageBatch batch, Map<String, INDArray> outputs) throws IOException {
        INDArray recon = outputs.get(VisualVae.RECONSTRUCTIONS);
        if (every > 0 && batchIndex % every == 0) {
            Path orig = outputDir.resolve(batchIndex + "_orig.png");
            if (!Files.exists(orig)) {
                Images.writePng(image(batch.images(), 0), orig);
            }
            Images.writePng(image(recon, 0), outputDir.resolve(batchIndex + "_" + epoch + "_recon.png"));
        }
        if (tensorBoard != null && batchIndex == 0) {
            tensorBoard.image("validation/originals_over_reconstructions", epoch, strip(batch.images(), recon));
        }
    }

    private BufferedImage image(INDArray images, int index) {
        float[] pixels = images.get(org.nd4j.linalg.indexing.NDArrayIndex.point(index)).dup('c').data().asFloat();
        return Images.fromFloats(pixels, 0, shape);
    }

    /** Up to 8 originals in the top row, their reconstructions below. */
    private BufferedImage strip(INDArray originals, INDArray recon) {
        int n = (int) Math.min(STRIP, originals.size(0));
        BufferedImage out = new BufferedImage(n * shape.width(), 2 * shape.height(), BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        try {
            for (int i = 0; i < n; i++) {
                g.drawImage(image(originals, i), i * shape.width(), 0, null);
                g.drawImage(image(recon, i), i * shape.width(), shape.height(), null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
