package org.synvae.eval.metrics;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Exact k-nearest-neighbour search by Euclidean distance, each item against all others.
 *
 * <p>Squared distances are expanded as {@code |a|^2 + |b|^2 - 2 a.b} and computed tile by tile: a
 * block of query rows against a block of candidate rows, so the n x n distance matrix is never held
 * and each tile's data stays in cache. Candidates are stored transposed ({@code [dim][n]}) so that
 * the innermost loop runs over contiguous floats without a reduction, which the JIT turns into SIMD
 * code. Query blocks run in parallel. Dot products accumulate in float in a fixed order, so the
 * result is the same whatever the number of threads.
 */
final class NearestNeighbours {
    private static final int QUERY_BLOCK = 16;
    private static final int CANDIDATE_BLOCK = 256;

    private NearestNeighbours() {
    }

    /**
     * The {@code k} nearest other items of every item, nearest first, ties to the lower index.
     *
     * @param x row-major {@code [n, dim]} points, already validated
     * @return row-major {@code [n, k]} neighbour indices
     */
    static int[] search(float[] x, int n, int dim, int k) {
        float[] transposed = transpose(x, n, dim);
        double[] norms = squaredNorms(x, n, dim);
        int[] neighbours = new int[n * k];
        int blocks = (n + QUERY_BLOCK - 1) / QUERY_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int start = b * QUERY_BLOCK;
            searchBlock(x, transposed, norms, n, dim, k, start, Math.min(n, start + QUERY_BLOCK), neighbours);
        });
        return neighbours;
    }

    private static void searchBlock(float[] x, float[] t, double[] norms, int n, int dim, int k,
                                    int qStart, int qEnd, int[] neighbours) {
        int rows = qEnd - qStart;
        NeighbourBuffer[] buffers = new NeighbourBuffer[rows];
        for (int r = 0; r < rows; r++) {
            buffers[r] = new NeighbourBuffer(k);
        }
        float[] dots = new float[rows * CANDIDATE_BLOCK];
        for (int cStart = 0; cStart < n; cStart += CANDIDATE_BLOCK) {
            int width = Math.min(CANDIDATE_BLOCK, n - cStart);
            dotTile(x, t, n, dim, qStart, rows, cStart, width, dots);
            for (int r = 0; r < rows; r++) {
                int i = qStart + r;
                for (int c = 0; c < width; c++) {
                    int j = cStart + c;
                    if (j != i) {
                        // Rounding can push the distance of (near-)duplicates slightly below zero.
                        double d = Math.max(0.0, norms[i] + norms[j] - 2.0 * dots[r * CANDIDATE_BLOCK + c]);
                        buffers[r].offer(d, j);
                    }
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            buffers[r].copyIndices(neighbours, (qStart + r) * k);
        }
    }

    /** dots[r][c] = x[qStart + r] . x[cStart + c], for a tile of rows x width. */
    private static void dotTile(float[] x, float[] t, int n, int dim, int qStart, int rows,
                                int cStart, int width, float[] dots) {
        Arrays.fill(dots, 0f);
        int d = 0;
        // Four dimensions per pass: the tile of dots is loaded and stored a quarter as often,
        // which is what bounds this loop.
        for (; d + 4 <= dim; d += 4) {
            int t0 = d * n + cStart;
            int t1 = t0 + n;
            int t2 = t1 + n;
            int t3 = t2 + n;
            for (int r = 0; r < rows; r++) {
                int xOffset = (qStart + r) * dim + d;
                float s0 = x[xOffset];
                float s1 = x[xOffset + 1];
                float s2 = x[xOffset + 2];
                float s3 = x[xOffset + 3];
                int base = r * CANDIDATE_BLOCK;
                for (int c = 0; c < width; c++) {
                    dots[base + c] += s0 * t[t0 + c] + s1 * t[t1 + c] + s2 * t[t2 + c] + s3 * t[t3 + c];
                }
            }
        }
        for (; d < dim; d++) {
            int tOffset = d * n + cStart;
            for (int r = 0; r < rows; r++) {
                float s = x[(qStart + r) * dim + d];
                int base = r * CANDIDATE_BLOCK;
                for (int c = 0; c < width; c++) {
                    dots[base + c] += s * t[tOffset + c];
                }
            }
        }
    }

    private static float[] transpose(float[] x, int n, int dim) {
        float[] t = new float[n * dim];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                t[d * n + i] = x[i * dim + d];
            }
        }
        return t;
    }

    private static double[] squaredNorms(float[] x, int n, int dim) {
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int d = 0; d < dim; d++) {
                double v = x[i * dim + d];
                sum += v * v;
            }
            norms[i] = sum;
        }
        return norms;
    }
}
