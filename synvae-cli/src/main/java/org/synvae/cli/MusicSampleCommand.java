package org.synvae.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.synvae.music.model.Decoded;
import org.synvae.music.model.MusicVae;

/** {@code synvae music sample}: melodies decoded from latents drawn from the prior N(0, I). */
final class MusicSampleCommand implements Command {
    /** The most melodies one run writes: more is a typo, or a job for several runs (and far more memory). */
    static final int MAX_MELODIES = 100_000;

    @Override
    public String name() {
        return "music sample";
    }

    @Override
    public String summary() {
        return "sample melodies from a MusicVAE (MIDI, piano roll, optional WAV)";
    }

    @Override
    public String usage() {
        return "--config C --checkpoint P --n N --out DIR [--temperature T | --argmax] [--seed S] [--wav]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        MusicModelOptions.addModel(o);
        o.addOption(Option.builder().longOpt("n").hasArg().argName("N").desc("number of melodies (default 4)").build());
        MusicModelOptions.addSampling(o);
        MusicModelOptions.addMelodyOutput(o);
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        Path outDir = OutputTargets.directory(Path.of(args.required("out")));
        int n = args.positive("n", 4);
        if (n > MAX_MELODIES) {
            throw new UsageException("--n must be at most " + MAX_MELODIES + " (one MIDI file each), got " + n
                    + "; for more, run again with another --seed");
        }
        MusicVae vae = MusicModelOptions.model(args);
        long seed = args.longValue("seed", 42);
        Decoded decoded = vae.sample(n, MusicModelOptions.sampling(args, false), seed);
        MusicModelOptions.writeMelodies(args, outDir, "sample", decoded.tokens(), out);
        return 0;
    }
}
