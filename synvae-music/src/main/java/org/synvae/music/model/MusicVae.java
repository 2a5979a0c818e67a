package org.synvae.music.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.synvae.models.visual.GaussianLatent;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A trained MusicVAE (magenta's flat {@code cat-mel_*} and hierarchical {@code hierdec-mel_*}
 * models) for inference: encode sequences to a posterior, decode latents to melodies (argmax or
 * sampling at a temperature), sample from the prior, interpolate. Step-by-step decoding with
 * feedback runs on preallocated arrays with one matrix product per layer and step
 * ({@link LstmStepper}), not on a SameDiff graph, whose per-operation bookkeeping would dominate.
 */
public final class MusicVae {
    private static final int MIN_ROWS_PER_PART = 16;
    private final MusicVaeConfig config;
    private final List<LstmCell[]> encoder = new ArrayList<>();
    private final INDArray muKernel;
    private final INDArray muBias;
    private final INDArray sigmaKernel;
    private final INDArray sigmaBias;
    private final LatentDecoder decoder;

    private MusicVae(MusicVaeConfig config, Function<String, INDArray> w) {
        this.config = config;
        for (int l = 0; l < config.encoderSizes().size(); l++) {
            encoder.add(new LstmCell[] {
                new LstmCell(w.apply(MusicVaeVariables.encoderKernel(l, "fw")), w.apply(MusicVaeVariables.encoderBias(l, "fw"))),
                new LstmCell(w.apply(MusicVaeVariables.encoderKernel(l, "bw")), w.apply(MusicVaeVariables.encoderBias(l, "bw")))});
        }
        muKernel = w.apply(MusicVaeVariables.MU_KERNEL);
        muBias = w.apply(MusicVaeVariables.MU_BIAS).reshape(1, config.zSize());
        sigmaKernel = w.apply(MusicVaeVariables.SIGMA_KERNEL);
        sigmaBias = w.apply(MusicVaeVariables.SIGMA_BIAS).reshape(1, config.zSize());
        decoder = config.hierarchical() ? hierarchicalDecoder(config, w) : flatDecoder(config, w);
    }

    /**
     * A model from named tensors (a checkpoint's). Every variable of {@link MusicVaeVariables#shapes}
     * must be present with its shape; extra names are ignored.
     *
     * @throws IllegalArgumentException naming the missing or mis-shaped variable (and both shapes)
     */
    public static MusicVae fromTensors(MusicVaeConfig config, Map<String, INDArray> tensors) {
        Map<String, long[]> shapes = MusicVaeVariables.shapes(config);
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            INDArray t = tensors.get(e.getKey());
            if (t == null) {
                throw new IllegalArgumentException("missing variable '" + e.getKey() + "' (config " + config.name() + " needs "
                        + Arrays.toString(e.getValue()) + ")");
            }
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new IllegalArgumentException("variable '" + e.getKey() + "' has shape " + Arrays.toString(t.shape())
                        + " but config " + config.name() + " needs " + Arrays.toString(e.getValue()));
            }
        }
        return new MusicVae(config, name -> tensors.get(name).castTo(DataType.FLOAT));
    }

    public MusicVaeConfig config() {
        return config;
    }

    /** The posterior of sequences [B, steps, depth] (one-hot or soft). */
    public Posterior encode(INDArray sequences) {
        if (sequences.rank() != 3 || sequences.size(0) == 0) {
            throw new IllegalArgumentException("no sequences to encode: need [batch >= 1, steps, depth], got " + Arrays.toString(sequences.shape()));
        }
        int b = Math.toIntExact(sequences.size(0));
        int t = Math.toIntExact(sequences.size(1));
        INDArray layerInput = sequences.castTo(DataType.FLOAT);
        float[] summary = null;
        for (int l = 0; l < encoder.size(); l++) {
            LstmCell[] directions = encoder.get(l);
            int n = directions[0].units();
            boolean last = l == encoder.size() - 1;
            INDArray flat = layerInput.reshape('c', (long) b * t, layerInput.size(2));
            // Every step's outputs, fw then bw per step, as the next layer's input (not needed after the last layer).
            float[] outputs = last ? null : new float[b * t * 2 * n];
            summary = new float[b * 2 * n];
            for (int d = 0; d < 2; d++) {
                LstmCell cell = directions[d];
                // Input part of every step in one product: [B*T, in] x [in, 4n].
                float[] gates = cell.inputGates(flat).data().asFloat();
                LstmStepper s = new LstmStepper(cell, b, false);
                for (int k = 0; k < t; k++) {
                    int step = d == 0 ? k : t - 1 - k;
                    for (int r = 0; r < b; r++) {
                        s.prefillRow(r, gates, (r * t + step) * 4 * n);
                    }
                    s.step();
                    if (outputs != null) {
                        for (int r = 0; r < b; r++) {
                            System.arraycopy(s.h(), r * n, outputs, ((r * t + step) * 2 + d) * n, n);
                        }
                    }
                }
                for (int r = 0; r < b; r++) {
                    System.arraycopy(s.h(), r * n, summary, (r * 2 + d) * n, n);
                }
            }
            if (outputs != null) {
                layerInput = Nd4j.create(outputs, new long[] {b, t, 2L * n}, 'c');
            }
        }
        INDArray h = Nd4j.create(summary, new long[] {b, summary.length / b}, 'c');
        INDArray mu = h.mmul(muKernel).addiRowVector(muBias);
        INDArray sigma = Transforms.softPlus(h.mmul(sigmaKernel).addiRowVector(sigmaBias), false);
        return new Posterior(mu, sigma);
    }

    /** Decodes latents [B, z] into {@code config().steps()} steps. */
    public Decoded decode(INDArray z, Sampling sampling) {
        return decode(z, sampling, config.steps());
    }

    /**
     * Decodes latents [B, z] into {@code steps} steps, feeding each chosen class back as one-hot
     * input (hierarchical models: whole bars only).
     */
    public Decoded decode(INDArray z, Sampling sampling, int steps) {
        if (z.rank() != 2 || z.size(1) != config.zSize()) {
            throw new IllegalArgumentException("latents must be [batch, " + config.zSize() + "], got " + Arrays.toString(z.shape()));
        }
        if (z.size(0) == 0) {
            throw new IllegalArgumentException("no latents to decode (0 rows)");
        }
        return decode(z.castTo(DataType.FLOAT), sampling, steps, decodeParts(Math.toIntExact(z.size(0))));
    }

    /** {@link #decode(INDArray, Sampling, int)} with the batch cut into {@code parts} decoded in parallel. */
    Decoded decode(INDArray latents, Sampling sampling, int steps, int parts) {
        int b = Math.toIntExact(latents.size(0));
        SplittableRandom[] rows = sampling.rowGenerators(b);
        if (parts == 1) {
            return decoder.decode(latents, sampling, steps, rows);
        }
        // Rows are independent and each has its own generator, so parts decoded on separate
        // threads give exactly what one pass would.
        int[] from = MusicVaePasses.partBounds(b, parts);
        Decoded[] done = new Decoded[parts];
        IntStream.range(0, parts).parallel().forEach(p -> done[p] = decoder.decode(
                latents.get(NDArrayIndex.interval(from[p], from[p + 1]), NDArrayIndex.all()).dup('c'),
                sampling, steps, Arrays.copyOfRange(rows, from[p], from[p + 1])));
        int[][] tokens = new int[b][];
        INDArray[] logits = new INDArray[parts];
        for (int p = 0; p < parts; p++) {
            System.arraycopy(done[p].tokens(), 0, tokens, from[p], from[p + 1] - from[p]);
            logits[p] = done[p].logits();
        }
        return new Decoded(tokens, Nd4j.concat(0, logits));
    }

    /**
     * How many parts a batch of {@code b} is decoded in: one per core that ND4J's own threads
     * leave free, at least {@value #MIN_ROWS_PER_PART} rows each (smaller products lose more to
     * call overhead than the second core gains).
     */
    static int decodeParts(int b) {
        int cores = Runtime.getRuntime().availableProcessors();
        int nativeThreads = Math.max(1, Nd4j.getEnvironment().maxMasterThreads());
        return Math.max(1, Math.min(cores / nativeThreads, b / MIN_ROWS_PER_PART));
    }

    /** {@code n} melodies decoded from latents drawn from N(0, I) with {@code seed}. */
    public Decoded sample(int n, Sampling sampling, long seed) {
        return decode(standardNormal(n, config.zSize(), seed), sampling);
    }

    /** Standard-normal latents [n, z] from a seeded generator. */
    public static INDArray standardNormal(int n, int z, long seed) {
        return GaussianLatent.standardNormal(n, z, new SplittableRandom(seed));
    }

    /**
     * Spherical interpolation between two latents [z] in {@code count} steps, ends included (as
     * magenta's {@code interpolate}): [count, z].
     */
    public static INDArray slerp(INDArray a, INDArray b, int count) {
        double[] p = a.castTo(DataType.DOUBLE).dup().data().asDouble();
        double[] q = b.castTo(DataType.DOUBLE).dup().data().asDouble();
        double dot = 0;
        double np = 0;
        double nq = 0;
        for (int i = 0; i < p.length; i++) {
            dot += p[i] * q[i];
            np += p[i] * p[i];
            nq += q[i] * q[i];
        }
        double omega = Math.acos(Math.max(-1, Math.min(1, dot / Math.sqrt(np * nq))));
        float[] out = new float[count * p.length];
        for (int s = 0; s < count; s++) {
            double t = count == 1 ? 0 : (double) s / (count - 1);
            double wa = Math.abs(Math.sin(omega)) < 1e-9 ? 1 - t : Math.sin((1 - t) * omega) / Math.sin(omega);
            double wb = Math.abs(Math.sin(omega)) < 1e-9 ? t : Math.sin(t * omega) / Math.sin(omega);
            for (int i = 0; i < p.length; i++) {
                out[s * p.length + i] = (float) (wa * p[i] + wb * q[i]);
            }
        }
        return Nd4j.create(out, new long[] {count, p.length}, 'c');
    }

    private static LatentDecoder flatDecoder(MusicVaeConfig config, Function<String, INDArray> w) {
        LstmCell[] layers = new LstmCell[config.decoderSizes().size()];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = new LstmCell(w.apply(MusicVaeVariables.decoderKernel(l)), w.apply(MusicVaeVariables.decoderBias(l)));
        }
        return new FlatDecoder(
                new StateProjection(w.apply(MusicVaeVariables.INITIAL_STATE_KERNEL), w.apply(MusicVaeVariables.INITIAL_STATE_BIAS), units(layers)),
                new CategoricalDecoder(layers, config.depth(), w.apply(MusicVaeVariables.OUTPUT_KERNEL), w.apply(MusicVaeVariables.OUTPUT_BIAS)));
    }

    private static LatentDecoder hierarchicalDecoder(MusicVaeConfig config, Function<String, INDArray> w) {
        LstmCell[] conductor = new LstmCell[config.conductorSizes().size()];
        for (int l = 0; l < conductor.length; l++) {
            conductor[l] = new LstmCell(w.apply(MusicVaeVariables.conductorKernel(l)), w.apply(MusicVaeVariables.conductorBias(l)));
        }
        LstmCell[] core = new LstmCell[config.decoderSizes().size()];
        for (int l = 0; l < core.length; l++) {
            core[l] = new LstmCell(w.apply(MusicVaeVariables.coreKernel(l)), w.apply(MusicVaeVariables.coreBias(l)));
        }
        return new HierarchicalDecoder(conductor,
                new StateProjection(w.apply(MusicVaeVariables.CONDUCTOR_INITIAL_STATE_KERNEL),
                        w.apply(MusicVaeVariables.CONDUCTOR_INITIAL_STATE_BIAS), units(conductor)),
                new StateProjection(w.apply(MusicVaeVariables.CORE_INITIAL_STATE_KERNEL),
                        w.apply(MusicVaeVariables.CORE_INITIAL_STATE_BIAS), units(core)),
                new CategoricalDecoder(core, config.depth(), w.apply(MusicVaeVariables.CORE_OUTPUT_KERNEL),
                        w.apply(MusicVaeVariables.CORE_OUTPUT_BIAS)),
                config.steps() / config.conductorLength());
    }

    private static int[] units(LstmCell[] layers) {
        int[] u = new int[layers.length];
        for (int l = 0; l < layers.length; l++) {
            u[l] = layers[l].units();
        }
        return u;
    }
}
