package org.synvae.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.synvae.eval.listening.AnswersFile;
import org.synvae.eval.listening.TaskSet;

/** {@code synvae listen-report}: the same as {@code listen --report}. */
final class ListenReportCommand implements Command {

    @Override
    public String name() {
        return "listen-report";
    }

    @Override
    public String summary() {
        return "accuracy per class and overall, and Fleiss' kappa, of a listening test's answers";
    }

    @Override
    public String usage() {
        return "--tasks eval.json [--answers FILE] [--json OUT.json]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("tasks").hasArg().argName("JSON").desc("task set from synvae evalgen").build());
        o.addOption(Option.builder().longOpt("answers").hasArg().argName("FILE")
                .desc("answers, JSON lines (default: answers.jsonl beside the task set)").build());
        o.addOption(Option.builder().longOpt("json").hasArg().argName("FILE").desc("also write the report as JSON").build());
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        Path tasksFile = Path.of(args.required("tasks"));
        Path answers = args.has("answers") ? args.path("answers") : tasksFile.toAbsolutePath().resolveSibling("answers.jsonl");
        // Checked first: a --json that cannot be written must not fail after the report was printed.
        Path json = args.has("json") ? OutputTargets.file(args.path("json")) : null;
        return ListenCommand.report(TaskSet.read(tasksFile), new AnswersFile(answers).readAll(), json, out);
    }
}
