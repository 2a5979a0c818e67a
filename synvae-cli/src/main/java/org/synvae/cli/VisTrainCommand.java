package org.synvae.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.synvae.data.ImageBatch;
import org.synvae.data.ImageDataset;
import org.synvae.data.Split;
import org.synvae.data.sets.BamLabelGroup;
import org.synvae.data.sets.Part;
import org.synvae.models.train.Checkpoints;
import org.synvae.models.train.EpochResult;
import org.synvae.models.train.ExperimentDir;
import org.synvae.models.train.ExperimentLog;
import org.synvae.models.train.TensorBoardLosses;
import org.synvae.models.train.Trainer;
import org.synvae.models.train.TrainerConfig;
import org.synvae.models.train.TrainingListener;
import org.synvae.models.train.tensorboard.TensorBoardWriter;
import org.synvae.models.visual.ReconstructionExporter;
import org.synvae.models.visual.VisualTask;
import org.synvae.models.visual.VisualVae;
import org.synvae.models.visual.VisualVaeConfig;
import org.synvae.models.visual.ImageTraining;

/**
 * {@code synvae vis-train}: trains a visual VAE (the seed's vis_training). A new run records every
 * setting in the experiment's provenance.json; {@code --exp DIR --init-epoch N} resumes it from
 * the latest checkpoint with those settings (only {@code --epochs} may change).
 */
final class VisTrainCommand implements Command {
    static final String NAME = "vis-train";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "train a visual VAE on images (MNIST, Fashion-MNIST, CIFAR-10, BAM, image folders)";
    }

    @Override
    public String usage() {
        return "--task T --data PATH --exp DIR [options] | --exp DIR --init-epoch N [--epochs E]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("task").hasArg().argName("T").desc("task: " + String.join(" | ", VisualTask.ids())).build());
        o.addOption(Option.builder().longOpt("data").hasArg().argName("PATH")
                .desc("training data: idx directory or reconstruction pickle (mnist), batches (cifar), BAM directory, image folder").build());
        o.addOption(Option.builder().longOpt("exp").hasArg().argName("DIR").desc("experiment directory (new, or existing to resume)").build());
        o.addOption(Option.builder().longOpt("beta").hasArg().argName("B").desc("weight of the KL term (default 1.0)").build());
        o.addOption(Option.builder().longOpt("latent-dim").hasArg().argName("D").desc("latent size (default: 50 for MNIST, 512 otherwise)").build());
        o.addOption(Option.builder().longOpt("batch-size").hasArg().argName("N").desc("batch size (default: 256 MNIST, 128 CIFAR, 64 BAM/folder)").build());
        o.addOption(Option.builder().longOpt("epochs").hasArg().argName("E").desc("train until this epoch (default 10)").build());
        o.addOption(Option.builder().longOpt("init-epoch").hasArg().argName("N").desc("resume from the latest checkpoint, which must be of epoch N").build());
        o.addOption(Option.builder().longOpt("learning-rate").hasArg().argName("LR").desc("Adam learning rate (default 1e-3)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S").desc("seed of weights, split, batch order and noise (default 42)").build());
        o.addOption(Option.builder().longOpt("valid-fraction").hasArg().argName("F")
                .desc("fraction of the training data that validates (default 0.2; MNIST-style tasks: 10,000 images)").build());
        o.addOption(Option.builder().longOpt("bam-labels").hasArg().argName("G").desc("BAM label group: content | emotion | media (default emotion)").build());
        o.addOption(Option.builder().longOpt("max-images").hasArg().argName("N").desc("use only the first N images of the training data (quick runs)").build());
        o.addOption(Option.builder().longOpt("export-every").hasArg().argName("N")
                .desc("write original/reconstruction PNGs every N validation batches (default 5; 0 = never)").build());
        o.addOption(Option.builder().longOpt("no-progress").desc("no progress bar").build());
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        TrainingRun run = TrainingRun.start(cmd, args, NAME, List.of("task", "data", "beta", "latent-dim", "batch-size", "seed", "learning-rate", "valid-fraction", "bam-labels", "max-images"),
                VisTrainCommand::newSettings);
        return train(run, !cmd.hasOption("no-progress"), out);
    }

    /** Every setting of a new run, defaults filled in, as recorded in provenance.json. */
    private static Map<String, String> newSettings(Args args) {
        VisualTask task;
        try {
            task = VisualTask.byId(args.required("task"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Map<String, String> s = new LinkedHashMap<>();
        s.put("task", task.id());
        s.put("data", Path.of(args.required("data")).toAbsolutePath().normalize().toString());
        s.put("beta", Double.toString(args.number("beta", 1.0)));
        s.put("latent-dim", Integer.toString(args.positive("latent-dim", task.architecture().defaultLatent())));
        s.put("batch-size", Integer.toString(args.positive("batch-size", task.defaultBatchSize())));
        s.put("epochs", Integer.toString(args.positive("epochs", 10)));
        s.put("learning-rate", Double.toString(args.number("learning-rate", 1e-3)));
        s.put("seed", Long.toString(args.longValue("seed", 42)));
        boolean mnistLike = task == VisualTask.MNIST || task == VisualTask.FASHION_MNIST;
        s.put("valid-fraction", args.has("valid-fraction") ? Double.toString(args.number("valid-fraction", 0.2)) : (mnistLike ? TrainingData.MNIST_SPLIT : "0.2"));
        s.put("bam-labels", args.string("bam-labels", "emotion").toLowerCase(Locale.ROOT));
        s.put("max-images", Integer.toString(args.integer("max-images", 0)));
        s.put("export-every", Integer.toString(args.integer("export-every", 5)));
        try {
            BamLabelGroup.fromName(s.get("bam-labels"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return s;
    }

    private static int train(TrainingRun run, boolean progress,
                             PrintStream out) throws Exception {
        Map<String, String> s = run.settings();
        int initEpoch = run.initEpoch();
        VisualTask task = VisualTask.byId(s.get("task"));
        long seed = Long.parseLong(s.get("seed"));
        ImageDataset all = task.load(Path.of(s.get("data")), Part.TRAIN, BamLabelGroup.fromName(s.get("bam-labels")));
        all = TrainingData.limit(all, Integer.parseInt(s.get("max-images")));
        Split split = TrainingData.split(all, s.get("valid-fraction"), seed);
        ImageDataset train = split.trainOf(all);
        ImageDataset valid = split.validOf(all);
        VisualVaeConfig config = new VisualVaeConfig(task.architecture().name(), Integer.parseInt(s.get("latent-dim")),
                Double.parseDouble(s.get("beta")), Double.parseDouble(s.get("learning-rate")), seed);
        VisualVae vae = VisualVae.build(config);
        int batchSize = Integer.parseInt(s.get("batch-size"));
        ImageTraining training = ImageTraining.of(vae, train, valid, batchSize, seed);

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", all.name());
        data.put("images", all.size());
        data.put("train", train.size());
        data.put("valid", valid.size());
        data.put("classes", all.classNames());
        data.put("shape", task.shape().toString());
        ExperimentDir exp = run.experiment(NAME, seed, data);
        int epochs = Integer.parseInt(s.get("epochs"));
        try (ExperimentLog log = new ExperimentLog(exp.log());
             TensorBoardWriter tb = TensorBoardWriter.create(exp.tensorboard())) {
            log.info(String.format(Locale.ROOT, "%s %s: %s, %d training / %d validation images, latent %d, beta %s, batch %d, epochs %d..%d, seed %d",
                    run.resuming() ? "Resuming" : "Starting", NAME, task.id(), train.size(), valid.size(), config.latentDim(),
                    s.get("beta"), batchSize, initEpoch + 1, epochs, seed));
            List<TrainingListener<ImageBatch>> listeners = new ArrayList<>();
            listeners.add(new TensorBoardLosses<>(tb));
            listeners.add(new ReconstructionExporter(exp.output(), Integer.parseInt(s.get("export-every")), task.shape(), tb));
            Trainer<ImageBatch> trainer = new Trainer<>(training, new TrainerConfig(epochs, seed, progress),
                    new Checkpoints(exp.checkpoints()), log, listeners);
            List<EpochResult> results = trainer.fit(initEpoch);
            for (EpochResult r : results) {
                out.printf(Locale.ROOT, "epoch %d: train loss %.4f, validation loss %.4f%s%n", r.epoch(),
                        r.trainLosses().get(VisualVae.LOSS), r.validLosses().get(VisualVae.LOSS), r.best() ? " (best)" : "");
            }
            out.println("checkpoints: " + exp.checkpoints());
        }
        return 0;
    }
}
