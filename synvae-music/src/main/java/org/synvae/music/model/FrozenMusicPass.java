package org.synvae.music.model;

/**
 * The buffers and tapes of {@link FrozenMusicVae}'s passes for one batch size: decode z with
 * sampled feedback, encode sequences into a posterior, and the backward pass of each. A backward
 * call refers to the last forward call of its kind. Arrays are row-major and batch-major like the
 * SameDiff graph's: sequences and logits [B, steps, depth], latents [B, z]. Not thread-safe.
 */
public final class FrozenMusicPass {
    private final FrozenMusicVae m;
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

    FrozenMusicPass(FrozenMusicVae m, int batch) {
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
        check(z, batch * zSize, "z");
        check(gumbel, batch * steps * depth, "gumbel noise");
        latent.putRows(0, batch, z, 0);
        initialPre.putRows(0, batch, repeat(m.initialBias.toArray()), 0);
        initialPre.multiply(0, latent, 0, batch, m.initialKernel, false, true);
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
        latentShare.putRows(0, batch, repeat(m.decBias[0].toArray()), 0);
        latentShare.multiply(0, latent, 0, batch, m.latentKernel, false, true);
        float[] share = latentShare.toArray();
        float[] firstGates = new float[batch * fourN];
        float[][] biasRows = new float[dec.length][];
        for (int l = 1; l < dec.length; l++) {
            biasRows[l] = repeat(m.decBias[l].toArray());
        }
        float[] outBiasRows = repeat(m.outBias.toArray());
        float[][] feedbackRows = m.feedbackKernel.toRows();
        float[] stepLogits = new float[batch * depth];
        int[] previous = new int[batch];
        java.util.Arrays.fill(previous, -1);
        float scale = (float) temperature;
        for (int s = 0; s < steps; s++) {
            int row = s * batch;
            for (int b = 0; b < batch; b++) {
                int o = b * fourN;
                if (previous[b] < 0) {
                    System.arraycopy(share, o, firstGates, o, fourN);
                } else {
                    float[] fb = feedbackRows[previous[b]];
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
                int out = (b * steps + s) * depth;
                System.arraycopy(stepLogits, b * depth, logitsOut, out, depth);
                int best = 0;
                float bestScore = Float.NEGATIVE_INFINITY;
                for (int d = 0; d < depth; d++) {
                    float v = stepLogits[b * depth + d];
                    float score = (temperature == 1.0 ? v : v / scale) + gumbel[out + d];
                    if (score > bestScore) {
                        bestScore = score;
                        best = d;
                    }
                }
                tokens[b * steps + s] = best;
                previous[b] = best;
            }
        }
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
        muPre.putRows(0, batch, repeat(m.muBias.toArray()), 0);
        muPre.multiply(0, summary, 0, batch, m.muKernel, false, true);
        muPre.getRows(0, batch, mean, 0);
        sigmaPre.putRows(0, batch, repeat(m.sigmaBias.toArray()), 0);
        sigmaPre.multiply(0, summary, 0, batch, m.sigmaKernel, false, true);
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
        float[] dSummary = summaryGradient.toArray();
        float[] fwPart = new float[batch * n];
        float[] bwPart = new float[batch * n];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(dSummary, b * 2 * n, fwPart, b * n, n);
            System.arraycopy(dSummary, b * 2 * n + n, bwPart, b * n, n);
        }
        encHiddenGradient[layers - 1][0].clear();
        encHiddenGradient[layers - 1][1].clear();
        encHiddenGradient[layers - 1][0].putRows((steps - 1) * batch, batch, fwPart, 0);
        encHiddenGradient[layers - 1][1].putRows((steps - 1) * batch, batch, bwPart, 0);
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
                int nf = enc[l - 1][0].units();
                int nb = enc[l - 1][1].units();
                float[] dFw = new float[rows * nf];
                float[] dBwByTime = new float[rows * nb];
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(byTime, r * width, dFw, r * nf, nf);
                    System.arraycopy(byTime, r * width + nf, dBwByTime, r * nb, nb);
                }
                encHiddenGradient[l - 1][0].putRows(0, rows, dFw, 0);
                encHiddenGradient[l - 1][1].putRows(0, rows, reverseSteps(dBwByTime, nb), 0);
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
