package org.synvae.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;
import org.synvae.models.train.CheckpointInfo;
import org.synvae.models.train.Checkpoints;
import org.synvae.models.train.ExperimentDir;
import org.synvae.models.train.ExperimentLog;
import org.synvae.models.train.Provenance;

/**
 * How a training command starts: a new run (its settings from the command line, the experiment
 * directory checked before any data is loaded), a resumed one ({@code --init-epoch N}: the
 * settings recorded in provenance.json come back, options that would change the run are refused,
 * and only {@code --epochs} may move the target), or the same command run again on its own
 * experiment (same command name, same settings as recorded): it resumes from the latest checkpoint,
 * or starts afresh in the same directory where a kill or a bad input stopped the first epoch before
 * any checkpoint was written. Temporary files of writes killed mid-way are removed before any run.
 *
 * @param expPath   the experiment directory
 * @param existing  the experiment being resumed or restarted, or {@code null} for a new directory
 * @param initEpoch the epoch to resume from (0 for a run from scratch)
 * @param settings  every setting of the run
 * @param note      what a re-run of the same command does, for the experiment log; or {@code null}
 */
record TrainingRun(Path expPath, ExperimentDir existing, int initEpoch, Map<String, String> settings, String note) {

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
            if (ExperimentDir.holdsExperiment(expPath)) {
                return again(expPath, command, settings);
            }
            ExperimentDir.requireFresh(expPath);
            return new TrainingRun(expPath, null, 0, settings, null);
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
        exp.removeTempFiles();
        Map<String, String> settings = new LinkedHashMap<>(prov.arguments());
        if (cmd.hasOption("epochs")) {
            settings.put("epochs", Integer.toString(args.positive("epochs", 10)));
            // Record the new target so a later resume continues towards it.
            new Provenance(prov.command(), settings, prov.seed(), prov.data(), prov.environment(), prov.gitCommit(),
                    prov.created()).write(exp.root());
        }
        return new TrainingRun(expPath, exp, initEpoch, settings, null);
    }

    /**
     * The command that made the experiment at {@code expPath}, run again with the same settings:
     * resumes from the latest checkpoint, or starts afresh where there is none. Anything else is
     * refused, so a different experiment never overwrites or mixes with this one.
     */
    private static TrainingRun again(Path expPath, String command, Map<String, String> settings) throws IOException {
        ExperimentDir exp = ExperimentDir.open(expPath);
        Provenance prov = exp.provenance();
        List<String> differences = differences(command, settings, prov);
        if (!differences.isEmpty()) {
            throw new UsageException(exp.root() + " already holds an experiment made by another command or settings ("
                    + String.join("; ", differences) + "); run its own command again to continue it, resume it with "
                    + "--exp DIR --init-epoch N [--epochs E], or choose a new directory");
        }
        exp.removeTempFiles();
        Optional<CheckpointInfo> latest = new Checkpoints(exp.checkpoints()).latestInfo();
        if (latest.isPresent()) {
            int epoch = latest.get().epoch();
            return new TrainingRun(expPath, exp, epoch, settings, "Same command and settings as recorded in " + exp.root()
                    + ": resuming from its latest checkpoint (epoch " + epoch + ").");
        }
        return new TrainingRun(expPath, exp, 0, settings, "Same command and settings as recorded in " + exp.root()
                + ", but no checkpoint (the first epoch never finished): starting afresh; its checkpoints, output and "
                + "TensorBoard directories were emptied.");
    }

    /** How this command line differs from the recorded experiment, as readable phrases; empty if it doesn't. */
    private static List<String> differences(String command, Map<String, String> settings, Provenance prov) {
        List<String> out = new ArrayList<>();
        if (!command.equals(prov.command())) {
            out.add("it is a '" + prov.command() + "' experiment, not " + command);
            return out;
        }
        TreeSet<String> keys = new TreeSet<>(settings.keySet());
        keys.addAll(prov.arguments().keySet());
        for (String key : keys) {
            String given = settings.get(key);
            String recorded = prov.argument(key);
            if (!Objects.equals(given, recorded)) {
                out.add("--" + key + " " + (given == null ? "(none)" : given) + ", recorded " + (recorded == null ? "(none)" : recorded));
            }
        }
        return out;
    }

    /** Whether this run continues from a checkpoint. */
    boolean resuming() {
        return initEpoch > 0;
    }

    /**
     * The experiment directory: the resumed one, the restarted one (emptied, provenance rewritten),
     * or a new one with its provenance written (call once the data has loaded, so a bad data path
     * leaves nothing behind).
     */
    ExperimentDir experiment(String command, long seed, Map<String, Object> data) throws IOException {
        if (existing != null && !resuming()) {
            existing.clearRun();
        }
        if (note != null) {
            try (ExperimentLog log = new ExperimentLog(existing.log())) {
                log.info(note);
            }
        }
        if (resuming()) {
            return existing;
        }
        ExperimentDir exp = existing != null ? existing : ExperimentDir.create(expPath);
        Provenance.now(command, settings, seed, data).write(exp.root());
        return exp;
    }
}
