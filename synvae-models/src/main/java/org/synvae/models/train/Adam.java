package org.synvae.models.train;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam with bias correction, applied in place to named parameters. Its moments are plain named
 * arrays so checkpoints can hold them next to the weights and a resumed run continues exactly.
 */
public final class Adam {
    private static final String M = "adam/m/";
    private static final String V = "adam/v/";
    /** Checkpoint key of the step counter. */
    public static final String STEP = "adam/step";

    private final AdamConfig config;
    private final Map<String, INDArray> firstMoments = new HashMap<>();
    private final Map<String, INDArray> secondMoments = new HashMap<>();
    private long step;
    private LongToDoubleFunction learningRateSchedule;

    public Adam(AdamConfig config) {
        this.config = config;
    }

    public AdamConfig config() {
        return config;
    }

    /** Number of updates applied so far. */
    public long step() {
        return step;
    }

    /**
     * Replaces the config's constant learning rate by {@code schedule}, a function of the number of
     * updates applied before the one being computed (0 for the first), e.g. MusicVAE's exponential
     * decay; {@code null} restores the constant rate. The schedule is not part of {@link #state()}:
     * it is code, and a resumed run sets it again.
     */
    public void setLearningRateSchedule(LongToDoubleFunction schedule) {
        this.learningRateSchedule = schedule;
    }

    /** The base learning rate of the next update (before bias correction). */
    public double learningRate() {
        return learningRateSchedule == null ? config.learningRate() : learningRateSchedule.applyAsDouble(step);
    }

    /** Applies one update to each parameter that has a gradient. */
    public void apply(Map<String, INDArray> parameters, Map<String, INDArray> gradients) {
        double base = learningRate();
        step++;
        double b1 = config.beta1();
        double b2 = config.beta2();
        double lr = base * Math.sqrt(1 - Math.pow(b2, step)) / (1 - Math.pow(b1, step));
        for (Map.Entry<String, INDArray> e : gradients.entrySet()) {
            INDArray param = parameters.get(e.getKey());
            if (param == null) {
                continue;
            }
            INDArray g = e.getValue();
            INDArray m = firstMoments.computeIfAbsent(e.getKey(), k -> Nd4j.zeros(param.dataType(), param.shape()));
            INDArray v = secondMoments.computeIfAbsent(e.getKey(), k -> Nd4j.zeros(param.dataType(), param.shape()));
            m.muli(b1).addi(g.mul(1 - b1));
            v.muli(b2).addi(g.mul(g).muli(1 - b2));
            INDArray denominator = Transforms.sqrt(v, true).addi(config.epsilon());
            param.subi(m.div(denominator).muli(lr));
        }
    }

    /** The optimizer's state as named arrays (moments and step), for checkpoints. */
    public Map<String, INDArray> state() {
        Map<String, INDArray> out = new HashMap<>();
        firstMoments.forEach((k, a) -> out.put(M + k, a));
        secondMoments.forEach((k, a) -> out.put(V + k, a));
        out.put(STEP, Nd4j.scalar(step));
        return out;
    }

    /** Restores {@link #state()} from a checkpoint; keys that are not Adam's are ignored. */
    public void restore(Map<String, INDArray> arrays) {
        firstMoments.clear();
        secondMoments.clear();
        arrays.forEach((k, a) -> {
            if (k.startsWith(M)) {
                firstMoments.put(k.substring(M.length()), a.dup());
            } else if (k.startsWith(V)) {
                secondMoments.put(k.substring(V.length()), a.dup());
            }
        });
        INDArray s = arrays.get(STEP);
        step = s == null ? 0 : Math.round(s.getDouble(0));
    }
}
