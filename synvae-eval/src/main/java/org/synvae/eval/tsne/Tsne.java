package org.synvae.eval.tsne;

import java.util.SplittableRandom;

/**
 * Exact t-SNE (van der Maaten and Hinton, 2008) to two dimensions: Gaussian affinities calibrated
 * per point to a perplexity by bisection, symmetrised; Student-t affinities in the map; gradient
 * descent with early exaggeration, momentum and per-parameter gains, as in the reference
 * {@code tsne.py}. Quadratic in the number of points: meant for up to a few thousand (2000 points,
 * 1000 iterations: about a minute on one core). Written here because DL4J's Barnes-Hut t-SNE
 * ({@code deeplearning4j-tsne}) is not published for 1.0.0-M2.1. Deterministic for a seed.
 */
public final class Tsne {
    private static final double LOG_TOLERANCE = 1e-5;
    private static final double MIN_P = 1e-12;

    /**
     * Settings.
     *
     * @param perplexity              effective number of neighbours (5-50 is usual)
     * @param iterations              gradient steps
     * @param learningRate            step size; 0 for "auto", max(n / exaggeration / 4, 50) as scikit-learn
     *                                (the reference's fixed 200 made small maps unstable in our tests)
     * @param earlyExaggeration       factor on P during the first steps
     * @param exaggerationIterations  steps with exaggeration (and momentum 0.5)
     * @param seed                    seed of the initial map
     */
    public record Config(double perplexity, int iterations, double learningRate, double earlyExaggeration, int exaggerationIterations,
                         long seed) {
        public Config {
            if (!(perplexity > 0) || iterations < 1 || !(learningRate >= 0) || !(earlyExaggeration >= 1) || exaggerationIterations < 0) {
                throw new IllegalArgumentException("t-SNE needs perplexity > 0, iterations >= 1, learning rate >= 0, exaggeration >= 1");
            }
        }

        /** The reference settings (perplexity 30, 1000 steps, exaggeration 12 for 250 steps) with the automatic rate. */
        public static Config defaults(long seed) {
            return new Config(30, 1000, 0, 12, 250, seed);
        }

        /** The step size for {@code n} points. */
        public double learningRate(int n) {
            return learningRate > 0 ? learningRate : Math.max(n / earlyExaggeration / 4, 50);
        }

        public Config withPerplexity(double p) {
            return new Config(p, iterations, learningRate, earlyExaggeration, exaggerationIterations, seed);
        }

        public Config withIterations(int i) {
            return new Config(perplexity, i, learningRate, earlyExaggeration, Math.min(exaggerationIterations, i / 4), seed);
        }
    }

    private Tsne() {
    }

    /**
     * Embeds row-major points {@code x} [n, dim] into 2-D: returns [n][2].
     *
     * @throws IllegalArgumentException if there are fewer than 4 points or the perplexity is not below n - 1
     */
    public static double[][] embed(float[] x, int n, int dim, Config c) {
        if (n < 4) {
            throw new IllegalArgumentException("t-SNE needs at least 4 points, got " + n);
        }
        if (c.perplexity() >= n - 1) {
            throw new IllegalArgumentException("perplexity " + c.perplexity() + " must be below the number of points - 1 (" + (n - 1) + ")");
        }
        double[] p = jointProbabilities(squaredDistances(x, n, dim), n, c.perplexity());
        double[] y = new double[n * 2];
        SplittableRandom r = new SplittableRandom(c.seed());
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextGaussian() * 1e-4;
        }
        double[] update = new double[n * 2];
        double[] gains = new double[n * 2];
        java.util.Arrays.fill(gains, 1.0);
        double[] grad = new double[n * 2];
        double[] num = new double[n * n];
        double rate = c.learningRate(n);
        for (int it = 0; it < c.iterations(); it++) {
            boolean early = it < c.exaggerationIterations();
            double exaggeration = early ? c.earlyExaggeration() : 1.0;
            double momentum = early ? 0.5 : 0.8;
            gradient(p, y, n, exaggeration, num, grad);
            for (int k = 0; k < y.length; k++) {
                boolean sameSign = (grad[k] > 0) == (update[k] > 0);
                gains[k] = Math.max(0.01, sameSign ? gains[k] * 0.8 : gains[k] + 0.2);
                update[k] = momentum * update[k] - rate * gains[k] * grad[k];
                y[k] += update[k];
            }
            center(y, n);
        }
        double[][] out = new double[n][2];
        for (int i = 0; i < n; i++) {
            out[i][0] = y[2 * i];
            out[i][1] = y[2 * i + 1];
        }
        return out;
    }

    static double[] squaredDistances(float[] x, int n, int dim) {
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int k = 0; k < dim; k++) {
                    double v = x[i * dim + k] - x[j * dim + k];
                    s += v * v;
                }
                d[i * n + j] = s;
                d[j * n + i] = s;
            }
        }
        return d;
    }

    /** Symmetrised P [n*n] = (P_j|i + P_i|j) / 2n, floored at 1e-12. */
    static double[] jointProbabilities(double[] d, int n, double perplexity) {
        double[] cond = new double[n * n];
        for (int i = 0; i < n; i++) {
            conditionalRow(d, n, i, perplexity, cond);
        }
        double[] p = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                p[i * n + j] = i == j ? 0 : Math.max((cond[i * n + j] + cond[j * n + i]) / (2.0 * n), MIN_P);
            }
        }
        return p;
    }

    /** P_j|i for row i, with the Gaussian precision found by bisection so the entropy is log(perplexity). */
    static void conditionalRow(double[] d, int n, int i, double perplexity, double[] cond) {
        double target = Math.log(perplexity);
        double beta = 1.0;
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        // Distances relative to the nearest neighbour keep exp() from underflowing for far-out points.
        double minD = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (j != i) {
                minD = Math.min(minD, d[i * n + j]);
            }
        }
        for (int step = 0; step < 100; step++) {
            double sum = 0;
            double weighted = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    cond[i * n + j] = 0;
                    continue;
                }
                double rel = d[i * n + j] - minD;
                double v = Math.exp(-rel * beta);
                cond[i * n + j] = v;
                sum += v;
                weighted += rel * v;
            }
            double entropy = Math.log(sum) + beta * weighted / sum;
            for (int j = 0; j < n; j++) {
                cond[i * n + j] /= sum;
            }
            double diff = entropy - target;
            if (Math.abs(diff) < LOG_TOLERANCE) {
                return;
            }
            if (diff > 0) {
                lo = beta;
                beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
            } else {
                hi = beta;
                beta = lo == Double.NEGATIVE_INFINITY ? beta / 2 : (beta + lo) / 2;
            }
        }
    }

    private static void gradient(double[] p, double[] y, int n, double exaggeration, double[] num, double[] grad) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            num[i * n + i] = 0;
            for (int j = i + 1; j < n; j++) {
                double dx = y[2 * i] - y[2 * j];
                double dy = y[2 * i + 1] - y[2 * j + 1];
                double v = 1.0 / (1.0 + dx * dx + dy * dy);
                num[i * n + j] = v;
                num[j * n + i] = v;
                sum += 2 * v;
            }
        }
        java.util.Arrays.fill(grad, 0);
        for (int i = 0; i < n; i++) {
            double gx = 0;
            double gy = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double v = num[i * n + j];
                double m = (exaggeration * p[i * n + j] - Math.max(v / sum, MIN_P)) * v;
                gx += m * (y[2 * i] - y[2 * j]);
                gy += m * (y[2 * i + 1] - y[2 * j + 1]);
            }
            grad[2 * i] = 4 * gx;
            grad[2 * i + 1] = 4 * gy;
        }
    }

    private static void center(double[] y, int n) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += y[2 * i];
            my += y[2 * i + 1];
        }
        mx /= n;
        my /= n;
        for (int i = 0; i < n; i++) {
            y[2 * i] -= mx;
            y[2 * i + 1] -= my;
        }
    }
}
