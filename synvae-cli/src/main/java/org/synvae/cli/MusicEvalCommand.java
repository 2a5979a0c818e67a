package org.synvae.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;
import org.synvae.eval.listening.MelodyGrid;
import org.synvae.eval.music.MelodyFeatures.Feature;
import org.synvae.eval.music.MusicVaeEvaluation;
import org.synvae.eval.music.ReconstructionAccuracy;
import org.synvae.eval.plot.TrainingCurves;
import org.synvae.models.train.Provenance;
import org.synvae.music.melody.OneHotMelodyCodec;
import org.synvae.music.midi.MidiReader;
import org.synvae.music.model.MusicVaeConfig;
import org.synvae.music.model.MusicVaeLoader;
import org.synvae.music.train.MelodyDataset;

/**
 * {@code synvae music eval}: a MusicVAE judged as music. With {@code --exp} (a {@code music train}
 * experiment) the held-out windows are that run's validation tunes, per source, and the weights its
 * latest TensorFlow export; or give {@code --config}, {@code --checkpoint} and {@code --data}
 * (every window of the data is the reference). Prints held-out reconstruction accuracy per source,
 * the melody realism of prior samples and of any {@code --compare} sets, and a calibration row;
 * writes results.json, feature histograms and piano rolls to {@code --out}.
 */
final class MusicEvalCommand implements Command {

    @Override
    public String name() {
        return "music eval";
    }

    @Override
    public String summary() {
        return "a MusicVAE judged as music: held-out accuracy per source, melody realism of samples and translations";
    }

    @Override
    public String usage() {
        return "(--exp DIR | --config C --checkpoint P --data DIR[,DIR...]) --out DIR [--compare NAME=TOKENS.npy|NAME=MIDI_DIR ...] "
                + "[--n 1000 --temperature 0.5 --seed S --no-accuracy]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("exp").hasArg().argName("DIR").desc("a music train experiment: its config, held-out tunes and latest export").build());
        MusicModelOptions.addModel(o);
        o.addOption(Option.builder().longOpt("data").hasArg().argName("DIR[,DIR...]").desc("reference melodies without --exp (NAME=DIR names a source)").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("where results.json and the PNGs go").build());
        o.addOption(Option.builder().longOpt("compare").hasArg().argName("NAME=PATH")
                .desc("another melody set to judge: token rows [N, steps] in .npy (syn-eval's tokens.npy) or a folder of MIDI files "
                        + "(translate's output); comma-separated for several").build());
        o.addOption(Option.builder().longOpt("n").hasArg().argName("N").desc("prior samples per sampling (default 1000)").build());
        o.addOption(Option.builder().longOpt("temperature").hasArg().argName("T").desc("temperature of the sampled prior set (default 0.5)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S").desc("seed of prior latents and samples (default 42)").build());
        o.addOption(Option.builder().longOpt("no-accuracy").desc("skip the held-out reconstruction accuracy").build());
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        // Checked before the model and data load: a bad --out must not fail after the evaluation.
        Path outDir = OutputTargets.directory(Path.of(args.required("out")));
        if (args.has("exp") && args.has("data")) {
            throw new UsageException("--data comes from the experiment with --exp");
        }
        MusicModelOptions.Trained model = MusicModelOptions.Trained.of(args);
        MusicVaeConfig config = model.config();
        Path checkpoint = model.checkpoint();
        MelodyDataset heldOut;
        if (model.experiment() != null) {
            Provenance prov = model.experiment().provenance();
            MelodyDataset all = MelodyDataset.load(MusicTrainCommand.sources(prov.argument("data")), config.steps(),
                    Integer.parseInt(prov.argument("max-files")));
            heldOut = all.split(Double.parseDouble(prov.argument("valid-fraction")), Long.parseLong(prov.argument("seed"))).valid();
        } else {
            heldOut = MelodyDataset.load(MusicTrainCommand.sources(args.required("data")), config.steps(), 0);
        }
        int n = args.positive("n", 1000);
        double temperature = args.number("temperature", 0.5);
        if (!(temperature > 0)) {
            throw new UsageException("--temperature must be positive");
        }
        Map<String, int[][]> others = new LinkedHashMap<>();
        if (args.has("compare")) {
            for (String spec : args.required("compare").split(",")) {
                int eq = spec.indexOf('=');
                if (eq < 1) {
                    throw new UsageException("--compare takes NAME=PATH, got " + spec);
                }
                others.put(spec.substring(0, eq), tokenRows(Path.of(spec.substring(eq + 1)), config.steps()));
            }
        }
        Map<String, INDArray> weights = MusicVaeLoader.tensors(config, checkpoint);
        MusicVaeEvaluation.Report report = MusicVaeEvaluation.run(config, weights, heldOut, others,
                new MusicVaeEvaluation.Settings(n, temperature, args.longValue("seed", 42), 64, !args.has("no-accuracy")), outDir);
        print(report, out);
        if (model.experiment() != null && TrainingCurves.write(model.experiment().tensorboard(),
                outDir.resolve(MusicTrainCommand.CURVES))) {
            out.println("training curves: " + outDir.resolve(MusicTrainCommand.CURVES));
        }
        out.println("written: " + outDir.resolve("results.json"));
        return 0;
    }

    /** Token rows of a .npy of integer tokens [N, steps], or of every MIDI file under a folder (from time zero). */
    static int[][] tokenRows(Path path, int steps) throws IOException {
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> all = Files.walk(path)) {
                files = all.filter(Files::isRegularFile).filter(p -> p.toString().toLowerCase(Locale.ROOT).matches(".*\\.midi?$")).sorted().toList();
            }
            if (files.isEmpty()) {
                throw InvalidDataException.of(path, "no MIDI files (*.mid, *.midi)");
            }
            OneHotMelodyCodec codec = new OneHotMelodyCodec();
            List<int[]> rows = new ArrayList<>();
            for (Path f : files) {
                rows.add(codec.indices(MelodyGrid.of(MidiReader.read(f), steps)));
            }
            return rows.toArray(int[][]::new);
        }
        NpyArray a = Npy.read(path);
        if (a.ndim() != 2 || a.shape(1) != steps || a.dtype().isFloatingPoint()) {
            throw InvalidDataException.of(path, "tokens must be integers [N, " + steps + "], found " + a.dtype() + " " + java.util.Arrays.toString(a.shape()));
        }
        int[] flat = a.toIntArray();
        int[][] rows = new int[(int) a.shape(0)][steps];
        for (int i = 0; i < rows.length; i++) {
            for (int t = 0; t < steps; t++) {
                int v = flat[i * steps + t];
                if (v < 0 || v >= OneHotMelodyCodec.DEPTH) {
                    throw InvalidDataException.of(path, "token " + v + " at row " + i + " is outside 0.." + (OneHotMelodyCodec.DEPTH - 1));
                }
                rows[i][t] = v;
            }
        }
        return rows;
    }

    private static void print(MusicVaeEvaluation.Report r, PrintStream out) {
        if (!r.accuracy().isEmpty()) {
            out.println("held-out reconstruction accuracy (posterior mean; per step)");
            out.printf(Locale.ROOT, "  %-14s %8s %15s %13s%n", "source", "windows", "teacher-forced", "free-running");
            for (Map.Entry<String, ReconstructionAccuracy.Result> e : r.accuracy().entrySet()) {
                out.printf(Locale.ROOT, "  %-14s %8d %15.4f %13.4f%n", e.getKey(), e.getValue().windows(), e.getValue().teacherForced(),
                        e.getValue().freeRunning());
            }
        }
        out.println("melody realism against the held-out real windows: overlapping area (OA) per feature, and the mean");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-22s %6s %7s", "set", "n", "mean OA"));
        for (Feature f : Feature.values()) {
            head.append(String.format(Locale.ROOT, " %8.8s", f.key().replace("_", "")));
        }
        out.println(head);
        for (Map.Entry<String, MusicVaeEvaluation.SetRealism> e : r.sets().entrySet()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-22s %6d %7.3f", e.getKey(), e.getValue().melodies(), e.getValue().meanOa()));
            for (Feature f : Feature.values()) {
                row.append(String.format(Locale.ROOT, " %8.3f", e.getValue().overlaps().get(f.key())));
            }
            out.println(row);
        }
        out.println("feature means");
        printMeans("held-out real", r.reference(), out);
        r.sets().forEach((name, s) -> printMeans(name, s, out));
        if (!r.calibration().isEmpty()) {
            out.println("calibration (real against real, mean OA)");
            r.calibration().forEach((k, v) -> out.printf(Locale.ROOT, "  %-30s %.3f%n", k, v));
        }
    }

    private static void printMeans(String name, MusicVaeEvaluation.SetRealism s, PrintStream out) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-22s %6d %7s", name, s.melodies(), ""));
        for (Feature f : Feature.values()) {
            row.append(String.format(Locale.ROOT, " %8.3f", s.means().get(f.key())));
        }
        out.println(row);
    }
}
