package org.synvae.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class NpyArrayTest {
    @Test
    void factoriesKeepShapeAndValues() {
        NpyArray a = NpyArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(a.dtype()).isEqualTo(NpyDType.FLOAT32);
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.size()).isEqualTo(6);
        assertThat(a.ndim()).isEqualTo(2);
        assertThat(a.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(a.toDoubleArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(a.toIntArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(a.getFloat(5)).isEqualTo(6f);
        assertThat(a.getInt(0)).isEqualTo(1);

        assertThat(NpyArray.ofDoubles(new double[] {0.5}, 1).toFloatArray()).containsExactly(0.5f);
        assertThat(NpyArray.ofLongs(new long[] {Long.MIN_VALUE, 7}, 2).toLongArray()).containsExactly(Long.MIN_VALUE, 7);
        assertThat(NpyArray.ofInts(new int[] {-1, 2}, 2).toLongArray()).containsExactly(-1, 2);
    }

    @Test
    void shapeIsDefensivelyCopied() {
        long[] shape = {2, 2};
        NpyArray a = NpyArray.ofInts(new int[4], shape);
        shape[0] = 4;
        a.shape()[1] = 9;
        assertThat(a.shape()).containsExactly(2, 2);
    }

    @Test
    void dataIsCopiedOnCreation() {
        byte[] data = {1, 2};
        NpyArray a = NpyArray.ofBytes(NpyDType.UINT8, data, 2);
        data[0] = 9;
        assertThat(a.getInt(0)).isEqualTo(1);
    }

    @Test
    void factoriesRejectShapeMismatch() {
        assertThatThrownBy(() -> NpyArray.ofFloats(new float[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2, 3)").hasMessageContaining("5");
        assertThatThrownBy(() -> NpyArray.ofInts(new int[0], -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NpyArray.ofBytes(NpyDType.INT16, new byte[2], 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scalarShapeHasOneElement() {
        NpyArray a = NpyArray.ofDoubles(new double[] {2.5});
        assertThat(a.shape()).isEmpty();
        assertThat(a.size()).isEqualTo(1);
    }

    @Test
    void uint8StaysOneBytePerElementAndReadsUnsigned() {
        NpyArray a = NpyArray.ofBytes(NpyDType.UINT8, new byte[] {(byte) 255, 0, (byte) 128}, 3);
        assertThat(a.asReadOnlyBuffer().capacity()).isEqualTo(3);
        assertThat(a.toIntArray()).containsExactly(255, 0, 128);
        assertThat(a.getFloat(0)).isEqualTo(255f);
        NpyArray s = NpyArray.ofBytes(NpyDType.INT8, new byte[] {(byte) 255}, 1);
        assertThat(s.getInt(0)).isEqualTo(-1);
        NpyArray b = NpyArray.ofBytes(NpyDType.BOOL, new byte[] {0, 5}, 2);
        assertThat(b.toIntArray()).containsExactly(0, 1);
    }

    @Test
    void intConversionFailsClearly() {
        NpyArray big = NpyArray.ofLongs(new long[] {1, 1L << 40}, 2);
        assertThatThrownBy(big::toIntArray).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("1099511627776").hasMessageContaining("index 1");
        assertThatThrownBy(() -> big.getInt(1)).isInstanceOf(ArithmeticException.class);
        NpyArray frac = NpyArray.ofDoubles(new double[] {1.0, 2.5}, 2);
        assertThatThrownBy(frac::toIntArray).isInstanceOf(ArithmeticException.class).hasMessageContaining("2.5");
        assertThatThrownBy(frac::toLongArray).isInstanceOf(ArithmeticException.class);
        NpyArray nan = NpyArray.ofFloats(new float[] {Float.NaN}, 1);
        assertThatThrownBy(nan::toLongArray).isInstanceOf(ArithmeticException.class);
        assertThat(NpyArray.ofDoubles(new double[] {3, 9}, 2).toIntArray()).containsExactly(3, 9);
    }

    @Test
    void indexOutOfBounds() {
        NpyArray a = NpyArray.ofInts(new int[] {1}, 1);
        assertThatThrownBy(() -> a.getFloat(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> a.getInt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rawBigEndianIsSwapped() {
        byte[] be = {0x3f, (byte) 0x80, 0, 0, 0x40, 0, 0, 0}; // 1.0f, 2.0f big endian
        NpyArray a = NpyArray.ofRaw(NpyDType.FLOAT32, ByteOrder.BIG_ENDIAN, be, 2);
        assertThat(a.toFloatArray()).containsExactly(1f, 2f);
        assertThat(be[0]).isEqualTo((byte) 0x3f);
    }

    @Test
    void halfPrecision() {
        assertThat(NpyArray.Half.toFloat((short) 0x3800)).isEqualTo(0.5f);
        assertThat(NpyArray.Half.toFloat((short) 0xC000)).isEqualTo(-2f);
        assertThat(NpyArray.Half.toFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(NpyArray.Half.toFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(NpyArray.Half.toFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(NpyArray.Half.toFloat((short) 0x7E00)).isNaN();
        assertThat(Float.floatToIntBits(NpyArray.Half.toFloat((short) 0x8000))).isEqualTo(Float.floatToIntBits(-0f));
    }

    @Test
    void valueEquality() {
        assertThat(NpyArray.ofInts(new int[] {1, 2}, 2)).isEqualTo(NpyArray.ofInts(new int[] {1, 2}, 2))
                .hasSameHashCodeAs(NpyArray.ofInts(new int[] {1, 2}, 2))
                .isNotEqualTo(NpyArray.ofInts(new int[] {1, 2}, 1, 2))
                .isNotEqualTo(NpyArray.ofLongs(new long[] {1, 2}, 2));
        assertThat(NpyArray.ofFloats(new float[6], 2, 3)).hasToString("NpyArray[float32 (2, 3)]");
    }

    @Test
    void dtypeDescrs() {
        assertThat(NpyDType.UINT8.descr()).isEqualTo("|u1");
        assertThat(NpyDType.BOOL.descr()).isEqualTo("|b1");
        assertThat(NpyDType.FLOAT32.descr()).isEqualTo("<f4");
        assertThat(NpyDType.INT64.descr()).isEqualTo("<i8");
        for (NpyDType t : NpyDType.values()) {
            assertThat(NpyDType.fromDescr(t.descr())).isEqualTo(t);
            assertThat(NpyDType.fromDescr(">" + t.typeCode())).isEqualTo(t);
            assertThat(NpyDType.fromDescr("=" + t.typeCode())).isEqualTo(t);
            assertThat(NpyDType.fromDescr(t.typeCode())).isEqualTo(t);
        }
        assertThat(NpyDType.byteOrderOf(">f8")).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(NpyDType.byteOrderOf("<f8")).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThat(NpyDType.byteOrderOf("|u1")).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> NpyDType.fromDescr("|O")).hasMessageContaining("object");
        assertThatThrownBy(() -> NpyDType.fromDescr("<c8")).hasMessageContaining("complex");
        assertThatThrownBy(() -> NpyDType.fromDescr("<U3")).hasMessageContaining("string");
        assertThatThrownBy(() -> NpyDType.fromDescr("<u4")).hasMessageContaining("'<u4'");
    }

    @Test
    void findsTheFirstNonFiniteElementAndItsIndexPerAxis() {
        NpyArray a = NpyArray.ofFloats(new float[] {0, 1, 2, 3, 4, Float.NaN, 6, Float.POSITIVE_INFINITY, 8, 9, 10, 11}, 2, 3, 2);
        assertThat(a.firstNonFinite()).isEqualTo(5);
        assertThat(a.unravel(5)).containsExactly(0, 2, 1);
        assertThat(a.unravel(7)).containsExactly(1, 0, 1);
        assertThat(NpyArray.ofDoubles(new double[] {1, Double.NEGATIVE_INFINITY}, 1, 2).firstNonFinite()).isEqualTo(1);
        assertThat(NpyArray.ofFloats(new float[] {1, 2}, 2).firstNonFinite()).isEqualTo(-1);
        assertThat(NpyArray.ofInts(new int[] {1, 2}, 2).firstNonFinite()).isEqualTo(-1);
        assertThatThrownBy(() -> a.unravel(12)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
