package org.synvae.eval.synesthetic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.data.Batches;
import org.synvae.data.ImageBatch;
import org.synvae.data.ImageDataset;
import org.synvae.data.ImageShape;
import org.synvae.data.io.AtomicFiles;
import org.synvae.data.io.NdArrays;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;
import org.synvae.eval.metrics.CrossRetrieval;
import org.synvae.eval.metrics.Distinctness;
import org.synvae.eval.metrics.NearestNeighbourPrecision;
import org.synvae.eval.metrics.PrecisionReport;
import org.synvae.eval.visual.ImageExport;
import org.synvae.music.MelodyFiles;
import org.synvae.music.model.MusicVae;
import org.synvae.synesthetic.SynestheticVae;

/**
 * The seed's syn_analysis, with the deterministic path of a trained SynVAE (visual posterior mean,
 * argmax melody, audio posterior mean): nearest-neighbour precision in the visual latent space, in
 * the auditive one (the MusicVAE encoder's reading of the music as the model was trained to hand
 * it over) and in the space of the melodies actually played (their one-hot re-encoded), plus how
 * distinct the melodies are and how often a re-encoded melody lands nearest its own image's latent.
 */
public final class SynestheticEvaluation {
    private static final Logger LOG = LogManager.getLogger(SynestheticEvaluation.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The distinctness figure the project reports on the first this-many items. */
    private static final int DISTINCT_SAMPLE = 100;

    /**
     * What to compute and write.
     *
     * @param ranks         precision ranks k
     * @param batchSize     images per forward pass
     * @param exportLatents write vis_latents.npy, aud_latents.npy, melody_latents.npy, tokens.npy, labels.npy
     * @param exportData    write originals/, reconstructions/ (PNG) and melodies/ (MIDI, + WAV if the files say so)
     * @param melodyFiles   how melodies are written with {@code exportData}
     */
    public record Options(int[] ranks, int batchSize, boolean exportLatents, boolean exportData, MelodyFiles melodyFiles) {
    }

    /**
     * The outcome.
     *
     * @param visual         precision in the visual latent space (posterior means)
     * @param auditive       precision in the auditive latent space (the relaxed music as trained)
     * @param melody         precision on the re-encoded melodies actually played
     * @param distinct       fraction of items whose melody no other item has
     * @param distinctFirst  the same over the first 100 items (or all, if fewer)
     * @param selfRetrieval  fraction of re-encoded melodies whose nearest visual latent is their own image's
     * @param reconLoss      mean per-image summed squared error of the reconstructions
     */
    public record Result(PrecisionReport visual, PrecisionReport auditive, PrecisionReport melody, double distinct,
                         double distinctFirst, double selfRetrieval, double reconLoss) {
    }

    private SynestheticEvaluation() {
    }

    /** Evaluates {@code vae} on {@code data}, writing {@code results.json} and exports to {@code outDir}. */
    public static Result run(SynestheticVae vae, ImageDataset data, Options options, Path outDir, Map<String, Object> context) throws IOException {
        Files.createDirectories(outDir);
        int n = data.size();
        int z = vae.config().latentDim();
        int steps = vae.config().music().steps();
        int depth = vae.config().music().depth();
        MusicVae music = vae.musicVae();
        float[] vis = new float[n * z];
        float[] aud = new float[n * z];
        float[] mel = new float[n * z];
        List<int[]> tokens = new ArrayList<>(n);
        ImageShape shape = data.shape();
        double reconSum = 0;
        int done = 0;
        for (ImageBatch batch : Batches.evaluation(data, options.batchSize())) {
            Map<String, INDArray> out = vae.infer(batch.images());
            NdArrays.copyInto(out.get(SynestheticVae.LATENT_MEAN), vis, done * z);
            NdArrays.copyInto(out.get(SynestheticVae.AUDIO_MEAN), aud, done * z);
            INDArray batchTokens = out.get(SynestheticVae.TOKENS);
            INDArray oneHot = Nd4j.zeros(DataType.FLOAT, batch.size(), steps, depth);
            for (int i = 0; i < batch.size(); i++) {
                int[] row = batchTokens.getRow(i).toIntVector();
                tokens.add(row);
                for (int t = 0; t < steps; t++) {
                    oneHot.putScalar(new long[] {i, t, row[t]}, 1f);
                }
            }
            NdArrays.copyInto(music.encode(oneHot).mu(), mel, done * z);
            INDArray diff = batch.images().sub(out.get(SynestheticVae.RECONSTRUCTIONS));
            reconSum += diff.muli(diff).sumNumber().doubleValue();
            if (options.exportData()) {
                ImageExport.originalsAndReconstructions(outDir, batch, out.get(SynestheticVae.RECONSTRUCTIONS), shape, data.classNames());
                for (int i = 0; i < batch.size(); i++) {
                    Path rel = ImageExport.itemPath(data.classNames(), batch.labels()[i], batch.indices()[i], "");
                    options.melodyFiles().write(tokens.get(done + i), outDir.resolve("melodies").resolve(rel.getParent()),
                            rel.getFileName().toString());
                }
            }
            done += batch.size();
            LOG.info("Translated {}/{} images", done, n);
        }
        int[] labels = data.labels();
        PrecisionReport visReport = NearestNeighbourPrecision.compute(vis, n, z, labels, options.ranks());
        PrecisionReport audReport = NearestNeighbourPrecision.compute(aud, n, z, labels, options.ranks());
        PrecisionReport melReport = NearestNeighbourPrecision.compute(mel, n, z, labels, options.ranks());
        double distinct = Distinctness.uniqueFraction(tokens);
        double distinctFirst = Distinctness.uniqueFraction(tokens.subList(0, Math.min(DISTINCT_SAMPLE, n)));
        double self = CrossRetrieval.selfRetrievalRate(Nd4j.create(mel, new long[] {n, z}, 'c'), Nd4j.create(vis, new long[] {n, z}, 'c'));
        Result result = new Result(visReport, audReport, melReport, distinct, distinctFirst, self, reconSum / n);

        Map<String, Object> json = new LinkedHashMap<>(context);
        json.put("data", data.name());
        json.put("images", n);
        json.put("latent_dim", z);
        json.put("decoding", "deterministic: visual posterior mean, argmax melody, audio posterior mean");
        json.put("recon_loss", result.reconLoss());
        json.put("precision_visual", visReport.toJsonMap(data.classNames()));
        json.put("precision_auditive", audReport.toJsonMap(data.classNames()));
        json.put("precision_melody", melReport.toJsonMap(data.classNames()));
        json.put("distinct_melodies", distinct);
        json.put("distinct_melodies_first_" + DISTINCT_SAMPLE, distinctFirst);
        json.put("melody_self_retrieval", self);
        json.put("melody_self_retrieval_chance", 1.0 / n);
        AtomicFiles.write(outDir.resolve("results.json"), JSON.writeValueAsBytes(json));
        if (options.exportLatents()) {
            Npy.write(outDir.resolve("vis_latents.npy"), NpyArray.ofFloats(vis, n, z));
            Npy.write(outDir.resolve("aud_latents.npy"), NpyArray.ofFloats(aud, n, z));
            Npy.write(outDir.resolve("melody_latents.npy"), NpyArray.ofFloats(mel, n, z));
            Npy.write(outDir.resolve("tokens.npy"), NpyArray.ofLongRows(tokens.toArray(new int[0][])));
            Npy.write(outDir.resolve("labels.npy"), NpyArray.ofInts(labels, n));
        }
        LOG.info(String.format(Locale.ROOT, "P@1 visual %.4f, auditive %.4f, melody %.4f; distinct melodies %.3f; self-retrieval %.3f",
                visReport.precisionAt(visReport.ranks()[0]), audReport.precisionAt(audReport.ranks()[0]),
                melReport.precisionAt(melReport.ranks()[0]), distinct, self));
        return result;
    }

}
