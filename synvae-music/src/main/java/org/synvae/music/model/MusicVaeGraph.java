package org.synvae.music.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The flat MusicVAE as a differentiable SameDiff graph, for training and for the SynVAE: the same
 * equations as {@link MusicVae} (LSTMBlockCell, BiLSTM encoder, z-initialised decoder with z
 * concatenated to every input), unrolled over the steps. Variables carry the checkpoint names of
 * {@link MusicVaeVariables}, so weights move by name between the graph, TensorFlow checkpoints and
 * the inference engine.
 *
 * <p>Decoding modes: teacher forcing (the target's previous step is the input) and feedback, where
 * each step's input is the one-hot of {@code argmax(logits / temperature + noise)}: with Gumbel
 * noise fed by the caller that is a sample at the temperature, with zero noise it is argmax. The
 * per-step logits are the differentiable output; the fed-back one-hot carries no gradient, as in
 * the seed.
 *
 * <p>{@link Cells#LEAN} (the default) builds the LSTMBlockCells in as few operations per step as
 * the math allows, since SameDiff's per-operation cost dominates these graphs; {@link Cells#BASIC_OPS}
 * writes the cell plainly and is the reference the lean cells are tested against. libnd4j's fused
 * {@code lstmLayer} op is not used: in ND4J 1.0.0-M2.1 its gradients are wrong when initial states
 * are given, and its gradient op leaks native memory (~100 MB per cat-mel_2bar_small training step,
 * which ended every training run within minutes); {@code split} leaks likewise, so gates are
 * column slices.
 */
public final class MusicVaeGraph {
    /** How the LSTM cells are built. */
    public enum Cells {
        /** The same cells in fewer operations per step (see {@link #encode} and {@link LeanDecoderCells}); the default. */
        LEAN,
        /** The LSTMBlockCell written plainly from concat, mmul, slices and activations, unrolled per step. */
        BASIC_OPS
    }

    private final SameDiff sd;
    private final MusicVaeConfig config;
    private final Cells cells;

    private MusicVaeGraph(SameDiff sd, MusicVaeConfig config, Cells cells) {
        this.sd = sd;
        this.config = config;
        this.cells = cells;
    }

    /** Adds the MusicVAE's variables to {@code sd}, initialised from {@code weights} (checkpoint names). */
    public static MusicVaeGraph create(SameDiff sd, MusicVaeConfig config, Map<String, INDArray> weights) {
        return create(sd, config, weights, Cells.LEAN);
    }

    /** As {@link #create(SameDiff, MusicVaeConfig, Map)}, with the LSTM cells built as {@code cells} says. */
    public static MusicVaeGraph create(SameDiff sd, MusicVaeConfig config, Map<String, INDArray> weights, Cells cells) {
        if (config.hierarchical()) {
            throw new IllegalArgumentException(config.name() + ": the training graph has no hierarchical decoder; only flat configs");
        }
        MusicVaeVariables.requireAll(config, weights);
        MusicVaeVariables.shapes(config).keySet().forEach(name -> sd.var(name, weights.get(name).castTo(DataType.FLOAT).dup('c')));
        return new MusicVaeGraph(sd, config, cells);
    }

    public MusicVaeConfig config() {
        return config;
    }

    /** Names of the graph's MusicVAE variables (to freeze them, or to copy them out). */
    public List<String> variableNames() {
        return new ArrayList<>(MusicVaeVariables.shapes(config).keySet());
    }

    /**
     * The posterior of {@code sequences} [B, steps, depth] (one-hot or soft).
     *
     * @return {mu, sigma}, each [B, z]
     */
    public SDVariable[] encode(SDVariable sequences) {
        SDVariable summary = cells == Cells.LEAN ? leanSummary(sequences) : unrolledSummary(sequences);
        SDVariable mu = summary.mmul(sd.getVariable(MusicVaeVariables.MU_KERNEL)).add(sd.getVariable(MusicVaeVariables.MU_BIAS));
        SDVariable sigma = sd.nn().softplus(summary.mmul(sd.getVariable(MusicVaeVariables.SIGMA_KERNEL))
                .add(sd.getVariable(MusicVaeVariables.SIGMA_BIAS)));
        return new SDVariable[] {mu, sigma};
    }

    /**
     * The last layer's final forward h next to its final backward h, [B, 2n]. The two directions
     * run as one: their inputs, kernels and states are stacked on a leading axis of 2 (the backward
     * direction reading the sequence reversed), so each step is one batched product
     * {@code h K_h} and one set of cell operations for both, and the first layer's input share
     * {@code x K_x + b} (forget bias folded in) is one product over all steps. SameDiff's cost per
     * operation dominates these unrolled graphs.
     */
    private SDVariable leanSummary(SDVariable sequences) {
        int steps = config.steps();
        SDVariable[] shares = null; // per step, [2, B, 4n]
        SDVariable[] outputs = null; // per step, [B, 2n]: the previous layer's fw and bw h at that time
        SDVariable h = null;
        for (int l = 0; l < config.encoderSizes().size(); l++) {
            long n = config.encoderSizes().get(l);
            SDVariable[] fw = kernelParts(l, "fw", n);
            SDVariable[] bw = kernelParts(l, "bw", n);
            SDVariable inputRows = sd.stack(0, fw[0], bw[0]);   // [2, in, 4n]
            SDVariable hiddenRows = sd.stack(0, fw[1], bw[1]);  // [2, n, 4n]
            SDVariable bias = sd.stack(0, fw[2], bw[2]).reshape(2, 1, 4 * n);
            if (l == 0) {
                long in = config.depth();
                SDVariable both = sd.stack(0, sequences, sd.reverse(sequences, 1)).reshape(2, -1, in); // [2, B*T, in]
                SDVariable all = sd.linalg().mmul(both, inputRows).add(bias).reshape(2, -1, steps, 4 * n);
                // unstack, not a slice per step: each slice's gradient is a zero array of the whole tensor.
                shares = sd.unstack(all, 2, steps);
            } else {
                shares = new SDVariable[steps];
                for (int t = 0; t < steps; t++) {
                    SDVariable x = sd.stack(0, outputs[t], outputs[steps - 1 - t]);
                    shares[t] = sd.linalg().mmul(x, inputRows).add(bias);
                }
            }
            SDVariable c = null;
            SDVariable[] hs = new SDVariable[steps];
            for (int t = 0; t < steps; t++) {
                SDVariable g = t == 0 ? shares[t] : shares[t].add(sd.linalg().mmul(h, hiddenRows));
                SDVariable[] next = LeanCell.update(sd, g, t == 0 ? null : c, n, 3);
                c = next[0];
                h = next[1];
                hs[t] = h;
            }
            if (l < config.encoderSizes().size() - 1) {
                outputs = new SDVariable[steps];
                for (int t = 0; t < steps; t++) {
                    SDVariable fwAt = hs[t].get(SDIndex.point(0), SDIndex.all(), SDIndex.all());
                    SDVariable bwAt = hs[steps - 1 - t].get(SDIndex.point(1), SDIndex.all(), SDIndex.all());
                    outputs[t] = sd.concat(1, fwAt, bwAt);
                }
            }
        }
        return sd.concat(1, h.get(SDIndex.point(0), SDIndex.all(), SDIndex.all()), h.get(SDIndex.point(1), SDIndex.all(), SDIndex.all()));
    }

    /** {input rows [in, 4n], hidden rows [n, 4n], bias with the forget bias folded in [4n]} of one encoder direction. */
    private SDVariable[] kernelParts(int l, String dir, long n) {
        SDVariable kernel = sd.getVariable(MusicVaeVariables.encoderKernel(l, dir));
        long rows = kernel.getShape()[0];
        SDVariable bias = LeanCell.withForgetBias(sd, sd.getVariable(MusicVaeVariables.encoderBias(l, dir)), n);
        return new SDVariable[] {kernel.get(SDIndex.interval(0L, rows - n), SDIndex.all()),
            kernel.get(SDIndex.interval(rows - n, rows), SDIndex.all()), bias};
    }

    private SDVariable unrolledSummary(SDVariable sequences) {
        int steps = config.steps();
        SDVariable[] inputs = sd.unstack(sequences, 1, steps);
        SDVariable summary = null;
        for (int l = 0; l < config.encoderSizes().size(); l++) {
            int n = config.encoderSizes().get(l);
            SDVariable[] fwOut = new SDVariable[steps];
            SDVariable[] bwOut = new SDVariable[steps];
            SDVariable[] fw = zeroState(inputs[0], n);
            SDVariable[] bw = zeroState(inputs[0], n);
            for (int t = 0; t < steps; t++) {
                fw = cell(MusicVaeVariables.encoderKernel(l, "fw"), MusicVaeVariables.encoderBias(l, "fw"), inputs[t], fw, n);
                fwOut[t] = fw[1];
                int r = steps - 1 - t;
                bw = cell(MusicVaeVariables.encoderKernel(l, "bw"), MusicVaeVariables.encoderBias(l, "bw"), inputs[r], bw, n);
                bwOut[r] = bw[1];
            }
            summary = sd.concat(1, fw[1], bw[1]);
            SDVariable[] next = new SDVariable[steps];
            for (int t = 0; t < steps; t++) {
                next[t] = sd.concat(1, fwOut[t], bwOut[t]);
            }
            inputs = next;
        }
        return summary;
    }

    /** Logits [B, steps, depth] with the target's previous step as each step's input (zeros first). */
    public SDVariable decodeTeacherForced(SDVariable z, SDVariable targets) {
        SDVariable[] target = sd.unstack(targets, 1, config.steps());
        if (cells == Cells.LEAN) {
            return leanTeacherForced(z, target);
        }
        return unroll(z, target[0], (t, logits) -> target[t]);
    }

    /** No step needs its logits, so the output projection runs once over all steps' h. */
    private SDVariable leanTeacherForced(SDVariable z, SDVariable[] target) {
        int steps = config.steps();
        LeanDecoderCells lean = new LeanDecoderCells(sd, config, z);
        SDVariable[][] states = initialStates(z);
        SDVariable[] h = new SDVariable[steps];
        SDVariable input = sd.zerosLike(target[0]);
        for (int t = 0; t < steps; t++) {
            h[t] = lean.step(input, states);
            input = target[t];
        }
        long n = config.decoderSizes().get(config.decoderSizes().size() - 1);
        return project(sd.stack(1, h).reshape(-1, n)).reshape(-1, steps, config.depth());
    }

    /**
     * Logits [B, steps, depth] with scheduled sampling (magenta's ScheduledOutputTrainingHelper):
     * where {@code mask[b, t]} is 1, step t's input is a sample of step t-1's output distribution,
     * the one-hot of {@code argmax(logits_{t-1} + noise_{t-1})} (Gumbel-max, temperature 1), else
     * it is the target's step t-1 (teacher forcing). The first input is zeros either way. The
     * sampled one-hot carries no gradient, as in magenta.
     *
     * @param mask  [B, steps] of 0 and 1; column 0 is not used
     * @param noise Gumbel noise [B, steps, depth] ({@link #gumbelNoise}); step {@code steps - 1} is not used
     */
    public SDVariable decodeScheduled(SDVariable z, SDVariable targets, SDVariable mask, SDVariable noise) {
        int steps = config.steps();
        SDVariable[] target = sd.unstack(targets, 1, steps);
        SDVariable[] noiseAt = sd.unstack(noise, 1, steps);
        SDVariable[] maskAt = sd.unstack(mask, 1, steps);
        return unroll(z, target[0], (t, logits) -> {
            SDVariable m = maskAt[t + 1].reshape(-1, 1);
            return target[t].mul(m.rsub(1.0)).add(oneHotArgmax(logits.add(noiseAt[t])).mul(m));
        });
    }

    /**
     * Logits [B, steps, depth] feeding back the one-hot of {@code argmax(logits / temperature + noise_t)}.
     *
     * @param noise Gumbel noise [B, steps, depth] for sampling at {@code temperature}; zeros for argmax
     */
    public SDVariable decodeWithFeedback(SDVariable z, SDVariable noise, double temperature) {
        SDVariable[] noiseAt = sd.unstack(noise, 1, config.steps());
        // At temperature 1 (the seed's sampling) the division is one operation per step for nothing.
        return unroll(z, noiseAt[0], (t, logits) -> oneHotArgmax((temperature == 1.0 ? logits : logits.div(temperature)).add(noiseAt[t])));
    }

    /**
     * The decoder unrolled over the steps: the first input is zeros shaped like {@code firstLike}
     * ([B, depth]); after step t, {@code next.apply(t, logits_t)} gives step t+1's input.
     */
    private SDVariable unroll(SDVariable z, SDVariable firstLike, java.util.function.BiFunction<Integer, SDVariable, SDVariable> next) {
        int steps = config.steps();
        SDVariable input = sd.zerosLike(firstLike);
        SDVariable[][] states = initialStates(z);
        LeanDecoderCells lean = cells == Cells.LEAN ? new LeanDecoderCells(sd, config, z) : null;
        SDVariable[] logits = new SDVariable[steps];
        for (int t = 0; t < steps; t++) {
            logits[t] = lean != null ? project(lean.step(input, states)) : step(z, input, states);
            if (t + 1 < steps) {
                input = next.apply(t, logits[t]);
            }
        }
        return sd.stack(1, logits);
    }

    /** The one-hot of the highest score per row, [B, depth]; it carries no gradient. */
    private SDVariable oneHotArgmax(SDVariable scores) {
        return sd.oneHot(sd.argmax(scores, 1), config.depth(), -1, 1.0, 0.0, DataType.FLOAT);
    }

    /** Gumbel noise for {@link #decodeWithFeedback}: {@code -log(-log(u))}, u uniform, from a seeded generator. */
    public static INDArray gumbelNoise(int batch, int steps, int depth, java.util.SplittableRandom random) {
        float[] v = new float[batch * steps * depth];
        for (int i = 0; i < v.length; i++) {
            double u = Math.max(random.nextDouble(), 1e-12);
            v[i] = (float) -Math.log(-Math.log(u));
        }
        return Nd4j.create(v, new long[] {batch, steps, depth}, 'c');
    }

    private SDVariable project(SDVariable h) {
        return h.mmul(sd.getVariable(MusicVaeVariables.OUTPUT_KERNEL)).add(sd.getVariable(MusicVaeVariables.OUTPUT_BIAS));
    }

    private SDVariable step(SDVariable z, SDVariable previous, SDVariable[][] states) {
        SDVariable input = sd.concat(1, previous, z);
        for (int l = 0; l < states.length; l++) {
            states[l] = cell(MusicVaeVariables.decoderKernel(l), MusicVaeVariables.decoderBias(l), input, states[l],
                    config.decoderSizes().get(l));
            input = states[l][1];
        }
        return input.mmul(sd.getVariable(MusicVaeVariables.OUTPUT_KERNEL)).add(sd.getVariable(MusicVaeVariables.OUTPUT_BIAS));
    }

    /** tanh(dense(z)) split as c0, h0, c1, h1, ... (magenta's order). */
    private SDVariable[][] initialStates(SDVariable z) {
        SDVariable all = sd.math().tanh(z.mmul(sd.getVariable(MusicVaeVariables.INITIAL_STATE_KERNEL))
                .add(sd.getVariable(MusicVaeVariables.INITIAL_STATE_BIAS)));
        SDVariable[][] states = new SDVariable[config.decoderSizes().size()][];
        long at = 0;
        for (int l = 0; l < states.length; l++) {
            long n = config.decoderSizes().get(l);
            states[l] = new SDVariable[] {columns(all, at, at + n), columns(all, at + n, at + 2 * n)};
            at += 2 * n;
        }
        return states;
    }

    /** One LSTMBlockCell step: state {c, h} -> {c', h'} (see {@link LstmCell}). */
    private SDVariable[] cell(String kernel, String bias, SDVariable x, SDVariable[] state, long n) {
        SDVariable g = sd.concat(1, x, state[1]).mmul(sd.getVariable(kernel)).add(sd.getVariable(bias));
        SDVariable i = sd.nn().sigmoid(columns(g, 0, n));
        SDVariable j = sd.math().tanh(columns(g, n, 2 * n));
        SDVariable f = sd.nn().sigmoid(columns(g, 2 * n, 3 * n).add(1.0));
        SDVariable o = sd.nn().sigmoid(columns(g, 3 * n, 4 * n));
        SDVariable c = f.mul(state[0]).add(i.mul(j));
        SDVariable h = o.mul(sd.math().tanh(c));
        return new SDVariable[] {c, h};
    }

    private static SDVariable columns(SDVariable x, long from, long to) {
        return x.get(SDIndex.all(), SDIndex.interval(from, to));
    }

    private SDVariable[] zeroState(SDVariable like, long n) {
        // [B, n] zeros shaped after the batch of `like` ([B, depth]).
        SDVariable batchZeros = sd.zerosLike(like.get(SDIndex.all(), SDIndex.interval(0, 1)));
        SDVariable zeros = sd.tile(batchZeros, sd.constant(Nd4j.createFromArray(1, (int) n)));
        return new SDVariable[] {zeros, zeros};
    }
}
