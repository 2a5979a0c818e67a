package org.synvae.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.synvae.data.ImageDataset;
import org.synvae.eval.synesthetic.SynestheticEvaluation;
import org.synvae.models.train.ExperimentDir;
import org.synvae.models.train.Provenance;
import org.synvae.synesthetic.ModelDirectory;
import org.synvae.synesthetic.SynestheticVae;

/**
 * {@code synvae syn-eval}: the seed's syn_analysis for a syn-train experiment: nearest-neighbour
 * precision in the visual, auditive and melody latent spaces, melody distinctness and
 * self-retrieval, with optional latent, image and melody exports.
 */
final class SynEvalCommand implements Command {

    @Override
    public String name() {
        return "syn-eval";
    }

    @Override
    public String summary() {
        return "evaluate a SynVAE: precision in visual and auditive latent spaces; export latents, images, melodies";
    }

    @Override
    public String usage() {
        return "--exp DIR --out DIR [options]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        ImageCommandOptions.addEvaluation(o, SynTrainCommand.NAME, 128);
        o.addOption(Option.builder().longOpt("model").hasArg().argName("DIR").desc("model directory to evaluate (default: the experiment's best, <exp>/model)").build());
        o.addOption(Option.builder().longOpt("export-latents").desc("write vis_latents.npy, aud_latents.npy, melody_latents.npy, tokens.npy, labels.npy").build());
        o.addOption(Option.builder().longOpt("export-data").desc("write originals/, reconstructions/ (PNG) and melodies/ (MIDI) per class").build());
        o.addOption(Option.builder().longOpt("wav").desc("with --export-data, also render the melodies as WAV").build());
        o.addOption(Option.builder().longOpt("soundfont").hasArg().argName("SF2").desc("SoundFont for --wav (default: $SYNVAE_SOUNDFONT, else the system's General MIDI one)").build());
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        // Checked before the experiment is even opened: a bad --out must not fail after the evaluation.
        Path outDir = OutputTargets.directory(Path.of(args.required("out")));
        ExperimentDir exp = ImageCommandOptions.experiment(args, SynTrainCommand.NAME);
        Provenance prov = exp.provenance();
        Path modelDir = args.has("model") ? Path.of(args.required("model")) : exp.root().resolve(SynTrainCommand.MODEL_DIR);
        SynestheticVae vae = ModelDirectory.load(modelDir);
        ImageDataset data = ImageCommandOptions.evaluationData(args, prov);
        int[] ranks = ImageCommandOptions.ranks(args);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("experiment", exp.root().toAbsolutePath().toString());
        context.put("model", modelDir.toAbsolutePath().toString());
        SynestheticEvaluation.Options options = new SynestheticEvaluation.Options(ranks, args.positive("batch-size", 128),
                args.has("export-latents"), args.has("export-data"), MusicModelOptions.melodyFiles(args, false));
        SynestheticEvaluation.Result r = SynestheticEvaluation.run(vae, data, options, outDir, context);
        out.println("visual latent space: " + r.visual().summary());
        out.println("auditive latent space: " + r.auditive().summary());
        out.println("re-encoded melodies: " + r.melody().summary());
        out.printf(Locale.ROOT, "distinct melodies: %.4f (first 100 images: %.4f)%n", r.distinct(), r.distinctFirst());
        out.printf(Locale.ROOT, "melody self-retrieval: %.4f (chance %.4f)%n", r.selfRetrieval(), 1.0 / data.size());
        out.printf(Locale.ROOT, "reconstruction loss: %.4f%n", r.reconLoss());
        out.println("results: " + outDir.resolve("results.json"));
        return 0;
    }

}
