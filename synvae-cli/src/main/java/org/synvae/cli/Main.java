package org.synvae.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.synvae.data.InvalidDataException;
import org.synvae.models.train.TrainingDivergedException;

/**
 * The {@code synvae} command line: {@code synvae [-v] COMMAND [options]}. Exit codes: 0 success,
 * 1 failure, 2 bad usage or bad input. Errors are one line on stderr; {@code -v} adds the stack trace.
 */
public final class Main {
    private final Map<String, Command> commands = new TreeMap<>();

    Main(List<Command> commands) {
        commands.forEach(c -> this.commands.put(c.name(), c));
    }

    /** The CLI with every command. */
    static Main standard() {
        return new Main(List.of(new VisTrainCommand(), new VisEvalCommand(), new BenchCommand(), new MusicRenderCommand(),
                new MusicSampleCommand(), new MusicDecodeCommand(), new MusicEncodeCommand(), new MusicInspectCommand(),
                new MusicInterpolateCommand(), new MusicTrainCommand(), new MusicEvalCommand(), new MusicExportCommand(), new SynTrainCommand(), new SynEvalCommand(), new TranslateCommand(),
                new ClsTrainCommand(), new ClsEvalCommand(), new ClsDataCommand(), new MineTrainCommand(), new EvalGenCommand(),
                new ListenCommand(), new ListenReportCommand(), new MachineListenCommand(), new TsneCommand(), new MusicStatsCommand(),
                new ReportCommand()));
    }

    public static void main(String[] args) {
        PrintStream results = System.out;
        // Libraries print diagnostics to stdout (SameDiff: "Added differentiated op ..."); keep stdout for results.
        System.setOut(new FilteringStream(System.err));
        int code = standard().run(args, results, System.err);
        System.exit(code);
    }

    /** Runs one invocation; returns the exit code. */
    int run(String[] args, PrintStream out, PrintStream err) {
        boolean verbose = args.length > 0 && (args[0].equals("-v") || args[0].equals("--verbose"));
        String[] rest = verbose ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        if (rest.length == 0 || rest[0].equals("-h") || rest[0].equals("--help") || rest[0].equals("help")) {
            printCommands(rest.length == 0 ? err : out);
            return rest.length == 0 ? 2 : 0;
        }
        if (rest[0].equals("--version")) {
            out.println("synvae " + String.valueOf(Main.class.getPackage().getImplementationVersion()));
            return 0;
        }
        // Grouped commands ("music render") take two words.
        int words = rest.length > 1 && commands.containsKey(rest[0] + " " + rest[1]) ? 2 : 1;
        String name = words == 2 ? rest[0] + " " + rest[1] : rest[0];
        Command command = commands.get(name);
        if (command == null) {
            err.println("synvae: unknown command '" + name + "'; commands: " + String.join(", ", commands.keySet()));
            return 2;
        }
        String[] commandArgs = java.util.Arrays.copyOfRange(rest, words, rest.length);
        Options options = command.options();
        options.addOption("h", "help", false, "show this help");
        try {
            CommandLine cmd = new DefaultParser().parse(options, commandArgs, false);
            if (cmd.hasOption("help")) {
                printHelp(command, out);
                return 0;
            }
            if (!cmd.getArgList().isEmpty() && !acceptsArguments(command)) {
                throw new UsageException("unexpected argument '" + cmd.getArgList().get(0) + "'");
            }
            return command.run(cmd, out);
        } catch (ParseException | UsageException e) {
            err.println("synvae " + command.name() + ": " + e.getMessage() + " (see synvae " + command.name() + " --help)");
            return 2;
        } catch (BatchFailures.Failed e) {
            // The good inputs are done; each bad one gets its own line.
            e.lines().forEach(line -> err.println("synvae " + command.name() + ": " + line));
            return 2;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("synvae " + command.name() + ": " + e.getFile() + ": no such file");
            return 2;
        } catch (InvalidDataException e) {
            err.println("synvae " + command.name() + ": " + e.getMessage());
            trace(verbose, e, err);
            return 2;
        } catch (TrainingDivergedException e) {
            err.println("synvae " + command.name() + ": training stopped: " + e.getMessage());
            trace(verbose, e, err);
            return 1;
        } catch (OutOfMemoryError e) {
            err.println("synvae " + command.name() + ": out of memory; " + memoryAdvice(command));
            return 1;
        } catch (Exception e) {
            err.println("synvae " + command.name() + ": " + describe(e));
            trace(verbose, e, err);
            return 1;
        }
    }

    /** Options that set how much a command holds in memory at once, most effective first. */
    private static final List<String> MEMORY_OPTIONS = List.of("batch-size", "n", "max-images", "max-files");

    /** What to try after running out of memory: only options the command has. */
    static String memoryAdvice(Command command) {
        Options options = command.options();
        return MEMORY_OPTIONS.stream().filter(options::hasLongOption).findFirst()
                .map(o -> "try a smaller --" + o + " or raise SYNVAE_JAVA_OPTS (-Xmx)")
                .orElse("raise SYNVAE_JAVA_OPTS (-Xmx), or give fewer inputs at once");
    }

    private static boolean acceptsArguments(Command command) {
        return command instanceof PositionalArguments;
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage();
        return msg == null ? e.getClass().getSimpleName() : msg.lines().findFirst().orElse("");
    }

    private static void trace(boolean verbose, Throwable e, PrintStream err) {
        if (verbose) {
            e.printStackTrace(err);
        }
    }

    private void printCommands(PrintStream to) {
        to.println("usage: synvae [-v] COMMAND [options]   (synvae COMMAND --help for a command's options)");
        to.println();
        to.println("commands:");
        commands.values().forEach(c -> to.printf("  %-24s %s%n", c.name(), c.summary()));
        to.println();
        to.println("  -v, --verbose  show stack traces on errors");
    }

    private static void printHelp(Command command, PrintStream out) {
        PrintWriter w = new PrintWriter(out);
        new HelpFormatter().printHelp(w, 100, "synvae " + command.name() + " " + command.usage(),
                command.summary(), command.options(), 2, 2, "", false);
        w.flush();
    }

    /** Marker for commands that take positional arguments (e.g. file names). */
    interface PositionalArguments {
    }
}
