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

    /** Softmax over the last axis, computed on [B * steps, depth] rows (the safe softmax form). */
    private static SDVariable rowSoftmax(SameDiff sd, SDVariable x, int steps, int depth) {
        return sd.nn().softmax(x.reshape(-1, depth)).reshape(-1, steps, depth);
    }
}
