package org.synvae.music.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A trained flat MusicVAE (magenta's {@code cat-mel_*} models) for inference on ND4J arrays:
 * encode sequences to a posterior, decode latents to melodies (argmax or sampling at a
 * temperature), sample from the prior, interpolate. Plain array operations rather than a SameDiff
 * graph: step-by-step decoding with feedback is dozens of small operations per step, where
 * SameDiff's per-operation bookkeeping would dominate.
 */
public final class MusicVae {
    private final MusicVaeConfig config;
    private final List<LstmCell[]> encoder = new ArrayList<>();
    private final INDArray muKernel;
    private final INDArray muBias;
    private final INDArray sigmaKernel;
    private final INDArray sigmaBias;
    private final LstmCell[] decoder;
    private final INDArray initKernel;
    private final INDArray initBias;
    private final INDArray outKernel;
    private final INDArray outBias;
    /**
     * Rows of the first decoder layer's kernel that act on the one-hot feedback, plus a zero row
     * (index depth) for step 0's empty input: [depth + 1, 4n].
     */
    private final INDArray feedbackKernel;
    /** Rows of the first decoder layer's kernel that act on z, [z, 4n]. */
    private final INDArray latentKernel;

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
        decoder = new LstmCell[config.decoderSizes().size()];
        for (int l = 0; l < decoder.length; l++) {
            decoder[l] = new LstmCell(w.apply(MusicVaeVariables.decoderKernel(l)), w.apply(MusicVaeVariables.decoderBias(l)));
        }
        initKernel = w.apply(MusicVaeVariables.INITIAL_STATE_KERNEL);
        initBias = w.apply(MusicVaeVariables.INITIAL_STATE_BIAS).reshape(1, initKernel.size(1));
        outKernel = w.apply(MusicVaeVariables.OUTPUT_KERNEL);
        outBias = w.apply(MusicVaeVariables.OUTPUT_BIAS).reshape(1, config.depth());
        INDArray firstInput = decoder[0].inputKernel();
        feedbackKernel = Nd4j.vstack(firstInput.get(NDArrayIndex.interval(0, config.depth()), NDArrayIndex.all()),
                Nd4j.zeros(DataType.FLOAT, 1, firstInput.size(1))).dup('c');
        latentKernel = firstInput.get(NDArrayIndex.interval(config.depth(), config.depth() + config.zSize()), NDArrayIndex.all()).dup('c');
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
        long b = sequences.size(0);
        long t = sequences.size(1);
        INDArray layerInput = sequences;
        INDArray summary = null;
        for (LstmCell[] directions : encoder) {
            INDArray flat = layerInput.reshape('c', b * t, layerInput.size(2));
            INDArray[] outputs = new INDArray[2];
            INDArray[] finals = new INDArray[2];
            for (int d = 0; d < 2; d++) {
                LstmCell cell = directions[d];
                // Input part of every step in one product: [B*T, in] x [in, 4n].
                INDArray gates = cell.inputGates(flat).reshape('c', b, t, 4L * cell.units());
                INDArray out = Nd4j.create(DataType.FLOAT, b, t, cell.units());
                LstmState s = LstmState.zeros(b, cell.units());
                for (int k = 0; k < t; k++) {
                    long step = d == 0 ? k : t - 1 - k;
                    s = cell.step(gates.get(NDArrayIndex.all(), NDArrayIndex.point(step), NDArrayIndex.all()), s);
                    out.get(NDArrayIndex.all(), NDArrayIndex.point(step), NDArrayIndex.all()).assign(s.h());
                }
                outputs[d] = out;
                finals[d] = s.h();
            }
            layerInput = Nd4j.concat(2, outputs[0], outputs[1]);
            summary = Nd4j.hstack(finals[0], finals[1]);
        }
        INDArray mu = summary.mmul(muKernel).addiRowVector(muBias);
        INDArray sigma = Transforms.softPlus(summary.mmul(sigmaKernel).addiRowVector(sigmaBias), false);
        return new Posterior(mu, sigma);
    }

    /** Decodes latents [B, z] into {@code config().steps()} steps. */
    public Decoded decode(INDArray z, Sampling sampling) {
        return decode(z, sampling, config.steps());
    }

    /** Decodes latents [B, z] into {@code steps} steps, feeding each chosen class back as one-hot input. */
    public Decoded decode(INDArray z, Sampling sampling, int steps) {
        if (z.rank() != 2 || z.size(1) != config.zSize()) {
            throw new IllegalArgumentException("latents must be [batch, " + config.zSize() + "], got " + Arrays.toString(z.shape()));
        }
        z = z.castTo(DataType.FLOAT);
        int b = (int) z.size(0);
        int depth = config.depth();
        LstmState[] states = initialStates(z);
        // The latent's share of the first layer's gates is the same at every step.
        INDArray latentGates = z.mmul(latentKernel).addiRowVector(decoder[0].bias());
        int[] previous = new int[b];
        Arrays.fill(previous, depth);
        int[][] tokens = new int[b][steps];
        float[] logits = new float[b * steps * depth];
        SplittableRandom random = new SplittableRandom(sampling.seed());
        for (int t = 0; t < steps; t++) {
            // One-hot feedback times the kernel is a row lookup; step 0 feeds zeros (the extra row).
            // pullRows is one native op; INDArray.getRows makes a view per row.
            INDArray gates = Nd4j.pullRows(feedbackKernel, 1, previous).addi(latentGates);
            states[0] = decoder[0].step(gates, states[0]);
            for (int l = 1; l < decoder.length; l++) {
                states[l] = decoder[l].step(decoder[l].inputGates(states[l - 1].h()), states[l]);
            }
            INDArray stepOut = outBias.repeat(0, b);
            Nd4j.gemm(states[decoder.length - 1].h(), outKernel, stepOut, false, false, 1.0, 1.0);
            float[] stepLogits = stepOut.data().asFloat();
            for (int i = 0; i < b; i++) {
                System.arraycopy(stepLogits, i * depth, logits, (i * steps + t) * depth, depth);
                int chosen = sampling.pick(stepLogits, i * depth, depth, random);
                tokens[i][t] = chosen;
                previous[i] = chosen;
            }
        }
        return new Decoded(tokens, Nd4j.create(logits, new long[] {b, steps, depth}, 'c'));
    }

    /** {@code n} melodies decoded from latents drawn from N(0, I) with {@code seed}. */
    public Decoded sample(int n, Sampling sampling, long seed) {
        return decode(standardNormal(n, config.zSize(), seed), sampling);
    }

    /** Standard-normal latents [n, z] from a seeded generator. */
    public static INDArray standardNormal(int n, int z, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n * z];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Nd4j.create(v, new long[] {n, z}, 'c');
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

    private LstmState[] initialStates(INDArray z) {
        INDArray all = Transforms.tanh(z.mmul(initKernel).addiRowVector(initBias), false);
        LstmState[] states = new LstmState[decoder.length];
        long at = 0;
        for (int l = 0; l < decoder.length; l++) {
            long n = decoder[l].units();
            // magenta splits the initial state as c0, h0, c1, h1, ...
            INDArray c = all.get(NDArrayIndex.all(), NDArrayIndex.interval(at, at + n)).dup('c');
            INDArray h = all.get(NDArrayIndex.all(), NDArrayIndex.interval(at + n, at + 2 * n)).dup('c');
            states[l] = new LstmState(c, h);
            at += 2 * n;
        }
        return states;
    }
}
