package org.synvae.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AdamTest {

    @Test
    void twoStepsMatchTheFormulaAndStateRoundTrips() {
        Adam adam = new Adam(new AdamConfig(0.1, 0.9, 0.999, 1e-8));
        INDArray p = Nd4j.createFromArray(1.0f, -2.0f);
        adam.apply(Map.of("p", p), Map.of("p", Nd4j.createFromArray(0.5f, -1.0f)));
        adam.apply(Map.of("p", p), Map.of("p", Nd4j.createFromArray(0.25f, 2.0f)));
        // By hand: m, v with bias correction, lr_t = lr * sqrt(1 - b2^t) / (1 - b1^t).
        double[] g1 = {0.5, -1.0};
        double[] g2 = {0.25, 2.0};
        double[] expected = {1.0, -2.0};
        double[] m = new double[2];
        double[] v = new double[2];
        for (int t = 1; t <= 2; t++) {
            double[] g = t == 1 ? g1 : g2;
            double lr = 0.1 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
            for (int i = 0; i < 2; i++) {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                expected[i] -= lr * m[i] / (Math.sqrt(v[i]) + 1e-8);
            }
        }
        assertThat(p.getDouble(0)).isCloseTo(expected[0], within(1e-5));
        assertThat(p.getDouble(1)).isCloseTo(expected[1], within(1e-5));

        Adam restored = new Adam(adam.config());
        restored.restore(adam.state());
        assertThat(restored.step()).isEqualTo(2);
        INDArray q = p.dup();
        adam.apply(Map.of("p", p), Map.of("p", Nd4j.createFromArray(1f, 1f)));
        restored.apply(Map.of("p", q), Map.of("p", Nd4j.createFromArray(1f, 1f)));
        assertThat(q).isEqualTo(p);
    }

    @Test
    void aScheduleSetsTheLearningRateOfEachStep() {
        Adam adam = new Adam(AdamConfig.of(1.0));
        adam.setLearningRateSchedule(step -> 0.1 * Math.pow(0.5, step));
        assertThat(adam.learningRate()).isEqualTo(0.1);
        INDArray p = Nd4j.createFromArray(0f);
        // The first Adam step moves a parameter by about the learning rate, whatever the gradient.
        adam.apply(Map.of("p", p), Map.of("p", Nd4j.createFromArray(3f)));
        assertThat(p.getDouble(0)).isCloseTo(-0.1, within(1e-4));
        assertThat(adam.learningRate()).isEqualTo(0.05);
        adam.setLearningRateSchedule(null);
        assertThat(adam.learningRate()).isEqualTo(1.0);
    }
}
