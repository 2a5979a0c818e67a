package org.synvae.synesthetic;

import java.util.Locale;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What the MusicVAE encoder reads of the decoded music inside a SynVAE, and so which path the
 * gradient takes back to the visual encoder. The melody itself (the fed-back samples) carries no
 * gradient; each relaxation is a differentiable stand-in for it.
 */
public enum MusicRelaxation {
    /** The raw per-step logits, as the seed does: the encoder reads scores no melody has. */
    LOGITS("logits"),
    /** The per-step softmax of the logits: a distribution over the 90 classes. */
    SOFTMAX("softmax"),
    /**
     * Straight-through Gumbel-softmax: the forward value is the one-hot melody actually played (the
     * sampled feedback), the gradient that of {@code softmax(scores / tau)}.
     */
    GUMBEL("gumbel");

    private final String id;

    MusicRelaxation(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The relaxation named {@code id} (logits | softmax | gumbel). */
    public static MusicRelaxation byId(String id) {
        for (MusicRelaxation r : values()) {
            if (r.id.equals(id.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown music relaxation '" + id + "'; known: logits, softmax, gumbel");
    }

    /**
     * The encoder input [B, steps, depth] for decoded {@code logits} [B, steps, depth].
     *
     * @param scores the sampling scores {@code logits / T + gumbel} whose argmax is the played melody
     * @param tau    temperature of the Gumbel-softmax (only {@link #GUMBEL})
     */
    SDVariable apply(SameDiff sd, SDVariable logits, SDVariable scores, double tau, int steps, int depth) {
        return switch (this) {
            case LOGITS -> logits;
            case SOFTMAX -> rowSoftmax(sd, logits, steps, depth);
            case GUMBEL -> {
                SDVariable soft = rowSoftmax(sd, scores.div(tau), steps, depth);
                SDVariable hard = sd.oneHot(sd.argmax(scores, 2), depth, -1, 1.0, 0.0, DataType.FLOAT);
                // hard + soft - stop_gradient(soft): the value of hard, the gradient of soft.
                SDVariable frozenSoft = new org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient(sd, soft).outputVariable();
                yield hard.add(soft).sub(frozenSoft);
            }
        };
    }

    /**
     * {@link #apply}'s value on plain arrays ([B, steps, depth] row-major), for the hand-written
     * hand-written MusicVAE passes ({@link SynestheticEngine}).
     *
     * @param tokens the classes played, [B, steps] (the argmax of the scores)
     */
    float[] value(float[] logits, int[] tokens, int depth) {
        return switch (this) {
            case LOGITS -> logits;
            case SOFTMAX -> softmaxRows(logits, 1f, depth);
            case GUMBEL -> {
                float[] hard = new float[logits.length];
                for (int r = 0; r < tokens.length; r++) {
                    hard[r * depth + tokens[r]] = 1f;
                }
                yield hard;
            }
        };
    }

    /**
     * The gradient of the logits given that of {@link #value} ({@code valueGradient}), as SameDiff
     * differentiates {@link #apply}.
     *
     * @param scores              {@code logits / samplingTemperature + gumbel} (only {@link #GUMBEL})
     * @param samplingTemperature the decoder's sampling temperature (only {@link #GUMBEL})
     */
    float[] logitsGradient(float[] valueGradient, float[] logits, float[] scores, double tau, double samplingTemperature, int depth) {
        return switch (this) {
            case LOGITS -> valueGradient;
            case SOFTMAX -> softmaxBackward(softmaxRows(logits, 1f, depth), valueGradient, 1f, depth);
            case GUMBEL -> softmaxBackward(softmaxRows(scores, (float) (1 / tau), depth), valueGradient,
                    (float) (1 / (tau * samplingTemperature)), depth);
        };
    }

    /** softmax(x * scale) per row of {@code depth}. */
    private static float[] softmaxRows(float[] x, float scale, int depth) {
        float[] out = new float[x.length];
        for (int r = 0; r < x.length / depth; r++) {
            int o = r * depth;
            float max = Float.NEGATIVE_INFINITY;
            for (int d = 0; d < depth; d++) {
                max = Math.max(max, x[o + d] * scale);
            }
            double sum = 0;
            for (int d = 0; d < depth; d++) {
                out[o + d] = (float) Math.exp(x[o + d] * scale - max);
                sum += out[o + d];
            }
            for (int d = 0; d < depth; d++) {
                out[o + d] = (float) (out[o + d] / sum);
            }
        }
        return out;
    }

    /** The gradient of softmax(x * scale)'s input x, given p = that softmax and the gradient g of p. */
    private static float[] softmaxBackward(float[] p, float[] g, float scale, int depth) {
        float[] out = new float[p.length];
        for (int r = 0; r < p.length / depth; r++) {
            int o = r * depth;
            double dot = 0;
            for (int d = 0; d < depth; d++) {
                dot += g[o + d] * p[o + d];
            }
            for (int d = 0; d < depth; d++) {
                out[o + d] = (float) (p[o + d] * (g[o + d] - dot) * scale);
            }
        }
        return out;
    }

    /** Softmax over the last axis, computed on [B * steps, depth] rows (the safe softmax form). */
    private static SDVariable rowSoftmax(SameDiff sd, SDVariable x, int steps, int depth) {
        return sd.nn().softmax(x.reshape(-1, depth)).reshape(-1, steps, depth);
    }
}
