package org.synvae.eval.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MultiLabelMetricsTest {

    @Test
    void perLabelAndSubsetMetricsByHand() {
        // Two labels, four items.
        boolean[][] truth = {{true, false}, {true, true}, {false, true}, {false, false}};
        boolean[][] pred = {{true, false}, {true, false}, {true, true}, {false, false}};
        MultiLabelMetrics m = MultiLabelMetrics.of(truth, pred, List.of("oil", "water"));
        // Items 0 and 3 fully right.
        assertThat(m.subsetAccuracy()).isCloseTo(0.5, within(1e-12));
        // oil: TP 2, FP 1 (item 2), FN 0 -> precision 2/3, recall 1, accuracy 3/4.
        assertThat(m.precision(0)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.recall(0)).isCloseTo(1.0, within(1e-12));
        assertThat(m.label(0).accuracy()).isCloseTo(0.75, within(1e-12));
        // water: TP 1, FP 0, FN 1 (item 1) -> precision 1, recall 1/2, F1 2/3, accuracy 3/4.
        assertThat(m.precision(1)).isCloseTo(1.0, within(1e-12));
        assertThat(m.recall(1)).isCloseTo(0.5, within(1e-12));
        assertThat(m.f1(1)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.meanLabelAccuracy()).isCloseTo(0.75, within(1e-12));
        assertThat(m.toJsonMap()).containsKeys("subset_accuracy", "mean_label_accuracy", "per_label");
    }
}
