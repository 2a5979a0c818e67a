package org.synvae.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.data.io.NdArrays;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;
import org.synvae.music.model.Decoded;
import org.synvae.music.model.MusicVae;
import org.synvae.music.model.Sampling;

/** {@code synvae music decode}: melodies from given latents (Z.npy, float [N, z]). */
final class MusicDecodeCommand implements Command {

    @Override
    public String name() {
        return "music decode";
    }

    @Override
    public String summary() {
        return "decode latents (.npy [N, z]) into melodies; optionally save logits and tokens";
    }

    @Override
    public String usage() {
        return "--config C --checkpoint P --z Z.npy --out DIR [--argmax | --temperature T] [--logits-out L.npy] [--tokens-out T.npy]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        MusicModelOptions.addModel(o);
        o.addOption(Option.builder().longOpt("z").hasArg().argName("Z.npy").desc("latents, float32/64 [N, z_size]").build());
        o.addOption(Option.builder().longOpt("logits-out").hasArg().argName("L.npy").desc("write logits float32 [N, steps, 90]").build());
        o.addOption(Option.builder().longOpt("tokens-out").hasArg().argName("T.npy").desc("write chosen classes int64 [N, steps]").build());
        MusicModelOptions.addSampling(o);
        MusicModelOptions.addMelodyOutput(o);
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        Path zFile = Path.of(args.required("z"));
        // Every output is checked before the work, so a bad --logits-out cannot fail after the melodies were written.
        Path outDir = OutputTargets.directory(Path.of(args.required("out")));
        Path logitsOut = args.has("logits-out") ? OutputTargets.file(args.path("logits-out")) : null;
        Path tokensOut = args.has("tokens-out") ? OutputTargets.file(args.path("tokens-out")) : null;
        Sampling sampling = MusicModelOptions.sampling(args, true);
        INDArray latents = MusicModelOptions.latents(zFile, MusicModelOptions.config(args).zSize(), 0);
        MusicVae vae = MusicModelOptions.model(args);
        Decoded decoded = vae.decode(latents, sampling);
        MusicModelOptions.writeMelodies(args, outDir, "melody", decoded.tokens(), out);
        if (logitsOut != null) {
            Npy.write(logitsOut, NdArrays.toNpy(decoded.logits()));
        }
        if (tokensOut != null) {
            Npy.write(tokensOut, NpyArray.ofLongRows(decoded.tokens()));
        }
        return 0;
    }
}
