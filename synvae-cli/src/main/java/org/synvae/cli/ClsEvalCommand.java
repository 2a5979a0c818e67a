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
import org.synvae.data.InvalidDataException;
import org.synvae.data.sets.BamLabelGroup;
import org.synvae.data.sets.ImageFolder;
import org.synvae.data.sets.Part;
import org.synvae.eval.classify.ClassifierEvaluation;
import org.synvae.eval.classify.ConfusionMatrix;
import org.synvae.eval.classify.MultiLabelMetrics;
import org.synvae.models.classify.VisualClassifier;
import org.synvae.models.classify.VisualClassifierConfig;
import org.synvae.models.train.ExperimentDir;
import org.synvae.models.train.Provenance;
import org.synvae.models.visual.VisualTask;

/**
 * {@code synvae cls-eval}: tests a cls-train classifier on originals or reconstructions (the
 * seed's cls_analysis): top-1 accuracy, the seed's mean one-vs-rest accuracy, per-class precision,
 * recall and F1, and the confusion matrix as JSON and a PNG heat map.
 */
final class ClsEvalCommand implements Command {

    @Override
    public String name() {
        return "cls-eval";
    }

    @Override
    public String summary() {
        return "test a classifier on originals or reconstructions: accuracy, per-class P/R/F1, confusion matrix";
    }

    @Override
    public String usage() {
        return "--exp DIR --out DIR [options]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("exp").hasArg().argName("DIR").desc("a cls-train experiment directory").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("where results.json, confusion.json/png and predictions.npy go").build());
        o.addOption(Option.builder().longOpt("checkpoint").hasArg().argName("C").desc("best | latest | a .npz file (default best)").build());
        o.addOption(Option.builder().longOpt("data").hasArg().argName("PATH")
                .desc("test data in the experiment's task format, e.g. reconstructions from cls-data (default: the experiment's data)").build());
        o.addOption(Option.builder().longOpt("folder").desc("read --data as an image folder (one sub-folder per class) at the model's input size").build());
        o.addOption(Option.builder().longOpt("part").hasArg().argName("P")
                .desc("test | valid: the data's test part, or the experiment's validation split (default test)").build());
        o.addOption(Option.builder().longOpt("batch-size").hasArg().argName("N").desc("images per forward pass (default 256)").build());
        o.addOption(Option.builder().longOpt("max-images").hasArg().argName("N").desc("evaluate a sample of N images, in proportion across classes (seeded with the experiment's seed)").build());
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        // Checked before the experiment is even opened: a bad --out must not fail after the evaluation.
        Path outDir = OutputTargets.directory(Path.of(args.required("out")));
        ExperimentDir exp = ExperimentDir.open(Path.of(args.required("exp")));
        Provenance prov = exp.provenance();
        if (!ClsTrainCommand.NAME.equals(prov.command())) {
            throw new UsageException(exp.root() + " is a '" + prov.command() + "' experiment, not " + ClsTrainCommand.NAME);
        }
        VisualTask task = VisualTask.byId(prov.argument("task"));
        List<String> classNames = classNames(prov);
        VisualClassifierConfig config = ClsTrainCommand.config(prov.arguments(), classNames.size(), prov.seed());
        Path checkpoint = VisEvalCommand.checkpointFile(exp, args.string("checkpoint", "best"));
        VisualClassifier classifier = VisualClassifier.fromCheckpoint(config, checkpoint);

        if (config.multiLabel()) {
            return multiLabel(args, prov, classifier, classNames, exp, checkpoint, outDir, out);
        }
        ImageDataset data = TrainingData.sample(data(args, prov, task), ImageCommandOptions.maxImages(args, 1), prov.seed());
        if (!data.classNames().equals(classNames)) {
            throw new InvalidDataException("the test data's classes " + data.classNames() + " differ from the classifier's " + classNames);
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("experiment", exp.root().toAbsolutePath().toString());
        context.put("checkpoint", checkpoint.toAbsolutePath().toString());
        context.put("trained_on", prov.argument("data"));
        context.put("tested_on", args.has("data") ? Path.of(args.required("data")).toAbsolutePath().normalize().toString() : prov.argument("data"));
        context.put("part", args.string("part", "test"));
        ConfusionMatrix m = ClassifierEvaluation.run(classifier, classNames, data, args.positive("batch-size", 256), outDir, context);
        out.printf(Locale.ROOT, "top-1 accuracy %.4f, mean one-vs-rest accuracy %.4f, macro F1 %.4f (%d images)%n",
                m.accuracy(), m.meanOneVsRestAccuracy(), m.macroF1(), m.total());
        out.println("results: " + outDir.resolve("results.json"));
        return 0;
    }

    /** BAM with every present label: the images and label rows of --data (test) or of the experiment's validation split. */
    private static int multiLabel(Args args, Provenance prov, VisualClassifier classifier, List<String> labelNames, ExperimentDir exp,
                                  Path checkpoint, Path outDir, PrintStream out) throws java.io.IOException {
        if (args.has("folder")) {
            throw new UsageException("--folder has no multi-label annotations; give a BAM directory with --data");
        }
        String part = args.string("part", "test").toLowerCase(Locale.ROOT);
        BamLabelGroup group = BamLabelGroup.fromName(prov.argument("bam-labels"));
        VisualTask task = VisualTask.byId(prov.argument("task"));
        ImageDataset data;
        boolean[][] truth;
        if (part.equals("test")) {
            if (!args.has("data")) {
                throw new UsageException("bam data has no separate test part: give the test directory with --data, or use --part valid");
            }
            Path dir = Path.of(args.required("data"));
            ImageDataset whole = task.load(dir, Part.TEST, group);
            int[] picked = TrainingData.picked(whole, Map.of("max-images", Integer.toString(ImageCommandOptions.maxImages(args, 1)),
                    TrainingData.PICK, TrainingData.SAMPLED, "seed", Long.toString(prov.seed())));
            data = TrainingData.limit(whole, picked);
            truth = ClsTrainCommand.presence(dir, group, picked);
        } else if (part.equals("valid")) {
            if (args.has("data")) {
                throw new UsageException("--part valid means the experiment's own split; it takes no --data");
            }
            Path dir = Path.of(prov.argument("data"));
            ImageDataset whole = task.load(dir, Part.TRAIN, group);
            int[] picked = TrainingData.picked(whole, prov.arguments());
            ImageDataset all = TrainingData.limit(whole, picked);
            boolean[][] present = ClsTrainCommand.presence(dir, group, picked);
            int[] valid = TrainingData.split(all, prov.argument("valid-fraction"), prov.seed()).valid();
            data = all.subset(all.name() + "[valid]", valid);
            truth = new boolean[valid.length][];
            for (int i = 0; i < valid.length; i++) {
                truth[i] = present[valid[i]];
            }
        } else {
            throw new UsageException("--part must be test or valid, got '" + part + "'");
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("experiment", exp.root().toAbsolutePath().toString());
        context.put("checkpoint", checkpoint.toAbsolutePath().toString());
        context.put("trained_on", prov.argument("data"));
        context.put("tested_on", args.has("data") ? Path.of(args.required("data")).toAbsolutePath().normalize().toString() : prov.argument("data"));
        context.put("part", part);
        MultiLabelMetrics m = ClassifierEvaluation.runMultiLabel(classifier, labelNames, data, truth, args.positive("batch-size", 256), outDir, context);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "subset accuracy %.4f, mean label accuracy %.4f (%d images);",
                m.subsetAccuracy(), m.meanLabelAccuracy(), data.size()));
        for (int c = 0; c < labelNames.size(); c++) {
            line.append(String.format(Locale.ROOT, " %s F1 %.4f", labelNames.get(c), m.f1(c)));
        }
        out.println(line);
        out.println("results: " + outDir.resolve("results.json"));
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static List<String> classNames(Provenance prov) {
        Object classes = prov.data().get("classes");
        if (!(classes instanceof List<?> list) || list.size() < 2) {
            throw new InvalidDataException("the experiment's provenance.json records no class names");
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static ImageDataset data(Args args, Provenance prov, VisualTask task) {
        String part = args.string("part", "test").toLowerCase(Locale.ROOT);
        BamLabelGroup group = BamLabelGroup.fromName(prov.argument("bam-labels"));
        if (args.has("folder")) {
            if (!args.has("data")) {
                throw new UsageException("--folder needs --data");
            }
            return ImageFolder.load(Path.of(args.required("data")), task.shape());
        }
        Path path = args.has("data") ? Path.of(args.required("data")) : Path.of(prov.argument("data"));
        switch (part) {
            case "test" -> {
                return task.load(ImageCommandOptions.testData(args, prov, task), Part.TEST, group);
            }
            case "valid" -> {
                if (args.has("data")) {
                    throw new UsageException("--part valid means the experiment's own split; it takes no --data");
                }
                ImageDataset all = TrainingData.limit(task.load(path, Part.TRAIN, group), prov.arguments());
                return TrainingData.split(all, prov.argument("valid-fraction"), prov.seed()).validOf(all);
            }
            default -> throw new UsageException("--part must be test or valid, got '" + part + "'");
        }
    }
}
