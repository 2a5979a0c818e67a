package org.synvae.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
import org.synvae.data.sets.Part;
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
        o.addOption(Option.builder().longOpt("task").hasArg().argName("T").desc("task: " + String.join(" | ", VisualTask.ids())).build());
        o.addOption(Option.builder().longOpt("data").hasArg().argName("PATH")
                .desc("training data as vis-train reads it (cls-data writes reconstructions in these formats)").build());
        o.addOption(Option.builder().longOpt("exp").hasArg().argName("DIR").desc("experiment directory (new, or existing to resume)").build());
        o.addOption(Option.builder().longOpt("batch-size").hasArg().argName("N").desc("batch size (default: 256 MNIST, 128 CIFAR, 64 BAM/folder)").build());
        o.addOption(Option.builder().longOpt("epochs").hasArg().argName("E").desc("train until this epoch (default 10)").build());
        o.addOption(Option.builder().longOpt("init-epoch").hasArg().argName("N").desc("resume from the latest checkpoint, which must be of epoch N").build());
        o.addOption(Option.builder().longOpt("learning-rate").hasArg().argName("LR").desc("Adam learning rate (default 1e-4, the seed's)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S").desc("seed of weights, split and batch order (default 42)").build());
        o.addOption(Option.builder().longOpt("valid-fraction").hasArg().argName("F")
                .desc("fraction of the training data that validates (default 0.2; MNIST-style tasks: one in six)").build());
        o.addOption(Option.builder().longOpt("bam-labels").hasArg().argName("G").desc("BAM label group: content | emotion | media (default emotion)").build());
        o.addOption(Option.builder().longOpt("max-images").hasArg().argName("N").desc("use only the first N images of the training data (quick runs)").build());
        o.addOption(Option.builder().longOpt("multi-label")
                .desc("bam only: one sigmoid per label of the group, trained on every present label (binary cross-entropy)").build());
        o.addOption(Option.builder().longOpt("no-progress").desc("no progress bar").build());
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
        VisualTask task;
        try {
            task = VisualTask.byId(args.required("task"));
            BamLabelGroup.fromName(args.string("bam-labels", "emotion"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Map<String, String> s = new LinkedHashMap<>();
        s.put("task", task.id());
        s.put("data", Path.of(args.required("data")).toAbsolutePath().normalize().toString());
        s.put("batch-size", Integer.toString(args.positive("batch-size", task.defaultBatchSize())));
        s.put("epochs", Integer.toString(args.positive("epochs", 10)));
        double lr = args.number("learning-rate", VisualClassifierConfig.DEFAULT_LEARNING_RATE);
        if (!(lr > 0)) {
            throw new UsageException("--learning-rate must be > 0");
        }
        s.put("learning-rate", Double.toString(lr));
        s.put("seed", Long.toString(args.longValue("seed", 42)));
        boolean mnistLike = task == VisualTask.MNIST || task == VisualTask.FASHION_MNIST;
        s.put("valid-fraction", args.has("valid-fraction") ? Double.toString(args.number("valid-fraction", 0.2)) : (mnistLike ? TrainingData.MNIST_SPLIT : "0.2"));
        s.put("bam-labels", args.string("bam-labels", "emotion").toLowerCase(Locale.ROOT));
        s.put("max-images", Integer.toString(args.integer("max-images", 0)));
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

    /** The present/absent label rows of a BAM directory's kept images, in MID order: the first {@code max} (all if max <= 0). */
    static boolean[][] presence(Path bamDir, BamLabelGroup group, int max) {
        boolean[][] present = Bam.labels(bamDir, group).present();
        return max > 0 && max < present.length ? java.util.Arrays.copyOf(present, max) : present;
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
        ImageDataset all = task.load(Path.of(s.get("data")), Part.TRAIN, BamLabelGroup.fromName(s.get("bam-labels")));
        all = TrainingData.limit(all, Integer.parseInt(s.get("max-images")));
        Split split = TrainingData.split(all, s.get("valid-fraction"), seed);
        ImageDataset train = split.trainOf(all);
        ImageDataset valid = split.validOf(all);
        VisualClassifierConfig config = config(s, all.classNames().size(), seed);
        VisualClassifier classifier = VisualClassifier.build(config);
        int batchSize = Integer.parseInt(s.get("batch-size"));
        ClassifierTraining training;
        if (config.multiLabel()) {
            boolean[][] present = presence(Path.of(s.get("data")), BamLabelGroup.fromName(s.get("bam-labels")), Integer.parseInt(s.get("max-images")));
            training = new ClassifierTraining(classifier, train, valid, rows(present, split.train()), rows(present, split.valid()), batchSize, seed);
        } else {
            training = new ClassifierTraining(classifier, train, valid, batchSize, seed);
        }

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", all.name());
        data.put("images", all.size());
        data.put("train", train.size());
        data.put("valid", valid.size());
        data.put("classes", all.classNames());
        data.put("shape", task.shape().toString());
        ExperimentDir exp = run.experiment(NAME, seed, data);
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
