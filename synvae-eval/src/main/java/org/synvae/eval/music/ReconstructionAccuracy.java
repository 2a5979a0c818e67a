package org.synvae.eval.music;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.models.train.GraphModel;
import org.synvae.music.model.Decoded;
import org.synvae.music.model.MusicVae;
import org.synvae.music.model.MusicVaeConfig;
import org.synvae.music.model.Sampling;
import org.synvae.music.train.MelodyBatch;
import org.synvae.music.train.MelodyDataset;
import org.synvae.music.train.MusicVaeTraining;

/**
 * How well a MusicVAE reconstructs held-out melody windows from their posterior means, per step:
 * teacher-forced (each step's input is the true previous step, as training measures it) and
 * free-running (the decoder fed its own argmax, as sampling and the SynVAE use it).
 */
public final class ReconstructionAccuracy {
    /**
     * @param teacherForced share of steps whose most likely class is the target's, given the true inputs
     * @param freeRunning   share of steps where the argmax melody decoded from the posterior mean equals the target
     * @param windows       held-out windows measured
     */
    public record Result(double teacherForced, double freeRunning, int windows) {
    }

    private final MusicVaeConfig config;
    private final GraphModel teacherForced;
    private final MusicVae inference;
    private final int batchSize;

    /** A measure of the MusicVAE with these weights (checkpoint names). */
    public ReconstructionAccuracy(MusicVaeConfig config, Map<String, INDArray> weights, int batchSize) {
        this.config = config;
        // The scheduled training graph with an all-zero sampling mask is the teacher-forced decoder.
        this.teacherForced = MusicVaeTraining.trainingModel(config, weights, true, 1e-3);
        this.inference = MusicVae.fromTensors(config, weights);
        this.batchSize = batchSize;
    }

    /** The accuracies over every window of {@code data}, and per source. */
    public Map<String, Result> bySource(MelodyDataset data) {
        Map<String, Result> out = new LinkedHashMap<>();
        double tf = 0;
        double fr = 0;
        int n = 0;
        for (MelodyDataset.Source source : data.sources()) {
            MelodyDataset part = data.source(source.name());
            if (part.size() == 0) {
                continue;
            }
            Result r = measure(part);
            out.put(source.name(), r);
            tf += r.teacherForced() * r.windows();
            fr += r.freeRunning() * r.windows();
            n += r.windows();
        }
        Map<String, Result> withAll = new LinkedHashMap<>();
        withAll.put("all", new Result(tf / n, fr / n, n));
        withAll.putAll(out);
        return withAll;
    }

    /** The accuracies over every window of {@code data}. */
    public Result measure(MelodyDataset data) {
        double tfHits = 0;
        long frHits = 0;
        int windows = 0;
        int steps = config.steps();
        for (MelodyBatch batch : data.evaluationBatches(batchSize)) {
            int b = batch.size();
            Map<String, INDArray> feeds = new HashMap<>();
            feeds.put(MusicVaeTraining.SEQUENCES, batch.sequences());
            feeds.put(MusicVaeTraining.EPSILON, Nd4j.zeros(b, config.zSize()));
            feeds.put(MusicVaeTraining.BETA, Nd4j.scalar(0f));
            feeds.put(MusicVaeTraining.SAMPLING_MASK, Nd4j.zeros(b, steps));
            feeds.put(MusicVaeTraining.SAMPLING_NOISE, Nd4j.zeros(b, steps, config.depth()));
            tfHits += teacherForced.output(feeds, List.of(MusicVaeTraining.ACCURACY)).get(MusicVaeTraining.ACCURACY).getDouble(0) * b;
            INDArray mu = inference.encode(batch.sequences()).mu();
            Decoded decoded = inference.decode(mu, Sampling.argmax());
            int[][] targets = Nd4j.argMax(batch.sequences(), 2).toIntMatrix();
            for (int i = 0; i < b; i++) {
                for (int t = 0; t < steps; t++) {
                    frHits += decoded.tokens()[i][t] == targets[i][t] ? 1 : 0;
                }
            }
            windows += b;
        }
        return new Result(tfHits / windows, frHits / (double) windows / steps, windows);
    }
}
