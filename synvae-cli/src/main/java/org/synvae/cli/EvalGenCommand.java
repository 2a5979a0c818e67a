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
        return "--export DIR --out DIR [--examples 4 --tasks 20 --criterion sum|min --seed S --name N]";
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
        TaskGenerator.Settings settings = new TaskGenerator.Settings(args.string("name", "SynVAE listening test"),
                args.positive("examples", 4), args.positive("tasks", 20), criterion, args.longValue("seed", 42));
        EvalExport export = EvalExport.read(exportDir);
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
}
