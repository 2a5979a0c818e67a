package org.synvae.eval.listening;

/** Class means and distances of row-major latents. */
public final class ClassMeans {
    private ClassMeans() {
    }

    /** Mean row per class [classes][dim]; a class without rows gets NaN. */
    public static double[][] of(float[] x, int n, int dim, int[] labels, int classes) {
        double[][] means = new double[classes][dim];
        int[] counts = new int[classes];
        for (int i = 0; i < n; i++) {
            counts[labels[i]]++;
            for (int d = 0; d < dim; d++) {
                means[labels[i]][d] += x[i * dim + d];
            }
        }
        for (int c = 0; c < classes; c++) {
            for (int d = 0; d < dim; d++) {
                means[c][d] = counts[c] == 0 ? Double.NaN : means[c][d] / counts[c];
            }
        }
        return means;
    }

    /** Euclidean distance between {@code a} and row {@code offset} of {@code x} (length a.length). */
    public static double distance(double[] a, float[] x, int offset) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            double v = a[d] - x[offset + d];
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** Euclidean distance of two vectors. */
    public static double distance(double[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            double v = a[d] - b[d];
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** Index of the row of {@code means} nearest to {@code x} (ties: lower index; NaN rows never win). */
    public static int nearest(double[][] means, double[] x) {
        int best = -1;
        double bestDist = Double.POSITIVE_INFINITY;
        for (int c = 0; c < means.length; c++) {
            double d = distance(means[c], x);
            if (d < bestDist) {
                bestDist = d;
                best = c;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("no class mean is finite");
        }
        return best;
    }
}
