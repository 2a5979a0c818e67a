package org.synvae.music.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deterministic MusicVAE weights and inputs from closed formulas, shared by {@code MusicVaeGoldenTest}
 * and the TensorFlow golden generator (module {@code synvae-tf-golden}, profile {@code tf-golden},
 * which compiles this very file). JDK only, and {@link StrictMath} so that every JVM computes the
 * same bits.
 *
 * <p>Variable number {@code v} in sorted name order, with R rows (first dimension) and flat
 * row-major index k (all arithmetic in double, then rounded to float):
 * <pre>
 * value[k] = scale * sin(a * k + 0.001 * k^2 + b),  a = 0.7 + 0.6180339887 * v,  b = 0.3 * v + 0.1
 * scale    = 2 / sqrt(R) for a kernel (rank 2), 0.1 for a bias (rank 1)
 * </pre>
 * The quadratic phase keeps the kernels far from low rank (a plain {@code sin(a k + b)} matrix has
 * rank 2, which made every logit row a sinusoid over the classes and the argmax decode collapse to
 * one or two tokens); gain 2 keeps the decoder's recurrence lively so that TensorFlow's argmax
 * decode uses 14 distinct tokens, with a smallest top-1/top-2 logit gap of about 4e-3, well above
 * the 1e-4 tolerance.
 */
public final class GoldenWeights {
    private GoldenWeights() {
    }

    /** Values of variable {@code v} (sorted name order) of this shape. */
    public static float[] values(int v, long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        double scale = shape.length >= 2 ? 2.0 / StrictMath.sqrt(shape[0]) : 0.1;
        double a = 0.7 + 0.6180339887 * v;
        double b = 0.3 * v + 0.1;
        float[] out = new float[Math.toIntExact(n)];
        for (int k = 0; k < out.length; k++) {
            out[k] = (float) (scale * StrictMath.sin(a * k + 0.001 * ((double) k * k) + b));
        }
        return out;
    }

    /** Every variable of {@code shapes} with its values, in sorted name order. */
    public static Map<String, float[]> of(Map<String, long[]> shapes) {
        List<String> names = List.copyOf(new TreeMap<>(shapes).keySet());
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int v = 0; v < names.size(); v++) {
            out.put(names.get(v), values(v, shapes.get(names.get(v))));
        }
        return out;
    }

    /**
     * The encoder input [batch, steps, depth]: sequence 0 and 1 one-hot melodies from fixed
     * patterns, sequence 2 (and any further) soft: softmax over depth of {@code 2 sin(0.37 t + 0.11 d + 0.5 s)}.
     * One-hot sequence s, step t: class {@code (7 t + 11 s + 3) mod depth} when {@code t mod 5 != 4}, else 1 (note off).
     */
    public static float[] encoderInput(int batch, int steps, int depth) {
        float[] x = new float[batch * steps * depth];
        for (int s = 0; s < batch; s++) {
            for (int t = 0; t < steps; t++) {
                int at = (s * steps + t) * depth;
                if (s < 2) {
                    int cls = t % 5 == 4 ? 1 : (7 * t + 11 * s + 3) % depth;
                    x[at + cls] = 1f;
                } else {
                    double[] e = new double[depth];
                    double sum = 0;
                    for (int d = 0; d < depth; d++) {
                        e[d] = StrictMath.exp(2 * StrictMath.sin(0.37 * t + 0.11 * d + 0.5 * s));
                        sum += e[d];
                    }
                    for (int d = 0; d < depth; d++) {
                        x[at + d] = (float) (e[d] / sum);
                    }
                }
            }
        }
        return x;
    }

    /** Latents [batch, z]: {@code 1.5 sin(0.9 i + 1.3 s) + 0.5 cos(0.23 i * (s + 1))}. */
    public static float[] latents(int batch, int z) {
        float[] out = new float[batch * z];
        for (int s = 0; s < batch; s++) {
            for (int i = 0; i < z; i++) {
                out[s * z + i] = (float) (1.5 * StrictMath.sin(0.9 * i + 1.3 * s) + 0.5 * StrictMath.cos(0.23 * i * (s + 1)));
            }
        }
        return out;
    }
}
