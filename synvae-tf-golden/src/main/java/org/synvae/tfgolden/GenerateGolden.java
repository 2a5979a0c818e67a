package org.synvae.tfgolden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;
import org.synvae.music.model.GoldenWeights;
import org.synvae.music.model.MusicVaeConfig;
import org.synvae.music.model.MusicVaeConfigs;
import org.synvae.music.model.MusicVaeVariables;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LSTMBlockCell;
import org.tensorflow.op.train.Save;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Computes MusicVAE golden outputs with TensorFlow itself (raw ops in a TF graph, run in a TF
 * Session) on the deterministic weights of {@link GoldenWeights}, and writes them as .npy for
 * {@code MusicVaeGoldenTest}. Also writes the weights with TensorFlow's SaveV2 op.
 *
 * <p>The graph is magenta's MusicVAE (cat-mel_*) at inference: a BiLSTM encoder (LSTMBlockCell,
 * zero initial states, the backward cell on the reversed sequence), mu = dense(h_fw, h_bw),
 * sigma = softplus(dense(...)); a decoder with initial state tanh(dense(z)) split c0, h0, c1, h1,
 * ..., input concat(previous one-hot, z) (zeros at step 0), stacked LSTMBlockCells, logits =
 * dense(h_top) and argmax feedback (ArgMax + OneHot in the graph: TensorFlow picks the tokens).
 * Every LSTMBlockCell has forget_bias 1, cell_clip -1 (off; the raw op's default is 3) and no
 * peepholes.
 *
 * <p>Arguments: {@code <golden dir> <temp dir> [small] [big]}. "small" writes
 * {@code <golden dir>/cat-mel_2bar_small/} (committed) and the TF checkpoint in
 * {@code <temp dir>/cat-mel_2bar_small/}; "big" writes everything for cat-mel_2bar_big (538 MB)
 * under {@code <temp dir>/cat-mel_2bar_big/} only.
 */
public final class GenerateGolden {
    static final int STEPS = 32;

    private GenerateGolden() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: GenerateGolden <golden dir> <temp dir> [small] [big]");
        }
        Path golden = Path.of(args[0]);
        Path temp = Path.of(args[1]);
        List<String> what = args.length > 2 ? List.of(args).subList(2, args.length) : List.of("small");
        System.out.println("TensorFlow " + TensorFlow.version());
        for (String w : what) {
            switch (w) {
                case "small" -> generate(MusicVaeConfigs.CAT_MEL_2BAR_SMALL, 3, golden.resolve("cat-mel_2bar_small"),
                        temp.resolve("cat-mel_2bar_small"));
                case "big" -> generate(MusicVaeConfigs.CAT_MEL_2BAR_BIG, 2, temp.resolve("cat-mel_2bar_big"),
                        temp.resolve("cat-mel_2bar_big"));
                default -> throw new IllegalArgumentException("unknown target '" + w + "' (small, big)");
            }
        }
    }

    static void generate(MusicVaeConfig config, int batch, Path out, Path ckptDir) throws IOException {
        long started = System.nanoTime();
        Map<String, long[]> shapes = MusicVaeVariables.shapes(config);
        Map<String, float[]> weights = GoldenWeights.of(shapes);
        int depth = config.depth();
        int zSize = config.zSize();
        float[] input = GoldenWeights.encoderInput(batch, STEPS, depth);
        float[] z = GoldenWeights.latents(batch, zSize);
        Files.createDirectories(out);
        Files.createDirectories(ckptDir);

        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            java.util.HashMap<String, Operand<TFloat32>> w = new java.util.HashMap<>();
            weights.forEach((name, v) -> w.put(name, tf.constant(Shape.of(shapes.get(name)), DataBuffers.of(v, true, false))));

            // Encoder.
            Operand<TFloat32> x = tf.constant(Shape.of(batch, STEPS, depth), DataBuffers.of(input, true, false));
            List<Operand<TFloat32>> steps = new ArrayList<>(tf.unstack(x, (long) STEPS, org.tensorflow.op.core.Unstack.axis(1L)).output());
            if (config.encoderSizes().size() != 1) {
                throw new IllegalArgumentException("one encoder layer expected");
            }
            int en = config.encoderSizes().get(0);
            Operand<TFloat32> hFw = runDirection(tf, steps, false, batch, en,
                    w.get(MusicVaeVariables.encoderKernel(0, "fw")), w.get(MusicVaeVariables.encoderBias(0, "fw")));
            Operand<TFloat32> hBw = runDirection(tf, steps, true, batch, en,
                    w.get(MusicVaeVariables.encoderKernel(0, "bw")), w.get(MusicVaeVariables.encoderBias(0, "bw")));
            Operand<TFloat32> summary = tf.concat(List.of(hFw, hBw), tf.constant(1));
            Operand<TFloat32> mu = dense(tf, summary, w.get(MusicVaeVariables.MU_KERNEL), w.get(MusicVaeVariables.MU_BIAS));
            Operand<TFloat32> sigma = tf.math.softplus(
                    dense(tf, summary, w.get(MusicVaeVariables.SIGMA_KERNEL), w.get(MusicVaeVariables.SIGMA_BIAS)));

            // Decoder from fixed latents.
            Operand<TFloat32> zc = tf.constant(Shape.of(batch, zSize), DataBuffers.of(z, true, false));
            int layers = config.decoderSizes().size();
            Operand<TFloat32> init = tf.math.tanh(dense(tf, zc, w.get(MusicVaeVariables.INITIAL_STATE_KERNEL),
                    w.get(MusicVaeVariables.INITIAL_STATE_BIAS)));
            List<Operand<TFloat32>> parts = new ArrayList<>();
            long at = 0;
            for (int l = 0; l < layers; l++) {
                long n = config.decoderSizes().get(l);
                // c_l then h_l, as magenta's initial_cell_state_from_embedding splits it.
                parts.add(tf.slice(init, tf.constant(new long[] {0, at}), tf.constant(new long[] {batch, n})));
                parts.add(tf.slice(init, tf.constant(new long[] {0, at + n}), tf.constant(new long[] {batch, n})));
                at += 2 * n;
            }
            List<Operand<TFloat32>> c = new ArrayList<>();
            List<Operand<TFloat32>> h = new ArrayList<>();
            for (int l = 0; l < layers; l++) {
                c.add(parts.get(2 * l));
                h.add(parts.get(2 * l + 1));
            }
            Operand<TFloat32> previous = tf.zeros(tf.constant(new long[] {batch, depth}), TFloat32.class);
            List<Operand<TFloat32>> logitsPerStep = new ArrayList<>();
            List<Operand<TInt64>> tokensPerStep = new ArrayList<>();
            for (int t = 0; t < STEPS; t++) {
                Operand<TFloat32> below = tf.concat(List.of(previous, zc), tf.constant(1));
                for (int l = 0; l < layers; l++) {
                    LSTMBlockCell<TFloat32> cell = cell(tf, below, c.get(l), h.get(l), config.decoderSizes().get(l),
                            w.get(MusicVaeVariables.decoderKernel(l)), w.get(MusicVaeVariables.decoderBias(l)));
                    c.set(l, cell.cs());
                    h.set(l, cell.h());
                    below = cell.h();
                }
                Operand<TFloat32> logits = dense(tf, below, w.get(MusicVaeVariables.OUTPUT_KERNEL), w.get(MusicVaeVariables.OUTPUT_BIAS));
                Operand<TInt64> token = tf.math.argMax(logits, tf.constant(1), TInt64.class);
                previous = tf.oneHot(token, tf.constant(depth), tf.constant(1f), tf.constant(0f));
                logitsPerStep.add(logits);
                tokensPerStep.add(token);
            }
            Operand<TFloat32> allLogits = tf.stack(logitsPerStep, org.tensorflow.op.core.Stack.axis(1L));
            Operand<TInt64> allTokens = tf.stack(tokensPerStep, org.tensorflow.op.core.Stack.axis(1L));

            // SaveV2 of every variable plus global_step, in sorted name order.
            List<String> names = new ArrayList<>(weights.keySet());
            List<Operand<?>> tensors = new ArrayList<>();
            for (String name : names) {
                tensors.add(w.get(name));
            }
            names.add("global_step");
            tensors.add(tf.constant(12345L));
            Path prefix = ckptDir.resolve("model.ckpt-12345");
            String[] slices = new String[names.size()];
            java.util.Arrays.fill(slices, "");
            Save save = tf.train.save(tf.constant(StandardCharsets.UTF_8, prefix.toString()),
                    tf.constant(StandardCharsets.UTF_8, names.toArray(new String[0])),
                    tf.constant(StandardCharsets.UTF_8, slices), tensors);

            try (Result r = s.runner().fetch(mu).fetch(sigma).fetch(allLogits).fetch(allTokens).addTarget(save).run()) {
                float[] muV = floats((TFloat32) r.get(0), batch * zSize);
                float[] sigmaV = floats((TFloat32) r.get(1), batch * zSize);
                float[] logitsV = floats((TFloat32) r.get(2), batch * STEPS * depth);
                long[] tokensV = new long[batch * STEPS];
                ((TInt64) r.get(3)).copyTo(DataBuffers.of(tokensV, false, false));
                Npy.write(out.resolve("encoder_input.npy"), NpyArray.ofFloats(input, batch, STEPS, depth));
                Npy.write(out.resolve("z.npy"), NpyArray.ofFloats(z, batch, zSize));
                Npy.write(out.resolve("mu.npy"), NpyArray.ofFloats(muV, batch, zSize));
                Npy.write(out.resolve("sigma.npy"), NpyArray.ofFloats(sigmaV, batch, zSize));
                Npy.write(out.resolve("decoder_logits.npy"), NpyArray.ofFloats(logitsV, batch, STEPS, depth));
                Npy.write(out.resolve("decoder_tokens.npy"), NpyArray.ofLongs(tokensV, batch, STEPS));
                report(config, batch, depth, logitsV, tokensV, muV, sigmaV);
            }
        }
        Path data = ckptDir.resolve("model.ckpt-12345.data-00000-of-00001");
        Path index = ckptDir.resolve("model.ckpt-12345.index");
        String info = String.format(Locale.ROOT, "{\"prefix\": \"model.ckpt-12345\", \"data_size\": %d, \"data_sha256\": \"%s\","
                + " \"index_size\": %d, \"index_sha256\": \"%s\"}%n", Files.size(data), sha256(data), Files.size(index), sha256(index));
        if (!out.equals(ckptDir)) {
            // The index is small (a few hundred bytes per variable): kept beside the goldens. The data
            // shard is the variables' bytes back to back; its digest pins what the test rebuilds.
            Files.copy(index, out.resolve("model.ckpt-12345.index"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(out.resolve("checkpoint.json"), info);
        System.out.printf(Locale.ROOT, "%s: wrote %s and checkpoint %s (%.1f s)%n  %s", config.name(), out, ckptDir,
                (System.nanoTime() - started) / 1e9, info);
    }

    /** Final h of one LSTMBlockCell direction over the unstacked steps, from zero state. */
    private static Operand<TFloat32> runDirection(Ops tf, List<Operand<TFloat32>> steps, boolean reverse, int batch, int n,
            Operand<TFloat32> kernel, Operand<TFloat32> bias) {
        Operand<TFloat32> c = tf.zeros(tf.constant(new long[] {batch, n}), TFloat32.class);
        Operand<TFloat32> h = tf.zeros(tf.constant(new long[] {batch, n}), TFloat32.class);
        for (int k = 0; k < steps.size(); k++) {
            Operand<TFloat32> x = steps.get(reverse ? steps.size() - 1 - k : k);
            LSTMBlockCell<TFloat32> cell = cell(tf, x, c, h, n, kernel, bias);
            c = cell.cs();
            h = cell.h();
        }
        return h;
    }

    private static LSTMBlockCell<TFloat32> cell(Ops tf, Operand<TFloat32> x, Operand<TFloat32> c, Operand<TFloat32> h, long n,
            Operand<TFloat32> kernel, Operand<TFloat32> bias) {
        Operand<TFloat32> noPeephole = tf.zeros(tf.constant(new long[] {n}), TFloat32.class);
        return tf.nn.lSTMBlockCell(x, c, h, kernel, noPeephole, noPeephole, noPeephole, bias,
                LSTMBlockCell.forgetBias(1f), LSTMBlockCell.cellClip(-1f), LSTMBlockCell.usePeephole(false));
    }

    private static Operand<TFloat32> dense(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel, Operand<TFloat32> bias) {
        return tf.nn.biasAdd(tf.linalg.matMul(x, kernel), bias);
    }

    private static float[] floats(TFloat32 t, int n) {
        if (t.size() != n) {
            throw new IllegalStateException("expected " + n + " values, got " + t.shape());
        }
        float[] v = new float[n];
        t.copyTo(DataBuffers.of(v, false, false));
        return v;
    }

    /** Prints the smallest top-1/top-2 logit gap: argmax goldens are only robust if it is well above 1e-4. */
    private static void report(MusicVaeConfig config, int batch, int depth, float[] logits, long[] tokens, float[] mu, float[] sigma) {
        double minGap = Double.POSITIVE_INFINITY;
        java.util.Set<Long> distinct = new java.util.TreeSet<>();
        for (int r = 0; r < batch * STEPS; r++) {
            float best = Float.NEGATIVE_INFINITY;
            float second = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < depth; k++) {
                float v = logits[r * depth + k];
                if (v > best) {
                    second = best;
                    best = v;
                } else if (v > second) {
                    second = v;
                }
            }
            minGap = Math.min(minGap, best - second);
            distinct.add(tokens[r]);
        }
        System.out.printf(Locale.ROOT, "%s: min top-1/top-2 logit gap %.6g; %d distinct tokens; mu[0..3] %s; sigma[0..3] %s%n",
                config.name(), minGap, distinct.size(), java.util.Arrays.toString(java.util.Arrays.copyOf(mu, 4)),
                java.util.Arrays.toString(java.util.Arrays.copyOf(sigma, 4)));
        StringBuilder sb = new StringBuilder();
        for (int b = 0; b < batch; b++) {
            sb.append("  tokens[").append(b).append("] = ");
            for (int t = 0; t < STEPS; t++) {
                sb.append(tokens[b * STEPS + t]).append(' ');
            }
            sb.append('\n');
        }
        System.out.print(sb);
    }

    private static String sha256(Path p) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(p)) {
                byte[] buf = new byte[1 << 20];
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
