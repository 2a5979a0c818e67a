package org.synvae.music.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pinned by values TensorFlow computed: the LSTMBlockCell op (forget_bias 1, cell_clip -1) on the
 * weights of shared/fixtures/tf-checkpoint (see src/test/resources/tf-checkpoint/NOTE.md).
 */
class LstmCellTest {

    private static INDArray fill(int n, java.util.function.IntToDoubleFunction f, long... shape) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) f.applyAsDouble(k);
        }
        return Nd4j.create(v, shape, 'c');
    }

    @Test
    void twoStepsMatchTensorFlowsLstmBlockCell() {
        INDArray kernel = fill(96, k -> 0.5 * Math.sin(0.37 * k + 0.1), 8, 12);
        INDArray bias = fill(12, k -> 0.1 * Math.cos(0.7 * k), 12);
        INDArray x = fill(10, k -> Math.cos(0.3 * k), 2, 5);
        LstmState state = new LstmState(fill(6, k -> 0.3 * Math.cos(0.9 * k), 2, 3), fill(6, k -> 0.2 * Math.sin(0.5 * k), 2, 3));
        LstmCell cell = new LstmCell(kernel, bias);
        assertThat(cell.units()).isEqualTo(3);
        assertThat(cell.inputSize()).isEqualTo(5);

        LstmState s1 = cell.step(cell.inputGates(x), state);
        assertClose(s1.h(), 0.19040833, 0.14766395, 0.05827107, -0.1418893, -0.17535044, -0.11503224);
        assertClose(s1.c(), 0.37039173, 0.31080285, 0.13368358, -0.29242963, -0.35153306, -0.2203353);
        LstmState s2 = cell.step(cell.inputGates(x), s1);
        assertClose(s2.h(), 0.18714124, 0.16264535, 0.09811717, -0.15430354, -0.19742142, -0.15486683);
        assertClose(s2.c(), 0.36026737, 0.33222008, 0.21384072, -0.30548447, -0.38896587, -0.29838818);
    }

    private static void assertClose(INDArray actual, double... expected) {
        double[] a = actual.dup('c').data().asDouble();
        assertThat(a).hasSize(expected.length);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("element " + i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-6));
        }
    }
}
