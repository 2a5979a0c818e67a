package org.synvae.music.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The buffers and tapes of {@link MusicVaePasses}'s passes for one batch size: decode z with
 * sampled feedback, encode sequences into a posterior, and the backward pass of each. A backward
 * call refers to the last forward call of its kind. Arrays are row-major and batch-major like the
 * SameDiff graph's: sequences and logits [B, steps, depth], latents [B, z]. Not thread-safe.
 */
public final class MusicVaePass {
    private final MusicVaePasses m;
    private final int batch;
    private final int steps;
    private final int depth;
    private final int zSize;
    // Decoder.
    private final LstmTape[] dec;
    private final NativeMatrix latent;
    private final NativeMatrix initialPre;
    private final float[] initial;
    private final NativeMatrix latentShare;
    private final NativeMatrix logits;
    private final float[] logitsOut;
    private final int[] tokens;
    /** Per step (step-major, [steps B]) the class fed to the decoder's first layer; -1: zeros. */
    private final int[] inputs;
    private final NativeMatrix logitsGradient;
    private final NativeMatrix[] decHiddenGradient;
    private final NativeMatrix latentShareGradient;
    private final NativeMatrix initialGradient;
    private final NativeMatrix latentGradient;
    // Encoder: [layer][direction].
    private final LstmTape[][] enc;
    private final NativeMatrix[][] encInputs;
    private final NativeMatrix[][] encHiddenGradient;
    private final NativeMatrix[][] encInputGradient;
    private final NativeMatrix summary;
    private final NativeMatrix muPre;
    private final NativeMatrix sigmaPre;
    private final float[] mean;
    private final float[] sigma;
    private final NativeMatrix summaryGradient;
    private final NativeMatrix meanGradient;
    private final NativeMatrix sigmaPreGradient;

    MusicVaePass(MusicVaePasses m, int batch) {
        MusicVaeConfig config = m.config();
        this.m = m;
        this.batch = batch;
        this.steps = config.steps();
        this.depth = config.depth();
        this.zSize = config.zSize();
        int rows = steps * batch;
        int layers = config.decoderSizes().size();
        dec = new LstmTape[layers];
        decHiddenGradient = new NativeMatrix[layers];
        int stateWidth = 0;
        for (int l = 0; l < layers; l++) {
            dec[l] = new LstmTape(m.decHidden[l], batch, steps);
            decHiddenGradient[l] = NativeMatrix.zeros(rows, dec[l].units());
            stateWidth += 2 * dec[l].units();
        }
        latent = NativeMatrix.zeros(batch, zSize);
        initialPre = NativeMatrix.zeros(batch, stateWidth);
        initial = new float[batch * stateWidth];
        latentShare = NativeMatrix.zeros(batch, 4 * dec[0].units());
        logits = NativeMatrix.zeros(rows, depth);
        logitsOut = new float[batch * steps * depth];
        tokens = new int[batch * steps];
        inputs = new int[steps * batch];
        logitsGradient = NativeMatrix.zeros(rows, depth);
        latentShareGradient = NativeMatrix.zeros(batch, 4 * dec[0].units());
        initialGradient = NativeMatrix.zeros(batch, stateWidth);
        latentGradient = NativeMatrix.zeros(batch, zSize);

        int encLayers = config.encoderSizes().size();
        enc = new LstmTape[encLayers][2];
        encInputs = new NativeMatrix[encLayers][2];
        encHiddenGradient = new NativeMatrix[encLayers][2];
        encInputGradient = new NativeMatrix[encLayers][2];
        for (int l = 0; l < encLayers; l++) {
            for (int d = 0; d < 2; d++) {
                enc[l][d] = new LstmTape(m.encHidden[l][d], batch, steps);
                int in = m.encInput[l][d].rows;
                encInputs[l][d] = NativeMatrix.zeros(rows, in);
                encHiddenGradient[l][d] = NativeMatrix.zeros(rows, enc[l][d].units());
                encInputGradient[l][d] = NativeMatrix.zeros(rows, in);
            }
        }
        int top = enc[encLayers - 1][0].units();
        summary = NativeMatrix.zeros(batch, 2 * top);
        muPre = NativeMatrix.zeros(batch, zSize);
        sigmaPre = NativeMatrix.zeros(batch, zSize);
        mean = new float[batch * zSize];
        sigma = new float[batch * zSize];
        summaryGradient = NativeMatrix.zeros(batch, 2 * top);
        meanGradient = NativeMatrix.zeros(batch, zSize);
        sigmaPreGradient = NativeMatrix.zeros(batch, zSize);
    }

    /** Sequences per batch. */
    public int batch() {
        return batch;
    }

    /**
     * Decodes latents {@code z} [B, z], feeding back at each step the one-hot of
     * {@code argmax(logits / temperature + gumbel)} (zero noise: argmax), as
     * {@link MusicVaeGraph#decodeWithFeedback}.
     *
     * @param gumbel [B, steps, depth]
     */
    public void decode(float[] z, float[] gumbel, double temperature) {
        check(gumbel, batch * steps * depth, "gumbel noise");
        float scale = (float) temperature;
        run(z, (b, s, stepLogits, at) -> {
            int best = argmax(stepLogits, at, gumbel, (b * steps + s) * depth, scale);
            tokens[b * steps + s] = best;
            return best;
        });
    }

    /**
     * Decodes latents {@code z} [B, z] as magenta's training does, as
     * {@link MusicVaeGraph#decodeScheduled}: step t's input is the target's step t-1 (teacher
     * forcing), or where {@code mask[b, t]} is 1 the one-hot of {@code argmax(logits_{t-1} +
     * noise_{t-1})}; the first input is zeros. Without a mask (null), teacher forcing throughout.
     *
     * @param targets one-hot [B, steps, depth]
     * @param mask    [B, steps] of 0 and 1, or null
     * @param noise   Gumbel noise [B, steps, depth] (with a mask)
     */
    public void decodeScheduled(float[] z, float[] targets, float[] mask, float[] noise) {
        check(targets, batch * steps * depth, "targets");
        int[] target = classes(targets);
        if (mask != null) {
            check(mask, batch * steps, "sampling mask");
            check(noise, batch * steps * depth, "sampling noise");
        }
        run(z, (b, s, stepLogits, at) -> {
            if (mask != null && s + 1 < steps && mask[b * steps + s + 1] == 1f) {
                return argmax(stepLogits, at, noise, (b * steps + s) * depth, 1f);
            }
            return target[b * steps + s];
        });
    }

    /** What a decoding step feeds to the next: the class of step s's input to step s + 1. */
    private interface NextInput {
        int next(int b, int s, float[] stepLogits, int at);
    }

    /** The decoder over all steps from z; {@code rule} picks each next input from the step's logits. */
    private void run(float[] z, NextInput rule) {
        check(z, batch * zSize, "z");
        latent.putRows(0, batch, z, 0);
        affine(initialPre, latent, m.initialKernel, m.initialBias);
        initialPre.getRows(0, batch, initial, 0);
        for (int k = 0; k < initial.length; k++) {
            initial[k] = LstmMath.tanh(initial[k]);
        }
        int width = initialPre.cols;
        int at = 0;
        for (LstmTape tape : dec) {
            int n = tape.units();
            float[] c = new float[batch * n];
            float[] h = new float[batch * n];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(initial, b * width + at, c, b * n, n);
                System.arraycopy(initial, b * width + at + n, h, b * n, n);
            }
            tape.setInitialState(c, h);
            at += 2 * n;
        }
        int fourN = 4 * dec[0].units();
        affine(latentShare, latent, m.latentKernel, m.decBias[0]);
        float[] share = latentShare.toArray();
        float[] firstGates = new float[batch * fourN];
        float[][] biasRows = new float[dec.length][];
        for (int l = 1; l < dec.length; l++) {
            biasRows[l] = repeat(m.decBias[l].toArray());
        }
        float[] outBiasRows = repeat(m.outBias.toArray());
        float[][] feedbackRows = m.feedbackKernel.toRows();
        float[] stepLogits = new float[batch * depth];
        java.util.Arrays.fill(inputs, -1);
        for (int s = 0; s < steps; s++) {
            int row = s * batch;
            for (int b = 0; b < batch; b++) {
                int o = b * fourN;
                int input = inputs[row + b];
                if (input < 0) {
                    System.arraycopy(share, o, firstGates, o, fourN);
                } else {
                    // One-hot times the kernel is a row of it.
                    float[] fb = feedbackRows[input];
                    for (int k = 0; k < fourN; k++) {
                        firstGates[o + k] = share[o + k] + fb[k];
                    }
                }
            }
            dec[0].gates().putRows(row, batch, firstGates, 0);
            dec[0].step(s);
            for (int l = 1; l < dec.length; l++) {
                dec[l].gates().putRows(row, batch, biasRows[l], 0);
                dec[l].gates().multiply(row, dec[l - 1].hidden(), row, batch, m.decInput[l], false, true);
                dec[l].step(s);
            }
            logits.putRows(row, batch, outBiasRows, 0);
            logits.multiply(row, dec[dec.length - 1].hidden(), row, batch, m.outKernel, false, true);
            logits.getRows(row, batch, stepLogits, 0);
            for (int b = 0; b < batch; b++) {
                System.arraycopy(stepLogits, b * depth, logitsOut, (b * steps + s) * depth, depth);
                int next = rule.next(b, s, stepLogits, b * depth);
                if (s + 1 < steps) {
                    inputs[row + batch + b] = next;
                }
            }
        }
    }

    /** The index of the highest {@code x[at + d] / scale + noise[noiseAt + d]} over the classes. */
    private int argmax(float[] x, int at, float[] noise, int noiseAt, float scale) {
        int best = 0;
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int d = 0; d < depth; d++) {
            float score = (scale == 1f ? x[at + d] : x[at + d] / scale) + noise[noiseAt + d];
            if (score > bestScore) {
                bestScore = score;
                best = d;
            }
        }
        return best;
    }

    /** The class of each one-hot row of [B, steps, depth]; anything but a one-hot row fails. */
    private int[] classes(float[] oneHot) {
        int[] out = new int[oneHot.length / depth];
        for (int r = 0; r < out.length; r++) {
            int hot = -1;
            for (int d = 0; d < depth; d++) {
                float v = oneHot[r * depth + d];
                if (v == 1f && hot < 0) {
                    hot = d;
                } else if (v != 0f) {
                    hot = -2;
                    break;
                }
            }
            if (hot < 0) {
                throw new IllegalArgumentException("target row " + r + " is not one-hot");
            }
            out[r] = hot;
        }
        return out;
    }

    /** The logits of the last {@link #decode}, [B, steps, depth] (live). */
    public float[] logits() {
        return logitsOut;
    }

    /** The classes played (fed back) by the last {@link #decode}, [B, steps] (live). */
    public int[] tokens() {
        return tokens;
    }

    /**
     * The gradient of z for the last {@link #decode} given the gradient of its logits
     * {@code logitsGradient} [B, steps, depth]; the fed-back one-hots carry none.
     *
     * @return [B, z]
     */
    public float[] latentGradient(float[] logitsGradient) {
        check(logitsGradient, batch * steps * depth, "logits gradient");
        this.logitsGradient.putRows(0, steps * batch, toStepMajor(logitsGradient, depth), 0);
        int rows = steps * batch;
        int top = dec.length - 1;
        decHiddenGradient[top].multiply(0, this.logitsGradient, 0, rows, m.outKernel, true, false);
        for (int l = top; l >= 0; l--) {
            dec[l].backward(decHiddenGradient[l]);
            if (l > 0) {
                decHiddenGradient[l - 1].multiply(0, dec[l].gates(), 0, rows, m.decInput[l], true, false);
            }
        }
        // z's share of layer 0 is the same at every step: its gradient is the sum over steps.
        int fourN = 4 * dec[0].units();
        float[] sum = new float[batch * fourN];
        float[] block = new float[batch * fourN];
        for (int s = 0; s < steps; s++) {
            dec[0].gates().getRows(s * batch, batch, block, 0);
            for (int k = 0; k < sum.length; k++) {
                sum[k] += block[k];
            }
        }
        latentShareGradient.putRows(0, batch, sum, 0);
        latentGradient.multiply(0, latentShareGradient, 0, batch, m.latentKernel, true, false);
        // The initial states are tanh(z W + b), split c0, h0, c1, h1, ...
        int width = initialPre.cols;
        float[] dInitial = new float[batch * width];
        int at = 0;
        for (LstmTape tape : dec) {
            int n = tape.units();
            float[] dc = tape.initialCellGradient();
            float[] dh = tape.initialHiddenGradient().toArray();
            for (int b = 0; b < batch; b++) {
                System.arraycopy(dc, b * n, dInitial, b * width + at, n);
                System.arraycopy(dh, b * n, dInitial, b * width + at + n, n);
            }
            at += 2 * n;
        }
        for (int k = 0; k < dInitial.length; k++) {
            dInitial[k] *= 1f - initial[k] * initial[k];
        }
        initialGradient.putRows(0, batch, dInitial, 0);
        latentGradient.multiply(0, initialGradient, 0, batch, m.initialKernel, true, true);
        return latentGradient.toArray();
    }

    /**
     * After {@link #latentGradient}: the gradients of the decoder's weights by checkpoint name (its
     * layers' kernels and biases, the initial-state and output projections), for training the
     * MusicVAE itself. Each is a product over all steps and sequences at once.
     */
    public Map<String, INDArray> decoderWeightGradients() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        int rows = steps * batch;
        for (int l = 0; l < dec.length; l++) {
            LstmTape tape = dec[l];
            int n = tape.units();
            int in = l == 0 ? depth + zSize : dec[l - 1].units();
            NativeMatrix kernel = NativeMatrix.zeros(in + n, 4 * n);
            if (l == 0) {
                // The one-hot inputs pick kernel rows, so their gradient adds each step's gate
                // gradient to the row of the class that was fed.
                int fourN = 4 * n;
                float[] g = tape.gates().toArray();
                float[] feedback = new float[depth * fourN];
                for (int r = 0; r < rows; r++) {
                    int c = inputs[r];
                    if (c >= 0) {
                        for (int k = 0; k < fourN; k++) {
                            feedback[c * fourN + k] += g[r * fourN + k];
                        }
                    }
                }
                kernel.putRows(0, depth, feedback, 0);
                kernel.rows(depth, depth + zSize).multiplyTransposed(latent, 0, latentShareGradient, 0, batch, false);
            } else {
                kernel.rows(0, in).multiplyTransposed(dec[l - 1].hidden(), 0, tape.gates(), 0, rows, false);
            }
            tape.hiddenKernelGradient(kernel.rows(in, in + n));
            out.put(MusicVaeVariables.decoderKernel(l), kernel.array());
            out.put(MusicVaeVariables.decoderBias(l), vector(tape.biasGradient()));
        }
        NativeMatrix initialKernel = NativeMatrix.zeros(zSize, initialPre.cols);
        initialKernel.multiplyTransposed(latent, 0, initialGradient, 0, batch, false);
        out.put(MusicVaeVariables.INITIAL_STATE_KERNEL, initialKernel.array());
        out.put(MusicVaeVariables.INITIAL_STATE_BIAS, vector(initialGradient.columnSums()));
        LstmTape top = dec[dec.length - 1];
        NativeMatrix outKernel = NativeMatrix.zeros(top.units(), depth);
        outKernel.multiplyTransposed(top.hidden(), 0, logitsGradient, 0, rows, false);
        out.put(MusicVaeVariables.OUTPUT_KERNEL, outKernel.array());
        out.put(MusicVaeVariables.OUTPUT_BIAS, vector(logitsGradient.columnSums()));
        return out;
    }

    /**
     * After {@link #inputGradient}: the gradients of the encoder's weights by checkpoint name (both
     * directions' kernels and biases of every layer, the mean and sigma projections).
     */
    public Map<String, INDArray> encoderWeightGradients() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        int rows = steps * batch;
        for (int l = 0; l < enc.length; l++) {
            for (int d = 0; d < 2; d++) {
                String dir = d == 0 ? "fw" : "bw";
                LstmTape tape = enc[l][d];
                int n = tape.units();
                int in = encInputs[l][d].cols;
                NativeMatrix kernel = NativeMatrix.zeros(in + n, 4 * n);
                kernel.rows(0, in).multiplyTransposed(encInputs[l][d], 0, tape.gates(), 0, rows, false);
                tape.hiddenKernelGradient(kernel.rows(in, in + n));
                out.put(MusicVaeVariables.encoderKernel(l, dir), kernel.array());
                out.put(MusicVaeVariables.encoderBias(l, dir), vector(tape.biasGradient()));
            }
        }
        NativeMatrix mu = NativeMatrix.zeros(summary.cols, zSize);
        mu.multiplyTransposed(summary, 0, meanGradient, 0, batch, false);
        out.put(MusicVaeVariables.MU_KERNEL, mu.array());
        out.put(MusicVaeVariables.MU_BIAS, vector(meanGradient.columnSums()));
        NativeMatrix sigmaKernel = NativeMatrix.zeros(summary.cols, zSize);
        sigmaKernel.multiplyTransposed(summary, 0, sigmaPreGradient, 0, batch, false);
        out.put(MusicVaeVariables.SIGMA_KERNEL, sigmaKernel.array());
        out.put(MusicVaeVariables.SIGMA_BIAS, vector(sigmaPreGradient.columnSums()));
        return out;
    }

    private static INDArray vector(float[] values) {
        return Nd4j.createFromArray(values);
    }

    /**
     * Encodes {@code sequences} [B, steps, depth] (one-hot or soft) into the posterior, as
     * {@link MusicVaeGraph#encode}: {@link #mean()} and {@link #sigma()} afterwards.
     */
    public void encode(float[] sequences) {
        check(sequences, batch * steps * depth, "sequences");
        float[] timeMajor = toStepMajor(sequences, depth);
        encInputs[0][0].putRows(0, steps * batch, timeMajor, 0);
        encInputs[0][1].putRows(0, steps * batch, reverseSteps(timeMajor, depth), 0);
        int rows = steps * batch;
        int layers = enc.length;
        for (int l = 0; l < layers; l++) {
            for (int d = 0; d < 2; d++) {
                LstmTape tape = enc[l][d];
                tape.setInitialState(null, null);
                float[] bias = repeat(m.encBias[l][d].toArray());
                for (int s = 0; s < steps; s++) {
                    tape.gates().putRows(s * batch, batch, bias, 0);
                }
                tape.gates().multiply(0, encInputs[l][d], 0, rows, m.encInput[l][d], false, true);
                for (int s = 0; s < steps; s++) {
                    tape.step(s);
                }
            }
            if (l + 1 < layers) {
                // The next layer reads [fw h, bw h] at each time; the backward direction ran reversed.
                float[] fw = enc[l][0].hidden().toArray();
                float[] bw = enc[l][1].hidden().toArray();
                float[] next = concatColumns(fw, reverseSteps(bw, enc[l][1].units()), enc[l][0].units(), enc[l][1].units());
                encInputs[l + 1][0].putRows(0, rows, next, 0);
                encInputs[l + 1][1].putRows(0, rows, reverseSteps(next, encInputs[l + 1][0].cols), 0);
            }
        }
        int n = enc[layers - 1][0].units();
        float[] fwLast = new float[batch * n];
        float[] bwLast = new float[batch * n];
        enc[layers - 1][0].hidden().getRows((steps - 1) * batch, batch, fwLast, 0);
        enc[layers - 1][1].hidden().getRows((steps - 1) * batch, batch, bwLast, 0);
        summary.putRows(0, batch, concatColumns(fwLast, bwLast, n, n), 0);
        affine(muPre, summary, m.muKernel, m.muBias);
        muPre.getRows(0, batch, mean, 0);
        affine(sigmaPre, summary, m.sigmaKernel, m.sigmaBias);
        sigmaPre.getRows(0, batch, sigma, 0);
        for (int k = 0; k < sigma.length; k++) {
            sigma[k] = softplus(sigma[k]);
        }
    }

    /** The posterior mean of the last {@link #encode}, [B, z] (live). */
    public float[] mean() {
        return mean;
    }

    /** The posterior standard deviation (softplus) of the last {@link #encode}, [B, z] (live). */
    public float[] sigma() {
        return sigma;
    }

    /**
     * The gradient of the last {@link #encode}'s input sequences given those of its mean and sigma
     * (each [B, z]).
     *
     * @return [B, steps, depth]
     */
    public float[] inputGradient(float[] meanGradient, float[] sigmaGradient) {
        check(meanGradient, batch * zSize, "mean gradient");
        check(sigmaGradient, batch * zSize, "sigma gradient");
        float[] pre = sigmaPre.toArray();
        float[] dPre = new float[pre.length];
        for (int k = 0; k < pre.length; k++) {
            dPre[k] = sigmaGradient[k] * sigmoid(pre[k]);
        }
        this.meanGradient.putRows(0, batch, meanGradient, 0);
        sigmaPreGradient.putRows(0, batch, dPre, 0);
        summaryGradient.multiply(0, this.meanGradient, 0, batch, m.muKernel, true, false);
        summaryGradient.multiply(0, sigmaPreGradient, 0, batch, m.sigmaKernel, true, true);
        int layers = enc.length;
        int rows = steps * batch;
        int n = enc[layers - 1][0].units();
        float[][] dSummary = splitColumns(summaryGradient.toArray(), n, n);
        encHiddenGradient[layers - 1][0].clear();
        encHiddenGradient[layers - 1][1].clear();
        encHiddenGradient[layers - 1][0].putRows((steps - 1) * batch, batch, dSummary[0], 0);
        encHiddenGradient[layers - 1][1].putRows((steps - 1) * batch, batch, dSummary[1], 0);
        for (int l = layers - 1; l >= 0; l--) {
            for (int d = 0; d < 2; d++) {
                enc[l][d].backward(encHiddenGradient[l][d]);
                encInputGradient[l][d].multiply(0, enc[l][d].gates(), 0, rows, m.encInput[l][d], true, false);
            }
            if (l > 0) {
                // Undo the next-layer input layout of encode: time t of the forward input is
                // [fw h(t), bw h(t)], and the backward input is the forward one reversed in time.
                int width = encInputGradient[l][0].cols;
                float[] byTime = add(encInputGradient[l][0].toArray(), reverseSteps(encInputGradient[l][1].toArray(), width));
                int nb = enc[l - 1][1].units();
                float[][] below = splitColumns(byTime, enc[l - 1][0].units(), nb);
                encHiddenGradient[l - 1][0].putRows(0, rows, below[0], 0);
                encHiddenGradient[l - 1][1].putRows(0, rows, reverseSteps(below[1], nb), 0);
            }
        }
        float[] byTime = add(encInputGradient[0][0].toArray(), reverseSteps(encInputGradient[0][1].toArray(), depth));
        return toBatchMajor(byTime, depth);
    }

    private float[] repeat(float[] row) {
        float[] out = new float[batch * row.length];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(row, 0, out, b * row.length, row.length);
        }
        return out;
    }

    /** [B, steps, w] to [steps, B, w]. */
    private float[] toStepMajor(float[] x, int w) {
        return swapLeadingAxes(x, batch, steps, w);
    }

    /** [steps, B, w] to [B, steps, w]. */
    private float[] toBatchMajor(float[] x, int w) {
        return swapLeadingAxes(x, steps, batch, w);
    }

    /** [a, b, w] to [b, a, w]. */
    private static float[] swapLeadingAxes(float[] x, int a, int b, int w) {
        float[] out = new float[x.length];
        for (int i = 0; i < a; i++) {
            for (int k = 0; k < b; k++) {
                System.arraycopy(x, (i * b + k) * w, out, (k * a + i) * w, w);
            }
        }
        return out;
    }

    /** A step-major [steps, B, w] array with its steps in reverse order. */
    private float[] reverseSteps(float[] x, int w) {
        float[] out = new float[x.length];
        int block = batch * w;
        for (int s = 0; s < steps; s++) {
            System.arraycopy(x, s * block, out, (steps - 1 - s) * block, block);
        }
        return out;
    }

    private static float[] concatColumns(float[] a, float[] b, int wa, int wb) {
        int rows = a.length / wa;
        float[] out = new float[rows * (wa + wb)];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a, r * wa, out, r * (wa + wb), wa);
            System.arraycopy(b, r * wb, out, r * (wa + wb) + wa, wb);
        }
        return out;
    }

    /** The inverse of {@link #concatColumns}: rows of [wa + wb] as rows of [wa] and rows of [wb]. */
    private static float[][] splitColumns(float[] x, int wa, int wb) {
        int rows = x.length / (wa + wb);
        float[] a = new float[rows * wa];
        float[] b = new float[rows * wb];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, r * (wa + wb), a, r * wa, wa);
            System.arraycopy(x, r * (wa + wb) + wa, b, r * wb, wb);
        }
        return new float[][] {a, b};
    }

    /** {@code out = x kernel + bias} for the batch's rows (bias [1, cols] repeated on every row). */
    private void affine(NativeMatrix out, NativeMatrix x, NativeMatrix kernel, NativeMatrix bias) {
        out.putRows(0, batch, repeat(bias.toArray()), 0);
        out.multiply(0, x, 0, batch, kernel, false, true);
    }

    private static float[] add(float[] a, float[] b) {
        for (int k = 0; k < a.length; k++) {
            a[k] += b[k];
        }
        return a;
    }

    private static float softplus(float x) {
        return x > 20f ? x : (float) Math.log1p(Math.exp(x));
    }

    private static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    private static void check(float[] a, int expected, String what) {
        if (a.length != expected) {
            throw new IllegalArgumentException(what + " has " + a.length + " values, the batch needs " + expected);
        }
    }
}
