package org.synvae.music.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.models.train.AdamConfig;
import org.synvae.models.train.GraphModel;
import org.synvae.models.train.TrainingTask;
import org.synvae.music.model.MusicVaeConfig;
import org.synvae.music.model.MusicVaeGraph;
import org.synvae.music.model.MusicVaeVariables;

/**
 * Training a flat MusicVAE on melody windows, as magenta's {@code music_vae_train}: the loss is the
 * softmax cross-entropy summed over steps plus {@code beta * max(KL - free_nats, 0)}, both averaged
 * over the batch, with {@code beta = (1 - betaRate^step) * maxBeta} and the free bits of the config
 * converted to nats ({@code freeBits * ln 2}, as magenta does); the learning rate decays as
 * {@code (lr0 - minLr) * decayRate^step + minLr}.
 *
 * <p>The decoder trains with scheduled sampling as in magenta: each step's input is, with
 * probability {@link #samplingProbability}, a sample of the previous step's output instead of the
 * target's previous step; the config's schedule ("inverse_sigmoid", "exponential" or "constant")
 * sets that probability per step. A constant 0 schedule builds a plain teacher-forced graph.
 * Validation uses the schedule's probability at the current step too, as magenta's evaluation does.
 */
public final class MusicVaeTraining implements TrainingTask<MelodyBatch> {
    /** Placeholder of the one-hot windows [B, steps, depth]. */
    public static final String SEQUENCES = "sequences";
    /** Placeholder of the standard normal noise of the latent [B, z]. */
    public static final String EPSILON = "epsilon";
    /** Placeholder of the KL weight (a scalar). */
    public static final String BETA = "beta";
    /** Placeholder [B, steps]: 1 where a step's input is sampled rather than teacher-forced. */
    public static final String SAMPLING_MASK = "sampling_mask";
    /** Placeholder [B, steps, depth]: Gumbel noise of those samples. */
    public static final String SAMPLING_NOISE = "sampling_noise";
    public static final String LOSS = "loss";
    public static final String RECON_LOSS = "recon_loss";
    public static final String KL = "kl";
    /** Fraction of steps whose most likely class is the target's (given that step's input, target or sample). */
    public static final String ACCURACY = "accuracy";
    /** Reported outputs: the first is optimised; accuracy is not a loss but is averaged alike. */
    public static final List<String> LOSSES = List.of(LOSS, RECON_LOSS, KL, ACCURACY);

    private final MusicVaeConfig config;
    private final GraphModel model;
    private final MelodyDataset train;
    private final MelodyDataset valid;
    private final int batchSize;
    private final long seed;
    private final boolean scheduled;

    /**
     * @param weights   initial weights by checkpoint name ({@link #initialWeights} for a fresh model,
     *                  a checkpoint's tensors to fine-tune)
     * @param lr0       initial learning rate (the config's, or an override)
     * @param seed      seed of the batch order and transpositions (the latent noise comes from the trainer)
     */
    public MusicVaeTraining(MusicVaeConfig config, Map<String, INDArray> weights, MelodyDataset train, MelodyDataset valid,
                            int batchSize, double lr0, long seed) {
        if (config.hierarchical()) {
            throw new IllegalArgumentException(config.name() + ": only flat MusicVAE configs can be trained");
        }
        if (train.steps() != config.steps() || valid.steps() != config.steps()) {
            throw new IllegalArgumentException("windows of " + train.steps() + " steps, config " + config.name() + " needs " + config.steps());
        }
        if (train.size() < batchSize) {
            throw new org.synvae.data.InvalidDataException(train.directory() + ": only " + train.size()
                    + " training windows, fewer than the batch size " + batchSize);
        }
        this.config = config;
        this.train = train;
        this.valid = valid;
        this.batchSize = batchSize;
        this.seed = seed;
        samplingProbability(config, 0); // rejects an unknown schedule now
        this.scheduled = !("constant".equals(config.samplingSchedule()) && config.samplingRate() == 0);
        this.model = trainingModel(config, weights, scheduled, lr0);
        double min = Math.min(config.minLearningRate(), lr0);
        double decay = config.decayRate();
        model.optimizer().setLearningRateSchedule(step -> (lr0 - min) * Math.pow(decay, step) + min);
    }

    /**
     * The training graph on its own (placeholders {@link #SEQUENCES}, {@link #EPSILON}, {@link #BETA},
     * and with scheduled sampling {@link #SAMPLING_MASK}, {@link #SAMPLING_NOISE}; outputs {@link #LOSSES}),
     * e.g. for benchmarks that feed it directly.
     */
    public static SameDiff trainingGraph(MusicVaeConfig config, Map<String, INDArray> weights, boolean scheduled) {
        return build(config, weights, scheduled);
    }

    /**
     * The training graph with Adam at {@code learningRate}, as training uses it: on the CPU backend
     * its steps and forward passes run on the hand-written passes ({@link MusicVaeTrainingEngine}:
     * the same numbers, a fraction of SameDiff's time and memory), elsewhere on SameDiff.
     */
    public static GraphModel trainingModel(MusicVaeConfig config, Map<String, INDArray> weights, boolean scheduled, double learningRate) {
        SameDiff sd = build(config, weights, scheduled);
        if (!MusicVaeTrainingEngine.available()) {
            return new GraphModel(sd, AdamConfig.of(learningRate));
        }
        return new GraphModel(sd, AdamConfig.of(learningRate), GraphModel.variableNames(sd),
                new MusicVaeTrainingEngine(config, sd, GraphModel.weights(sd), scheduled));
    }

    /** The training graph: encoder, reparameterised latent, decoder (scheduled or teacher-forced), losses. */
    private static SameDiff build(MusicVaeConfig config, Map<String, INDArray> weights, boolean scheduled) {
        SameDiff sd = SameDiff.create();
        MusicVaeGraph graph = MusicVaeGraph.create(sd, config, weights);
        int steps = config.steps();
        int depth = config.depth();
        SDVariable seq = sd.placeHolder(SEQUENCES, DataType.FLOAT, -1, steps, depth);
        SDVariable eps = sd.placeHolder(EPSILON, DataType.FLOAT, -1, config.zSize());
        SDVariable beta = sd.placeHolder(BETA, DataType.FLOAT);
        SDVariable[] posterior = graph.encode(seq);
        SDVariable mu = posterior[0];
        SDVariable sigma = posterior[1];
        SDVariable z = mu.add(sigma.mul(eps));
        SDVariable logits;
        if (scheduled) {
            SDVariable mask = sd.placeHolder(SAMPLING_MASK, DataType.FLOAT, -1, steps);
            SDVariable noise = sd.placeHolder(SAMPLING_NOISE, DataType.FLOAT, -1, steps, depth);
            logits = graph.decodeScheduled(z, seq, mask, noise);
        } else {
            logits = graph.decodeTeacherForced(z, seq);
        }
        SDVariable flatLogits = logits.reshape(-1, depth);
        SDVariable flatTargets = seq.reshape(-1, depth);
        // The mean over all B*steps rows times steps is the per-window sum averaged over the batch.
        // Written from log-softmax, not sd.loss().softmaxCrossEntropy: in ND4J 1.0.0-M2.1 the loss
        // op's gradient ignores what comes after it, so "* steps" was lost from every gradient
        // (MusicVaeTrainingEngineTest pins the right one by finite differences).
        SDVariable perRow = flatTargets.mul(sd.nn().logSoftmax(flatLogits)).sum(1).neg();
        SDVariable recon = perRow.mean().mul(RECON_LOSS, steps);
        SDVariable klPerWindow = mu.mul(mu).add(sigma.mul(sigma)).sub(1.0).mul(0.5).sub(sd.math().log(sigma)).sum(1);
        SDVariable kl = klPerWindow.mean(KL);
        double freeNats = config.freeBits() * Math.log(2.0);
        SDVariable klCost = sd.math().max(klPerWindow.sub(freeNats), sd.zerosLike(klPerWindow)).mean();
        SDVariable loss = recon.add(LOSS, klCost.mul(beta));
        SDVariable hits = sd.eq(sd.argmax(flatLogits, 1), sd.argmax(flatTargets, 1)).castTo(DataType.FLOAT);
        hits.mean(ACCURACY);
        sd.setLossVariables(loss);
        return sd;
    }

    /**
     * Fresh weights: Glorot-uniform kernels and zero biases, drawn from {@code seed} in the order of
     * {@link MusicVaeVariables#shapes}.
     */
    public static Map<String, INDArray> initialWeights(MusicVaeConfig config, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, INDArray> weights = new LinkedHashMap<>();
        MusicVaeVariables.shapes(config).forEach((name, shape) -> {
            if (shape.length == 1) {
                weights.put(name, Nd4j.zeros(DataType.FLOAT, shape));
                return;
            }
            double limit = Math.sqrt(6.0 / (shape[0] + shape[1]));
            float[] v = new float[(int) (shape[0] * shape[1])];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) random.nextDouble(-limit, limit);
            }
            weights.put(name, Nd4j.create(v, shape, 'c'));
        });
        return weights;
    }

    public MusicVaeConfig config() {
        return config;
    }

    /** The MusicVAE's current weights by checkpoint name (live arrays), for a TensorFlow export. */
    public Map<String, INDArray> musicVaeWeights() {
        Map<String, INDArray> all = model.weights();
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String name : MusicVaeVariables.shapes(config).keySet()) {
            out.put(name, all.get(name));
        }
        return out;
    }

    /** The KL weight at {@code step} (updates applied so far). */
    public double beta(long step) {
        return (1 - Math.pow(config.betaRate(), step)) * config.maxBeta();
    }

    /**
     * magenta's scheduled sampling probability at {@code step}: inverse sigmoid
     * {@code 1 - k / (k + exp(step / k))}, exponential {@code 1 - k^step}, or the constant {@code k},
     * with {@code k} the config's sampling rate.
     *
     * @throws IllegalArgumentException for another schedule
     */
    public static double samplingProbability(MusicVaeConfig config, long step) {
        double k = config.samplingRate();
        return switch (config.samplingSchedule()) {
            case "inverse_sigmoid" -> 1 - k / (k + Math.exp(step / k));
            case "exponential" -> 1 - Math.pow(k, step);
            case "constant" -> k;
            default -> throw new IllegalArgumentException(config.name() + ": unknown sampling schedule '" + config.samplingSchedule()
                    + "' (inverse_sigmoid, exponential or constant)");
        };
    }

    @Override
    public GraphModel model() {
        return model;
    }

    @Override
    public List<String> losses() {
        return LOSSES;
    }

    @Override
    public Iterable<MelodyBatch> trainBatches(int epoch) {
        return train.trainingBatches(batchSize, seed * 1_000_003L + epoch);
    }

    @Override
    public int trainBatchCount() {
        return train.size() / batchSize;
    }

    @Override
    public Iterable<MelodyBatch> validBatches() {
        return valid.evaluationBatches(batchSize);
    }

    @Override
    public int validBatchCount() {
        return (valid.size() + batchSize - 1) / batchSize;
    }

    @Override
    public int size(MelodyBatch batch) {
        return batch.size();
    }

    /** Validation uses the current step's beta, so its loss is comparable with training's at the time. */
    @Override
    public Map<String, INDArray> feeds(MelodyBatch batch, SplittableRandom noise) {
        float[] e = new float[batch.size() * config.zSize()];
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) gaussian(noise);
        }
        long step = model.optimizer().step();
        Map<String, INDArray> feeds = new java.util.HashMap<>();
        feeds.put(SEQUENCES, batch.sequences());
        feeds.put(EPSILON, Nd4j.create(e, new long[] {batch.size(), config.zSize()}, 'c'));
        feeds.put(BETA, Nd4j.scalar((float) beta(step)));
        if (scheduled) {
            double p = samplingProbability(config, step);
            float[] mask = new float[batch.size() * config.steps()];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = noise.nextDouble() < p ? 1f : 0f;
            }
            feeds.put(SAMPLING_MASK, Nd4j.create(mask, new long[] {batch.size(), config.steps()}, 'c'));
            feeds.put(SAMPLING_NOISE, MusicVaeGraph.gumbelNoise(batch.size(), config.steps(), config.depth(), noise));
        }
        return feeds;
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default.
        double u = Math.max(r.nextDouble(), 1e-300);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
