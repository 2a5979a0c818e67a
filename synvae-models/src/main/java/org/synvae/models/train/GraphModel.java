package org.synvae.models.train;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A SameDiff graph with its trainable variables and optimizer: one gradient step, inference, and
 * weights as named arrays. Which variables train is an explicit list, so part of a graph (the
 * MusicVAE inside a SynVAE) can stay frozen.
 */
public final class GraphModel {
    /**
     * How the model computes: a training step's outputs (the losses first) and the gradients of the
     * graph's loss for the trainable variables, and forward passes, for one batch of placeholders.
     * By default SameDiff over the whole graph; a model may compute the same numbers faster another
     * way (the SynVAE around a frozen MusicVAE does).
     */
    public interface Engine {
        OutAndGrad step(Map<String, INDArray> feeds, List<String> outputs, List<String> trainable);

        Map<String, INDArray> outputs(Map<String, INDArray> feeds, List<String> outputs);
    }

    /** SameDiff's execution of the whole graph. */
    private record WholeGraph(SameDiff sd) implements Engine {
        @Override
        public OutAndGrad step(Map<String, INDArray> feeds, List<String> outputs, List<String> trainable) {
            return sd.calculateGradientsAndOutputs(feeds, outputs, trainable);
        }

        @Override
        public Map<String, INDArray> outputs(Map<String, INDArray> feeds, List<String> outputs) {
            return output(sd, feeds, outputs);
        }
    }

    private final SameDiff sd;
    private final List<String> trainable;
    private final Adam optimizer;
    private final Engine engine;

    /** All variables of {@code sd} train. */
    public GraphModel(SameDiff sd, AdamConfig adam) {
        this(sd, adam, variableNames(sd));
    }

    /** Only {@code trainable} variables train. */
    public GraphModel(SameDiff sd, AdamConfig adam, Collection<String> trainable) {
        this(sd, adam, trainable, new WholeGraph(sd));
    }

    /** Only {@code trainable} variables train; steps and forward passes run on {@code engine}. */
    public GraphModel(SameDiff sd, AdamConfig adam, Collection<String> trainable, Engine engine) {
        for (String name : trainable) {
            if (!sd.hasVariable(name) || sd.getVariable(name).getVariableType() != VariableType.VARIABLE) {
                throw new IllegalArgumentException("no trainable variable '" + name + "' in the graph");
            }
        }
        this.sd = sd;
        this.trainable = List.copyOf(trainable);
        this.optimizer = new Adam(adam);
        this.engine = engine;
    }

    /** Names of every trainable-type variable of {@code sd}, in graph order. */
    public static List<String> variableNames(SameDiff sd) {
        List<String> names = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                names.add(v.name());
            }
        }
        return names;
    }

    public SameDiff graph() {
        return sd;
    }

    public Adam optimizer() {
        return optimizer;
    }

    public List<String> trainable() {
        return trainable;
    }

    /**
     * Computes {@code outputs} (the losses first) and the gradient of the graph's loss, then updates
     * the trainable variables, unless a loss is not finite: then nothing is updated and a
     * {@link TrainingDivergedException} says which loss broke.
     */
    public Map<String, INDArray> trainStep(Map<String, INDArray> feeds, List<String> losses) {
        OutAndGrad result = engine.step(feeds, losses, trainable);
        Map<String, INDArray> outputs = result.getOutputs();
        for (String loss : losses) {
            double value = outputs.get(loss).getDouble(0);
            if (!Double.isFinite(value)) {
                throw new TrainingDivergedException("loss '" + loss + "' became " + value);
            }
        }
        optimizer.apply(parameters(), result.getGradients());
        return outputs;
    }

    /** Forward pass: the named outputs for {@code feeds}, without any update. */
    public Map<String, INDArray> output(Map<String, INDArray> feeds, List<String> outputs) {
        return engine.outputs(feeds, outputs);
    }

    /**
     * {@code sd.output} without its slow path: SameDiff's inference planning took time exponential
     * in the graph's depth (34 s for one forward pass of the BAM VAE, 0.2 s with this), unless every
     * intermediate array the outputs depend on is requested too. This requests them all and
     * returns only the wanted ones.
     */
    public static Map<String, INDArray> output(SameDiff sd, Map<String, INDArray> feeds, List<String> outputs) {
        List<String> all = ancestors(sd, outputs);
        Map<String, INDArray> result = sd.output(feeds, all);
        Map<String, INDArray> wanted = new LinkedHashMap<>();
        for (String name : outputs) {
            wanted.put(name, result.get(name));
        }
        return wanted;
    }

    /** {@code outputs} and every intermediate (ARRAY) variable they are computed from. */
    private static List<String> ancestors(SameDiff sd, List<String> outputs) {
        java.util.LinkedHashSet<String> seen = new java.util.LinkedHashSet<>(outputs);
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(outputs);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            org.nd4j.autodiff.functions.DifferentialFunction op = sd.getVariableOutputOp(name);
            if (op == null) {
                continue;
            }
            for (SDVariable in : op.args()) {
                if (in.getVariableType() == VariableType.ARRAY && seen.add(in.name())) {
                    todo.push(in.name());
                }
            }
        }
        return new ArrayList<>(seen);
    }

    /** Trainable parameters by name (the live arrays). */
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String name : trainable) {
            out.put(name, sd.getVariable(name).getArr());
        }
        return out;
    }

    /** Every variable of the graph by name (the live arrays), trainable or frozen. */
    public Map<String, INDArray> weights() {
        return weights(sd);
    }

    /** Every variable of {@code sd} by name (the live arrays). */
    public static Map<String, INDArray> weights(SameDiff sd) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String name : variableNames(sd)) {
            out.put(name, sd.getVariable(name).getArr());
        }
        return out;
    }

    /** Weights and optimizer state, the content of a checkpoint. */
    public Map<String, INDArray> checkpointArrays() {
        Map<String, INDArray> out = new LinkedHashMap<>(weights());
        out.putAll(optimizer.state());
        return out;
    }

    /**
     * Sets weights (and optimizer state if present) from named arrays. Every graph variable must be
     * present with its shape; a mismatch names the variable and both shapes.
     */
    public void restore(Map<String, INDArray> arrays) {
        for (String name : variableNames(sd)) {
            INDArray value = arrays.get(name);
            INDArray current = sd.getVariable(name).getArr();
            if (value == null) {
                throw new IllegalArgumentException("checkpoint has no variable '" + name + "'");
            }
            if (!java.util.Arrays.equals(value.shape(), current.shape())) {
                throw new IllegalArgumentException("variable '" + name + "' has shape " + java.util.Arrays.toString(value.shape())
                        + " in the checkpoint but " + java.util.Arrays.toString(current.shape()) + " in the model");
            }
            current.assign(value.castTo(current.dataType()));
        }
        optimizer.restore(arrays);
    }
}
