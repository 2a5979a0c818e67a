package org.synvae.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.AtomicFiles;
import org.synvae.eval.listening.AnswersFile;
import org.synvae.eval.listening.ListeningReport;
import org.synvae.eval.listening.ListeningServer;
import org.synvae.eval.listening.TaskSet;

/**
 * {@code synvae listen}: runs a listening test in the browser on 127.0.0.1 until interrupted;
 * {@code --report} instead prints accuracy (overall, per class) and Fleiss' kappa of the answers.
 */
final class ListenCommand implements Command {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String name() {
        return "listen";
    }

    @Override
    public String summary() {
        return "run a listening test in the browser (127.0.0.1); listen-report scores the answers";
    }

    @Override
    public String usage() {
        return "--tasks eval.json [--answers FILE] [--port P] [--seed S]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("tasks").hasArg().argName("JSON").desc("task set from synvae evalgen").build());
        o.addOption(Option.builder().longOpt("answers").hasArg().argName("FILE")
                .desc("answers, JSON lines (default: answers.jsonl beside the task set)").build());
        o.addOption(Option.builder().longOpt("port").hasArg().argName("P").desc("port on 127.0.0.1 (default: any free port, printed)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S").desc("seed of the option order per listener and task (default 42)").build());
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        Path tasksFile = Path.of(args.required("tasks"));
        TaskSet set = TaskSet.read(tasksFile);
        Path answersPath = args.has("answers") ? args.path("answers") : tasksFile.toAbsolutePath().resolveSibling("answers.jsonl");
        AnswersFile answers = new AnswersFile(answersPath);
        int port = args.integer("port", 0);
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be between 0 and 65535, got " + port);
        }
        Path dataDir = set.dataDir(tasksFile);
        if (!Files.isDirectory(dataDir)) {
            throw InvalidDataException.of(dataDir, "no such media directory (data_path of " + tasksFile + ")");
        }
        try (ListeningServer server = ListeningServer.start(set, dataDir, answers, port, args.longValue("seed", 42))) {
            out.println(server.url());
            out.println("answers go to " + answersPath + "; stop with Ctrl-C");
            out.flush();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }

    /** Prints the report of {@code answers} (and writes it as JSON to {@code json} unless null). */
    static int report(TaskSet set, java.util.List<org.synvae.eval.listening.Answer> answers, Path json, PrintStream out) throws Exception {
        ListeningReport report = ListeningReport.of(set, answers);
        report.lines().forEach(out::println);
        if (json != null) {
            AtomicFiles.write(json, JSON.writeValueAsBytes(report.toJsonMap()));
        }
        return 0;
    }
}
