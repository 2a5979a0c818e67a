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
import org.synvae.data.ImageBatch;
import org.synvae.data.ImageDataset;
import org.synvae.models.train.Checkpoints;
import org.synvae.synesthetic.ModelDirectory;
import org.synvae.models.train.EpochResult;
import org.synvae.models.train.ExperimentDir;
import org.synvae.models.train.ExperimentLog;
import org.synvae.models.train.Provenance;
import org.synvae.models.train.TensorBoardLosses;
import org.synvae.models.train.Trainer;
import org.synvae.models.train.TrainerConfig;
import org.synvae.models.train.TrainingListener;
import org.synvae.models.train.tensorboard.TensorBoardWriter;
import org.synvae.models.visual.ImageTraining;
import org.synvae.models.visual.ReconstructionExporter;
import org.synvae.models.visual.VisualTask;
import org.synvae.music.model.MusicVaeConfig;
import org.synvae.music.model.MusicVaeConfigs;
import org.synvae.music.model.MusicVaeLoader;
import org.synvae.synesthetic.BestModelExport;
import org.synvae.synesthetic.MelodyExporter;
import org.synvae.synesthetic.MusicRelaxation;
import org.synvae.synesthetic.SynestheticVae;
import org.synvae.synesthetic.SynestheticVaeConfig;

/**
 * {@code synvae syn-train}: trains a SynVAE (the seed's syn_training) from a MusicVAE checkpoint and,
 * optionally, a trained visual VAE. Like the other training commands it records its settings in
 * provenance.json and resumes with {@code --exp DIR --init-epoch N}, needing neither starting
 * checkpoint again. The best epoch's weights are kept as a model directory in {@code <exp>/model}.
 */
final class SynTrainCommand implements Command {
    static final String NAME = "syn-train";
    /** The model directory inside a syn-train experiment. */
    static final String MODEL_DIR = "model";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "train a SynVAE: image -> melody -> image, through a MusicVAE";
    }

    @Override
    public String usage() {
        return "--task T --data PATH --exp DIR --music-config C --music-checkpoint P [options] | --exp DIR --init-epoch N [--epochs E]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        ImageCommandOptions.addVaeTraining(o, "64");
        o.addOption(Option.builder().longOpt("vis-exp").hasArg().argName("DIR")
                .desc("start the visual encoder and decoder from this vis-train experiment's best checkpoint, or from an exported SynVAE model directory (model.json + weights.npz); the latent size must be the MusicVAE's z").build());
        o.addOption(Option.builder().longOpt("music-config").hasArg().argName("C")
                .desc("flat MusicVAE config: " + String.join(" | ", MusicVaeConfigs.names()) + ", or a .json file").build());
        o.addOption(Option.builder().longOpt("music-checkpoint").hasArg().argName("P")
                .desc("MusicVAE weights: TensorFlow checkpoint (prefix, .index or directory, e.g. a music train experiment's checkpoints/tf) or magenta.js directory").build());
        o.addOption(Option.builder().longOpt("relaxation").hasArg().argName("R")
                .desc("what the MusicVAE encoder reads: logits (the seed) | softmax | gumbel (straight-through Gumbel-softmax); default logits").build());
        o.addOption(Option.builder().longOpt("gumbel-temperature").hasArg().argName("TAU").desc("temperature of --relaxation gumbel (default 0.5)").build());
        o.addOption(Option.builder().longOpt("sampling-temperature").hasArg().argName("T")
                .desc("temperature of the decoder's sampled feedback in training (default 1, the seed; lower is nearer the argmax melodies translate plays)").build());
        o.addOption(Option.builder().longOpt("train-music").desc("train the MusicVAE's weights too (the seed keeps them frozen)").build());
        o.addOption(Option.builder().longOpt("wav").desc("also render the exported melodies as WAV").build());
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        TrainingRun run = TrainingRun.start(cmd, args, NAME, List.of("task", "data", "vis-exp", "music-config", "music-checkpoint",
                        "relaxation", "gumbel-temperature", "sampling-temperature", "beta", "batch-size", "seed", "learning-rate", "valid-fraction", "bam-labels", "max-images"),
                SynTrainCommand::newSettings);
        return train(run, !cmd.hasOption("no-progress"), out);
    }

    private static Map<String, String> newSettings(Args args) {
        VisualTask task = ImageCommandOptions.task(args);
        MusicVaeConfig music;
        MusicRelaxation relaxation;
        try {
            music = MusicVaeConfigs.byName(args.required("music-config"));
            relaxation = MusicRelaxation.byId(args.string("relaxation", "logits"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (music.hierarchical()) {
            throw new UsageException("MusicVAE config " + music.name() + " is hierarchical; a SynVAE needs a flat 2-bar config");
        }
        Path checkpoint = MusicModelOptions.existingCheckpoint(Path.of(args.required("music-checkpoint")));
        Map<String, String> s = ImageCommandOptions.vaeTrainingSettings(args, task, 64);
        s.put("vis-exp", args.has("vis-exp") ? Path.of(args.required("vis-exp")).toAbsolutePath().normalize().toString() : "");
        String musicConfig = args.required("music-config");
        s.put("music-config", Files.isRegularFile(Path.of(musicConfig)) ? Path.of(musicConfig).toAbsolutePath().normalize().toString() : musicConfig);
        s.put("music-checkpoint", checkpoint.toAbsolutePath().normalize().toString());
        s.put("relaxation", relaxation.id());
        s.put("gumbel-temperature", Double.toString(args.number("gumbel-temperature", 0.5)));
        s.put("sampling-temperature", Double.toString(args.number("sampling-temperature", 1.0)));
        s.put("train-music", Boolean.toString(args.has("train-music")));
        s.put("wav", Boolean.toString(args.has("wav")));
        try {
            config(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return s;
    }

    /** The SynVAE config of recorded settings. */
    static SynestheticVaeConfig config(Map<String, String> s) {
        VisualTask task = VisualTask.byId(s.get("task"));
        return new SynestheticVaeConfig(task.architecture().name(), MusicVaeConfigs.byName(s.get("music-config")),
                Double.parseDouble(s.get("beta")), Double.parseDouble(s.get("learning-rate")), MusicRelaxation.byId(s.get("relaxation")),
                Double.parseDouble(s.get("gumbel-temperature")),
                Double.parseDouble(s.getOrDefault("sampling-temperature", "1.0")), Boolean.parseBoolean(s.get("train-music")), Long.parseLong(s.get("seed")));
    }

    private static int train(TrainingRun run, boolean progress, PrintStream out) throws Exception {
        Map<String, String> s = run.settings();
        VisualTask task = VisualTask.byId(s.get("task"));
        long seed = Long.parseLong(s.get("seed"));
        SynestheticVaeConfig config = config(s);
        ImageCommandOptions.TrainingImages images = ImageCommandOptions.TrainingImages.load(s);
        ImageDataset train = images.train();
        ImageDataset valid = images.valid();

        SynestheticVae vae;
        if (run.resuming()) {
            // Every weight comes back from the experiment's own checkpoint; the starting ones may be gone.
            Map<String, INDArray> own = Checkpoints.readArrays(run.existing().checkpoints().resolve(Checkpoints.LATEST));
            vae = SynestheticVae.build(config, own);
        } else {
            vae = SynestheticVae.build(config, MusicVaeLoader.tensors(config.music(), Path.of(s.get("music-checkpoint"))));
            if (!s.get("vis-exp").isEmpty()) {
                try {
                    vae.setVisualWeights(visualWeights(Path.of(s.get("vis-exp"))));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(s.get("vis-exp") + ": " + e.getMessage());
                }
            }
        }
        int batchSize = Integer.parseInt(s.get("batch-size"));
        ImageTraining training = vae.training(train, valid, batchSize, seed);

        Map<String, Object> data = images.facts();
        ExperimentDir exp = run.experiment(NAME, seed, data);
        int epochs = Integer.parseInt(s.get("epochs"));
        int every = Integer.parseInt(s.get("export-every"));
        try (ExperimentLog log = new ExperimentLog(exp.log());
             TensorBoardWriter tb = TensorBoardWriter.create(exp.tensorboard())) {
            log.info(String.format(Locale.ROOT, "%s %s: %s, %d training / %d validation images, MusicVAE %s (%s), relaxation %s, beta %s, batch %d, epochs %d..%d, seed %d",
                    run.resuming() ? "Resuming" : "Starting", NAME, task.id(), train.size(), valid.size(), config.music().name(),
                    config.trainMusic() ? "trained" : "frozen", config.relaxation().id(), s.get("beta"), batchSize, run.initEpoch() + 1, epochs, seed));
            Map<String, Object> about = new LinkedHashMap<>();
            about.put("trained_by", NAME);
            about.put("settings", s);
            about.put("data", data);
            List<TrainingListener<ImageBatch>> listeners = new ArrayList<>();
            listeners.add(new TensorBoardLosses<>(tb));
            listeners.add(new ReconstructionExporter(exp.output(), every, task.shape(), tb));
            listeners.add(new MelodyExporter(exp.output(), every,
                    new org.synvae.music.MelodyFiles(0, false, Boolean.parseBoolean(s.get("wav")), null)));
            listeners.add(new BestModelExport(vae, exp.root().resolve(MODEL_DIR), about));
            Trainer<ImageBatch> trainer = new Trainer<>(training, new TrainerConfig(epochs, seed, progress),
                    new Checkpoints(exp.checkpoints()), log, listeners);
            List<EpochResult> results = trainer.fit(run.initEpoch());
            for (EpochResult r : results) {
                out.printf(Locale.ROOT, "epoch %d: train loss %.4f, validation loss %.4f%s%n", r.epoch(),
                        r.trainLosses().get(SynestheticVae.LOSS), r.validLosses().get(SynestheticVae.LOSS), r.best() ? " (best)" : "");
            }
            out.println("model: " + exp.root().resolve(MODEL_DIR));
        }
        return 0;
    }

    /** The best weights of a vis-train experiment. */
    /** The best checkpoint of a vis-train experiment, or the weights of an exported SynVAE (its visual ones are used). */
    private static Map<String, INDArray> visualWeights(Path visExp) throws java.io.IOException {
        if (java.nio.file.Files.isRegularFile(visExp.resolve(ModelDirectory.CONFIG))) {
            return Checkpoints.readArrays(visExp.resolve(ModelDirectory.WEIGHTS));
        }
        ExperimentDir exp = ExperimentDir.open(visExp);
        Provenance prov = exp.provenance();
        if (!VisTrainCommand.NAME.equals(prov.command())) {
            throw new UsageException(visExp + " is a '" + prov.command() + "' experiment, not " + VisTrainCommand.NAME);
        }
        return Checkpoints.readArrays(VisEvalCommand.checkpointFile(exp, "best"));
    }
}
