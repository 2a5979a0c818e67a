package org.synvae.models.visual;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A diagonal Gaussian posterior on a SameDiff graph, in the seed's log-variance parametrisation.
 *
 * @param mean   posterior means [B, latent]
 * @param logVar posterior log-variances [B, latent]
 */
public record GaussianLatent(SDVariable mean, SDVariable logVar) {

    /** Standard-normal noise [n, dim] (the epsilon of a reparametrised sample), drawn row by row from {@code noise}. */
    public static INDArray standardNormal(int n, int dim, SplittableRandom noise) {
        // n * dim overflowed silently before and failed as a negative array size.
        if (n < 0 || dim < 0 || (long) n * dim > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " latents of " + dim + " dimensions do not fit in one array");
        }
        float[] values = new float[n * dim];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) noise.nextGaussian();
        }
        return Nd4j.create(values, new long[] {n, dim}, 'c');
    }

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
