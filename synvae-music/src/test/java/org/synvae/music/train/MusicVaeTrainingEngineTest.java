package org.synvae.music.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.models.train.GraphModel;
import org.synvae.music.model.MusicVaePasses;
import org.synvae.music.model.MusicVae;
import org.synvae.music.model.MusicVaeConfig;
import org.synvae.music.model.MusicVaeConfigs;
import org.synvae.music.model.MusicVaeGraph;

/**
 * The hand-written MusicVAE training step gives the training graph's losses, accuracy and the
 * gradient of every weight: teacher-forced and with scheduled sampling, one- and two-layer
 * encoders, three decoder layers, free bits above and below the windows' KL.
 */
class MusicVaeTrainingEngineTest {
    /** z 3, encoder [4, 5], decoder [5, 6, 4], 6 steps of 7 classes; free bits 3 (2.08 nats). */
    private static final MusicVaeConfig SMALL_SHAPES = new MusicVaeConfig("tiny3", 3, List.of(4, 5), List.of(5, 6, 4), List.of(), 0, 6, 7,
            0.2, 0.99999, 3, "inverse_sigmoid", 1000, 1e-3, 0.9999, 1e-5, 8, 4, 16);

    @Test
    void teacherForcedStepIsTheGraphs() {
        compare(SMALL_SHAPES, false, 11);
    }

    @Test
    void scheduledStepIsTheGraphs() {
        compare(SMALL_SHAPES, true, 12);
    }

    @Test
    void smallConfigScheduledStepIsTheGraphs() {
        compare(MusicVaeConfigs.CAT_MEL_2BAR_SMALL, true, 13);
    }

    /** A batch cut in three parts (on machines with free cores it runs in parts) gives the whole batch's numbers. */
    @Test
    void aBatchInPartsIsTheGraphs() {
        compare(SMALL_SHAPES, true, 14, 40, 3);
    }

    @Test
    void feedsThatDoNotFitTheScheduleAreRefused() {
        assumeThat(MusicVaePasses.available()).isTrue();
        SameDiff sd = MusicVaeTraining.trainingGraph(SMALL_SHAPES, MusicVaeTraining.initialWeights(SMALL_SHAPES, 1), true);
        MusicVaeTrainingEngine engine = new MusicVaeTrainingEngine(SMALL_SHAPES, sd, GraphModel.weights(sd), true);
        Map<String, INDArray> teacherForced = feeds(SMALL_SHAPES, 4, false, new SplittableRandom(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.outputs(teacherForced, MusicVaeTraining.LOSSES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sampling mask");
    }

    /**
     * Central differences of the reported loss pin the gradient both give: with the KL term active
     * (no free bits), the reconstruction's and the KL's shares must both be right. (ND4J
     * 1.0.0-M2.1's softmaxCrossEntropy loss op, which the graph used before, drops the "* steps"
     * after it from its gradient.)
     */
    @Test
    void gradientsAreThoseOfTheReportedLoss() {
        assumeThat(MusicVaePasses.available()).isTrue();
        MusicVaeConfig config = new MusicVaeConfig("tiny0", 3, List.of(4), List.of(5, 6), List.of(), 0, 6, 7,
                0.2, 0.99999, 0, "inverse_sigmoid", 1000, 1e-3, 0.9999, 1e-5, 8, 4, 16);
        SameDiff sd = MusicVaeTraining.trainingGraph(config, MusicVaeTraining.initialWeights(config, 3), false);
        Map<String, INDArray> feeds = feeds(config, 5, false, new SplittableRandom(4));
        List<String> trainable = GraphModel.variableNames(sd);
        OutAndGrad graph = sd.calculateGradientsAndOutputs(feeds, MusicVaeTraining.LOSSES, trainable);
        OutAndGrad path = new MusicVaeTrainingEngine(config, sd, GraphModel.weights(sd), false).step(feeds, MusicVaeTraining.LOSSES, trainable);
        for (String name : List.of("decoder/output_projection/bias", "encoder/sigma/bias", "encoder/mu/bias", "decoder/z_to_initial_state/bias")) {
            INDArray w = sd.getVariable(name).getArr();
            float original = w.getFloat(1);
            double h = 1e-2;
            w.putScalar(1, original + h);
            double up = GraphModel.output(sd, feeds, List.of(MusicVaeTraining.LOSS)).get(MusicVaeTraining.LOSS).getDouble(0);
            w.putScalar(1, original - h);
            double down = GraphModel.output(sd, feeds, List.of(MusicVaeTraining.LOSS)).get(MusicVaeTraining.LOSS).getDouble(0);
            w.putScalar(1, original);
            double numeric = (up - down) / (2 * h);
            assertThat(Math.abs(numeric)).as(name).isGreaterThan(1e-3);
            assertThat(path.getGradients().get(name).getDouble(1)).as(name).isCloseTo(numeric, Offset.offset(0.02 * Math.abs(numeric)));
            assertThat(graph.getGradients().get(name).getDouble(1)).as(name).isCloseTo(numeric, Offset.offset(0.02 * Math.abs(numeric)));
        }
    }

    private static void compare(MusicVaeConfig config, boolean scheduled, long seed) {
        compare(config, scheduled, seed, 6);
    }

    private static void compare(MusicVaeConfig config, boolean scheduled, long seed, int b) {
        compare(config, scheduled, seed, b, 1);
    }

    private static void compare(MusicVaeConfig config, boolean scheduled, long seed, int b, int parts) {
        assumeThat(MusicVaePasses.available()).as("CPU backend with OpenBLAS").isTrue();
        SameDiff sd = MusicVaeTraining.trainingGraph(config, MusicVaeTraining.initialWeights(config, seed), scheduled);
        // Glorot weights with zero biases; random biases make every path matter.
        SplittableRandom r = new SplittableRandom(seed);
        GraphModel.weights(sd).forEach((name, w) -> {
            if (w.rank() == 1) {
                for (int k = 0; k < w.length(); k++) {
                    w.putScalar(k, r.nextDouble(-0.3, 0.3));
                }
            }
        });
        Map<String, INDArray> feeds = feeds(config, b, scheduled, r);
        List<String> trainable = GraphModel.variableNames(sd);
        OutAndGrad expected = sd.calculateGradientsAndOutputs(feeds, MusicVaeTraining.LOSSES, trainable);
        MusicVaeTrainingEngine path = new MusicVaeTrainingEngine(config, sd, GraphModel.weights(sd), scheduled, size -> parts);
        OutAndGrad actual = path.step(feeds, MusicVaeTraining.LOSSES, trainable);
        for (String loss : MusicVaeTraining.LOSSES) {
            double e = expected.getOutputs().get(loss).getDouble(0);
            assertThat(actual.getOutputs().get(loss).getDouble(0)).as(loss).isCloseTo(e, Offset.offset(1e-5 * Math.max(1, Math.abs(e))));
        }
        for (String name : trainable) {
            INDArray e = expected.getGradients().get(name);
            INDArray a = actual.getGradients().get(name);
            assertThat(a.shape()).as(name).isEqualTo(e.shape());
            double scale = e.amaxNumber().doubleValue();
            assertThat(scale).as(name).isGreaterThan(0.0);
            assertThat(a.sub(e).amaxNumber().doubleValue()).as(name).isLessThan(1e-4 * scale + 1e-7);
        }
        Map<String, INDArray> forward = path.outputs(feeds, MusicVaeTraining.LOSSES);
        assertThat(forward.get(MusicVaeTraining.LOSS).getDouble(0)).isEqualTo(actual.getOutputs().get(MusicVaeTraining.LOSS).getDouble(0));
    }

    private static Map<String, INDArray> feeds(MusicVaeConfig config, int b, boolean scheduled, SplittableRandom r) {
        int steps = config.steps();
        int depth = config.depth();
        float[] seq = new float[b * steps * depth];
        for (int i = 0; i < b * steps; i++) {
            seq[i * depth + r.nextInt(depth)] = 1f;
        }
        Map<String, INDArray> feeds = new HashMap<>();
        feeds.put(MusicVaeTraining.SEQUENCES, Nd4j.create(seq, new long[] {b, steps, depth}, 'c'));
        feeds.put(MusicVaeTraining.EPSILON, MusicVae.standardNormal(b, config.zSize(), r.nextLong()));
        feeds.put(MusicVaeTraining.BETA, Nd4j.scalar(0.7f));
        if (scheduled) {
            float[] mask = new float[b * steps];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = r.nextBoolean() ? 1f : 0f;
            }
            feeds.put(MusicVaeTraining.SAMPLING_MASK, Nd4j.create(mask, new long[] {b, steps}, 'c'));
            feeds.put(MusicVaeTraining.SAMPLING_NOISE, MusicVaeGraph.gumbelNoise(b, steps, depth, r));
        }
        return feeds;
    }
}
