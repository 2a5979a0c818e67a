package org.synvae.music.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.data.io.NdArrays;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;
import org.synvae.music.checkpoint.TfCheckpoint;
import org.synvae.music.checkpoint.TfCheckpointReader;

/**
 * The whole cat-mel_2bar_small MusicVAE (real shapes) against outputs TensorFlow 2.18 computed on
 * the same {@link GoldenWeights}: BiLSTM encoder (mu, sigma), decoder logits with argmax feedback
 * chosen by TensorFlow, and a checkpoint whose index TensorFlow's SaveV2 wrote. Fixtures and how
 * they were made: src/test/resources/golden/cat-mel_2bar_small/README.md (module synvae-tf-golden).
 */
class MusicVaeGoldenTest {
    private static final MusicVaeConfig SMALL = MusicVaeConfigs.CAT_MEL_2BAR_SMALL;
    private static final double TOLERANCE = 1e-4;

    static Path golden(String file) {
        try {
            return Path.of(MusicVaeGoldenTest.class.getResource("/golden/cat-mel_2bar_small/" + file).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("missing golden fixture " + file, e);
        }
    }

    static NpyArray read(String file) throws IOException {
        return Npy.read(golden(file));
    }

    static Map<String, INDArray> goldenWeights() {
        Map<String, long[]> shapes = MusicVaeVariables.shapes(SMALL);
        Map<String, INDArray> w = new HashMap<>();
        GoldenWeights.of(shapes).forEach((name, v) -> w.put(name, Nd4j.create(v, shapes.get(name), 'c')));
        return w;
    }

    @Test
    void fixedInputsAreTheFormulasInputs() throws IOException {
        NpyArray x = read("encoder_input.npy");
        NpyArray z = read("z.npy");
        assertThat(x.shape()).containsExactly(3, 32, 90);
        assertThat(z.shape()).containsExactly(3, 256);
        assertThat(x.toFloatArray()).containsExactly(GoldenWeights.encoderInput(3, 32, 90));
        assertThat(z.toFloatArray()).containsExactly(GoldenWeights.latents(3, 256));
    }

    @Test
    void encoderMatchesTensorFlow() throws IOException {
        MusicVae vae = MusicVae.fromTensors(SMALL, goldenWeights());
        Posterior p = vae.encode(NdArrays.fromNpy(read("encoder_input.npy")));
        double dMu = maxAbsDiff(p.mu(), read("mu.npy"));
        double dSigma = maxAbsDiff(p.sigma(), read("sigma.npy"));
        System.out.printf("golden encoder: max |mu - TF| = %.3g, max |sigma - TF| = %.3g%n", dMu, dSigma);
        assertThat(dMu).isLessThan(TOLERANCE);
        assertThat(dSigma).isLessThan(TOLERANCE);
    }

    @Test
    void argmaxDecoderMatchesTensorFlow() throws IOException {
        MusicVae vae = MusicVae.fromTensors(SMALL, goldenWeights());
        assertDecodesLikeTensorFlow(vae, "in memory");
    }

    /**
     * TensorFlow's SaveV2 index of the real small-model shapes (committed, 875 bytes) with a data
     * shard rebuilt from the formula and checked byte for byte against TensorFlow's by SHA-256:
     * our reader must find every variable where TensorFlow put it, and the loaded model decode alike.
     */
    @Test
    void loadsATensorFlowWrittenCheckpoint(@TempDir Path dir) throws Exception {
        JsonNode info = new ObjectMapper().readTree(golden("checkpoint.json").toFile());
        String prefix = info.get("prefix").asText();
        Path index = golden(prefix + ".index");
        assertThat(sha256(Files.readAllBytes(index))).isEqualTo(info.get("index_sha256").asText());
        Files.copy(index, dir.resolve(prefix + ".index"));
        Path data = dir.resolve(prefix + ".data-00000-of-00001");
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        // SaveV2 was given the variables in sorted name order, then global_step (int64 12345).
        try (OutputStream out = Files.newOutputStream(data)) {
            for (float[] v : GoldenWeights.of(MusicVaeVariables.shapes(SMALL)).values()) {
                ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(v);
                out.write(b.array());
                md.update(b.array());
            }
            byte[] step = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(12345L).array();
            out.write(step);
            md.update(step);
        }
        assertThat(Files.size(data)).isEqualTo(info.get("data_size").asLong());
        assertThat(HexFormat.of().formatHex(md.digest())).isEqualTo(info.get("data_sha256").asText());

        TfCheckpoint ckpt = TfCheckpointReader.read(dir.resolve(prefix));
        assertThat(ckpt.names()).hasSize(MusicVaeVariables.shapes(SMALL).size() + 1).contains("global_step");
        assertThat(ckpt.tensor("global_step").toLongArray()).containsExactly(12345L);
        String kernel = MusicVaeVariables.decoderKernel(0);
        assertThat(ckpt.tensor(kernel).shape()).containsExactly(602, 1024);
        // isEqualTo compares with Arrays.equals; containsExactly is quadratic on 617k values.
        assertThat(ckpt.tensor(kernel).toFloatArray()).isEqualTo(GoldenWeights.of(MusicVaeVariables.shapes(SMALL)).get(kernel));
        assertDecodesLikeTensorFlow(MusicVaeLoader.load(SMALL, dir.resolve(prefix)), "from TF checkpoint");
    }

    /**
     * Opt-in (runs only where the tf-golden profile wrote them; 538 MB, never committed): a
     * TensorFlow-written checkpoint of cat-mel_2bar_big's shapes loads, encodes and decodes as
     * TensorFlow did. Generate with {@code mvn -B -Ptf-golden -pl synvae-tf-golden -am package
     * -DskipTests -Dgolden.args="small big"}; the directory may be overridden with
     * {@code -Dsynvae.golden.big=DIR}.
     */
    @Test
    void bigShapedTensorFlowCheckpointLoadsAndDecodes() throws IOException {
        Path dir = Path.of(System.getProperty("synvae.golden.big", "../synvae-tf-golden/target/tf-checkpoints/cat-mel_2bar_big"));
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("decoder_tokens.npy")),
                "no cat-mel_2bar_big goldens in " + dir.toAbsolutePath() + " (opt-in, see synvae-tf-golden/README.md)");
        MusicVaeConfig big = MusicVaeConfigs.CAT_MEL_2BAR_BIG;
        MusicVae vae = MusicVaeLoader.load(big, dir.resolve("model.ckpt-12345"));
        Posterior p = vae.encode(NdArrays.fromNpy(Npy.read(dir.resolve("encoder_input.npy"))));
        double dMu = maxAbsDiff(p.mu(), Npy.read(dir.resolve("mu.npy")));
        double dSigma = maxAbsDiff(p.sigma(), Npy.read(dir.resolve("sigma.npy")));
        Decoded d = vae.decode(NdArrays.fromNpy(Npy.read(dir.resolve("z.npy"))), Sampling.argmax());
        double dLogits = maxAbsDiff(d.logits(), Npy.read(dir.resolve("decoder_logits.npy")));
        System.out.printf("golden cat-mel_2bar_big: max |mu - TF| = %.3g, max |sigma - TF| = %.3g, max |logits - TF| = %.3g%n",
                dMu, dSigma, dLogits);
        assertTokens(d, Npy.read(dir.resolve("decoder_tokens.npy")).toLongArray(), big.steps());
        assertThat(dMu).isLessThan(TOLERANCE);
        assertThat(dSigma).isLessThan(TOLERANCE);
        assertThat(dLogits).isLessThan(TOLERANCE);
    }

    private static void assertTokens(Decoded d, long[] tfTokens, int steps) {
        for (int b = 0; b < d.tokens().length; b++) {
            for (int t = 0; t < steps; t++) {
                assertThat((long) d.tokens()[b][t]).as("token [%d, %d]", b, t).isEqualTo(tfTokens[b * steps + t]);
            }
        }
    }

    private static void assertDecodesLikeTensorFlow(MusicVae vae, String what) throws IOException {
        Decoded d = vae.decode(NdArrays.fromNpy(read("z.npy")), Sampling.argmax());
        NpyArray logits = read("decoder_logits.npy");
        assertThat(d.logits().shape()).containsExactly(logits.shape());
        long[] tfTokens = read("decoder_tokens.npy").toLongArray();
        assertThat(d.tokens()).hasNumberOfRows(3);
        assertTokens(d, tfTokens, SMALL.steps());
        double dLogits = maxAbsDiff(d.logits(), logits);
        System.out.printf("golden decoder (%s): max |logits - TF| = %.3g, tokens identical%n", what, dLogits);
        assertThat(dLogits).isLessThan(TOLERANCE);
    }

    private static double maxAbsDiff(INDArray ours, NpyArray tf) {
        assertThat(ours.shape()).containsExactly(tf.shape());
        float[] a = ours.dup('c').data().asFloat();
        float[] b = tf.toFloatArray();
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
