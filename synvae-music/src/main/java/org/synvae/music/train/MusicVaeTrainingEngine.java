package org.synvae.music.train;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.data.io.NdArrays;
import org.synvae.models.train.GraphModel;
import org.synvae.music.model.MusicVaePass;
import org.synvae.music.model.MusicVaePassCache;
import org.synvae.music.model.MusicVaePasses;
import org.synvae.music.model.MusicVaeConfig;

/**
 * The MusicVAE training step of {@link MusicVaeTraining}'s graph, computed by the hand-written
 * passes ({@link MusicVaePass}) instead of SameDiff's execution of the unrolled graph: encoder,
 * reparameterised latent, scheduled or teacher-forced decoder, magenta's loss (cross-entropy
 * summed over steps and averaged over the batch, plus beta times the KL above the free bits), its
 * gradients for every weight, and the accuracy. The weights are the graph's own arrays, read in
 * place, so the optimizer's updates are seen by the next step. Same numbers as the graph (tested);
 * a fraction of its time and memory. One call at a time (calls are serialised).
 */
final class MusicVaeTrainingEngine implements GraphModel.Engine {
    private final MusicVaeConfig config;
    private final SameDiff whole;
    private final boolean scheduled;
    private final MusicVaePassCache passes;

    /**
     * @param whole   the training graph, for outputs this path does not compute
     * @param weights the graph's MusicVAE variables (live arrays)
     */
    MusicVaeTrainingEngine(MusicVaeConfig config, SameDiff whole, Map<String, INDArray> weights, boolean scheduled) {
        this(config, whole, weights, scheduled, MusicVaePasses::parallelParts);
    }

    /** @param partsFor into how many parts a batch of a size is cut (tests force a split with it) */
    MusicVaeTrainingEngine(MusicVaeConfig config, SameDiff whole, Map<String, INDArray> weights, boolean scheduled, IntUnaryOperator partsFor) {
        this.config = config;
        this.whole = whole;
        this.scheduled = scheduled;
        this.passes = new MusicVaePassCache(new MusicVaePasses(config, weights), partsFor);
    }

    static boolean available() {
        return MusicVaePasses.available();
    }

    @Override
    public synchronized OutAndGrad step(Map<String, INDArray> feeds, List<String> outputs, List<String> trainable) {
        if (!MusicVaeTraining.LOSSES.containsAll(outputs)) {
            throw new IllegalArgumentException("a MusicVAE training step computes only " + MusicVaeTraining.LOSSES + ", not " + outputs);
        }
        Batch batch = forward(feeds);
        int z = config.zSize();
        List<Map<String, INDArray>> partGradients = IntStream.range(0, batch.parts.length).parallel().mapToObj(i -> {
            Part p = batch.parts[i];
            float[] dz = p.pass.latentGradient(p.logitsGradient);
            Map<String, INDArray> g = new HashMap<>(p.pass.decoderWeightGradients());
            int rows = p.klPerWindow.length;
            float[] dMean = new float[rows * z];
            float[] dSigma = new float[rows * z];
            for (int r = 0; r < rows; r++) {
                // d(mean over the batch of max(KL_r - free, 0)) / d KL_r, times beta.
                float dKl = p.klPerWindow[r] - batch.freeNats > 0 ? batch.beta / batch.size : 0f;
                for (int k = r * z; k < (r + 1) * z; k++) {
                    dMean[k] = dz[k] + dKl * p.mean[k];
                    dSigma[k] = dz[k] * p.epsilon[k] + dKl * (p.sigma[k] - 1f / p.sigma[k]);
                }
            }
            p.pass.inputGradient(dMean, dSigma);
            g.putAll(p.pass.encoderWeightGradients());
            return g;
        }).toList();
        Map<String, INDArray> wanted = new LinkedHashMap<>();
        for (String name : trainable) {
            INDArray sum = null;
            for (Map<String, INDArray> g : partGradients) {
                INDArray part = g.get(name);
                if (part == null) {
                    throw new IllegalArgumentException("no gradient for '" + name + "' in a MusicVAE training step");
                }
                sum = sum == null ? part : sum.addi(part);
            }
            wanted.put(name, sum);
        }
        return new OutAndGrad(select(batch.values, outputs), wanted);
    }

    @Override
    public synchronized Map<String, INDArray> outputs(Map<String, INDArray> feeds, List<String> outputs) {
        if (!MusicVaeTraining.LOSSES.containsAll(outputs)) {
            return GraphModel.output(whole, feeds, outputs);
        }
        return select(forward(feeds).values, outputs);
    }

    /** One part of a batch after the forward pass: what its backward pass needs. */
    private record Part(MusicVaePass pass, float[] mean, float[] sigma, float[] epsilon, float[] klPerWindow,
                        float[] logitsGradient, double crossEntropy, int hits) {
    }

    /** The forward pass of a batch: its parts, its reported values, and the loss's constants. */
    private record Batch(Part[] parts, int size, float beta, double freeNats, Map<String, INDArray> values) {
    }

    /** The forward pass, the batch cut in parts on the free cores (each row is independent until the means). */
    private Batch forward(Map<String, INDArray> feeds) {
        float[] sequences = NdArrays.floats(feeds.get(MusicVaeTraining.SEQUENCES));
        float[] epsilon = NdArrays.floats(feeds.get(MusicVaeTraining.EPSILON));
        float beta = feeds.get(MusicVaeTraining.BETA).getFloat(0);
        INDArray maskArray = feeds.get(MusicVaeTraining.SAMPLING_MASK);
        INDArray noiseArray = feeds.get(MusicVaeTraining.SAMPLING_NOISE);
        if (scheduled != (maskArray != null) || scheduled != (noiseArray != null)) {
            throw new IllegalArgumentException(scheduled ? "a scheduled-sampling step needs the sampling mask and noise"
                    : "a teacher-forced step takes no sampling mask or noise");
        }
        float[] mask = scheduled ? NdArrays.floats(maskArray) : null;
        float[] noise = scheduled ? NdArrays.floats(noiseArray) : null;
        int steps = config.steps();
        int depth = config.depth();
        int z = config.zSize();
        int b = sequences.length / (steps * depth);
        MusicVaePass[] partPasses = passes.forBatch(b);
        int parts = partPasses.length;
        int[] from = MusicVaePasses.partBounds(b, parts);
        int perRow = steps * depth;
        Part[] done = new Part[parts];
        IntStream.range(0, parts).parallel().forEach(p -> {
            int r0 = from[p];
            int rows = from[p + 1] - r0;
            done[p] = part(partPasses[p], b, slice(sequences, r0 * perRow, rows * perRow), slice(epsilon, r0 * z, rows * z),
                    mask == null ? null : slice(mask, r0 * steps, rows * steps), noise == null ? null : slice(noise, r0 * perRow, rows * perRow));
        });
        double freeNats = config.freeBits() * Math.log(2.0);
        double ce = 0;
        int hits = 0;
        double klMean = 0;
        double klCost = 0;
        for (Part p : done) {
            ce += p.crossEntropy;
            hits += p.hits;
            for (float kl : p.klPerWindow) {
                klMean += kl;
                klCost += Math.max(kl - freeNats, 0);
            }
        }
        klMean /= b;
        klCost /= b;
        float recon = (float) (ce / b);
        Map<String, INDArray> values = new HashMap<>();
        values.put(MusicVaeTraining.LOSS, Nd4j.scalar((float) (recon + beta * klCost)));
        values.put(MusicVaeTraining.RECON_LOSS, Nd4j.scalar(recon));
        values.put(MusicVaeTraining.KL, Nd4j.scalar((float) klMean));
        values.put(MusicVaeTraining.ACCURACY, Nd4j.scalar((float) hits / (b * steps)));
        return new Batch(done, b, beta, freeNats, values);
    }

    /** Encoder, latent sample, decoder and the cross-entropy's gradient for some rows of a batch of {@code batchSize}. */
    private Part part(MusicVaePass pass, int batchSize, float[] sequences, float[] epsilon, float[] mask, float[] noise) {
        int steps = config.steps();
        int depth = config.depth();
        int z = config.zSize();
        int b = pass.batch();
        pass.encode(sequences);
        float[] mean = pass.mean().clone();
        float[] sigma = pass.sigma().clone();
        float[] latent = new float[b * z];
        float[] klPerWindow = new float[b];
        for (int i = 0; i < b; i++) {
            double kl = 0;
            for (int k = i * z; k < (i + 1) * z; k++) {
                latent[k] = mean[k] + sigma[k] * epsilon[k];
                kl += 0.5 * (mean[k] * mean[k] + sigma[k] * sigma[k] - 1) - Math.log(sigma[k]);
            }
            klPerWindow[i] = (float) kl;
        }
        pass.decodeScheduled(latent, sequences, mask, noise);
        float[] logits = pass.logits();
        // Softmax cross-entropy per step; the loss is its mean over all B * steps rows times steps,
        // so each row's gradient is (softmax - target) / B.
        int rows = b * steps;
        float[] dLogits = new float[logits.length];
        double ce = 0;
        int hits = 0;
        for (int r = 0; r < rows; r++) {
            int o = r * depth;
            float max = Float.NEGATIVE_INFINITY;
            int best = 0;
            int target = 0;
            for (int d = 0; d < depth; d++) {
                if (logits[o + d] > max) {
                    max = logits[o + d];
                    best = d;
                }
                if (sequences[o + d] > sequences[o + target]) {
                    target = d;
                }
            }
            double sum = 0;
            for (int d = 0; d < depth; d++) {
                sum += Math.exp(logits[o + d] - max);
            }
            double logSum = Math.log(sum) + max;
            for (int d = 0; d < depth; d++) {
                double p = Math.exp(logits[o + d] - logSum);
                ce -= sequences[o + d] * (logits[o + d] - logSum);
                dLogits[o + d] = (float) ((p - sequences[o + d]) / batchSize);
            }
            if (best == target) {
                hits++;
            }
        }
        return new Part(pass, mean, sigma, epsilon, klPerWindow, dLogits, ce, hits);
    }

    private static float[] slice(float[] a, int from, int length) {
        return java.util.Arrays.copyOfRange(a, from, from + length);
    }

    private static Map<String, INDArray> select(Map<String, INDArray> values, List<String> names) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, values.get(n));
        }
        return out;
    }
}
