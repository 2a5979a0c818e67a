package org.synvae.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.synvae.data.ImageDataset;
import org.synvae.data.Split;
import org.synvae.data.sets.Bam;
import org.synvae.data.sets.BamLabelGroup;
import org.synvae.models.classify.ClassifierBatch;
import org.synvae.models.classify.ClassifierTraining;
import org.synvae.models.classify.ValidationAccuracy;
import org.synvae.models.classify.VisualClassifier;
import org.synvae.models.classify.VisualClassifierConfig;
import org.synvae.models.train.Checkpoints;
import org.synvae.models.train.EpochResult;
import org.synvae.models.train.ExperimentDir;
import org.synvae.models.train.ExperimentLog;
import org.synvae.models.train.TensorBoardLosses;
import org.synvae.models.train.Trainer;
import org.synvae.models.train.TrainerConfig;
import org.synvae.models.train.tensorboard.TensorBoardWriter;
import org.synvae.models.visual.VisualTask;

/**
 * {@code synvae cls-train}: trains the seed's image classifier (the visual encoder's convolutions
 * and a softmax layer) on originals or reconstructions, for the reconstruction classification
 * test. The best checkpoint is the one with the lowest validation loss. Resumes like vis-train.
 */
final class ClsTrainCommand implements Command {
    static final String NAME = "cls-train";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "train an image classifier (reconstruction classification) on originals or reconstructions";
    }

    @Override
    public String usage() {
        return "--task T --data PATH --exp DIR [options] | --exp DIR --init-epoch N [--epochs E]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        ImageCommandOptions.addTraining(o, "256 MNIST, 128 CIFAR, 64 BAM/folder", "1e-4, the seed's");
        o.addOption(Option.builder().longOpt("multi-label")
                .desc("bam only: one sigmoid per label of the group, trained on every present label (binary cross-entropy)").build());
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        TrainingRun run = TrainingRun.start(cmd, args, NAME, List.of("task", "data", "batch-size", "seed", "learning-rate",
                "valid-fraction", "bam-labels", "max-images"), ClsTrainCommand::newSettings);
        return train(run, !cmd.hasOption("no-progress"), out);
    }

    private static Map<String, String> newSettings(Args args) {
        VisualTask task = ImageCommandOptions.task(args);
        Map<String, String> s = ImageCommandOptions.trainingSettings(args, task, task.defaultBatchSize(),
                VisualClassifierConfig.DEFAULT_LEARNING_RATE);
        if (args.has("multi-label") && task != VisualTask.BAM) {
            throw new UsageException("--multi-label needs --task bam (the only data set with several labels per image)");
        }
        s.put("multi-label", Boolean.toString(args.has("multi-label")));
        return s;
    }

    /** The classifier a cls-train experiment's settings describe (classes from its recorded data). */
    static VisualClassifierConfig config(Map<String, String> settings, int classes, long seed) {
        VisualTask task = VisualTask.byId(settings.get("task"));
        return new VisualClassifierConfig(task.architecture().name(), classes, multiLabel(settings),
                Double.parseDouble(settings.get("learning-rate")), seed);
    }

    /** Whether the settings ask for a multi-label classifier (absent in older experiments: no). */
    static boolean multiLabel(Map<String, String> settings) {
        return Boolean.parseBoolean(settings.get("multi-label"));
    }

    /** The present/absent label rows of a BAM directory's kept images, in MID order: those {@code picked} (all for {@code null}). */
    static boolean[][] presence(Path bamDir, BamLabelGroup group, int[] picked) {
        boolean[][] present = Bam.labels(bamDir, group).present();
        if (picked == null) {
            return present;
        }
        boolean[][] out = new boolean[picked.length][];
        for (int i = 0; i < picked.length; i++) {
            out[i] = present[picked[i]];
        }
        return out;
    }

    private static float[][] rows(boolean[][] present, int[] indices) {
        float[][] out = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            boolean[] p = present[indices[i]];
            out[i] = new float[p.length];
            for (int c = 0; c < p.length; c++) {
                out[i][c] = p[c] ? 1f : 0f;
            }
        }
        return out;
    }

    private static int train(TrainingRun run, boolean progress, PrintStream out) throws Exception {
        Map<String, String> s = run.settings();
        VisualTask task = VisualTask.byId(s.get("task"));
        long seed = Long.parseLong(s.get("seed"));
        ImageCommandOptions.TrainingImages images = ImageCommandOptions.TrainingImages.load(s);
        ImageDataset all = images.all();
        Split split = images.split();
        ImageDataset train = images.train();
        ImageDataset valid = images.valid();
        VisualClassifierConfig config = config(s, all.classNames().size(), seed);
        VisualClassifier classifier = VisualClassifier.build(config);
        int batchSize = Integer.parseInt(s.get("batch-size"));
        ClassifierTraining training;
        if (config.multiLabel()) {
            boolean[][] present = presence(Path.of(s.get("data")), BamLabelGroup.fromName(s.get("bam-labels")), images.picked());
            training = new ClassifierTraining(classifier, train, valid, rows(present, split.train()), rows(present, split.valid()), batchSize, seed);
        } else {
            training = new ClassifierTraining(classifier, train, valid, batchSize, seed);
        }

        ExperimentDir exp = run.experiment(NAME, seed, images.facts());
        int epochs = Integer.parseInt(s.get("epochs"));
        ValidationAccuracy accuracy = new ValidationAccuracy();
        try (ExperimentLog log = new ExperimentLog(exp.log());
             TensorBoardWriter tb = TensorBoardWriter.create(exp.tensorboard())) {
            log.info(String.format(Locale.ROOT, "%s %s: %s, %d training / %d validation images, %d classes, batch %d, learning rate %s, epochs %d..%d, seed %d",
                    run.resuming() ? "Resuming" : "Starting", NAME, task.id(), train.size(), valid.size(), config.classes(),
                    batchSize, s.get("learning-rate"), run.initEpoch() + 1, epochs, seed));
            Trainer<ClassifierBatch> trainer = new Trainer<>(training, new TrainerConfig(epochs, seed, progress),
                    new Checkpoints(exp.checkpoints()), log, config.multiLabel()
                    ? List.of(new TensorBoardLosses<>(tb)) : List.of(new TensorBoardLosses<>(tb), accuracy));
            List<EpochResult> results = trainer.fit(run.initEpoch());
            for (EpochResult r : results) {
                String line = String.format(Locale.ROOT, "epoch %d: train loss %.4f, validation loss %.4f%s%s",
                        r.epoch(), r.trainLosses().get(VisualClassifier.LOSS), r.validLosses().get(VisualClassifier.LOSS),
                        config.multiLabel() ? "" : String.format(Locale.ROOT, ", validation accuracy %.4f", accuracy.accuracy(r.epoch())),
                        r.best() ? " (best)" : "");
                log.info(line);
                out.println(line);
            }
            out.println("checkpoints: " + exp.checkpoints());
        }
        return 0;
    }
}
