package org.synvae.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.synvae.eval.listening.EvalExport;
import org.synvae.eval.listening.TaskGenerator;
import org.synvae.eval.listening.TaskMedia;
import org.synvae.eval.listening.TaskSet;
import org.synvae.eval.listening.TripleSelection;

/** {@code synvae evalgen}: a listening test (the seed's Syneval task JSON and media) from an evaluation export. */
final class EvalGenCommand implements Command {

    @Override
    public String name() {
        return "evalgen";
    }

    @Override
    public String summary() {
        return "generate a listening test (Syneval eval.json + media) from an evaluation export";
    }

    @Override
    public String usage() {
        return "--export DIR --out DIR [--classes A,B,C | --criterion sum|min] [--selection typical|random] [--examples 4 --tasks 20 --seed S --name N]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("export").hasArg().argName("DIR")
                .desc("evaluation export: vis_latents.npy, labels.npy, originals/<class>/, melodies/<class>/ (MIDI + WAV)").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("new directory for eval.json and data/").build());
        o.addOption(Option.builder().longOpt("examples").hasArg().argName("N").desc("examples per class (default 4)").build());
        o.addOption(Option.builder().longOpt("tasks").hasArg().argName("N").desc("tasks (default 20)").build());
        o.addOption(Option.builder().longOpt("criterion").hasArg().argName("C")
                .desc("how the 3 classes are chosen from the class means of the visual latents: sum (the seed: largest sum of "
                        + "pairwise distances, default) or min (largest smallest pairwise distance)").build());
        o.addOption(Option.builder().longOpt("classes").hasArg().argName("A,B,C")
                .desc("the three classes, by name or label index (e.g. 0,1,4: the paper's MNIST digits); default: chosen by --criterion").build());
        o.addOption(Option.builder().longOpt("selection").hasArg().argName("S")
                .desc("which images of a class: typical (nearest the class mean of the visual latents, the seed's; default) or random "
                        + "(a seeded sample: the model on images as they come)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S").desc("seed of examples and truths (default 42)").build());
        o.addOption(Option.builder().longOpt("name").hasArg().argName("N").desc("title shown to listeners (default: SynVAE listening test)").build());
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        Path exportDir = Path.of(args.required("export"));
        Path outDir = Path.of(args.required("out"));
        if (Files.exists(outDir)) {
            throw new UsageException(outDir + " already exists; choose a new --out directory");
        }
        TripleSelection.Criterion criterion = switch (args.string("criterion", "sum").toLowerCase(Locale.ROOT)) {
            case "sum" -> TripleSelection.Criterion.SUM;
            case "min" -> TripleSelection.Criterion.MIN;
            default -> throw new UsageException("--criterion must be sum or min, got '" + args.string("criterion", "") + "'");
        };
        TaskGenerator.Selection selection = switch (args.string("selection", "typical").toLowerCase(Locale.ROOT)) {
            case "typical" -> TaskGenerator.Selection.TYPICAL;
            case "random" -> TaskGenerator.Selection.RANDOM;
            default -> throw new UsageException("--selection must be typical or random, got '" + args.string("selection", "") + "'");
        };
        EvalExport export = EvalExport.read(exportDir);
        int[] classes = args.has("classes") ? classes(args.required("classes"), export.classNames()) : new int[0];
        TaskGenerator.Settings settings = new TaskGenerator.Settings(args.string("name", "SynVAE listening test"),
                args.positive("examples", 4), args.positive("tasks", 20), criterion, args.longValue("seed", 42), classes, selection);
        TaskGenerator.Generated g = TaskGenerator.generate(export, settings);
        Path json = outDir.resolve("eval.json");
        int items = TaskMedia.copy(export, g.tasks(), g.tasks().dataDir(json));
        g.tasks().write(json);
        out.printf(Locale.ROOT, "classes %s (labels %s, %s score %.3f)%n", g.tasks().classes(), Arrays.toString(g.triple().classes()),
                criterion.name().toLowerCase(Locale.ROOT), g.triple().score());
        out.printf(Locale.ROOT, "%d examples, %d tasks, %d items copied to %s%n", g.tasks().examples().size(), g.tasks().tasks().size(),
                items, g.tasks().dataDir(json));
        out.println("wrote " + json);
        return 0;
    }

    /** Class labels of {@code --classes}: each a class name of the export, or else a label index. */
    static int[] classes(String spec, java.util.List<String> names) {
        String[] parts = spec.split(",");
        if (parts.length != 3) {
            throw new UsageException("--classes takes three classes, got '" + spec + "'");
        }
        int[] out = new int[3];
        for (int i = 0; i < 3; i++) {
            String p = parts[i].strip();
            int byName = names.indexOf(p);
            if (byName >= 0) {
                out[i] = byName;
                continue;
            }
            try {
                out[i] = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new UsageException("--classes: no class '" + p + "' (classes: " + names + ")");
            }
            if (out[i] < 0 || out[i] >= names.size()) {
                throw new UsageException("--classes: label " + out[i] + " is not one of 0.." + (names.size() - 1) + " " + names);
            }
        }
        if (Arrays.stream(out).distinct().count() != 3) {
            throw new UsageException("--classes needs three different classes, got '" + spec + "'");
        }
        return out;
    }
}
