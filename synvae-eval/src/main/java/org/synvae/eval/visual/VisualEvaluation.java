package org.synvae.eval.visual;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.data.Batches;
import org.synvae.data.ImageBatch;
import org.synvae.data.ImageDataset;
import org.synvae.data.ImageShape;
import org.synvae.data.image.Images;
import org.synvae.data.io.AtomicFiles;
import org.synvae.data.io.NdArrays;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;
import org.synvae.eval.metrics.NearestNeighbourPrecision;
import org.synvae.eval.metrics.PrecisionReport;
import org.synvae.models.visual.VisualVae;

/**
 * The seed's vis_analysis: encodes a data set with a trained visual VAE and measures
 * nearest-neighbour precision at ranks in its latent space (on the posterior means, and optionally
 * on posterior samples, which is what the seed measured). Optionally exports the latents as .npy
 * and the originals and reconstructions as PNG folders (one sub-folder per class, so the image
 * folder loader reads them back).
 */
public final class VisualEvaluation {
    private static final Logger LOG = LogManager.getLogger(VisualEvaluation.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What to compute and write.
     *
     * @param ranks         precision ranks k
     * @param batchSize     images per forward pass
     * @param withSamples   also measure on posterior samples
     * @param exportLatents write latent_means.npy (and latent_samples.npy), labels.npy
     * @param exportData    write originals/ and reconstructions/ PNG folders and reconstructions.npy
     * @param seed          seed of the posterior samples
     */
    public record Options(int[] ranks, int batchSize, boolean withSamples, boolean exportLatents, boolean exportData, long seed) {
    }

    /**
     * The outcome.
     *
     * @param means   precision on latent means
     * @param samples precision on latent samples, or null
     */
    public record Result(PrecisionReport means, PrecisionReport samples) {
    }

    private VisualEvaluation() {
    }

    /** Evaluates {@code vae} on {@code data}, writing {@code results.json} and exports to {@code outDir}. */
    public static Result run(VisualVae vae, ImageDataset data, Options options, Path outDir, Map<String, Object> context) throws IOException {
        Files.createDirectories(outDir);
        int n = data.size();
        int dim = vae.config().latentDim();
        float[] means = new float[n * dim];
        float[] samples = options.withSamples() || options.exportLatents() ? new float[n * dim] : null;
        ImageShape shape = data.shape();
        float[] recon = options.exportData() ? new float[n * shape.size()] : null;
        SplittableRandom noise = new SplittableRandom(options.seed());
        int done = 0;
        Batches batches = Batches.evaluation(data, options.batchSize());
        for (ImageBatch batch : batches) {
            Map<String, INDArray> out = vae.infer(batch.images(), noise);
            NdArrays.copyInto(out.get(VisualVae.LATENT_MEAN), means, done * dim);
            if (samples != null) {
                NdArrays.copyInto(out.get(VisualVae.LATENT), samples, done * dim);
            }
            if (recon != null) {
                NdArrays.copyInto(out.get(VisualVae.RECONSTRUCTIONS), recon, done * shape.size());
                ImageExport.originalsAndReconstructions(outDir, batch, out.get(VisualVae.RECONSTRUCTIONS), shape, data.classNames());
            }
            done += batch.size();
            LOG.info("Encoded {}/{} images", done, n);
        }
        int[] labels = data.labels();
        PrecisionReport meanReport = NearestNeighbourPrecision.compute(means, n, dim, labels, options.ranks());
        PrecisionReport sampleReport = options.withSamples()
                ? NearestNeighbourPrecision.compute(samples, n, dim, labels, options.ranks()) : null;

        Map<String, Object> json = new LinkedHashMap<>(context);
        json.put("data", data.name());
        json.put("images", n);
        json.put("latent_dim", dim);
        json.put("distance", "euclidean");
        json.put("precision_latent_means", meanReport.toJsonMap(data.classNames()));
        if (sampleReport != null) {
            json.put("precision_latent_samples", sampleReport.toJsonMap(data.classNames()));
        }
        AtomicFiles.write(outDir.resolve("results.json"), JSON.writeValueAsBytes(json));
        if (options.exportLatents()) {
            Npy.write(outDir.resolve("latent_means.npy"), NpyArray.ofFloats(means, n, dim));
            Npy.write(outDir.resolve("latent_samples.npy"), NpyArray.ofFloats(samples, n, dim));
            Npy.write(outDir.resolve("labels.npy"), NpyArray.ofInts(labels, n));
        }
        if (recon != null) {
            Npy.write(outDir.resolve("reconstructions.npy"),
                    NpyArray.ofFloats(recon, n, shape.height(), shape.width(), shape.channels()));
            Npy.write(outDir.resolve("labels.npy"), NpyArray.ofInts(labels, n));
        }
        for (int k : meanReport.ranks()) {
            LOG.info(String.format(Locale.ROOT, "P@%d (latent means) = %.4f", k, meanReport.precisionAt(k)));
        }
        return new Result(meanReport, sampleReport);
    }

}
