package org.synvae.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.synvae.data.ImageDataset;
import org.synvae.data.InvalidDataException;
import org.synvae.data.Split;
import org.synvae.data.sets.BamLabelGroup;
import org.synvae.data.sets.Part;
import org.synvae.eval.visual.VisualEvaluation;
import org.synvae.models.train.Checkpoints;
import org.synvae.models.train.ExperimentDir;
import org.synvae.models.train.Provenance;
import org.synvae.models.visual.VisualTask;
import org.synvae.models.visual.VisualVae;
import org.synvae.models.visual.VisualVaeConfig;

/**
 * {@code synvae vis-eval}: nearest-neighbour precision of a trained visual VAE's latent space
 * (the seed's vis_analysis), with optional latent and image exports. Settings come from the
 * experiment's provenance.json.
 */
final class VisEvalCommand implements Command {

    @Override
    public String name() {
        return "vis-eval";
    }

    @Override
    public String summary() {
        return "nearest-neighbour precision of a visual VAE's latent space; export latents and reconstructions";
    }

    @Override
    public String usage() {
        return "--exp DIR --out DIR [options]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        ImageCommandOptions.addEvaluation(o, VisTrainCommand.NAME, 256);
        o.addOption(Option.builder().longOpt("checkpoint").hasArg().argName("C").desc("best | latest | a .npz file (default best)").build());
        o.addOption(Option.builder().longOpt("samples").desc("also measure on posterior samples (as the seed did)").build());
        o.addOption(Option.builder().longOpt("export-latents").desc("write latent_means.npy, latent_samples.npy, labels.npy").build());
        o.addOption(Option.builder().longOpt("export-data").desc("write originals/ and reconstructions/ PNGs per class and reconstructions.npy").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S").desc("seed of posterior samples (default 42)").build());
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        // Checked before the experiment is even opened: a bad --out must not fail after the evaluation.
        Path outDir = OutputTargets.directory(Path.of(args.required("out")));
        ExperimentDir exp = ImageCommandOptions.experiment(args, VisTrainCommand.NAME);
        Provenance prov = exp.provenance();
        VisualTask task = VisualTask.byId(prov.argument("task"));
        long trainSeed = prov.seed();
        VisualVaeConfig config = new VisualVaeConfig(task.architecture().name(), Integer.parseInt(prov.argument("latent-dim")),
                Double.parseDouble(prov.argument("beta")), Double.parseDouble(prov.argument("learning-rate")), trainSeed);
        Path checkpoint = checkpointFile(exp, args.string("checkpoint", "best"));
        VisualVae vae = VisualVae.fromCheckpoint(config, checkpoint);

        ImageDataset data = ImageCommandOptions.evaluationData(args, prov);
        int[] ranks = ImageCommandOptions.ranks(args);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("experiment", exp.root().toAbsolutePath().toString());
        context.put("checkpoint", checkpoint.toAbsolutePath().toString());
        VisualEvaluation.Options options = new VisualEvaluation.Options(ranks, args.positive("batch-size", 256),
                args.has("samples"), args.has("export-latents"), args.has("export-data"), args.longValue("seed", 42));
        VisualEvaluation.Result result = VisualEvaluation.run(vae, data, options, outDir, context);
        out.println("latent means: " + result.means().summary());
        if (result.samples() != null) {
            out.println("latent samples: " + result.samples().summary());
        }
        out.println("results: " + outDir.resolve("results.json"));
        return 0;
    }


    static Path checkpointFile(ExperimentDir exp, String which) {
        Path file = switch (which) {
            case "best" -> exp.checkpoints().resolve(Checkpoints.BEST);
            case "latest" -> exp.checkpoints().resolve(Checkpoints.LATEST);
            default -> Path.of(which);
        };
        if (!Files.isRegularFile(file)) {
            throw InvalidDataException.of(file, "no such checkpoint");
        }
        return file;
    }

    /** The evaluated images: the official test part, or the experiment's validation or training split. */
    static ImageDataset data(Args args, Provenance prov, VisualTask task) {
        String part = args.string("part", "test").toLowerCase(Locale.ROOT);
        BamLabelGroup group = BamLabelGroup.fromName(prov.argument("bam-labels"));
        Path path = args.has("data") ? Path.of(args.required("data")) : Path.of(prov.argument("data"));
        switch (part) {
            case "test" -> {
                return task.load(ImageCommandOptions.testData(args, prov, task), Part.TEST, group);
            }
            case "valid", "train" -> {
                if (args.has("data")) {
                    throw new UsageException("--part " + part + " means the experiment's own split; it takes no --data");
                }
                ImageDataset all = TrainingData.limit(task.load(path, Part.TRAIN, group), prov.arguments());
                Split split = TrainingData.split(all, prov.argument("valid-fraction"), prov.seed());
                return part.equals("valid") ? split.validOf(all) : split.trainOf(all);
            }
            default -> throw new UsageException("--part must be test, valid or train, got '" + part + "'");
        }
    }
}
