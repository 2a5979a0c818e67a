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
import org.synvae.music.melody.MelodyExtractor;
import org.synvae.music.melody.OneHotMelodyCodec;
import org.synvae.music.midi.MidiReader;
import org.synvae.music.model.MusicVae;
import org.synvae.music.model.Posterior;

/**
 * {@code synvae music encode}: posterior means (and standard deviations) of sequences, given as a
 * float [N, steps, 90] .npy (one-hot or soft, as the SynVAE feeds the encoder) or as MIDI files
 * (every 2-bar window of every extracted melody).
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
        return "--config C --checkpoint P (--input X.npy | MIDI...) --mu-out MU.npy [--sigma-out S.npy]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        MusicModelOptions.addModel(o);
        o.addOption(Option.builder().longOpt("input").hasArg().argName("X.npy").desc("sequences float32 [N, steps, 90]").build());
        o.addOption(Option.builder().longOpt("mu-out").hasArg().argName("MU.npy").desc("write means float32 [N, z]").build());
        o.addOption(Option.builder().longOpt("sigma-out").hasArg().argName("S.npy").desc("write standard deviations float32 [N, z]").build());
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        Path muOut = Path.of(args.required("mu-out"));
        if (args.has("input") == !cmd.getArgList().isEmpty()) {
            throw new UsageException("give either --input X.npy or MIDI files");
        }
        MusicVae vae = MusicModelOptions.model(args);
        int steps = vae.config().steps();
        int depth = vae.config().depth();
        INDArray sequences;
        if (args.has("input")) {
            Path in = args.path("input");
            NpyArray x = Npy.read(in);
            if (x.ndim() != 3 || x.shape(1) != steps || x.shape(2) != depth || !x.dtype().isFloatingPoint()) {
                throw InvalidDataException.of(in, "sequences must be float [N, " + steps + ", " + depth + "], found "
                        + x.dtype() + " " + java.util.Arrays.toString(x.shape()));
            }
            sequences = NdArrays.fromNpy(x);
        } else {
            sequences = fromMidi(cmd.getArgList(), steps, depth);
        }
        Posterior p = vae.encode(sequences);
        Npy.write(muOut, NdArrays.toNpy(p.mu()));
        if (args.has("sigma-out")) {
            Npy.write(args.path("sigma-out"), NdArrays.toNpy(p.sigma()));
        }
        out.println("encoded " + sequences.size(0) + " sequences to " + muOut);
        return 0;
    }

    private static INDArray fromMidi(List<String> files, int steps, int depth) {
        OneHotMelodyCodec codec = new OneHotMelodyCodec();
        List<Melody> windows = new ArrayList<>();
        for (String f : files) {
            Path file = Path.of(f);
            for (Melody m : MelodyExtractor.extract(MidiReader.read(file))) {
                windows.addAll(MelodyExtractor.windows(m, steps, 16));
            }
        }
        if (windows.isEmpty()) {
            throw new InvalidDataException("no " + steps + "-step melody could be extracted from " + String.join(", ", files));
        }
        float[] x = new float[windows.size() * steps * depth];
        for (int i = 0; i < windows.size(); i++) {
            codec.encode(windows.get(i), x, i * steps * depth);
        }
        return Nd4j.create(x, new long[] {windows.size(), steps, depth}, 'c');
    }
}
