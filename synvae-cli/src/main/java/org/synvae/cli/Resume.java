package org.synvae.cli;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.synvae.models.train.ExperimentDir;
import org.synvae.models.train.Provenance;

/**
 * Resuming a training command from its experiment's provenance: the recorded settings come back,
 * options that would change the run are refused, and only {@code --epochs} may move the target.
 */
final class Resume {
    private Resume() {
    }

    /**
     * The settings to resume {@code exp} with.
     *
     * @param command the command that must have made the experiment
     * @param fixed   options that cannot differ from the recorded ones
     */
    static Map<String, String> settings(CommandLine cmd, Args args, ExperimentDir exp, String command, List<String> fixed)
            throws IOException {
        Provenance prov = exp.provenance();
        if (!command.equals(prov.command())) {
            throw new UsageException(exp.root() + " is a '" + prov.command() + "' experiment, not " + command);
        }
        for (String option : fixed) {
            if (cmd.hasOption(option) && !cmd.getOptionValue(option).equals(prov.argument(option))) {
                throw new UsageException("--" + option + " cannot change when resuming (the experiment has " + prov.argument(option) + ")");
            }
        }
        Map<String, String> settings = new LinkedHashMap<>(prov.arguments());
        if (cmd.hasOption("epochs")) {
            settings.put("epochs", Integer.toString(args.positive("epochs", 10)));
            // Record the new target so a later resume continues towards it.
            new Provenance(prov.command(), settings, prov.seed(), prov.data(), prov.environment(), prov.gitCommit(),
                    prov.created()).write(exp.root());
        }
        return settings;
    }
}
