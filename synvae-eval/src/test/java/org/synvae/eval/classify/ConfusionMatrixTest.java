package org.synvae.eval.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metrics checked against confusion matrices worked out by hand. */
class ConfusionMatrixTest {
    private static final List<String> ABC = List.of("a", "b", "c");

    /*
     * truth:     a a a a b b b c c c
     * predicted: a a b c b b a c c b
     * rows = truth, columns = predicted:
     *   a: 2 1 1
     *   b: 1 2 0
     *   c: 0 1 2
     */
    private static ConfusionMatrix handMade() {
        int[] truth = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
        int[] pred = {0, 0, 1, 2, 1, 1, 0, 2, 2, 1};
        return ConfusionMatrix.of(truth, pred, ABC);
    }

    @Test
    void countsFromLabels() {
        ConfusionMatrix m = handMade();
        assertThat(m.counts()).isEqualTo(new long[][] {{2, 1, 1}, {1, 2, 0}, {0, 1, 2}});
        assertThat(m.total()).isEqualTo(10);
        assertThat(m.support(0)).isEqualTo(4);
        assertThat(m.predictedCount(1)).isEqualTo(4);
    }

    @Test
    void accuracyPrecisionRecallF1ByHand() {
        ConfusionMatrix m = handMade();
        assertThat(m.accuracy()).isCloseTo(6.0 / 10, within(1e-12));
        // a: TP 2, predicted 3, support 4.
        assertThat(m.precision(0)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.recall(0)).isCloseTo(2.0 / 4, within(1e-12));
        assertThat(m.f1(0)).isCloseTo(2 * (2.0 / 3) * 0.5 / (2.0 / 3 + 0.5), within(1e-12));
        // b: TP 2, predicted 4, support 3.
        assertThat(m.precision(1)).isCloseTo(0.5, within(1e-12));
        assertThat(m.recall(1)).isCloseTo(2.0 / 3, within(1e-12));
        // c: TP 2, predicted 3, support 3.
        assertThat(m.precision(2)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.recall(2)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.f1(2)).isCloseTo(2.0 / 3, within(1e-12));
        double f1a = 4.0 / 7;
        double f1b = 2 * 0.5 * (2.0 / 3) / (0.5 + 2.0 / 3);
        assertThat(m.macroF1()).isCloseTo((f1a + f1b + 2.0 / 3) / 3, within(1e-12));
    }

    @Test
    void oneVsRestAccuracyByHand() {
        ConfusionMatrix m = handMade();
        // a vs rest: FP 1 (b->a), FN 2 (a->b, a->c): (10 - 3) / 10.
        assertThat(m.oneVsRestAccuracy(0)).isCloseTo(0.7, within(1e-12));
        // b vs rest: FP 2 (a->b, c->b), FN 1 (b->a): 0.7.
        assertThat(m.oneVsRestAccuracy(1)).isCloseTo(0.7, within(1e-12));
        // c vs rest: FP 1 (a->c), FN 1 (c->b): 0.8.
        assertThat(m.oneVsRestAccuracy(2)).isCloseTo(0.8, within(1e-12));
        assertThat(m.meanOneVsRestAccuracy()).isCloseTo(2.2 / 3, within(1e-12));
        // The identity 1 - 2 * errors / (K * N): 4 errors, 3 classes, 10 items.
        assertThat(m.meanOneVsRestAccuracy()).isCloseTo(1 - 2.0 * 4 / (3 * 10), within(1e-12));
    }

    @Test
    void meanOneVsRestAccuracyIsHighEvenWhenEverythingIsWrong() {
        // Ten classes, every item predicted as the next class: top-1 0, mean one-vs-rest accuracy 0.8.
        int n = 50;
        int[] truth = new int[n];
        int[] pred = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = i % 10;
            pred[i] = (i + 1) % 10;
        }
        ConfusionMatrix m = ConfusionMatrix.of(truth, pred, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
        assertThat(m.accuracy()).isZero();
        assertThat(m.meanOneVsRestAccuracy()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void undefinedPrecisionIsZeroAndFlagged() {
        // Class c never predicted and b never present.
        ConfusionMatrix m = new ConfusionMatrix(new long[][] {{3, 1, 0}, {0, 0, 0}, {2, 0, 0}}, ABC);
        assertThat(m.precision(2)).isZero();
        assertThat(m.isDefined(2, true)).isFalse();
        assertThat(m.recall(1)).isZero();
        assertThat(m.isDefined(1, false)).isFalse();
        assertThat(m.f1(1)).isZero();
        assertThat(m.precision(0)).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void perfectPredictions() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 2}, ABC);
        assertThat(m.accuracy()).isEqualTo(1.0);
        assertThat(m.meanOneVsRestAccuracy()).isEqualTo(1.0);
        assertThat(m.macroF1()).isEqualTo(1.0);
    }

    @Test
    void jsonHasEveryMetricAndTheMatrix() {
        Map<String, Object> json = handMade().toJsonMap();
        assertThat(json).containsKeys("top1_accuracy", "mean_one_vs_rest_accuracy", "mean_one_vs_rest_accuracy_definition",
                "macro_f1", "per_class", "confusion_matrix");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> perClass = (Map<String, Map<String, Object>>) json.get("per_class");
        assertThat(perClass.get("b").get("support")).isEqualTo(3L);
        assertThat((Double) perClass.get("c").get("f1")).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0}, ABC)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0}, new int[] {3}, ABC)).hasMessageContaining("outside");
        assertThatThrownBy(() -> new ConfusionMatrix(new long[][] {{1, 0}, {0, 1}}, ABC)).isInstanceOf(IllegalArgumentException.class);
    }
}
