package org.synvae.cli;

import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** One subcommand of the CLI: its options and what it does. Commands never call System.exit. */
interface Command {

    /** The name users type, e.g. {@code vis-train}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** Usage after the command name, e.g. {@code --task T --data PATH --exp DIR [options]}. */
    String usage();

    /** The command's options (parsed strictly). */
    Options options();

    /**
     * Runs the command.
     *
     * @param out results (stdout)
     * @return the exit code: 0 ok, 1 failure
     * @throws UsageException for bad arguments (exit 2)
     */
    int run(CommandLine cmd, PrintStream out) throws Exception;
}
