package org.synvae.music.checkpoint;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a checkpoint's index says about one tensor, without reading its data.
 *
 * @param name   the variable name, e.g. {@code decoder/output_projection/kernel}
 * @param dtype  the stored type as NumPy names it ({@code float32}, {@code int64}, {@code float16},
 *               {@code bfloat16}, ...; unsupported types also get their name, e.g. {@code string})
 * @param shape  the dimensions, outermost first; empty for a scalar
 * @param shard  the data file that holds it, {@code 0} for {@code <prefix>.data-00000-of-0000N}
 * @param offset where its bytes start in that file
 * @param size   how many bytes it takes in that file
 */
public record TensorInfo(String name, String dtype, long[] shape, int shard, long offset, long size) {
    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
    }

    /** The dimensions; a copy. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of elements: the product of the shape (1 for a scalar). */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && dtype.equals(t.dtype) && Arrays.equals(shape, t.shape)
                && shard == t.shard && offset == t.offset && size == t.size;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), shard, offset, size);
    }

    @Override
    public String toString() {
        return "TensorInfo[" + name + " " + dtype + " " + Messages.shape(shape) + " shard " + shard + " offset " + offset
                + " size " + size + "]";
    }
}
