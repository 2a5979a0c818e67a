package org.synvae.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.synvae.data.ImageDataset;
import org.synvae.data.InvalidDataException;
import org.synvae.data.Split;
import org.synvae.data.sets.BamLabelGroup;
import org.synvae.data.sets.Part;
import org.synvae.models.train.ExperimentDir;
import org.synvae.models.train.Provenance;
import org.synvae.models.visual.VisualTask;

/** Options and data handling the image commands share: vis-train/syn-train and vis-eval/syn-eval. */
final class ImageCommandOptions {
    private ImageCommandOptions() {
    }

    /** The options of a VAE training command on images: {@link #addTraining} plus --beta and --export-every. */
    static void addVaeTraining(Options o, String batchSizeDefault) {
        addTraining(o, batchSizeDefault, "1e-3");
        o.addOption(Option.builder().longOpt("beta").hasArg().argName("B").desc("weight of the KL term (default 1.0)").build());
        o.addOption(Option.builder().longOpt("export-every").hasArg().argName("N")
                .desc("write validation exports (original/reconstruction PNGs, melodies) every N validation batches (default 5; 0 = never)").build());
    }

    /** The options of a training command on images (task, data, schedule, split). */
    static void addTraining(Options o, String batchSizeDefault, String learningRateDefault) {
        o.addOption(Option.builder().longOpt("task").hasArg().argName("T").desc("task: " + String.join(" | ", VisualTask.ids())).build());
        o.addOption(Option.builder().longOpt("data").hasArg().argName("PATH")
                .desc("training data: idx directory or reconstruction pickle (mnist), batches (cifar), BAM directory, image folder").build());
        o.addOption(Option.builder().longOpt("exp").hasArg().argName("DIR").desc("experiment directory (new, or existing to resume)").build());
        o.addOption(Option.builder().longOpt("batch-size").hasArg().argName("N").desc("batch size (default: " + batchSizeDefault + ")").build());
        o.addOption(Option.builder().longOpt("epochs").hasArg().argName("E").desc("train until this epoch (default 10)").build());
        o.addOption(Option.builder().longOpt("init-epoch").hasArg().argName("N").desc("resume from the latest checkpoint, which must be of epoch N").build());
        o.addOption(Option.builder().longOpt("learning-rate").hasArg().argName("LR").desc("Adam learning rate (default " + learningRateDefault + ")").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S").desc("seed of weights, split, batch order and noise (default 42)").build());
        o.addOption(Option.builder().longOpt("valid-fraction").hasArg().argName("F")
                .desc("fraction of the training data that validates (default 0.2; MNIST-style tasks: 10,000 images)").build());
        o.addOption(Option.builder().longOpt("bam-labels").hasArg().argName("G").desc("BAM label group: content | emotion | media (default emotion)").build());
        o.addOption(Option.builder().longOpt("max-images").hasArg().argName("N").desc("use a seeded sample of N images of the training data, in proportion across classes (quick runs)").build());
        o.addOption(Option.builder().longOpt("no-progress").desc("no progress bar").build());
    }

    /** The task a new training run names. */
    static VisualTask task(Args args) {
        try {
            return VisualTask.byId(args.required("task"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** {@link #trainingSettings} of a VAE run: learning rate 1e-3 by default, plus beta and export-every. */
    static Map<String, String> vaeTrainingSettings(Args args, VisualTask task, int batchSizeDefault) {
        Map<String, String> s = trainingSettings(args, task, batchSizeDefault, 1e-3);
        double beta = args.number("beta", 1.0);
        if (beta < 0) {
            throw new UsageException("--beta must be >= 0, got " + beta);
        }
        s.put("beta", Double.toString(beta));
        s.put("export-every", Integer.toString(args.integer("export-every", 5)));
        return s;
    }

    /** The settings of a new image training run shared by all such commands, defaults filled in. */
    static Map<String, String> trainingSettings(Args args, VisualTask task, int batchSizeDefault, double learningRateDefault) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("task", task.id());
        s.put("data", Path.of(args.required("data")).toAbsolutePath().normalize().toString());
        s.put("batch-size", Integer.toString(args.positive("batch-size", batchSizeDefault)));
        s.put("epochs", Integer.toString(args.positive("epochs", 10)));
        double lr = args.number("learning-rate", learningRateDefault);
        if (!(lr > 0)) {
            throw new UsageException("--learning-rate must be > 0");
        }
        s.put("learning-rate", Double.toString(lr));
        s.put("seed", Long.toString(args.longValue("seed", 42)));
        boolean mnistLike = task == VisualTask.MNIST || task == VisualTask.FASHION_MNIST;
        s.put("valid-fraction", args.has("valid-fraction") ? Double.toString(validFraction(args)) : (mnistLike ? TrainingData.MNIST_SPLIT : "0.2"));
        s.put("bam-labels", args.string("bam-labels", "emotion").toLowerCase(Locale.ROOT));
        // One image trains and one validates at the least.
        TrainingData.putLimit(s, maxImages(args, 2));
        try {
            BamLabelGroup.fromName(s.get("bam-labels"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return s;
    }

    /** --valid-fraction: strictly between 0 and 1, so both parts have images. */
    private static double validFraction(Args args) {
        double f = args.number("valid-fraction", Split.DEFAULT_VALID_FRACTION);
        if (!(f > 0 && f < 1)) {
            throw new UsageException("--valid-fraction must be between 0 and 1 (exclusive), got " + f);
        }
        return f;
    }

    /**
     * --max-images: 0 (all images) when absent, else at least {@code least}; a negative value used
     * to mean "all" silently.
     */
    static int maxImages(Args args, int least) {
        if (!args.has("max-images")) {
            return 0;
        }
        int max = args.integer("max-images", 0);
        if (max < least) {
            throw new UsageException("--max-images must be at least " + least + (least > 1 ? " (one image trains, one validates)" : "")
                    + ", got " + max);
        }
        return max;
    }

    /**
     * The training data of recorded settings, split as the run splits it.
     *
     * @param all    every image used (after --max-images)
     * @param picked which images of the data set {@code all} holds ({@link TrainingData#picked}), or {@code null} for every one
     * @param split  which of them train and which validate
     * @param facts  what provenance.json records about the data
     */
    record TrainingImages(ImageDataset all, int[] picked, Split split, ImageDataset train, ImageDataset valid, Map<String, Object> facts) {
        static TrainingImages load(Map<String, String> s) {
            VisualTask task = VisualTask.byId(s.get("task"));
            ImageDataset whole = task.load(Path.of(s.get("data")), Part.TRAIN, BamLabelGroup.fromName(s.get("bam-labels")));
            int[] picked = TrainingData.picked(whole, s);
            ImageDataset all = TrainingData.limit(whole, picked);
            Split split;
            try {
                split = TrainingData.split(all, s.get("valid-fraction"), Long.parseLong(s.get("seed")));
            } catch (IllegalArgumentException e) {
                throw InvalidDataException.of(Path.of(s.get("data")), all.size() + " images cannot be split into training and validation ("
                        + e.getMessage() + ")");
            }
            ImageDataset train = split.trainOf(all);
            ImageDataset valid = split.validOf(all);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("name", all.name());
            data.put("images", all.size());
            data.put("train", train.size());
            data.put("valid", valid.size());
            data.put("classes", all.classNames());
            data.put("shape", task.shape().toString());
            return new TrainingImages(all, picked, split, train, valid, data);
        }
    }

    /** The options of an evaluation command on a trained experiment's images. */
    static void addEvaluation(Options o, String experimentKind, int batchSizeDefault) {
        o.addOption(Option.builder().longOpt("exp").hasArg().argName("DIR").desc("a " + experimentKind + " experiment directory").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("where results.json and exports go").build());
        o.addOption(Option.builder().longOpt("data").hasArg().argName("PATH").desc("data to evaluate (default: the experiment's data)").build());
        o.addOption(Option.builder().longOpt("part").hasArg().argName("P")
                .desc("test | valid | train: the official test part, or the experiment's validation or training split (default test)").build());
        o.addOption(Option.builder().longOpt("ranks").hasArg().argName("K,...").desc("precision ranks (default 1,5,10)").build());
        o.addOption(Option.builder().longOpt("batch-size").hasArg().argName("N").desc("images per forward pass (default " + batchSizeDefault + ")").build());
        o.addOption(Option.builder().longOpt("max-images").hasArg().argName("N").desc("evaluate a sample of N images, in proportion across classes (seeded with the experiment's seed)").build());
    }

    /** The experiment an evaluation reads, which {@code command} must have made. */
    static ExperimentDir experiment(Args args, String command) throws java.io.IOException {
        ExperimentDir exp = ExperimentDir.open(Path.of(args.required("exp")));
        Provenance prov = exp.provenance();
        if (!command.equals(prov.command())) {
            throw new UsageException(exp.root() + " is a '" + prov.command() + "' experiment, not " + command);
        }
        return exp;
    }

    /** The evaluated images (--data/--part/--max-images) and the checked --ranks. */
    static ImageDataset evaluationData(Args args, Provenance prov) {
        ImageDataset data = TrainingData.sample(VisEvalCommand.data(args, prov, VisualTask.byId(prov.argument("task"))),
                maxImages(args, 1), prov.seed());
        for (int k : ranks(args)) {
            if (k < 1 || k >= data.size()) {
                throw new UsageException("rank " + k + " must be in 1.." + (data.size() - 1));
            }
        }
        return data;
    }

    /**
     * Where an evaluation's {@code --part test} images come from: {@code --data}, or the data the
     * experiment trained on where that has a test part of its own. A single file (an MNIST-style
     * pickle, one CIFAR batch) has none: its "test" part is the file itself, training images
     * included, so scoring it would report training accuracy as test accuracy.
     */
    static Path testData(Args args, Provenance prov, VisualTask task) {
        Path trained = Path.of(prov.argument("data"));
        if (!args.has("data") && (task == VisualTask.BAM || task == VisualTask.FOLDER)) {
            throw new UsageException(task.id() + " data has no separate test part: give the test directory with --data, or use --part valid");
        }
        Path path = args.has("data") ? Path.of(args.required("data")) : trained;
        if (java.nio.file.Files.isRegularFile(path) && path.toAbsolutePath().normalize().equals(trained.toAbsolutePath().normalize())) {
            throw new UsageException(path + " is the single file this experiment trained on, so its test part would be the "
                    + "training images themselves; use --part valid (the held-out split) or give separate test data with --data");
        }
        return path;
    }

    static int[] ranks(Args args) {
        return args.integers("ranks", new int[] {1, 5, 10});
    }
}
