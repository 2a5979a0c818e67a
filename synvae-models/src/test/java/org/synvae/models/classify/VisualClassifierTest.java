package org.synvae.models.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.models.train.AdamConfig;
import org.synvae.models.train.GraphModel;

class VisualClassifierTest {

    private static INDArray images(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n * 28 * 28];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble();
        }
        return Nd4j.create(v, new long[] {n, 28, 28, 1}, 'c');
    }

    @Test
    void softmaxIsAppliedOnceInTheLoss() {
        VisualClassifier c = VisualClassifier.build(VisualClassifierConfig.softmax("mnist", 10, 1));
        INDArray x = images(4, 2);
        int[] labels = {3, 1, 4, 1};
        Map<String, INDArray> out = GraphModel.output(c.graph(), Map.of(VisualClassifier.IMAGES, x,
                VisualClassifier.TARGETS, VisualClassifier.oneHot(labels, 10)), List.of(VisualClassifier.LOGITS, VisualClassifier.PROBABILITIES, VisualClassifier.LOSS));
        double[][] logits = out.get(VisualClassifier.LOGITS).toDoubleMatrix();
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            double max = java.util.Arrays.stream(logits[i]).max().orElseThrow();
            double sum = 0;
            for (double l : logits[i]) {
                sum += Math.exp(l - max);
            }
            expected += -(logits[i][labels[i]] - max - Math.log(sum));
            assertThat(out.get(VisualClassifier.PROBABILITIES).getRow(i).sumNumber().doubleValue()).isCloseTo(1.0, within(1e-5));
        }
        assertThat(out.get(VisualClassifier.LOSS).getDouble(0)).isCloseTo(expected / 4, within(1e-4));
    }

    @Test
    void multiLabelLossIsBinaryCrossEntropySummedOverLabels() {
        VisualClassifier c = VisualClassifier.build(new VisualClassifierConfig("mnist", 3, true, 1e-4, 1));
        INDArray x = images(2, 3);
        INDArray targets = Nd4j.create(new float[] {1, 0, 1, 0, 0, 1}, new long[] {2, 3}, 'c');
        Map<String, INDArray> out = GraphModel.output(c.graph(), Map.of(VisualClassifier.IMAGES, x, VisualClassifier.TARGETS, targets),
                List.of(VisualClassifier.PROBABILITIES, VisualClassifier.LOSS));
        double[][] p = out.get(VisualClassifier.PROBABILITIES).toDoubleMatrix();
        double[][] z = targets.toDoubleMatrix();
        double expected = 0;
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 3; k++) {
                expected -= z[i][k] * Math.log(p[i][k]) + (1 - z[i][k]) * Math.log(1 - p[i][k]);
            }
        }
        assertThat(out.get(VisualClassifier.LOSS).getDouble(0)).isCloseTo(expected / 2, within(1e-4));
    }

    @Test
    void trainingStepsLowerTheLossOnAFixedBatch() {
        VisualClassifier c = VisualClassifier.build(new VisualClassifierConfig("mnist", 10, false, 1e-3, 5));
        GraphModel model = new GraphModel(c.graph(), AdamConfig.of(1e-3));
        Map<String, INDArray> feeds = Map.of(VisualClassifier.IMAGES, images(8, 4),
                VisualClassifier.TARGETS, VisualClassifier.oneHot(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 10));
        double first = model.trainStep(feeds, List.of(VisualClassifier.LOSS)).get(VisualClassifier.LOSS).getDouble(0);
        double last = first;
        for (int i = 0; i < 15; i++) {
            last = model.trainStep(feeds, List.of(VisualClassifier.LOSS)).get(VisualClassifier.LOSS).getDouble(0);
        }
        assertThat(last).isLessThan(first * 0.5);
        assertThat(c.predict(feeds.get(VisualClassifier.IMAGES))).hasSize(8);
    }

    @Test
    void configRejectsNonsense() {
        assertThatThrownBy(() -> VisualClassifierConfig.softmax("mnist", 1, 0)).hasMessageContaining("at least 2 classes");
        assertThatThrownBy(() -> VisualClassifierConfig.softmax("imagenet", 10, 0)).hasMessageContaining("unknown visual architecture");
    }
}
