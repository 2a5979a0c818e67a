package org.synvae.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;
import org.synvae.models.train.ExperimentDir;
import org.synvae.models.train.Provenance;

/**
 * How a training command starts: a new run (its settings from the command line, the experiment
 * directory checked before any data is loaded) or a resumed one ({@code --init-epoch N}: the
 * settings recorded in provenance.json come back, options that would change the run are refused,
 * and only {@code --epochs} may move the target).
 *
 * @param expPath   the experiment directory
 * @param existing  the experiment being resumed, or {@code null} for a new run
 * @param initEpoch the epoch to resume from (0 for a new run)
 * @param settings  every setting of the run
 */
record TrainingRun(Path expPath, ExperimentDir existing, int initEpoch, Map<String, String> settings) {

    /**
     * @param command     the command that owns the experiment
     * @param fixed       options that cannot differ from the recorded ones when resuming
     * @param newSettings the settings of a new run, defaults filled in, from the command line
     */
    static TrainingRun start(CommandLine cmd, Args args, String command, List<String> fixed,
                             Function<Args, Map<String, String>> newSettings) throws IOException {
        Path expPath = Path.of(args.required("exp"));
        int initEpoch = args.integer("init-epoch", 0);
        if (initEpoch < 0) {
            throw new UsageException("--init-epoch must be >= 0");
        }
        if (initEpoch == 0) {
            Map<String, String> settings = newSettings.apply(args);
            ExperimentDir.requireFresh(expPath);
            return new TrainingRun(expPath, null, 0, settings);
        }
        ExperimentDir exp = ExperimentDir.open(expPath);
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
        return new TrainingRun(expPath, exp, initEpoch, settings);
    }

    /** Whether this run resumes an experiment. */
    boolean resuming() {
        return existing != null;
    }

    /**
     * The experiment directory: the resumed one, or a new one with its provenance written (call once
     * the data has loaded, so a bad data path leaves nothing behind).
     */
    ExperimentDir experiment(String command, long seed, Map<String, Object> data) throws IOException {
        if (existing != null) {
            return existing;
        }
        ExperimentDir exp = ExperimentDir.create(expPath);
        Provenance.now(command, settings, seed, data).write(exp.root());
        return exp;
    }
}
