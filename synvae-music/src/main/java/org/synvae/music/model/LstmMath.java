package org.synvae.music.model;

/**
 * The elementwise part of TensorFlow's {@code LSTMBlockCell} on plain float arrays, written as
 * simple loops over one index so that the JIT compiles them to SIMD code (one fused loop per cell,
 * or loops mixing different array offsets, stay scalar on Java 17 and ran ten times slower).
 *
 * <p>tanh is Eigen's rational approximation (the one TensorFlow's CPU kernels use), clamped to
 * +-7.99881 where it reaches float's nearest value below 1; sigmoid(x) = (1 + tanh(x / 2)) / 2.
 * Absolute errors against the exact functions are below 4e-7 (tanh) and 2.2e-7 (sigmoid), pinned
 * in {@code LstmMathTest}.
 */
final class LstmMath {
    /** TensorFlow's forget bias, added to the f gate at run time (not stored in the bias). */
    static final float FORGET_BIAS = 1f;
    private static final float CLAMP = 7.99881172180175781f;

    private LstmMath() {
    }

    /** tanh with absolute error below 4e-7. */
    static float tanh(float x) {
        float c = Math.max(-CLAMP, Math.min(CLAMP, x));
        float x2 = c * c;
        float p = -2.76076847742355e-16f;
        p = p * x2 + 2.00018790482477e-13f;
        p = p * x2 + -8.60467152213735e-11f;
        p = p * x2 + 5.12229709037114e-08f;
        p = p * x2 + 1.48572235717979e-05f;
        p = p * x2 + 6.37261928875436e-04f;
        p = p * x2 + 4.89352455891786e-03f;
        p = p * c;
        float q = 1.19825839466702e-06f;
        q = q * x2 + 1.18534705686654e-04f;
        q = q * x2 + 2.26843463243900e-03f;
        q = q * x2 + 4.89352518554385e-03f;
        return p / q;
    }

    /** {@code x[k] = sigmoid(x[k] + shift)} for k < len. */
    static void sigmoid(float[] x, float shift, int len) {
        for (int k = 0; k < len; k++) {
            x[k] = 0.5f * tanh(0.5f * (x[k] + shift)) + 0.5f;
        }
    }

    /** {@code x[k] = tanh(x[k])} for k < len. */
    static void tanh(float[] x, int len) {
        for (int k = 0; k < len; k++) {
            x[k] = tanh(x[k]);
        }
    }

    /**
     * One cell update from the gate pre-activations (each [len], the batch's rows one after
     * another): {@code c = sigmoid(f + 1) c + sigmoid(i) tanh(j); h = sigmoid(o) tanh(c)}. The
     * gate arrays are overwritten with their activations; c and h are updated in place.
     */
    static void cell(float[] i, float[] j, float[] f, float[] o, float[] c, float[] h, int len) {
        sigmoid(i, 0f, len);
        tanh(j, len);
        sigmoid(f, FORGET_BIAS, len);
        sigmoid(o, 0f, len);
        for (int k = 0; k < len; k++) {
            c[k] = f[k] * c[k] + i[k] * j[k];
        }
        for (int k = 0; k < len; k++) {
            h[k] = o[k] * tanh(c[k]);
        }
    }
}
