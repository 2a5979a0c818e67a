package org.synvae.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.data.InvalidDataException;
import org.synvae.music.melody.Melody;
import org.synvae.music.melody.MelodyWindows;
import org.synvae.music.melody.OneHotMelodyCodec;
import org.synvae.music.midi.MidiReader;
import org.synvae.music.model.Decoded;
import org.synvae.music.model.MusicVae;

/**
 * {@code synvae music interpolate}: melodies along the spherical path between two latents (as
 * magenta's interpolate): the posterior means of the first 2-bar window of two MIDI files, or the
 * two rows of a latent file.
 */
final class MusicInterpolateCommand implements Command, Main.PositionalArguments {

    @Override
    public String name() {
        return "music interpolate";
    }

    @Override
    public String summary() {
        return "interpolate between two melodies (MIDI files) or two latents (slerp on the means)";
    }

    @Override
    public String usage() {
        return "--config C --checkpoint P (A.mid B.mid | --z Z.npy) --steps N --out DIR [--argmax | --temperature T]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        MusicModelOptions.addModel(o);
        o.addOption(Option.builder().longOpt("z").hasArg().argName("Z.npy").desc("two latents, float [2, z_size]").build());
        o.addOption(Option.builder().longOpt("steps").hasArg().argName("N").desc("melodies on the path, ends included (default 5)").build());
        MusicModelOptions.addSampling(o);
        MusicModelOptions.addMelodyOutput(o);
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        Path outDir = OutputTargets.directory(Path.of(args.required("out")));
        int steps = args.positive("steps", 5);
        boolean twoFiles = cmd.getArgList().size() == 2;
        if (args.has("z") ? !cmd.getArgList().isEmpty() : !twoFiles) {
            throw new UsageException("give two MIDI files or --z with two latents");
        }
        MusicVae vae = MusicModelOptions.model(args);
        INDArray ends = args.has("z") ? MusicModelOptions.latents(args.path("z"), vae.config().zSize(), 2) : means(vae, cmd.getArgList());
        INDArray path = MusicVae.slerp(ends.getRow(0), ends.getRow(1), steps);
        Decoded decoded = vae.decode(path, MusicModelOptions.sampling(args, true));
        MusicModelOptions.writeMelodies(args, outDir, "interpolation", decoded.tokens(), out);
        return 0;
    }

    private static INDArray means(MusicVae vae, List<String> files) {
        int steps = vae.config().steps();
        int depth = vae.config().depth();
        float[] x = new float[2 * steps * depth];
        OneHotMelodyCodec codec = new OneHotMelodyCodec();
        for (int i = 0; i < 2; i++) {
            Path file = Path.of(files.get(i));
            MelodyWindows windows = MelodyWindows.of(MidiReader.read(file), steps, Melody.STEPS_PER_BAR);
            Melody first = windows.windows().stream().findFirst()
                    .orElseThrow(() -> InvalidDataException.of(file, "no " + steps + "-step melody: " + windows.problem().orElse("none found")));
            codec.encode(first, x, i * steps * depth);
        }
        return vae.encode(Nd4j.create(x, new long[] {2, steps, depth}, 'c')).mu();
    }
}
