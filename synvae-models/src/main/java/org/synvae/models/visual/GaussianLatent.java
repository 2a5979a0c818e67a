package org.synvae.models.visual;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A diagonal Gaussian posterior on a SameDiff graph, in the seed's log-variance parametrisation.
 *
 * @param mean   posterior means [B, latent]
 * @param logVar posterior log-variances [B, latent]
 */
public record GaussianLatent(SDVariable mean, SDVariable logVar) {

    /** A reparametrised sample {@code mean + exp(logVar / 2) * epsilon}, epsilon ~ N(0, I) fed by the caller. */
    public SDVariable sample(String name, SDVariable epsilon) {
        SameDiff sd = mean.getSameDiff();
        return mean.add(name, sd.math().exp(logVar.mul(0.5)).mul(epsilon));
    }

    /** KL(q || N(0, I)) per item: {@code -0.5 * sum(1 + logVar - mean^2 - exp(logVar))}, shape [B]. */
    public SDVariable klPerItem() {
        SDVariable terms = logVar.add(1.0).sub(mean.mul(mean)).sub(mean.getSameDiff().math().exp(logVar));
        return terms.sum(1).mul(-0.5);
    }
}
