package org.synvae.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
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
import org.synvae.data.Split;
import org.synvae.data.io.AtomicFiles;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;
import org.synvae.data.sets.LatentPairs;
import org.synvae.eval.plot.LinePlot;
import org.synvae.models.mine.Mine;
import org.synvae.models.mine.MineBound;
import org.synvae.models.mine.MineConfig;
import org.synvae.models.mine.MineEstimate;
import org.synvae.models.mine.MineTraining;
import org.synvae.models.mine.PairBatch;
import org.synvae.models.train.AdamConfig;
import org.synvae.models.train.CheckpointInfo;
import org.synvae.models.train.Checkpoints;
import org.synvae.models.train.GraphModel;
import org.synvae.models.train.EpochResult;
import org.synvae.models.train.ExperimentDir;
import org.synvae.models.train.ExperimentLog;
import org.synvae.models.train.Trainer;
import org.synvae.models.train.TrainerConfig;
import org.synvae.models.train.TrainingListener;

/**
 * {@code synvae mine-train}: estimates the mutual information between paired latents (the seed's
 * MINE run) by training the critic on one part of the pairs and evaluating the bound on the
 * held-out rest with the best checkpoint (highest held-out bound). Writes {@code results.json}
 * (both bounds, in nats), {@code curve.npy} (the training bound per step) and {@code curve.png}
 * (its moving average).
 */
final class MineTrainCommand implements Command {
    static final String NAME = "mine-train";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int SHUFFLES = 10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "estimate the mutual information of paired latents with MINE (NWJ or DV bound), in nats";
    }

    @Override
    public String usage() {
        return "--x X.npy --y Y.npy --exp DIR [options] | --exp DIR --init-epoch N [--epochs E]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("x").hasArg().argName("X.npy").desc("first latents [N, Dx] (e.g. visual), float32/64").build());
        o.addOption(Option.builder().longOpt("y").hasArg().argName("Y.npy").desc("second latents [N, Dy] (e.g. auditive), row i paired with row i of x").build());
        o.addOption(Option.builder().longOpt("exp").hasArg().argName("DIR").desc("experiment directory (new, or existing to resume)").build());
        o.addOption(Option.builder().longOpt("bound").hasArg().argName("B").desc("bound to train: nwj (the seed's) | dv (default nwj)").build());
        o.addOption(Option.builder().longOpt("epochs").hasArg().argName("E").desc("train until this epoch (default 50)").build());
        o.addOption(Option.builder().longOpt("init-epoch").hasArg().argName("N").desc("resume from the latest checkpoint, which must be of epoch N").build());
        o.addOption(Option.builder().longOpt("batch-size").hasArg().argName("N").desc("pairs per batch (default 256, the seed's)").build());
        o.addOption(Option.builder().longOpt("learning-rate").hasArg().argName("LR").desc("Adam learning rate (default 1e-3, the seed's)").build());
        o.addOption(Option.builder().longOpt("valid-fraction").hasArg().argName("F").desc("fraction of pairs held out for the estimate (default 0.2)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S").desc("seed of weights, split, batch order and shuffles (default 42)").build());
        o.addOption(Option.builder().longOpt("no-progress").desc("no progress bar").build());
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        TrainingRun run = TrainingRun.start(cmd, args, NAME, List.of("x", "y", "bound", "batch-size", "learning-rate", "valid-fraction", "seed"),
                MineTrainCommand::newSettings);
        Map<String, String> s = run.settings();
        long seed = Long.parseLong(s.get("seed"));
        LatentPairs all = LatentPairs.load(Path.of(s.get("x")), Path.of(s.get("y")));
        Split split = Split.ofFraction(all.count(), Double.parseDouble(s.get("valid-fraction")), seed);
        LatentPairs train = all.subset(split.train());
        LatentPairs heldOut = all.subset(split.valid());
        MineBound bound = MineBound.fromName(s.get("bound"));
        MineConfig config = new MineConfig(all.visualDim(), all.auditiveDim(), 128, 64, bound, Double.parseDouble(s.get("learning-rate")), seed);
        int batchSize = Math.min(Integer.parseInt(s.get("batch-size")), train.count());
        MineTraining task;
        try {
            task = new MineTraining(Mine.build(config), train, heldOut, batchSize, seed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pairs", all.count());
        data.put("train", train.count());
        data.put("held_out", heldOut.count());
        data.put("x_dim", all.visualDim());
        data.put("y_dim", all.auditiveDim());
        ExperimentDir exp = run.experiment(NAME, seed, data);
        int epochs = Integer.parseInt(s.get("epochs"));
        Path curveFile = exp.root().resolve("curve.npy");
        List<Double> curve = new ArrayList<>();
        if (run.resuming() && Files.isRegularFile(curveFile)) {
            for (double v : Npy.read(curveFile).toDoubleArray()) {
                curve.add(v);
            }
        }
        TrainingListener<PairBatch> recorder = new TrainingListener<>() {
            @Override
            public void onTrainStep(int epoch, long step, Map<String, Double> losses) {
                curve.add(losses.get(Mine.BOUND));
            }
        };
        try (ExperimentLog log = new ExperimentLog(exp.log())) {
            log.info(String.format(Locale.ROOT, "%s %s: %d training / %d held-out pairs (%d and %d dimensions), bound %s, batch %d, epochs %d..%d, seed %d",
                    run.resuming() ? "Resuming" : "Starting", NAME, train.count(), heldOut.count(), all.visualDim(), all.auditiveDim(),
                    bound.id(), batchSize, run.initEpoch() + 1, epochs, seed));
            Trainer<PairBatch> trainer = new Trainer<>(task, new TrainerConfig(epochs, seed, !cmd.hasOption("no-progress")),
                    new Checkpoints(exp.checkpoints()), log, List.of(recorder));
            List<EpochResult> results = trainer.fit(run.initEpoch());
            for (EpochResult r : results) {
                out.printf(Locale.ROOT, "epoch %d: training bound %.4f, held-out bound %.4f nats%s%n", r.epoch(),
                        r.trainLosses().get(Mine.BOUND), r.validLosses().get(Mine.BOUND), r.best() ? " (best)" : "");
            }
            Path best = exp.checkpoints().resolve(Checkpoints.BEST);
            Mine bestMine = Mine.build(config);
            CheckpointInfo info = Checkpoints.restore(best, new GraphModel(bestMine.graph(), AdamConfig.of(config.learningRate())));
            MineEstimate estimate = MineEstimate.of(bestMine, heldOut, SHUFFLES, seed + 1);
            writeResults(exp.root(), estimate, bound, best, info.epoch());
            double[] values = curve.stream().mapToDouble(Double::doubleValue).toArray();
            Npy.write(curveFile, NpyArray.ofDoubles(values, values.length));
            LinePlot.write(LinePlot.movingAverage(values, Math.max(1, Math.min(100, values.length / 20))),
                    "MINE " + bound.id() + " bound on training batches (moving average); dashed: held-out estimate",
                    "step", "nats", estimate.value(bound), exp.root().resolve("curve.png"));
            log.info(String.format(Locale.ROOT, "Held-out estimate: %s %.4f nats (NWJ %.4f, DV %.4f) on %d pairs.",
                    bound.id(), estimate.value(bound), estimate.nwj(), estimate.dv(), estimate.pairs()));
            out.printf(Locale.ROOT, "mutual information (%s, held-out): %.4f nats (NWJ %.4f, DV %.4f)%n",
                    bound.id(), estimate.value(bound), estimate.nwj(), estimate.dv());
            out.println("results: " + exp.root().resolve("results.json"));
        }
        return 0;
    }

    private static Map<String, String> newSettings(Args args) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("x", Path.of(args.required("x")).toAbsolutePath().normalize().toString());
        s.put("y", Path.of(args.required("y")).toAbsolutePath().normalize().toString());
        try {
            s.put("bound", MineBound.fromName(args.string("bound", "nwj")).id());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        s.put("epochs", Integer.toString(args.positive("epochs", 50)));
        int batch = args.positive("batch-size", 256);
        if (batch < 2) {
            throw new UsageException("--batch-size must be at least 2");
        }
        s.put("batch-size", Integer.toString(batch));
        double lr = args.number("learning-rate", 1e-3);
        double valid = args.number("valid-fraction", 0.2);
        if (!(lr > 0) || !(valid > 0 && valid < 1)) {
            throw new UsageException("--learning-rate must be > 0 and --valid-fraction in (0, 1)");
        }
        s.put("learning-rate", Double.toString(lr));
        s.put("valid-fraction", Double.toString(valid));
        s.put("seed", Long.toString(args.longValue("seed", 42)));
        return s;
    }

    private static void writeResults(Path dir, MineEstimate estimate, MineBound bound, Path best, int bestEpoch) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("estimate_nats", estimate.value(bound));
        json.put("bound", bound.id());
        json.put("bound_definition", bound == MineBound.NWJ ? "E_joint[T] - E_marginal[exp(T - 1)]" : "E_joint[T] - log E_marginal[exp(T)]");
        json.putAll(estimate.toJsonMap());
        json.put("marginal_pairing", "random derangements (no item paired with itself), " + SHUFFLES + " over the held-out pairs");
        json.put("checkpoint", best.toAbsolutePath().toString());
        json.put("best_epoch", bestEpoch);
        AtomicFiles.write(dir.resolve("results.json"), JSON.writeValueAsBytes(json));
    }
}
