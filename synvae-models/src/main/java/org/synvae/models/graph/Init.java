package org.synvae.models.graph;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded weight initialisers. Values are drawn in Java from a {@link SplittableRandom}, so a seed
 * gives the same weights on every backend (CPU or CUDA) and every run.
 */
public final class Init {
    private final SplittableRandom random;

    /** An initialiser whose draws are fixed by {@code seed}. */
    public Init(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Glorot (Xavier) uniform, Keras' default for dense and convolution kernels. */
    public INDArray glorotUniform(long fanIn, long fanOut, long... shape) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        return uniform(-limit, limit, shape);
    }

    /** Uniform on [low, high). */
    public INDArray uniform(double low, double high, long... shape) {
        float[] values = new float[Math.toIntExact(count(shape))];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (low + (high - low) * random.nextDouble());
        }
        return Nd4j.create(values, shape, 'c');
    }

    /** Zeros, for biases. */
    public static INDArray zeros(long... shape) {
        return Nd4j.zeros(DataType.FLOAT, shape);
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
