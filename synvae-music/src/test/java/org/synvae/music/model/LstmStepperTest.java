package org.synvae.music.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The buffered fast path (one product per step, Java elementwise math, h carried in the operand
 * buffer) against the plain LSTMBlockCell equations in double precision, over several steps, in
 * both forms (input in the product, or supplied as prefilled gates), with sizes that are not
 * multiples of any vector width.
 */
class LstmStepperTest {
    private static final int BATCH = 5;
    private static final int IN = 7;
    private static final int N = 33;
    private static final int STEPS = 6;

    @Test
    void stepsWithInputMatchThePlainEquations() {
        run(true);
    }

    @Test
    void stepsWithPrefilledInputGatesMatchThePlainEquations() {
        run(false);
    }

    private static void run(boolean withInput) {
        SplittableRandom r = new SplittableRandom(11);
        double[][] kernel = random(r, IN + N, 4 * N, 0.4);
        double[] bias = random(r, 1, 4 * N, 0.3)[0];
        double[][][] x = new double[STEPS][][];
        for (int t = 0; t < STEPS; t++) {
            x[t] = random(r, BATCH, IN, 1.5);
        }
        double[][] c = random(r, BATCH, N, 0.8);
        double[][] h = random(r, BATCH, N, 0.8);

        LstmCell cell = new LstmCell(Nd4j.create(toFloat(kernel)), Nd4j.create(toFloat(new double[][] {bias})).reshape(4 * N));
        LstmStepper s = new LstmStepper(cell, BATCH, withInput);
        s.setState(flat(c), flat(h));
        float[] biasRows = flat(repeat(bias, BATCH));
        for (int t = 0; t < STEPS; t++) {
            if (withInput) {
                s.prefill(biasRows);
                float[] xs = flat(x[t]);
                for (int b = 0; b < BATCH; b++) {
                    s.setInput(b, xs, b * IN);
                }
            } else {
                INDArray gates = cell.inputGates(Nd4j.create(toFloat(x[t])));
                s.prefill(gates.dup('c').data().asFloat());
            }
            s.step();
            for (int b = 0; b < BATCH; b++) {
                double[][] next = plainStep(kernel, bias, x[t][b], h[b], c[b]);
                h[b] = next[0];
                c[b] = next[1];
            }
            float[] fh = s.h();
            float[] fc = s.c();
            for (int b = 0; b < BATCH; b++) {
                for (int u = 0; u < N; u++) {
                    assertThat((double) fh[b * N + u]).as("h step %d row %d unit %d", t, b, u)
                            .isCloseTo(h[b][u], org.assertj.core.data.Offset.offset(1e-5));
                    assertThat((double) fc[b * N + u]).as("c step %d row %d unit %d", t, b, u)
                            .isCloseTo(c[b][u], org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        }
    }

    /** g = [x, h] K + b; c' = sig(f + 1) c + sig(i) tanh(j); h' = sig(o) tanh(c'). */
    private static double[][] plainStep(double[][] k, double[] bias, double[] x, double[] h, double[] c) {
        double[] g = bias.clone();
        for (int col = 0; col < 4 * N; col++) {
            for (int i = 0; i < IN; i++) {
                g[col] += x[i] * k[i][col];
            }
            for (int i = 0; i < N; i++) {
                g[col] += h[i] * k[IN + i][col];
            }
        }
        double[] c2 = new double[N];
        double[] h2 = new double[N];
        for (int u = 0; u < N; u++) {
            c2[u] = sig(g[2 * N + u] + 1) * c[u] + sig(g[u]) * Math.tanh(g[N + u]);
            h2[u] = sig(g[3 * N + u]) * Math.tanh(c2[u]);
        }
        return new double[][] {h2, c2};
    }

    private static double sig(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static double[][] random(SplittableRandom r, int rows, int cols, double scale) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                // Rounded to float so both sides start from identical values.
                row[j] = (float) (r.nextGaussian() * scale);
            }
        }
        return m;
    }

    private static double[][] repeat(double[] v, int times) {
        double[][] m = new double[times][];
        for (int i = 0; i < times; i++) {
            m[i] = v.clone();
        }
        return m;
    }

    private static float[][] toFloat(double[][] m) {
        float[][] f = new float[m.length][];
        for (int i = 0; i < m.length; i++) {
            f[i] = new float[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                f[i][j] = (float) m[i][j];
            }
        }
        return f;
    }

    private static float[] flat(double[][] m) {
        float[] f = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                f[i * m[0].length + j] = (float) m[i][j];
            }
        }
        return f;
    }
}
