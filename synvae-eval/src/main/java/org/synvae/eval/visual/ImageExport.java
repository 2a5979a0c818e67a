package org.synvae.eval.visual;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.data.ImageBatch;
import org.synvae.data.ImageShape;
import org.synvae.data.image.Images;

/**
 * Evaluation exports as image folders: {@code originals/<class>/<index>.png} and
 * {@code reconstructions/<class>/<index>.png}, one sub-folder per class so the image-folder loader
 * reads them back, files named by the item's 6-digit index in the evaluated data.
 */
public final class ImageExport {
    private ImageExport() {
    }

    /** Writes the originals of {@code batch} and their reconstructions {@code recon} [B, H, W, C]. */
    public static void originalsAndReconstructions(Path outDir, ImageBatch batch, INDArray recon, ImageShape shape,
                                                   List<String> classes) throws IOException {
        float[] orig = batch.images().dup('c').data().asFloat();
        float[] rec = recon.dup('c').data().asFloat();
        for (int i = 0; i < batch.size(); i++) {
            Path rel = itemPath(classes, batch.labels()[i], batch.indices()[i], ".png");
            Images.writePng(Images.fromFloats(orig, i * shape.size(), shape), outDir.resolve("originals").resolve(rel));
            Images.writePng(Images.fromFloats(rec, i * shape.size(), shape), outDir.resolve("reconstructions").resolve(rel));
        }
    }

    /** {@code <class>/<index><suffix>}, the class made safe as a folder name. */
    public static Path itemPath(List<String> classes, int label, int index, String suffix) {
        return Path.of(folderName(classes.get(label)), String.format(Locale.ROOT, "%06d%s", index, suffix));
    }

    /** A class name usable as a folder name ("T-shirt/top" -> "T-shirt_top"). */
    public static String folderName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
