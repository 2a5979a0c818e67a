package org.synvae.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.synvae.data.InvalidDataException;
import org.synvae.eval.report.ReportPage;

/** {@code synvae report DIR}: one HTML page with a directory's metrics, PNGs and WAV players. */
final class ReportCommand implements Command, Main.PositionalArguments {

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String summary() {
        return "one HTML page of an experiment or eval directory: results.json metrics, PNGs, audio players";
    }

    @Override
    public String usage() {
        return "DIR [--out DIR/report.html] [--max-media 200]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("out").hasArg().argName("FILE").desc("the page (default DIR/report.html)").build());
        o.addOption(Option.builder().longOpt("max-media").hasArg().argName("N").desc("at most N images and N audio files, taken in turn from each folder (default 200)").build());
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        if (cmd.getArgList().size() != 1) {
            throw new UsageException("give one directory");
        }
        Path dir = Path.of(cmd.getArgList().get(0));
        if (!Files.isDirectory(dir)) {
            throw InvalidDataException.of(dir, Files.exists(dir) ? "is a file; give the experiment or eval directory" : "no such directory");
        }
        Path page = OutputTargets.file(args.has("out") ? args.path("out") : dir.resolve("report.html"));
        ReportPage.Contents c = ReportPage.write(dir, page, args.positive("max-media", 200));
        out.printf("%d metrics files, %d images, %d audio files%s%n", c.metrics().size(), c.images().size(), c.audio().size(),
                c.images().size() < c.totalImages() || c.audio().size() < c.totalAudio()
                        ? " (of " + c.totalImages() + " and " + c.totalAudio() + ", taken in turn from each folder)" : "");
        out.println("wrote " + page);
        return 0;
    }
}
