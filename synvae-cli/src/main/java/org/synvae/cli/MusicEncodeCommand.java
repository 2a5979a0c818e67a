package org.synvae.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.NdArrays;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;
import org.synvae.music.melody.Melody;
import org.synvae.music.melody.MelodyWindows;
import org.synvae.music.melody.OneHotMelodyCodec;
import org.synvae.music.midi.MidiReader;
import org.synvae.music.model.MusicVae;
import org.synvae.music.model.MusicVaeConfig;
import org.synvae.music.model.Posterior;

/**
 * {@code synvae music encode}: posterior means (and standard deviations) of sequences, given as a
 * float [N, steps, 90] .npy (one-hot or soft, as the SynVAE feeds the encoder) or as MIDI files
 * (every 2-bar window of every extracted melody). Of several MIDI files, those with no window
 * (and those that cannot be read) are left out, each with a line on stderr saying why, and the
 * exit code is 2; the outputs hold the good files' windows in file order, and stdout says which
 * rows came from which file.
 */
final class MusicEncodeCommand implements Command, Main.PositionalArguments {

    @Override
    public String name() {
        return "music encode";
    }

    @Override
    public String summary() {
        return "encode sequences (.npy [N, steps, 90] or MIDI files) to latent means";
    }

    @Override
    public String usage() {
        return "--config C --checkpoint P (--input X.npy | MIDI...) --mu-out MU.npy [--sigma-out S.npy] [--fail-fast]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        MusicModelOptions.addModel(o);
        o.addOption(Option.builder().longOpt("input").hasArg().argName("X.npy").desc("sequences float32 [N, steps, 90]").build());
        o.addOption(Option.builder().longOpt("mu-out").hasArg().argName("MU.npy").desc("write means float32 [N, z]").build());
        o.addOption(Option.builder().longOpt("sigma-out").hasArg().argName("S.npy").desc("write standard deviations float32 [N, z]").build());
        BatchFailures.addOption(o);
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        Path muOut = OutputTargets.file(Path.of(args.required("mu-out")));
        Path sigmaOut = args.has("sigma-out") ? OutputTargets.file(args.path("sigma-out")) : null;
        if (args.has("input") == !cmd.getArgList().isEmpty()) {
            throw new UsageException("give either --input X.npy or MIDI files");
        }
        MusicVaeConfig config = MusicModelOptions.config(args);
        int steps = config.steps();
        int depth = config.depth();
        BatchFailures failures = BatchFailures.of(args);
        // The inputs are read before the model loads: a bad input should not wait for the weights.
        INDArray sequences = args.has("input") ? fromNpy(args.path("input"), steps, depth)
                : fromMidi(cmd.getArgList(), steps, depth, failures, out);
        if (sequences != null) {
            MusicVae vae = MusicModelOptions.model(args);
            Posterior p = vae.encode(sequences);
            Npy.write(muOut, NdArrays.toNpy(p.mu()));
            if (sigmaOut != null) {
                Npy.write(sigmaOut, NdArrays.toNpy(p.sigma()));
            }
            out.println("encoded " + sequences.size(0) + " sequences to " + muOut);
        }
        failures.finish();
        return 0;
    }

    private static INDArray fromNpy(Path in, int steps, int depth) throws java.io.IOException {
        NpyArray x = Npy.read(in);
        if (x.ndim() != 3 || x.shape(1) != steps || x.shape(2) != depth || !x.dtype().isFloatingPoint()) {
            throw InvalidDataException.of(in, "sequences must be float [N, " + steps + ", " + depth + "], found "
                    + x.dtype() + " " + java.util.Arrays.toString(x.shape()));
        }
        if (x.shape(0) == 0) {
            throw InvalidDataException.of(in, "no sequences (0 rows)");
        }
        MusicModelOptions.requireFinite(in, x, "row", "step", "class");
        return NdArrays.fromNpy(x);
    }

    /**
     * The one-hot windows of every good file, in file order, with a line per file on stdout saying
     * which rows it gave; bad files go to {@code failures}. Null when no file gave a window.
     */
    private static INDArray fromMidi(List<String> files, int steps, int depth, BatchFailures failures, PrintStream out) {
        List<Melody> windows = new ArrayList<>();
        for (String f : files) {
            Path file = Path.of(f);
            try {
                MelodyWindows w = MelodyWindows.of(MidiReader.read(file), steps, Melody.STEPS_PER_BAR);
                if (w.isEmpty()) {
                    throw InvalidDataException.of(file, "no " + steps + "-step melody: " + w.problem().orElse("none found"));
                }
                int n = w.windows().size();
                out.println(file + ": " + (n == 1 ? "1 window, row " + windows.size()
                        : n + " windows, rows " + windows.size() + "-" + (windows.size() + n - 1)));
                windows.addAll(w.windows());
            } catch (InvalidDataException e) {
                failures.add(e);
            }
        }
        if (windows.isEmpty()) {
            return null;
        }
        OneHotMelodyCodec codec = new OneHotMelodyCodec();
        long size = (long) windows.size() * steps * depth;
        if (size > Integer.MAX_VALUE - 8) {
            throw new InvalidDataException(windows.size() + " melody windows are too many to encode in one call; "
                    + "encode fewer or shorter files at a time");
        }
        float[] x = new float[(int) size];
        for (int i = 0; i < windows.size(); i++) {
            codec.encode(windows.get(i), x, i * steps * depth);
        }
        return Nd4j.create(x, new long[] {windows.size(), steps, depth}, 'c');
    }
}
