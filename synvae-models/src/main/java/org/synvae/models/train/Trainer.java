package org.synvae.models.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.data.InvalidDataException;

/**
 * The shared training loop of every model (the seed's BaseModel): epochs of gradient steps with
 * running average losses, validation after each epoch, {@code latest} and {@code best} checkpoints
 * (best by validation loss), resuming from the latest, the experiment log, and listeners for side
 * jobs. A NaN or infinite loss stops the run with a message naming the epoch and step; the last
 * checkpoint stays as it was.
 *
 * @param <B> the batch type
 */
public final class Trainer<B> {
    private final TrainingTask<B> task;
    private final TrainerConfig config;
    private final Checkpoints checkpoints;
    private final ExperimentLog log;
    private final List<TrainingListener<B>> listeners;
    private final NativeMemoryGuard memoryGuard = new NativeMemoryGuard();

    public Trainer(TrainingTask<B> task, TrainerConfig config, Checkpoints checkpoints, ExperimentLog log,
                   List<TrainingListener<B>> listeners) {
        this.task = task;
        this.config = config;
        this.checkpoints = checkpoints;
        this.log = log;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Trains from epoch {@code initEpoch + 1} to the configured last epoch. With {@code initEpoch > 0}
     * the latest checkpoint is restored first, and it must be the one of epoch {@code initEpoch}.
     *
     * @return one result per epoch trained
     */
    public List<EpochResult> fit(int initEpoch) throws IOException {
        GraphModel model = task.model();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        if (initEpoch > 0) {
            CheckpointInfo info = checkpoints.restoreLatest(model);
            if (info.epoch() != initEpoch) {
                throw InvalidDataException.of(checkpoints.latestFile(), "holds epoch " + info.epoch()
                        + ", not --init-epoch " + initEpoch + "; resume with --init-epoch " + info.epoch());
            }
            bestLoss = info.bestValidLoss();
            bestEpoch = info.bestEpoch();
            log.info(String.format(Locale.ROOT, "Resumed from epoch %d (validation loss %.4f, best %.4f at epoch %d).",
                    info.epoch(), info.validLoss(), bestLoss, bestEpoch));
        }
        List<EpochResult> results = new ArrayList<>();
        long step = model.optimizer().step();
        for (int epoch = initEpoch + 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            Map<String, Double> trainLosses = trainEpoch(model, epoch, step);
            step += task.trainBatchCount();
            Map<String, Double> validLosses = validate(model, epoch);
            double validLoss = validLosses.get(task.losses().get(0));
            boolean best = validLoss < bestLoss;
            if (best) {
                bestLoss = validLoss;
                bestEpoch = epoch;
            }
            double trainLoss = trainLosses.get(task.losses().get(0));
            checkpoints.save(model, new CheckpointInfo(epoch, trainLoss, validLoss, bestLoss, bestEpoch), best);
            EpochResult result = new EpochResult(epoch, step, trainLosses, validLosses, best, (System.nanoTime() - start) / 1e9);
            log.info(String.format(Locale.ROOT, "Epoch %d/%d (%d batches, %.1f s). Training losses (%s). Validation losses (%s).%s",
                    epoch, config.epochs(), task.trainBatchCount(), result.seconds(), format(trainLosses), format(validLosses),
                    best ? " Saved as best." : ""));
            for (TrainingListener<B> l : listeners) {
                l.onEpochEnd(result);
            }
            results.add(result);
        }
        return results;
    }

    private Map<String, Double> trainEpoch(GraphModel model, int epoch, long stepBefore) throws IOException {
        RunningMean mean = new RunningMean(task.losses());
        int batchIndex = 0;
        long step = stepBefore;
        try (ProgressBar bar = progressBar("Epoch " + epoch + "/" + config.epochs(), task.trainBatchCount())) {
            for (B batch : task.trainBatches(epoch)) {
                SplittableRandom noise = new SplittableRandom(mix(config.seed(), epoch, batchIndex));
                Map<String, INDArray> outputs;
                try {
                    outputs = model.trainStep(task.feeds(batch, noise), task.losses());
                } catch (TrainingDivergedException e) {
                    throw new TrainingDivergedException(e.getMessage() + " at epoch " + epoch + ", batch " + (batchIndex + 1)
                            + "; the last checkpoint (" + checkpoints.latestFile() + ") is unchanged."
                            + " Try a lower learning rate or beta.");
                }
                step++;
                batchIndex++;
                Map<String, Double> losses = scalars(outputs);
                mean.add(losses, task.size(batch));
                for (TrainingListener<B> l : listeners) {
                    l.onTrainStep(epoch, step, losses);
                }
                if (bar != null) {
                    bar.step();
                    bar.setExtraMessage(" " + format(mean.means()));
                }
                memoryGuard.afterStep();
            }
        }
        return mean.means();
    }

    private Map<String, Double> validate(GraphModel model, int epoch) throws IOException {
        List<String> wanted = new ArrayList<>(task.losses());
        wanted.addAll(task.validationOutputs());
        RunningMean mean = new RunningMean(task.losses());
        int batchIndex = 0;
        for (B batch : task.validBatches()) {
            // Fixed noise per validation batch: validation losses stay comparable across epochs.
            SplittableRandom noise = new SplittableRandom(mix(config.seed(), -1, batchIndex));
            Map<String, INDArray> outputs = model.output(task.feeds(batch, noise), wanted);
            mean.add(scalars(outputs), task.size(batch));
            for (TrainingListener<B> l : listeners) {
                l.onValidationBatch(epoch, batchIndex, batch, outputs);
            }
            batchIndex++;
            memoryGuard.afterStep();
        }
        return mean.means();
    }

    private Map<String, Double> scalars(Map<String, INDArray> outputs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String loss : task.losses()) {
            out.put(loss, outputs.get(loss).getDouble(0));
        }
        return out;
    }

    private ProgressBar progressBar(String name, int max) {
        if (!config.showProgress()) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName(name).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).setMaxRenderedLength(120)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err, 119)).build();
    }

    static String format(Map<String, Double> losses) {
        return losses.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s: %.4f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(" | "));
    }

    /** A seed for one (run seed, epoch, batch) triple: SplittableRandom's mixing of the three. */
    static long mix(long seed, int epoch, int batch) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1)) ^ (0xC2B2AE3D27D4EB4FL * (batch + 1))).nextLong();
    }

    /** Batch-size weighted means of named values. */
    private static final class RunningMean {
        private final Map<String, Double> sums = new LinkedHashMap<>();
        private long count;

        RunningMean(List<String> names) {
            names.forEach(n -> sums.put(n, 0.0));
        }

        void add(Map<String, Double> values, int weight) {
            values.forEach((k, v) -> sums.merge(k, v * weight, Double::sum));
            count += weight;
        }

        Map<String, Double> means() {
            Map<String, Double> out = new LinkedHashMap<>();
            sums.forEach((k, v) -> out.put(k, count == 0 ? Double.NaN : v / count));
            return out;
        }
    }
}
