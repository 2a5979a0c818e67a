package org.synvae.eval.listening;

/**
 * Picks the three classes whose latent means lie furthest apart, so a listening test asks about
 * the contrast the model draws most clearly. Two criteria over all triples of eligible classes:
 * {@link Criterion#SUM} (the seed's {@code get_sorted_triplets}: the largest sum of the three
 * pairwise Euclidean distances) and {@link Criterion#MIN} (the largest smallest pairwise distance,
 * which refuses a triple where two classes sit close together even if the third is far away).
 * Ties go to the triple that comes first in lexicographic order.
 */
public final class TripleSelection {

    /** How a triple is scored. */
    public enum Criterion {
        /** sum of the pairwise distances (the seed) */
        SUM,
        /** smallest pairwise distance */
        MIN
    }

    /**
     * The chosen classes, ascending, and their score.
     *
     * @param classes three class indices, ascending
     * @param score   the criterion's value
     */
    public record Triple(int[] classes, double score) {
    }

    private TripleSelection() {
    }

    /**
     * The best triple among the classes with {@code eligible[c]} true.
     *
     * @throws IllegalArgumentException if fewer than three classes are eligible
     */
    public static Triple best(double[][] means, boolean[] eligible, Criterion criterion) {
        int k = means.length;
        double[][] dist = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                dist[a][b] = ClassMeans.distance(means[a], means[b]);
            }
        }
        int[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                for (int c = b + 1; c < k; c++) {
                    if (!eligible[a] || !eligible[b] || !eligible[c]) {
                        continue;
                    }
                    double score = score(dist[a][b], dist[b][c], dist[a][c], criterion);
                    if (score > bestScore) {
                        bestScore = score;
                        best = new int[] {a, b, c};
                    }
                }
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("fewer than three classes have enough items");
        }
        return new Triple(best, bestScore);
    }

    /** A given triple (e.g. the paper's MNIST 0/1/4) with its score, in the given order. */
    public static Triple score(double[][] means, int[] classes, Criterion criterion) {
        if (classes.length != 3) {
            throw new IllegalArgumentException("a triple has three classes, got " + classes.length);
        }
        double ab = ClassMeans.distance(means[classes[0]], means[classes[1]]);
        double bc = ClassMeans.distance(means[classes[1]], means[classes[2]]);
        double ac = ClassMeans.distance(means[classes[0]], means[classes[2]]);
        return new Triple(classes.clone(), score(ab, bc, ac, criterion));
    }

    private static double score(double ab, double bc, double ac, Criterion criterion) {
        return criterion == Criterion.SUM ? ab + bc + ac : Math.min(ab, Math.min(bc, ac));
    }
}
