package org.synvae.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.synvae.data.ImageBatch;
import org.synvae.data.ImageDataset;
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
        ImageCommandOptions.addVaeTraining(o, "256 MNIST, 128 CIFAR, 64 BAM/folder");
        o.addOption(Option.builder().longOpt("latent-dim").hasArg().argName("D").desc("latent size (default: 50 for MNIST, 512 otherwise)").build());
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
        VisualTask task = ImageCommandOptions.task(args);
        Map<String, String> s = ImageCommandOptions.vaeTrainingSettings(args, task, task.defaultBatchSize());
        s.put("latent-dim", Integer.toString(args.positive("latent-dim", task.architecture().defaultLatent())));
        return s;
    }

    private static int train(TrainingRun run, boolean progress,
                             PrintStream out) throws Exception {
        Map<String, String> s = run.settings();
        int initEpoch = run.initEpoch();
        VisualTask task = VisualTask.byId(s.get("task"));
        long seed = Long.parseLong(s.get("seed"));
        ImageCommandOptions.TrainingImages images = ImageCommandOptions.TrainingImages.load(s);
        ImageDataset train = images.train();
        ImageDataset valid = images.valid();
        VisualVaeConfig config = new VisualVaeConfig(task.architecture().name(), Integer.parseInt(s.get("latent-dim")),
                Double.parseDouble(s.get("beta")), Double.parseDouble(s.get("learning-rate")), seed);
        VisualVae vae = VisualVae.build(config);
        int batchSize = Integer.parseInt(s.get("batch-size"));
        ImageTraining training = ImageTraining.of(vae, train, valid, batchSize, seed);

        ExperimentDir exp = run.experiment(NAME, seed, images.facts());
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
