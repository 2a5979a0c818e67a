package org.synvae.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.models.train.GraphModel;
import org.synvae.models.train.AdamConfig;
import org.synvae.models.train.NativeMemoryGuard;
import org.synvae.models.visual.VisualVae;
import org.synvae.synesthetic.SynestheticVae;
import org.synvae.synesthetic.SynestheticVaeConfig;
import org.synvae.models.visual.VisualVaeConfig;
import org.synvae.music.model.MusicVae;
import org.synvae.music.model.MusicVaeConfig;
import org.synvae.music.model.MusicVaeConfigs;
import org.synvae.music.model.MusicVaeVariables;
import org.synvae.music.model.Sampling;
import org.synvae.music.train.MusicVaeTraining;

/**
 * {@code synvae bench WORKLOAD...}: the workloads of the reference benchmark (shared/bench), timed
 * the same way (warm-up runs, then the median of repeated runs) and printed in the same JSON line
 * format as {@code torch_ref.py}: {@code name}, {@code items_per_s}, {@code ms_per_batch}. One more,
 * {@code load_big}, is not in torch_ref.py: the peak memory of loading cat-mel_2bar_big
 * ({@link LoadBenchmark}); and {@code train_small_graph} / {@code synvae_small_graph}, those
 * workloads the way they ran before the hand-written MusicVAE passes (SameDiff's passes over the
 * whole graph), for comparison.
 */
final class BenchCommand implements Command, Main.PositionalArguments {
    private static final List<String> WORKLOADS = List.of("visvae", "decode_small", "decode_big", "train_small", "synvae_small",
            "train_small_graph", "synvae_small_graph", "load_big");

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "time reference workloads (" + String.join(", ", WORKLOADS) + "); JSON lines like torch_ref.py";
    }

    @Override
    public String usage() {
        return "WORKLOAD... [--threads N] [--warmup W] [--reps R] [--checkpoint P]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("threads").hasArg().argName("N").desc("compute threads (default 1: faster than 2 on 2-vCPU machines for every workload here; torch_ref.py uses 2)").build());
        o.addOption(Option.builder().longOpt("warmup").hasArg().argName("W").desc("untimed runs first (default 8: the JVM needs a few steps to compile the hot code)").build());
        o.addOption(Option.builder().longOpt("reps").hasArg().argName("R").desc("timed runs; the median is reported (default 5)").build());
        o.addOption(Option.builder().longOpt("checkpoint").hasArg().argName("P")
                .desc("load_big: the cat-mel_2bar_big checkpoint to load (default: random weights written to a temporary directory)").build());
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        List<String> which = cmd.getArgList().isEmpty() ? WORKLOADS : cmd.getArgList();
        for (String w : which) {
            if (!WORKLOADS.contains(w)) {
                throw new UsageException("unknown workload '" + w + "'; workloads: " + String.join(", ", WORKLOADS));
            }
        }
        int threads = args.positive("threads", 1);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        int warmup = args.integer("warmup", 8);
        int reps = args.positive("reps", 5);
        ObjectMapper json = new ObjectMapper();
        for (String w : which) {
            Map<String, Object> result = switch (w) {
                case "visvae" -> visvae(256, warmup, reps);
                case "decode_small" -> decode(MusicVaeConfigs.CAT_MEL_2BAR_SMALL, 64, warmup, reps);
                case "decode_big" -> decode(MusicVaeConfigs.CAT_MEL_2BAR_BIG, 8, Math.min(warmup, 2), Math.min(reps, 3));
                // The full warm-up: SameDiff's Java code takes 4-5 steps of ~1 s to reach its steady
                // speed (1.3-2 s per step before, 0.9-1.1 s after), which is what a training run sees.
                case "train_small" -> trainSmall(64, warmup, Math.min(reps, 3), false);
                case "train_small_graph" -> trainSmall(64, warmup, Math.min(reps, 3), true);
                case "synvae_small" -> synvaeSmall(64, warmup, Math.min(reps, 3), false);
                case "synvae_small_graph" -> synvaeSmall(64, warmup, Math.min(reps, 3), true);
                case "load_big" -> args.has("checkpoint") ? LoadBenchmark.measure(Path.of(args.required("checkpoint")))
                        : LoadBenchmark.inFreshJvm(threads);
                default -> throw new IllegalStateException(w);
            };
            result.put("threads", threads);
            result.put("backend", Nd4j.getBackend().getClass().getSimpleName());
            out.println(json.writeValueAsString(result));
        }
        return 0;
    }

    /** One Adam step of the seed's MNIST VisVAE (latent 50) on a batch of binarised images. */
    private static Map<String, Object> visvae(int batch, int warmup, int reps) {
        VisualVae vae = VisualVae.build(VisualVaeConfig.defaults("mnist", 0));
        GraphModel model = new GraphModel(vae.graph(), AdamConfig.of(1e-3));
        SplittableRandom random = new SplittableRandom(0);
        INDArray images = binarisedImages(batch, random);
        NativeMemoryGuard guard = new NativeMemoryGuard();
        Runnable step = () -> {
            model.trainStep(Map.of(VisualVae.IMAGES, images, VisualVae.EPSILON, vae.epsilon(batch, random)), VisualVae.LOSSES);
            guard.afterStep();
        };
        double seconds = median(step, warmup, reps);
        return result("visvae_mnist_train_b" + batch, batch, seconds);
    }

    /**
     * Decoding {@code batch} melodies of 32 steps with sampled one-hot feedback (temperature 1),
     * random weights as torch_ref.py uses; the item is one sequence.
     */
    private static Map<String, Object> decode(MusicVaeConfig config, int batch, int warmup, int reps) {
        SplittableRandom random = new SplittableRandom(0);
        Map<String, INDArray> weights = new java.util.HashMap<>();
        MusicVaeVariables.shapes(config).forEach((name, shape) -> {
            long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            float[] v = new float[Math.toIntExact(n)];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (random.nextGaussian() * 0.02);
            }
            weights.put(name, Nd4j.create(v, shape, 'c'));
        });
        MusicVae vae = MusicVae.fromTensors(config, weights);
        INDArray z = MusicVae.standardNormal(batch, config.zSize(), 1);
        double seconds = median(() -> vae.decode(z, Sampling.temperature(1.0, 2)), warmup, reps);
        return result("musicvae_" + config.name().replace("cat-mel_2bar_", "") + "_decode_b" + batch, batch, seconds);
    }

    /**
     * One Adam step of cat-mel_2bar_small on random one-hot sequences: BiLSTM encoder, teacher-forced
     * decoder, cross-entropy + 0.2 KL (as torch_ref.py's train_small); the item is one sequence.
     */
    private static Map<String, Object> trainSmall(int batch, int warmup, int reps, boolean wholeGraph) {
        MusicVaeConfig config = MusicVaeConfigs.CAT_MEL_2BAR_SMALL;
        Map<String, INDArray> weights = MusicVaeTraining.initialWeights(config, 0);
        GraphModel model = wholeGraph ? new GraphModel(MusicVaeTraining.trainingGraph(config, weights, false), AdamConfig.of(1e-3))
                : MusicVaeTraining.trainingModel(config, weights, false, 1e-3);
        SplittableRandom random = new SplittableRandom(0);
        float[] onehot = new float[batch * config.steps() * config.depth()];
        for (int i = 0; i < batch * config.steps(); i++) {
            onehot[i * config.depth() + random.nextInt(config.depth())] = 1f;
        }
        Map<String, INDArray> feeds = Map.of(
                MusicVaeTraining.SEQUENCES, Nd4j.create(onehot, new long[] {batch, config.steps(), config.depth()}, 'c'),
                MusicVaeTraining.EPSILON, MusicVae.standardNormal(batch, config.zSize(), 1),
                MusicVaeTraining.BETA, Nd4j.scalar(0.2f));
        NativeMemoryGuard guard = new NativeMemoryGuard();
        double seconds = median(() -> {
            model.trainStep(feeds, MusicVaeTraining.LOSSES);
            guard.afterStep();
        }, warmup, reps);
        return result("musicvae_small_train_b" + batch + (wholeGraph ? "_whole_graph" : ""), batch, seconds);
    }

    /**
     * One Adam step of the seed's MNIST SynVAE with cat-mel_2bar_small (as torch_ref.py's
     * synvae_small): visual encoder (z 256), decoder with sampled feedback, encoder on the raw
     * logits, visual decoder; only the visual weights train. The item is one image.
     *
     * @param wholeGraph SameDiff's passes over the whole graph instead of the model's own path
     */
    private static Map<String, Object> synvaeSmall(int batch, int warmup, int reps, boolean wholeGraph) {
        MusicVaeConfig music = MusicVaeConfigs.CAT_MEL_2BAR_SMALL;
        SynestheticVae vae = SynestheticVae.build(SynestheticVaeConfig.seedDefaults("mnist", music, 0),
                MusicVaeTraining.initialWeights(music, 0));
        GraphModel model = wholeGraph ? vae.graphModel() : vae.model();
        SplittableRandom random = new SplittableRandom(0);
        INDArray images = binarisedImages(batch, random);
        NativeMemoryGuard guard = new NativeMemoryGuard();
        double seconds = median(() -> {
            model.trainStep(vae.feeds(images, random), SynestheticVae.LOSSES);
            guard.afterStep();
        }, warmup, reps);
        return result("synvae_mnist_small_train_b" + batch + (wholeGraph ? "_whole_graph" : ""), batch, seconds);
    }

    /** A batch [n, 28, 28, 1] of random binary images, as torch_ref.py's MNIST workloads use. */
    private static INDArray binarisedImages(int n, SplittableRandom random) {
        float[] pixels = new float[n * 28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextDouble() > 0.5 ? 1f : 0f;
        }
        return Nd4j.create(pixels, new long[] {n, 28, 28, 1}, 'c');
    }

    private static double median(Runnable run, int warmup, int reps) {
        for (int i = 0; i < warmup; i++) {
            run.run();
        }
        double[] times = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t = System.nanoTime();
            run.run();
            times[i] = (System.nanoTime() - t) / 1e9;
        }
        Arrays.sort(times);
        return times[reps / 2];
    }

    private static Map<String, Object> result(String name, int items, double seconds) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("items_per_s", items / seconds);
        r.put("ms_per_batch", seconds * 1e3);
        return r;
    }
}
