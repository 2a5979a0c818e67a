package org.synvae.data.io;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between ND4J arrays and {@link NpyArray} values (float32 and int64 data). */
public final class NdArrays {
    private NdArrays() {
    }

    /** A float32 or int64 copy of {@code array} in C order. */
    public static NpyArray toNpy(INDArray array) {
        long[] shape = array.shape();
        if (array.dataType().isIntType()) {
            return NpyArray.ofLongs(array.dup('c').data().asLong(), shape);
        }
        return NpyArray.ofFloats(floats(array), shape);
    }

    /** An ND4J array of the values: int64 for integer types, float32 otherwise. */
    public static INDArray fromNpy(NpyArray array) {
        long[] shape = array.shape();
        if (array.dtype().isFloatingPoint() || array.dtype() == NpyDType.BOOL) {
            return Nd4j.create(array.toFloatArray(), shape, 'c');
        }
        return Nd4j.createFromArray(array.toLongArray()).reshape('c', shape);
    }

    /** {@link #toNpy} of every entry. */
    public static Map<String, NpyArray> toNpy(Map<String, INDArray> arrays) {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        arrays.forEach((k, v) -> out.put(k, toNpy(v)));
        return out;
    }

    /** {@link #fromNpy} of every entry. */
    public static Map<String, INDArray> fromNpy(Map<String, NpyArray> arrays) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        arrays.forEach((k, v) -> out.put(k, fromNpy(v)));
        return out;
    }

    /** Copies {@code array}'s values, as float in C order, into {@code dst} from {@code offset}. */
    public static void copyInto(INDArray array, float[] dst, int offset) {
        float[] values = floats(array);
        System.arraycopy(values, 0, dst, offset, values.length);
    }

    /** {@code array}'s values as float, in C order (a copy). */
    public static float[] floats(INDArray array) {
        return array.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
