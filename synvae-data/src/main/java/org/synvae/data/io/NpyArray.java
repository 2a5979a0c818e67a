package org.synvae.data.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable n-dimensional numeric array in C (row-major) order, as read from or written to
 * {@code .npy} files and NumPy pickles.
 *
 * <p>The elements are kept in their own dtype as little-endian bytes (a uint8 image set stays one
 * byte per pixel; nothing is widened until a converter is called), so an MNIST-sized array costs no
 * more memory than the file it came from. The total byte size is limited to what one Java array can
 * hold (about 2 GiB).
 */
public final class NpyArray {
    /** The largest Java array length that every JVM allocates. */
    static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private final NpyDType dtype;
    private final long[] shape;
    private final long size;
    private final byte[] data; // little endian, C order, never exposed
    private final ByteBuffer view; // absolute gets only, so it is safe to share between threads

    private NpyArray(NpyDType dtype, long[] shape, byte[] littleEndianData) {
        this.dtype = dtype;
        this.shape = shape;
        this.size = checkedSize(shape);
        if ((long) littleEndianData.length != size * dtype.itemSize()) {
            throw new IllegalArgumentException("data holds " + littleEndianData.length / dtype.itemSize()
                    + " elements but shape " + shapeString(shape) + " needs " + size);
        }
        this.data = littleEndianData;
        this.view = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Takes ownership of {@code littleEndianData} without copying: for the readers in this package,
     * which have just allocated it. The caller must check the shape against the byte count first
     * (see {@link #byteCount}).
     */
    static NpyArray wrap(NpyDType dtype, long[] shape, byte[] littleEndianData) {
        return new NpyArray(dtype, shape.clone(), littleEndianData);
    }

    /**
     * The number of data bytes an array of this dtype and shape needs.
     *
     * @throws IllegalArgumentException if a dimension is negative or the array is too large for one Java array
     */
    static int byteCount(NpyDType dtype, long[] shape) {
        long bytes;
        try {
            bytes = Math.multiplyExact(checkedSize(shape), dtype.itemSize());
        } catch (ArithmeticException e) {
            bytes = Long.MAX_VALUE;
        }
        if (bytes > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("array of shape " + shapeString(shape) + " and dtype " + dtype
                    + " is too large (over 2 GiB)");
        }
        return (int) bytes;
    }

    // ---- factories -------------------------------------------------------------------------

    /** A FLOAT32 array; {@code data} is copied. */
    public static NpyArray ofFloats(float[] data, long... shape) {
        checkLength(data.length, shape);
        ByteBuffer b = allocate(data.length * 4L);
        b.asFloatBuffer().put(data);
        return new NpyArray(NpyDType.FLOAT32, shape.clone(), b.array());
    }

    /** A FLOAT64 array; {@code data} is copied. */
    public static NpyArray ofDoubles(double[] data, long... shape) {
        checkLength(data.length, shape);
        ByteBuffer b = allocate(data.length * 8L);
        b.asDoubleBuffer().put(data);
        return new NpyArray(NpyDType.FLOAT64, shape.clone(), b.array());
    }

    /** An INT64 array; {@code data} is copied. */
    public static NpyArray ofLongs(long[] data, long... shape) {
        checkLength(data.length, shape);
        ByteBuffer b = allocate(data.length * 8L);
        b.asLongBuffer().put(data);
        return new NpyArray(NpyDType.INT64, shape.clone(), b.array());
    }

    /** An INT64 matrix [rows, columns] of equally long int rows (e.g. melody tokens per step). */
    public static NpyArray ofLongRows(int[][] rows) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        long[] flat = new long[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != columns) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, row 0 has " + columns);
            }
            for (int j = 0; j < columns; j++) {
                flat[i * columns + j] = rows[i][j];
            }
        }
        return ofLongs(flat, rows.length, columns);
    }

    /** An INT32 array; {@code data} is copied. */
    public static NpyArray ofInts(int[] data, long... shape) {
        checkLength(data.length, shape);
        ByteBuffer b = allocate(data.length * 4L);
        b.asIntBuffer().put(data);
        return new NpyArray(NpyDType.INT32, shape.clone(), b.array());
    }

    /**
     * A one-byte array (UINT8, INT8 or BOOL); {@code data} is copied. For UINT8 the bytes are read as
     * unsigned (byte {@code -1} is 255); for BOOL any non-zero byte is true.
     */
    public static NpyArray ofBytes(NpyDType uint8OrInt8OrBool, byte[] data, long... shape) {
        if (uint8OrInt8OrBool.itemSize() != 1) {
            throw new IllegalArgumentException("ofBytes needs a one-byte dtype, not " + uint8OrInt8OrBool);
        }
        checkLength(data.length, shape);
        return new NpyArray(uint8OrInt8OrBool, shape.clone(), data.clone());
    }

    /**
     * An array of any dtype from its raw element bytes in the given byte order (as found in a file);
     * {@code data} is copied.
     */
    public static NpyArray ofRaw(NpyDType dtype, ByteOrder order, byte[] data, long... shape) {
        byte[] copy = data.clone();
        if (order == ByteOrder.BIG_ENDIAN) {
            swapInPlace(copy, dtype.itemSize());
        }
        return new NpyArray(dtype, shape.clone(), copy);
    }

    // ---- accessors -------------------------------------------------------------------------

    /** The element type. */
    public NpyDType dtype() {
        return dtype;
    }

    /** The dimensions, outermost first; a copy. An empty shape is a 0-d (scalar) array of size 1. */
    public long[] shape() {
        return shape.clone();
    }

    /** The number of dimensions. */
    public int ndim() {
        return shape.length;
    }

    /** The length of one dimension. */
    public long shape(int axis) {
        return shape[axis];
    }

    /** The number of elements: the product of the shape. */
    public long size() {
        return size;
    }

    /** A read-only little-endian view of the raw element bytes in C order, for fast bulk access without copying. */
    public ByteBuffer asReadOnlyBuffer() {
        return view.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The raw little-endian bytes, not copied: only for writers in this package. */
    byte[] rawLittleEndian() {
        return data;
    }

    /** One element as a float (unsigned for UINT8/UINT16, 0 or 1 for BOOL; INT64 may round). */
    public float getFloat(long flatIndex) {
        int i = checkIndex(flatIndex);
        return switch (dtype) {
            case FLOAT32 -> view.getFloat(i * 4);
            case FLOAT16 -> Half.toFloat(view.getShort(i * 2));
            case FLOAT64 -> (float) view.getDouble(i * 8);
            case INT64 -> (float) view.getLong(i * 8);
            default -> (float) integerAt(i);
        };
    }

    /**
     * One element as an int.
     *
     * @throws ArithmeticException if the value does not fit in an int, or is a float that is not a whole number
     */
    public int getInt(long flatIndex) {
        int i = checkIndex(flatIndex);
        return toIntExact(longAt(i), i);
    }

    /** All elements as floats, in C order (see {@link #getFloat}). */
    public float[] toFloatArray() {
        float[] out = new float[(int) size];
        if (dtype == NpyDType.FLOAT32) {
            view.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = getFloat(i);
            }
        }
        return out;
    }

    /** All elements as doubles, in C order (exact for every dtype except INT64 beyond 2^53). */
    public double[] toDoubleArray() {
        double[] out = new double[(int) size];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubleAt(i);
        }
        return out;
    }

    /**
     * All elements as longs, in C order.
     *
     * @throws ArithmeticException if a float element is not a whole number in the long range
     */
    public long[] toLongArray() {
        long[] out = new long[(int) size];
        for (int i = 0; i < out.length; i++) {
            out[i] = longAt(i);
        }
        return out;
    }

    /**
     * All elements as ints, in C order: labels saved as int64 or float64 convert as long as every
     * value is a whole number in the int range.
     *
     * @throws ArithmeticException naming the first value and index that does not fit
     */
    public int[] toIntArray() {
        int[] out = new int[(int) size];
        for (int i = 0; i < out.length; i++) {
            out[i] = toIntExact(longAt(i), i);
        }
        return out;
    }

    /**
     * The flat index of the first NaN or infinite element in C order, or -1 when every element is
     * finite (always for integer and boolean dtypes).
     */
    public long firstNonFinite() {
        if (!dtype.isFloatingPoint()) {
            return -1;
        }
        for (int i = 0; i < size; i++) {
            if (!Double.isFinite(doubleAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The index along each axis of the element at {@code flatIndex} (C order). */
    public long[] unravel(long flatIndex) {
        checkIndex(flatIndex);
        long[] index = new long[shape.length];
        long rest = flatIndex;
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            index[axis] = rest % shape[axis];
            rest /= shape[axis];
        }
        return index;
    }

    // ---- element decoding ------------------------------------------------------------------

    private long integerAt(int i) {
        return switch (dtype) {
            case BOOL -> data[i] != 0 ? 1 : 0;
            case INT8 -> data[i];
            case UINT8 -> data[i] & 0xFF;
            case INT16 -> view.getShort(i * 2);
            case UINT16 -> view.getShort(i * 2) & 0xFFFF;
            case INT32 -> view.getInt(i * 4);
            case INT64 -> view.getLong(i * 8);
            default -> throw new AssertionError(dtype);
        };
    }

    private double doubleAt(int i) {
        return switch (dtype) {
            case FLOAT16 -> Half.toFloat(view.getShort(i * 2));
            case FLOAT32 -> view.getFloat(i * 4);
            case FLOAT64 -> view.getDouble(i * 8);
            default -> integerAt(i);
        };
    }

    private long longAt(int i) {
        if (!dtype.isFloatingPoint()) {
            return integerAt(i);
        }
        double d = doubleAt(i);
        // 2^63 itself is not a long, hence the strict upper bound.
        if (d != Math.rint(d) || d < -0x1p63 || d >= 0x1p63) {
            throw new ArithmeticException(dtype + " value " + d + " at index " + i + " is not a whole number in the long range");
        }
        return (long) d;
    }

    private static int toIntExact(long v, int i) {
        if (v != (int) v) {
            throw new ArithmeticException("value " + v + " at index " + i + " does not fit in an int");
        }
        return (int) v;
    }

    private int checkIndex(long flatIndex) {
        if (flatIndex < 0 || flatIndex >= size) {
            throw new IndexOutOfBoundsException("flat index " + flatIndex + " out of bounds for size " + size);
        }
        return (int) flatIndex;
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static ByteBuffer allocate(long bytes) {
        if (bytes > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("array too large (over 2 GiB)");
        }
        return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void checkLength(int length, long[] shape) {
        long expected = checkedSize(shape);
        if (expected != length) {
            throw new IllegalArgumentException("shape " + shapeString(shape) + " needs " + expected
                    + " elements but data has " + length);
        }
    }

    private static long checkedSize(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + shapeString(shape));
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("shape " + shapeString(shape) + " overflows a long", e);
            }
        }
        return n;
    }

    static void swapInPlace(byte[] b, int itemSize) {
        if (itemSize == 1) {
            return;
        }
        for (int off = 0; off + itemSize <= b.length; off += itemSize) {
            for (int lo = off, hi = off + itemSize - 1; lo < hi; lo++, hi--) {
                byte t = b[lo];
                b[lo] = b[hi];
                b[hi] = t;
            }
        }
    }

    /** A shape the way Python prints a tuple: {@code ()}, {@code (5,)}, {@code (3, 4)}. */
    static String shapeString(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(')').toString();
    }

    /** Equal when dtype, shape and every element's bytes are equal (so NaNs with equal bits compare equal). */
    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray other && dtype == other.dtype && Arrays.equals(shape, other.shape)
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype + " " + shapeString(shape) + "]";
    }

    /** IEEE 754 half precision to float (Float.float16ToFloat only arrives in Java 20). */
    static final class Half {
        private Half() {
        }

        static float toFloat(short bits) {
            int h = bits & 0xFFFF;
            int sign = (h & 0x8000) << 16;
            int exp = (h >>> 10) & 0x1F;
            int mant = h & 0x3FF;
            if (exp == 0x1F) { // infinity or NaN: keep the payload
                return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
            }
            if (exp == 0) {
                // zero or subnormal: the value is mant * 2^-24 exactly
                float v = mant * 0x1p-24f;
                return sign != 0 ? -v : v;
            }
            return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
        }
    }
}
