package org.synvae.music.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The encoder and decoder wiring (initial-state split c0,h0,c1,h1; z concatenated to every input;
 * one-hot feedback; bidirectional summary) checked against a plain double-precision re-statement of
 * magenta's graph on a tiny config. The cell itself is pinned to TensorFlow in {@link LstmCellTest}.
 */
class MusicVaeTest {
    static final MusicVaeConfig TINY = new MusicVaeConfig("tiny", 3, List.of(4), List.of(5, 6), List.of(), 0, 6, 7,
            0.2, 0.99999, 0, "inverse_sigmoid", 1000, 1e-3, 0.9999, 1e-5, 8, 4, 16);

    static Map<String, INDArray> randomWeights(MusicVaeConfig c, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, INDArray> w = new HashMap<>();
        MusicVaeVariables.shapes(c).forEach((name, shape) -> {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            float[] v = new float[(int) n];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (r.nextDouble() * 1.6 - 0.8);
            }
            w.put(name, Nd4j.create(v, shape, 'c'));
        });
        return w;
    }

    @Test
    void decoderMatchesAPlainRestatementOfMagentasGraph() {
        Map<String, INDArray> w = randomWeights(TINY, 3);
        MusicVae vae = MusicVae.fromTensors(TINY, w);
        INDArray z = MusicVae.standardNormal(2, 3, 9);
        Decoded d = vae.decode(z, Sampling.argmax());
        Reference ref = new Reference(w);
        for (int b = 0; b < 2; b++) {
            double[][] expected = ref.decodeArgmax(z.getRow(b).toDoubleVector(), 6);
            for (int t = 0; t < 6; t++) {
                for (int k = 0; k < 7; k++) {
                    assertThat((double) d.logits().getFloat(b, t, k)).isCloseTo(expected[t][k], org.assertj.core.data.Offset.offset(1e-5));
                }
                assertThat(d.tokens()[b][t]).isEqualTo(argmax(expected[t]));
            }
        }
    }

    @Test
    void encoderMatchesAPlainRestatementOfMagentasGraph() {
        Map<String, INDArray> w = randomWeights(TINY, 4);
        MusicVae vae = MusicVae.fromTensors(TINY, w);
        SplittableRandom r = new SplittableRandom(5);
        float[] x = new float[2 * 6 * 7];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        Posterior p = vae.encode(Nd4j.create(x, new long[] {2, 6, 7}, 'c'));
        Reference ref = new Reference(w);
        for (int b = 0; b < 2; b++) {
            double[][] seq = new double[6][7];
            for (int t = 0; t < 6; t++) {
                for (int k = 0; k < 7; k++) {
                    seq[t][k] = x[(b * 6 + t) * 7 + k];
                }
            }
            double[][] musigma = ref.encode(seq);
            for (int j = 0; j < 3; j++) {
                assertThat((double) p.mu().getFloat(b, j)).isCloseTo(musigma[0][j], org.assertj.core.data.Offset.offset(1e-5));
                assertThat((double) p.sigma().getFloat(b, j)).isCloseTo(musigma[1][j], org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void samplingIsSeededAndTemperatureMatters() {
        MusicVae vae = MusicVae.fromTensors(TINY, randomWeights(TINY, 6));
        Decoded a = vae.sample(16, Sampling.temperature(1.0, 7), 1);
        Decoded b = vae.sample(16, Sampling.temperature(1.0, 7), 1);
        assertThat(a.tokens()).isDeepEqualTo(b.tokens());
        Decoded hot = vae.sample(16, Sampling.temperature(50.0, 7), 1);
        Decoded cold = vae.sample(16, Sampling.argmax(), 1);
        assertThat(hot.tokens()).isNotEqualTo(cold.tokens());
    }

    @Test
    void aBatchDecodedInPartsIsTheBatchDecodedWhole() {
        MusicVae vae = MusicVae.fromTensors(TINY, randomWeights(TINY, 6));
        INDArray z = MusicVae.standardNormal(37, TINY.zSize(), 3);
        for (Sampling s : List.of(Sampling.temperature(1.0, 7), Sampling.argmax())) {
            Decoded whole = vae.decode(z, s, TINY.steps(), 1);
            Decoded parts = vae.decode(z, s, TINY.steps(), 3);
            assertThat(parts.tokens()).isDeepEqualTo(whole.tokens());
            assertThat(parts.logits()).isEqualTo(whole.logits());
        }
    }

    @Test
    void emptyBatchesAndImpossibleSampleCountsAreRefusedWithAMessage() {
        MusicVae vae = MusicVae.fromTensors(TINY, randomWeights(TINY, 6));
        assertThatThrownBy(() -> vae.decode(Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 0, TINY.zSize()), Sampling.argmax()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no latents");
        assertThatThrownBy(() -> vae.encode(Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 0, TINY.steps(), TINY.depth())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no sequences");
        assertThatThrownBy(() -> vae.sample(1_000_000_000, Sampling.argmax(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000000000 latents of 3 dimensions");
    }

    @Test
    void slerpKeepsTheEndsAndNorms() {
        INDArray a = Nd4j.createFromArray(1f, 0f);
        INDArray b = Nd4j.createFromArray(0f, 1f);
        INDArray path = MusicVae.slerp(a, b, 3);
        assertThat(path.getRow(0).toFloatVector()).containsExactly(1f, 0f);
        assertThat(path.getRow(2).toFloatVector()[1]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(path.getRow(1).norm2Number().doubleValue()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void missingOrMisShapedVariablesAreNamed() {
        Map<String, INDArray> w = randomWeights(TINY, 1);
        w.remove(MusicVaeVariables.OUTPUT_BIAS);
        assertThatThrownBy(() -> MusicVae.fromTensors(TINY, w)).hasMessageContaining("decoder/output_projection/bias");
        Map<String, INDArray> v = randomWeights(TINY, 1);
        v.put(MusicVaeVariables.MU_KERNEL, Nd4j.zeros(5, 3));
        assertThatThrownBy(() -> MusicVae.fromTensors(TINY, v)).hasMessageContaining("encoder/mu/kernel")
                .hasMessageContaining("[5, 3]").hasMessageContaining("[8, 3]");
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** magenta's equations, written out with double loops. */
    private static final class Reference {
        private final Map<String, double[][]> m = new HashMap<>();

        Reference(Map<String, INDArray> w) {
            w.forEach((k, v) -> m.put(k, v.rank() == 1 ? new double[][] {v.toDoubleVector()} : v.toDoubleMatrix()));
        }

        double[][] cell(String kernel, String bias, double[] x, double[] h, double[] c) {
            double[][] k = m.get(kernel);
            double[] b = m.get(bias)[0];
            int n = h.length;
            double[] xh = new double[x.length + n];
            System.arraycopy(x, 0, xh, 0, x.length);
            System.arraycopy(h, 0, xh, x.length, n);
            double[] g = new double[4 * n];
            for (int j = 0; j < 4 * n; j++) {
                g[j] = b[j];
                for (int i = 0; i < xh.length; i++) {
                    g[j] += xh[i] * k[i][j];
                }
            }
            double[] c2 = new double[n];
            double[] h2 = new double[n];
            for (int u = 0; u < n; u++) {
                c2[u] = sig(g[2 * n + u] + 1) * c[u] + sig(g[u]) * Math.tanh(g[n + u]);
                h2[u] = sig(g[3 * n + u]) * Math.tanh(c2[u]);
            }
            return new double[][] {h2, c2};
        }

        double[][] decodeArgmax(double[] z, int steps) {
            double[][] ik = m.get(MusicVaeVariables.INITIAL_STATE_KERNEL);
            double[] ib = m.get(MusicVaeVariables.INITIAL_STATE_BIAS)[0];
            double[] init = new double[ib.length];
            for (int j = 0; j < init.length; j++) {
                init[j] = ib[j];
                for (int i = 0; i < z.length; i++) {
                    init[j] += z[i] * ik[i][j];
                }
                init[j] = Math.tanh(init[j]);
            }
            double[] c0 = java.util.Arrays.copyOfRange(init, 0, 5);
            double[] h0 = java.util.Arrays.copyOfRange(init, 5, 10);
            double[] c1 = java.util.Arrays.copyOfRange(init, 10, 16);
            double[] h1 = java.util.Arrays.copyOfRange(init, 16, 22);
            double[] prev = new double[7];
            double[][] out = new double[steps][];
            for (int t = 0; t < steps; t++) {
                double[] x = new double[7 + 3];
                System.arraycopy(prev, 0, x, 0, 7);
                System.arraycopy(z, 0, x, 7, 3);
                double[][] s0 = cell(MusicVaeVariables.decoderKernel(0), MusicVaeVariables.decoderBias(0), x, h0, c0);
                h0 = s0[0];
                c0 = s0[1];
                double[][] s1 = cell(MusicVaeVariables.decoderKernel(1), MusicVaeVariables.decoderBias(1), h0, h1, c1);
                h1 = s1[0];
                c1 = s1[1];
                out[t] = dense(h1, MusicVaeVariables.OUTPUT_KERNEL, MusicVaeVariables.OUTPUT_BIAS);
                prev = new double[7];
                prev[argmax(out[t])] = 1;
            }
            return out;
        }

        double[][] encode(double[][] seq) {
            double[] hf = new double[4];
            double[] cf = new double[4];
            for (double[] x : seq) {
                double[][] s = cell(MusicVaeVariables.encoderKernel(0, "fw"), MusicVaeVariables.encoderBias(0, "fw"), x, hf, cf);
                hf = s[0];
                cf = s[1];
            }
            double[] hb = new double[4];
            double[] cb = new double[4];
            for (int t = seq.length - 1; t >= 0; t--) {
                double[][] s = cell(MusicVaeVariables.encoderKernel(0, "bw"), MusicVaeVariables.encoderBias(0, "bw"), seq[t], hb, cb);
                hb = s[0];
                cb = s[1];
            }
            double[] summary = new double[8];
            System.arraycopy(hf, 0, summary, 0, 4);
            System.arraycopy(hb, 0, summary, 4, 4);
            double[] mu = dense(summary, MusicVaeVariables.MU_KERNEL, MusicVaeVariables.MU_BIAS);
            double[] sigma = dense(summary, MusicVaeVariables.SIGMA_KERNEL, MusicVaeVariables.SIGMA_BIAS);
            for (int j = 0; j < sigma.length; j++) {
                sigma[j] = Math.log1p(Math.exp(sigma[j]));
            }
            return new double[][] {mu, sigma};
        }

        double[] dense(double[] x, String kernel, String bias) {
            double[][] k = m.get(kernel);
            double[] b = m.get(bias)[0];
            double[] y = new double[b.length];
            for (int j = 0; j < y.length; j++) {
                y[j] = b[j];
                for (int i = 0; i < x.length; i++) {
                    y[j] += x[i] * k[i][j];
                }
            }
            return y;
        }

        static double sig(double v) {
            return 1 / (1 + Math.exp(-v));
        }
    }
}
