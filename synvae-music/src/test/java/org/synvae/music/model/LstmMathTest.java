package org.synvae.music.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fast activations against the exact functions, over the whole float range that matters. */
class LstmMathTest {

    @Test
    void tanhAndSigmoidAreWithinTheirDocumentedErrors() {
        double worstTanh = 0;
        double worstSigmoid = 0;
        float[] x = new float[2_000_001];
        for (int k = 0; k < x.length; k++) {
            x[k] = -40f + 80f * k / (x.length - 1);
        }
        float[] t = x.clone();
        float[] s = x.clone();
        LstmMath.tanh(t, t.length);
        LstmMath.sigmoid(s, 0f, s.length);
        for (int k = 0; k < x.length; k++) {
            worstTanh = Math.max(worstTanh, Math.abs(t[k] - Math.tanh(x[k])));
            worstSigmoid = Math.max(worstSigmoid, Math.abs(s[k] - 1 / (1 + Math.exp(-x[k]))));
        }
        assertThat(worstTanh).isLessThan(4e-7);
        assertThat(worstSigmoid).isLessThan(2.2e-7);
    }

    @Test
    void extremesSaturateAndNanPropagates() {
        float[] v = {Float.NEGATIVE_INFINITY, -1e30f, 0f, 1e30f, Float.POSITIVE_INFINITY, Float.NaN};
        LstmMath.tanh(v, v.length);
        assertThat(v[0]).isCloseTo(-1f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(v[1]).isCloseTo(-1f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(v[2]).isEqualTo(0f);
        assertThat(v[3]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(v[4]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(v[5]).isNaN();
    }
}
