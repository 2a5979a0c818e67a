package org.synvae.data.io;

import java.nio.ByteBuffer;

/**
 * The content of an MNIST idx file of unsigned bytes: its dimensions and its data in C order, held
 * in a single {@code byte[]} (60000 images of 28x28 take 47 MB). Immutable.
 */
public final class IdxArray {
    private final int[] dims;
    private final byte[] data;

    IdxArray(int[] dims, byte[] data) {
        this.dims = dims.clone();
        this.data = data; // freshly read by IdxFile and never handed out
    }

    /** The dimensions, outermost first (e.g. {@code [60000, 28, 28]}); a copy. */
    public int[] dims() {
        return dims.clone();
    }

    /** The number of items: the first dimension. */
    public int count() {
        return dims[0];
    }

    /** Elements per item: the product of the dimensions after the first (1 for label files). */
    public int itemSize() {
        int n = 1;
        for (int i = 1; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** The total number of elements. */
    public int size() {
        return data.length;
    }

    /** One element, 0 to 255. */
    public int getUnsigned(int flatIndex) {
        return data[flatIndex] & 0xFF;
    }

    /** A read-only view of all elements (unsigned bytes, C order) for bulk access without a copy. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** A copy of all elements (unsigned bytes, C order). */
    public byte[] data() {
        return data.clone();
    }

    /** The same content as a UINT8 {@link NpyArray}; the data is copied. */
    public NpyArray toNpyArray() {
        long[] shape = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = dims[i];
        }
        return NpyArray.ofBytes(NpyDType.UINT8, data, shape);
    }
}
