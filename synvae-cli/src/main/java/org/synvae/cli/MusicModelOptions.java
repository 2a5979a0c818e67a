package org.synvae.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.NdArrays;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;
import org.synvae.music.MelodyFiles;
import org.synvae.music.model.MusicVae;
import org.synvae.music.model.MusicVaeConfig;
import org.synvae.music.model.MusicVaeConfigs;
import org.synvae.music.model.MusicVaeLoader;
import org.synvae.music.model.Sampling;

/** Options and outputs the music commands share: the model, sampling, and melody files. */
final class MusicModelOptions {
    private MusicModelOptions() {
    }

    /** --config and --checkpoint. */
    static void addModel(Options o) {
        o.addOption(Option.builder().longOpt("config").hasArg().argName("C")
                .desc("MusicVAE config: " + String.join(" | ", MusicVaeConfigs.names()) + ", or a .json file").build());
        o.addOption(Option.builder().longOpt("checkpoint").hasArg().argName("P")
                .desc("TensorFlow checkpoint (prefix, .index or directory) or magenta.js directory").build());
    }

    /** --temperature, --argmax, --seed. */
    static void addSampling(Options o) {
        o.addOption(Option.builder().longOpt("temperature").hasArg().argName("T").desc("sample at this softmax temperature").build());
        o.addOption(Option.builder().longOpt("argmax").desc("take the most likely class at every step").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S").desc("seed of latents and samples (default 42)").build());
    }

    /** --out, --wav, --soundfont, --program. */
    static void addMelodyOutput(Options o) {
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("where MIDI files (and WAV, PNG) go").build());
        o.addOption(Option.builder().longOpt("wav").desc("also render WAV audio").build());
        o.addOption(Option.builder().longOpt("soundfont").hasArg().argName("SF2").desc("SoundFont for --wav (default: $SYNVAE_SOUNDFONT, else the system's General MIDI one)").build());
        o.addOption(Option.builder().longOpt("program").hasArg().argName("N").desc("General MIDI program of the melody (default 0, piano)").build());
    }

    static MusicVaeConfig config(Args args) {
        return config(args.required("config"));
    }

    /** The registered config of this name, or the JSON file it names; else a usage error. */
    static MusicVaeConfig config(String nameOrJson) {
        try {
            return MusicVaeConfigs.byName(nameOrJson);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * A trained MusicVAE named either by {@code --exp} (a {@code music train} experiment: its config
     * and latest TensorFlow export, each overridable by {@code --config}/{@code --checkpoint}) or by
     * {@code --config} and {@code --checkpoint}.
     *
     * @param experiment the experiment, or null without {@code --exp}
     */
    record Trained(MusicVaeConfig config, Path checkpoint, org.synvae.models.train.ExperimentDir experiment) {
        static Trained of(Args args) throws IOException {
            if (!args.has("exp")) {
                return new Trained(MusicModelOptions.config(args), existingCheckpoint(Path.of(args.required("checkpoint"))), null);
            }
            org.synvae.models.train.ExperimentDir exp = org.synvae.models.train.ExperimentDir.open(Path.of(args.required("exp")));
            if (!MusicTrainCommand.NAME.equals(exp.provenance().command())) {
                throw new UsageException(exp.root() + " is a '" + exp.provenance().command() + "' experiment, not " + MusicTrainCommand.NAME);
            }
            MusicVaeConfig config = MusicModelOptions.config(args.has("config") ? args.required("config") : exp.provenance().argument("config"));
            Path checkpoint = existingCheckpoint(args.has("checkpoint") ? Path.of(args.required("checkpoint"))
                    : exp.checkpoints().resolve(MusicTrainCommand.TF_DIR));
            return new Trained(config, checkpoint, exp);
        }
    }

    static MusicVae model(Args args) {
        return MusicVaeLoader.load(config(args), existingCheckpoint(Path.of(args.required("checkpoint"))));
    }

    /** {@code checkpoint} if it names a file, directory or TF prefix that exists; else a one-line error. */
    static Path existingCheckpoint(Path checkpoint) {
        if (!Files.exists(checkpoint) && !Files.exists(Path.of(checkpoint + ".index"))) {
            throw InvalidDataException.of(checkpoint, "no such checkpoint");
        }
        return checkpoint;
    }

    /**
     * Latents from a .npy file: float [rows, zSize]; {@code rows} 0 accepts any number of rows.
     *
     * @throws InvalidDataException naming the file and the shape found
     */
    static INDArray latents(Path file, int zSize, int rows) throws IOException {
        NpyArray z = Npy.read(file);
        if (z.ndim() != 2 || (rows > 0 && z.shape(0) != rows) || z.shape(1) != zSize || !z.dtype().isFloatingPoint()) {
            throw InvalidDataException.of(file, "latents must be float [" + (rows > 0 ? Integer.toString(rows) : "N") + ", " + zSize
                    + "], found " + z.dtype() + " " + java.util.Arrays.toString(z.shape()));
        }
        if (z.shape(0) == 0) {
            throw InvalidDataException.of(file, "no latents (0 rows)");
        }
        requireFinite(file, z, "row", "column");
        return NdArrays.fromNpy(z);
    }

    /**
     * Refuses NaN and infinite values, which a model turns into silent nonsense (melodies of no
     * notes, NaN means) with exit code 0.
     *
     * @param axes what each axis is called in the message, e.g. "row", "column"
     * @throws InvalidDataException naming the file, the first bad value and where it is
     */
    static void requireFinite(Path file, NpyArray a, String... axes) {
        long bad = a.firstNonFinite();
        if (bad < 0) {
            return;
        }
        long[] index = a.unravel(bad);
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < index.length; i++) {
            where.append(i == 0 ? "" : ", ").append(i < axes.length ? axes[i] : "axis " + i).append(' ').append(index[i]);
        }
        throw InvalidDataException.of(file, "non-finite value " + a.getFloat(bad) + " at " + where + " (values must be finite numbers)");
    }

    static Sampling sampling(Args args, boolean argmaxByDefault) {
        if (args.has("argmax") && args.has("temperature")) {
            throw new UsageException("--argmax and --temperature exclude each other");
        }
        long seed = args.longValue("seed", 42);
        if (args.has("temperature")) {
            double t = args.number("temperature", 1.0);
            if (!(t > 0)) {
                throw new UsageException("--temperature must be positive");
            }
            return Sampling.temperature(t, seed);
        }
        return args.has("argmax") || argmaxByDefault ? Sampling.argmax() : Sampling.temperature(1.0, seed);
    }

    /** Writes {@code <prefix>_000.mid}, ... for every decoded row and prints one summary line each. */
    static void writeMelodies(Args args, Path outDir, String prefix, int[][] tokens, java.io.PrintStream out) throws IOException {
        for (int i = 0; i < tokens.length; i++) {
            out.println(writeMelody(args, outDir, String.format(Locale.ROOT, "%s_%03d", prefix, i), tokens[i]));
        }
    }

    /** Writes {@code <prefix>.mid} (+ .png, + .wav) for one decoded token row; returns a summary line. */
    static String writeMelody(Args args, Path outDir, String prefix, int[] tokens) throws IOException {
        return melodyFiles(args, true).write(tokens, outDir, prefix).summary();
    }

    /** The melody files --program, --wav and --soundfont ask for. */
    static MelodyFiles melodyFiles(Args args, boolean pianoRoll) {
        return new MelodyFiles(program(args), pianoRoll, args.has("wav"), args.path("soundfont"));
    }

    /** --program: a General MIDI program 0..127 (default 0, piano). */
    static int program(Args args) {
        int program = args.integer("program", 0);
        if (program < 0 || program > 127) {
            throw new UsageException("--program must be a General MIDI program 0..127, got " + program);
        }
        return program;
    }
}
