package org.synvae.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.data.io.NpyArray;
import org.synvae.music.checkpoint.TfCheckpointWriter;
import org.synvae.music.model.MusicVae;
import org.synvae.music.model.MusicVaeConfig;
import org.synvae.music.model.MusicVaeConfigs;
import org.synvae.music.model.MusicVaeLoader;
import org.synvae.music.model.MusicVaeVariables;
import org.synvae.music.model.Sampling;

/**
 * {@code bench load_big}: how much memory loading cat-mel_2bar_big (538 MB of float32) takes. The
 * process's peak resident memory ({@code VmHWM}) after loading a TensorFlow checkpoint and decoding
 * one batch of 8, next to its resident memory just before loading (the JVM and ND4J's native
 * libraries): the difference over the weights' size is the number the MusicVAE issue bounds by ~2.
 * Without a checkpoint, random weights are written to a temporary directory and the measurement
 * runs in a fresh JVM, so that writing them does not count.
 */
final class LoadBenchmark {
    private static final MusicVaeConfig BIG = MusicVaeConfigs.CAT_MEL_2BAR_BIG;

    private LoadBenchmark() {
    }

    /** Loads {@code checkpoint} as cat-mel_2bar_big in this JVM and decodes one batch; reports memory. */
    static Map<String, Object> measure(Path checkpoint) {
        Nd4j.create(1); // the native libraries are part of the baseline, not of the load
        System.gc();
        long baseline = status("VmRSS");
        long t = System.nanoTime();
        MusicVae vae = MusicVaeLoader.load(BIG, checkpoint);
        double loadSeconds = (System.nanoTime() - t) / 1e9;
        INDArray z = MusicVae.standardNormal(8, BIG.zSize(), 1);
        vae.decode(z, Sampling.temperature(1.0, 2));
        long peak = status("VmHWM");
        double weights = MusicVaeVariables.shapes(BIG).values().stream()
                .mapToLong(s -> Arrays.stream(s).reduce(1, (a, b) -> a * b)).sum() * 4.0;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", "musicvae_big_load");
        r.put("load_s", loadSeconds);
        r.put("weights_mb", weights / 1e6);
        r.put("rss_before_mb", baseline / 1e6);
        r.put("peak_rss_mb", peak / 1e6);
        r.put("peak_over_weights", (peak - baseline) / weights);
        return r;
    }

    /** Writes random cat-mel_2bar_big weights to a temporary checkpoint and measures in a fresh JVM. */
    static Map<String, Object> inFreshJvm(int threads) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("synvae-load-big");
        try {
            Path prefix = dir.resolve("model.ckpt-0");
            writeRandom(prefix);
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "bench", "load_big", "--threads", Integer.toString(threads), "--checkpoint", prefix.toString()));
            Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (child.waitFor() != 0) {
                throw new IllegalStateException("the measuring JVM failed (exit " + child.exitValue() + ")");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> r = new ObjectMapper().readValue(out.substring(out.lastIndexOf('\n') + 1), LinkedHashMap.class);
            r.remove("threads");
            r.remove("backend");
            return r;
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void writeRandom(Path prefix) throws IOException {
        SplittableRandom random = new SplittableRandom(0);
        Map<String, NpyArray> tensors = new LinkedHashMap<>();
        MusicVaeVariables.shapes(BIG).forEach((name, shape) -> {
            float[] v = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b))];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (random.nextGaussian() * 0.02);
            }
            tensors.put(name, NpyArray.ofFloats(v, shape));
        });
        TfCheckpointWriter.write(prefix, tensors);
    }

    /** A {@code /proc/self/status} field in bytes (Linux). */
    private static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status (load_big measures memory on Linux only)", e);
        }
        throw new IllegalStateException("no " + field + " in /proc/self/status");
    }
}
