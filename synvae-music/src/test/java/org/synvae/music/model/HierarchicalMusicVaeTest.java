package org.synvae.music.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.data.io.NdArrays;
import org.synvae.music.checkpoint.TfCheckpointWriter;

/**
 * The hierarchical ({@code hierdec-*}) model: variable names and shapes, a checkpoint round trip
 * through our TensorFlow writer and reader, determinism, and the decoder and 2-layer encoder
 * against a plain double-precision restatement of magenta's HierarchicalLstmDecoder
 * (disable_autoregression: the conductor reads zeros of width 1; each bar's core decoder starts from
 * tanh(dense(embedding)), reads [previous one-hot, embedding], and its first input is the previous
 * bar's last class). There is no TensorFlow golden for this model: the reference pins our reading of
 * magenta's code, not TensorFlow's numbers.
 */
class HierarchicalMusicVaeTest {
    /** z 3, encoder 2 x BiLSTM [4, 5], conductor [5, 6], core [4, 5], 3 bars of 4 steps, depth 7. */
    static final MusicVaeConfig TINY_HIER = new MusicVaeConfig("tiny-hier", 3, List.of(4, 5), List.of(4, 5), List.of(5, 6), 3, 12, 7,
            0.2, 0.99999, 0, "constant", 0, 1e-3, 0.9999, 1e-5, 8, 4, 4);

    @Test
    void variableNamesAndShapesFollowMagenta() {
        Map<String, long[]> s = MusicVaeVariables.shapes(MusicVaeConfigs.HIERDEC_MEL_16BAR);
        assertThat(s.get("encoder/cell_1/bidirectional_rnn/fw/multi_rnn_cell/cell_0/lstm_cell/kernel")).containsExactly(4096 + 2048, 8192);
        assertThat(s.get("encoder/mu/kernel")).containsExactly(4096, 512);
        assertThat(s.get("decoder/hierarchical_level_0/cell_0/lstm_cell/kernel")).containsExactly(1 + 1024, 4096);
        assertThat(s.get("decoder/hierarchical_level_0/cell_1/lstm_cell/kernel")).containsExactly(2048, 4096);
        assertThat(s.get("decoder/hierarchical_level_0/initial_state/kernel")).containsExactly(512, 4096);
        assertThat(s.get("core_decoder/decoder/multi_rnn_cell/cell_0/lstm_cell/kernel")).containsExactly(90 + 1024 + 1024, 4096);
        assertThat(s.get("core_decoder/decoder/multi_rnn_cell/cell_1/lstm_cell/bias")).containsExactly(4096);
        assertThat(s.get("core_decoder/decoder/z_to_initial_state/kernel")).containsExactly(1024, 4096);
        assertThat(s.get("core_decoder/decoder/output_projection/kernel")).containsExactly(1024, 90);
        assertThat(s).doesNotContainKey("decoder/z_to_initial_state/kernel");
    }

    @Test
    void decoderMatchesAPlainRestatementOfMagentasHierarchicalDecoder() {
        Map<String, INDArray> w = MusicVaeTest.randomWeights(TINY_HIER, 21);
        MusicVae vae = MusicVae.fromTensors(TINY_HIER, w);
        INDArray z = MusicVae.standardNormal(3, 3, 5);
        Decoded d = vae.decode(z, Sampling.argmax());
        assertThat(d.logits().shape()).containsExactly(3, 12, 7);
        Reference ref = new Reference(w);
        for (int b = 0; b < 3; b++) {
            double[][] expected = ref.decodeArgmax(z.getRow(b).toDoubleVector(), 3, 4);
            for (int t = 0; t < 12; t++) {
                for (int k = 0; k < 7; k++) {
                    assertThat((double) d.logits().getFloat(b, t, k)).as("seq %d step %d class %d", b, t, k)
                            .isCloseTo(expected[t][k], Offset.offset(1e-5));
                }
                assertThat(d.tokens()[b][t]).isEqualTo(MusicVaeTest.argmax(expected[t]));
            }
        }
    }

    @Test
    void twoLayerEncoderMatchesAPlainRestatement() {
        Map<String, INDArray> w = MusicVaeTest.randomWeights(TINY_HIER, 22);
        MusicVae vae = MusicVae.fromTensors(TINY_HIER, w);
        double[][][] seqs = new double[2][12][7];
        float[] x = new float[2 * 12 * 7];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 12; t++) {
                int k = r.nextInt(7);
                seqs[b][t][k] = 1;
                x[(b * 12 + t) * 7 + k] = 1;
            }
        }
        Posterior p = vae.encode(Nd4j.create(x, new long[] {2, 12, 7}, 'c'));
        Reference ref = new Reference(w);
        for (int b = 0; b < 2; b++) {
            double[][] musigma = ref.encode(seqs[b]);
            for (int j = 0; j < 3; j++) {
                assertThat((double) p.mu().getFloat(b, j)).isCloseTo(musigma[0][j], Offset.offset(1e-5));
                assertThat((double) p.sigma().getFloat(b, j)).isCloseTo(musigma[1][j], Offset.offset(1e-5));
            }
        }
    }

    @Test
    void checkpointRoundTripLoadsAndSamplesReproducibly(@TempDir Path dir) throws Exception {
        Map<String, INDArray> w = MusicVaeTest.randomWeights(TINY_HIER, 23);
        Map<String, INDArray> withExtra = new HashMap<>(w);
        withExtra.put("global_step", Nd4j.scalar(7L));
        Path prefix = dir.resolve("model.ckpt-7");
        TfCheckpointWriter.write(prefix, NdArrays.toNpy(withExtra));
        MusicVae loaded = MusicVaeLoader.load(TINY_HIER, prefix);
        MusicVae inMemory = MusicVae.fromTensors(TINY_HIER, w);

        Decoded a = loaded.sample(5, Sampling.temperature(1.0, 9), 4);
        Decoded b = loaded.sample(5, Sampling.temperature(1.0, 9), 4);
        Decoded c = inMemory.sample(5, Sampling.temperature(1.0, 9), 4);
        assertThat(a.tokens()).isDeepEqualTo(b.tokens()).isDeepEqualTo(c.tokens());
        assertThat(a.logits().equals(c.logits())).isTrue();
        for (int[] melody : a.tokens()) {
            assertThat(melody).hasSize(TINY_HIER.steps());
        }
        assertThat(loaded.sample(5, Sampling.temperature(1.0, 10), 4).tokens()).isNotEqualTo(a.tokens());
    }

    @Test
    void decodingWholeBarsOnlyAndMissingConductorIsNamed() {
        Map<String, INDArray> w = MusicVaeTest.randomWeights(TINY_HIER, 24);
        MusicVae vae = MusicVae.fromTensors(TINY_HIER, w);
        INDArray z = MusicVae.standardNormal(1, 3, 1);
        assertThat(vae.decode(z, Sampling.argmax(), 8).tokens()[0]).hasSize(8);
        assertThatThrownBy(() -> vae.decode(z, Sampling.argmax(), 6)).hasMessageContaining("whole bars of 4 steps");
        w.remove("decoder/hierarchical_level_0/initial_state/bias");
        assertThatThrownBy(() -> MusicVae.fromTensors(TINY_HIER, w)).hasMessageContaining("decoder/hierarchical_level_0/initial_state/bias");
    }

    /** magenta's hierarchical equations, written out with double loops. */
    private static final class Reference {
        private final Map<String, double[][]> m = new HashMap<>();

        Reference(Map<String, INDArray> w) {
            w.forEach((k, v) -> m.put(k, v.rank() == 1 ? new double[][] {v.toDoubleVector()} : v.toDoubleMatrix()));
        }

        /** One LSTMBlockCell step: returns {h', c'}. */
        double[][] cell(String kernel, String bias, double[] x, double[] h, double[] c) {
            double[][] k = m.get(kernel);
            double[] b = m.get(bias)[0];
            int n = h.length;
            double[] g = b.clone();
            for (int j = 0; j < 4 * n; j++) {
                for (int i = 0; i < x.length; i++) {
                    g[j] += x[i] * k[i][j];
                }
                for (int i = 0; i < n; i++) {
                    g[j] += h[i] * k[x.length + i][j];
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

        double[] dense(double[] x, String kernel, String bias) {
            double[][] k = m.get(kernel);
            double[] y = m.get(bias)[0].clone();
            for (int j = 0; j < y.length; j++) {
                for (int i = 0; i < x.length; i++) {
                    y[j] += x[i] * k[i][j];
                }
            }
            return y;
        }

        /** tanh(dense(e)) split c0, h0, c1, h1 for layers of the given sizes: [layer][0 = c, 1 = h]. */
        double[][][] initial(double[] e, String kernel, String bias, int... sizes) {
            double[] all = dense(e, kernel, bias);
            double[][][] s = new double[sizes.length][2][];
            int at = 0;
            for (int l = 0; l < sizes.length; l++) {
                for (int part = 0; part < 2; part++) {
                    s[l][part] = new double[sizes[l]];
                    for (int u = 0; u < sizes[l]; u++) {
                        s[l][part][u] = Math.tanh(all[at + part * sizes[l] + u]);
                    }
                }
                at += 2 * sizes[l];
            }
            return s;
        }

        double[][] decodeArgmax(double[] z, int bars, int stepsPerBar) {
            double[][][] cond = initial(z, MusicVaeVariables.CONDUCTOR_INITIAL_STATE_KERNEL, MusicVaeVariables.CONDUCTOR_INITIAL_STATE_BIAS, 5, 6);
            double[] prev = new double[7];
            double[][] out = new double[bars * stepsPerBar][];
            for (int bar = 0; bar < bars; bar++) {
                double[] input = {0};
                for (int l = 0; l < 2; l++) {
                    double[][] s = cell(MusicVaeVariables.conductorKernel(l), MusicVaeVariables.conductorBias(l), input, cond[l][1], cond[l][0]);
                    cond[l][1] = s[0];
                    cond[l][0] = s[1];
                    input = s[0];
                }
                double[] embedding = input;
                double[][][] core = initial(embedding, MusicVaeVariables.CORE_INITIAL_STATE_KERNEL, MusicVaeVariables.CORE_INITIAL_STATE_BIAS, 4, 5);
                for (int t = 0; t < stepsPerBar; t++) {
                    double[] x = new double[7 + embedding.length];
                    System.arraycopy(prev, 0, x, 0, 7);
                    System.arraycopy(embedding, 0, x, 7, embedding.length);
                    for (int l = 0; l < 2; l++) {
                        double[][] s = cell(MusicVaeVariables.coreKernel(l), MusicVaeVariables.coreBias(l), x, core[l][1], core[l][0]);
                        core[l][1] = s[0];
                        core[l][0] = s[1];
                        x = s[0];
                    }
                    double[] logits = dense(x, MusicVaeVariables.CORE_OUTPUT_KERNEL, MusicVaeVariables.CORE_OUTPUT_BIAS);
                    out[bar * stepsPerBar + t] = logits;
                    prev = new double[7];
                    prev[MusicVaeTest.argmax(logits)] = 1;
                }
            }
            return out;
        }

        /** Two stacked BiLSTM layers (stack_bidirectional_dynamic_rnn), then mu and softplus sigma. */
        double[][] encode(double[][] seq) {
            int[] sizes = {4, 5};
            double[][] input = seq;
            double[] summary = null;
            for (int l = 0; l < 2; l++) {
                int n = sizes[l];
                double[][] outFw = new double[input.length][];
                double[][] outBw = new double[input.length][];
                double[] h = new double[n];
                double[] c = new double[n];
                for (int t = 0; t < input.length; t++) {
                    double[][] s = cell(MusicVaeVariables.encoderKernel(l, "fw"), MusicVaeVariables.encoderBias(l, "fw"), input[t], h, c);
                    h = s[0];
                    c = s[1];
                    outFw[t] = h;
                }
                double[] hf = h;
                h = new double[n];
                c = new double[n];
                for (int t = input.length - 1; t >= 0; t--) {
                    double[][] s = cell(MusicVaeVariables.encoderKernel(l, "bw"), MusicVaeVariables.encoderBias(l, "bw"), input[t], h, c);
                    h = s[0];
                    c = s[1];
                    outBw[t] = h;
                }
                double[][] next = new double[input.length][2 * n];
                for (int t = 0; t < input.length; t++) {
                    System.arraycopy(outFw[t], 0, next[t], 0, n);
                    System.arraycopy(outBw[t], 0, next[t], n, n);
                }
                input = next;
                summary = new double[2 * n];
                System.arraycopy(hf, 0, summary, 0, n);
                System.arraycopy(h, 0, summary, n, n);
            }
            double[] mu = dense(summary, MusicVaeVariables.MU_KERNEL, MusicVaeVariables.MU_BIAS);
            double[] sigma = dense(summary, MusicVaeVariables.SIGMA_KERNEL, MusicVaeVariables.SIGMA_BIAS);
            for (int j = 0; j < sigma.length; j++) {
                sigma[j] = Math.log1p(Math.exp(sigma[j]));
            }
            return new double[][] {mu, Arrays.copyOf(sigma, sigma.length)};
        }

        static double sig(double v) {
            return 1 / (1 + Math.exp(-v));
        }
    }
}
