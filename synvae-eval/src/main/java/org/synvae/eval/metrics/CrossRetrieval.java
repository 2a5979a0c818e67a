package org.synvae.eval.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Retrieval across two latent spaces of the same items: how often query {@code i}'s nearest
 * target (Euclidean) is target {@code i} itself. For a SynVAE: does a melody, re-encoded by the
 * MusicVAE encoder, land nearer its own image's latent than any other image's? Chance is 1/n.
 */
public final class CrossRetrieval {
    private static final int BLOCK = 1024;

    private CrossRetrieval() {
    }

    /**
     * The fraction of queries whose nearest target has the query's index (ties go to the lower index).
     *
     * @param queries [n, dim]
     * @param targets [n, dim]
     */
    public static double selfRetrievalRate(INDArray queries, INDArray targets) {
        if (queries.rank() != 2 || !java.util.Arrays.equals(queries.shape(), targets.shape()) || queries.size(0) < 1) {
            throw new IllegalArgumentException("queries and targets must be [n, dim] of one shape, got "
                    + java.util.Arrays.toString(queries.shape()) + " and " + java.util.Arrays.toString(targets.shape()));
        }
        INDArray q = queries.castTo(DataType.DOUBLE);
        INDArray t = targets.castTo(DataType.DOUBLE);
        long n = q.size(0);
        INDArray targetNorms = t.mul(t).sum(1).reshape(1, n);
        int hits = 0;
        for (long from = 0; from < n; from += BLOCK) {
            long to = Math.min(n, from + BLOCK);
            INDArray block = q.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            // ||q - t||^2 up to the per-query constant ||q||^2, which does not change the argmin.
            INDArray d = block.mmul(t.transpose()).muli(-2.0).addiRowVector(targetNorms);
            INDArray nearest = Nd4j.argMin(d, 1);
            for (long i = from; i < to; i++) {
                if (nearest.getLong(i - from) == i) {
                    hits++;
                }
            }
        }
        return hits / (double) n;
    }
}
