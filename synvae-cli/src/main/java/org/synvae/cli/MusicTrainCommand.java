package org.synvae.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.eval.plot.TrainingCurves;
import org.synvae.models.train.Checkpoints;
import org.synvae.models.train.EpochResult;
import org.synvae.models.train.ExperimentDir;
import org.synvae.models.train.ExperimentLog;
import org.synvae.models.train.TensorBoardLosses;
import org.synvae.models.train.Trainer;
import org.synvae.models.train.TrainerConfig;
import org.synvae.models.train.TrainingListener;
import org.synvae.models.train.tensorboard.TensorBoardWriter;
import org.synvae.music.model.MusicVaeConfig;
import org.synvae.music.model.MusicVaeConfigs;
import org.synvae.music.model.MusicVaeLoader;
import org.synvae.music.train.MelodyBatch;
import org.synvae.music.train.MelodyDataset;
import org.synvae.music.train.MusicVaeTraining;
import org.synvae.music.train.ScheduleScalars;
import org.synvae.music.train.TfExport;

/**
 * {@code synvae music train}: trains a flat MusicVAE on the melodies of a directory of MIDI files,
 * from scratch or from a checkpoint. Like {@code vis-train}, a new run records its settings in
 * provenance.json and {@code --exp DIR --init-epoch N} resumes it (only {@code --epochs} may
 * change). After each epoch the weights are also written as a TensorFlow checkpoint under
 * {@code <exp>/checkpoints/tf}, which {@code synvae music sample --checkpoint} reads.
 * The decoder trains with the config's scheduled sampling.
 */
final class MusicTrainCommand implements Command {
    static final String NAME = "music train";
    /** Directory of the TensorFlow exports inside the experiment's checkpoints. */
    static final String TF_DIR = "tf";
    /** The per-step curves PNG in the experiment directory, redrawn after every epoch. */
    static final String CURVES = "curves.png";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "train a flat MusicVAE on the melodies of a folder of MIDI files";
    }

    @Override
    public String usage() {
        return "--config C --data DIR --exp DIR [options] | --exp DIR --init-epoch N [--epochs E]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("config").hasArg().argName("C")
                .desc("flat MusicVAE config: " + String.join(" | ", MusicVaeConfigs.names()) + ", or a .json file").build());
        o.addOption(Option.builder().longOpt("data").hasArg().argName("DIR[,DIR...]")
                .desc("folders of MIDI files (searched recursively), one per source (corpus), comma-separated; NAME=DIR names a "
                        + "source (default: the folder's name, its parent's for midi* folders); each source is split by tune on its own").build());
        o.addOption(Option.builder().longOpt("exp").hasArg().argName("DIR").desc("experiment directory (new, or existing to resume)").build());
        o.addOption(Option.builder().longOpt("checkpoint").hasArg().argName("P")
                .desc("start from these weights (TensorFlow or magenta.js checkpoint) instead of random ones").build());
        o.addOption(Option.builder().longOpt("epochs").hasArg().argName("E").desc("train until this epoch (default 10)").build());
        o.addOption(Option.builder().longOpt("batch-size").hasArg().argName("N").desc("batch size (default 64)").build());
        o.addOption(Option.builder().longOpt("init-epoch").hasArg().argName("N").desc("resume from the latest checkpoint, which must be of epoch N").build());
        o.addOption(Option.builder().longOpt("learning-rate").hasArg().argName("LR")
                .desc("initial learning rate (default: the config's); it decays as in magenta").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S").desc("seed of weights, split, batch order, transposition and noise (default 42)").build());
        o.addOption(Option.builder().longOpt("valid-fraction").hasArg().argName("F").desc("fraction of the files that validate (default 0.1)").build());
        o.addOption(Option.builder().longOpt("max-files").hasArg().argName("N").desc("use only the first N MIDI files of each source (quick runs)").build());
        o.addOption(Option.builder().longOpt("no-progress").desc("no progress bar").build());
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        TrainingRun run = TrainingRun.start(cmd, args, NAME, List.of("config", "data", "checkpoint", "batch-size", "seed", "learning-rate", "valid-fraction", "max-files"),
                MusicTrainCommand::newSettings);
        return train(run, !cmd.hasOption("no-progress"), out);
    }

    /** Every setting of a new run, defaults filled in, as recorded in provenance.json. */
    private static Map<String, String> newSettings(Args args) {
        String configName = args.required("config");
        MusicVaeConfig config = config(configName);
        if (Files.isRegularFile(Path.of(configName))) {
            configName = Path.of(configName).toAbsolutePath().normalize().toString();
        }
        Map<String, String> s = new LinkedHashMap<>();
        s.put("config", configName);
        s.put("data", String.join(",", sources(args.required("data")).stream()
                .map(src -> src.name() + "=" + src.directory().toAbsolutePath().normalize()).toList()));
        s.put("checkpoint", args.has("checkpoint") ? Path.of(args.required("checkpoint")).toAbsolutePath().normalize().toString() : "");
        s.put("epochs", Integer.toString(args.positive("epochs", 10)));
        s.put("batch-size", Integer.toString(args.positive("batch-size", 64)));
        s.put("learning-rate", Double.toString(args.number("learning-rate", config.learningRate())));
        s.put("seed", Long.toString(args.longValue("seed", 42)));
        double fraction = args.number("valid-fraction", 0.1);
        if (!(fraction > 0 && fraction < 1)) {
            throw new UsageException("--valid-fraction must be between 0 and 1");
        }
        s.put("valid-fraction", Double.toString(fraction));
        s.put("max-files", Integer.toString(args.integer("max-files", 0)));
        if (!(Double.parseDouble(s.get("learning-rate")) > 0)) {
            throw new UsageException("--learning-rate must be positive");
        }
        return s;
    }

    /** The melody sources of a {@code --data} value. */
    static List<MelodyDataset.Source> sources(String data) {
        List<MelodyDataset.Source> sources = new ArrayList<>();
        for (String spec : data.split(",")) {
            if (spec.isBlank()) {
                throw new UsageException("--data has an empty entry: " + data);
            }
            try {
                sources.add(MelodyDataset.Source.parse(spec.strip()));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--data " + spec + ": " + e.getMessage());
            }
        }
        return sources;
    }

    private static MusicVaeConfig config(String name) {
        MusicVaeConfig config = MusicModelOptions.config(name);
        if (config.hierarchical()) {
            throw new UsageException("config " + config.name() + " is hierarchical; only flat configs can be trained yet");
        }
        return config;
    }

    private static int train(TrainingRun run, boolean progress,
                             PrintStream out) throws Exception {
        Map<String, String> s = run.settings();
        int initEpoch = run.initEpoch();
        MusicVaeConfig config = config(s.get("config"));
        long seed = Long.parseLong(s.get("seed"));
        List<MelodyDataset.Source> sources = sources(s.get("data"));
        long loadStart = System.nanoTime();
        MelodyDataset all = MelodyDataset.load(sources, config.steps(), Integer.parseInt(s.get("max-files")));
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        MelodyDataset.Split split = all.split(Double.parseDouble(s.get("valid-fraction")), seed);
        Map<String, INDArray> weights;
        if (s.get("checkpoint").isEmpty() || run.resuming()) {
            // Resuming restores every weight from the experiment's own checkpoint: the starting one may be gone.
            weights = MusicVaeTraining.initialWeights(config, seed);
        } else {
            weights = MusicVaeLoader.tensors(config, MusicModelOptions.existingCheckpoint(Path.of(s.get("checkpoint"))));
        }
        int batchSize = Integer.parseInt(s.get("batch-size"));
        MusicVaeTraining training = new MusicVaeTraining(config, weights, split.train(), split.valid(), batchSize,
                Double.parseDouble(s.get("learning-rate")), seed);

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("directory", s.get("data"));
        data.put("files", all.fileCount());
        Map<String, Object> bySource = new LinkedHashMap<>();
        for (MelodyDataset.Source src : sources) {
            bySource.put(src.name(), Map.of("directory", src.directory().toAbsolutePath().normalize().toString(),
                    "train_tunes", split.train().tunesBySource().get(src.name()), "train_windows", split.train().windowsBySource().get(src.name()),
                    "valid_tunes", split.valid().tunesBySource().get(src.name()), "valid_windows", split.valid().windowsBySource().get(src.name())));
        }
        data.put("sources", bySource);
        data.put("windows", all.size());
        data.put("train_files", split.train().fileCount());
        data.put("train_windows", split.train().size());
        data.put("valid_files", split.valid().fileCount());
        data.put("valid_windows", split.valid().size());
        ExperimentDir exp = run.experiment(NAME, seed, data);
        int epochs = Integer.parseInt(s.get("epochs"));
        Path tfDir = exp.checkpoints().resolve(TF_DIR);
        try (ExperimentLog log = new ExperimentLog(exp.log());
             TensorBoardWriter tb = TensorBoardWriter.create(exp.tensorboard())) {
            log.info(String.format(Locale.ROOT, "%s %s: %s, %d training windows (%d files) / %d validation windows (%d files), batch %d, epochs %d..%d, seed %d%s",
                    run.resuming() ? "Resuming" : "Starting", NAME, config.name(), split.train().size(), split.train().fileCount(),
                    split.valid().size(), split.valid().fileCount(), batchSize, initEpoch + 1, epochs, seed,
                    s.get("checkpoint").isEmpty() ? "" : ", from " + s.get("checkpoint")));
            for (MelodyDataset.Source src : sources) {
                log.info(String.format(Locale.ROOT, "  source %s (%s): %d training windows (%d tunes) / %d validation windows (%d tunes)",
                        src.name(), src.directory(), split.train().windowsBySource().get(src.name()), split.train().tunesBySource().get(src.name()),
                        split.valid().windowsBySource().get(src.name()), split.valid().tunesBySource().get(src.name())));
            }
            log.info(String.format(Locale.ROOT, "  %d MIDI files read in %.1f s", all.fileCount(), loadSeconds));
            List<TrainingListener<MelodyBatch>> listeners = new ArrayList<>();
            listeners.add(new ScheduleScalars(training, tb));
            listeners.add(new TensorBoardLosses<>(tb));
            listeners.add(new TfExport(training, tfDir));
            listeners.add(new TrainingListener<>() {
                @Override
                public void onEpochEnd(EpochResult result) throws java.io.IOException {
                    // The curves so far as a picture beside the log: losses, KL weight, sampling probability.
                    tb.flush();
                    TrainingCurves.write(exp.tensorboard(), exp.root().resolve(CURVES));
                }
            });
            Trainer<MelodyBatch> trainer = new Trainer<>(training, new TrainerConfig(epochs, seed, progress),
                    new Checkpoints(exp.checkpoints()), log, listeners);
            List<EpochResult> results = trainer.fit(initEpoch);
            for (EpochResult r : results) {
                out.printf(Locale.ROOT, "epoch %d: train loss %.4f, accuracy %.4f; validation loss %.4f, accuracy %.4f%s%n", r.epoch(),
                        r.trainLosses().get(MusicVaeTraining.LOSS), r.trainLosses().get(MusicVaeTraining.ACCURACY),
                        r.validLosses().get(MusicVaeTraining.LOSS), r.validLosses().get(MusicVaeTraining.ACCURACY),
                        r.best() ? " (best)" : "");
            }
            out.println("checkpoints: " + exp.checkpoints());
            if (!results.isEmpty()) {
                out.println("tensorflow checkpoint: " + TfExport.prefix(tfDir, results.get(results.size() - 1).step()));
            }
        }
        return 0;
    }
}
