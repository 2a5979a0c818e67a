package org.synvae.music.checkpoint;

import java.nio.ByteOrder;
import org.synvae.data.io.NpyArray;
import org.synvae.data.io.NpyDType;

/**
 * TensorFlow's {@code DataType} enum codes, as stored in {@code BundleEntryProto.dtype}, with the
 * NumPy element type each one is read into. Types without a NumPy counterpart here (strings,
 * complex and quantized types, resources, unsigned 32/64-bit) are listed so that errors can name them.
 */
enum TfDataType {
    FLOAT(1, "float32", NpyDType.FLOAT32),
    DOUBLE(2, "float64", NpyDType.FLOAT64),
    INT32(3, "int32", NpyDType.INT32),
    UINT8(4, "uint8", NpyDType.UINT8),
    INT16(5, "int16", NpyDType.INT16),
    INT8(6, "int8", NpyDType.INT8),
    STRING(7, "string", null),
    COMPLEX64(8, "complex64", null),
    INT64(9, "int64", NpyDType.INT64),
    BOOL(10, "bool", NpyDType.BOOL),
    QINT8(11, "qint8", null),
    QUINT8(12, "quint8", null),
    QINT32(13, "qint32", null),
    /** Read as float32: NumPy (and NpyDType) have no bfloat16, and the widening is exact. */
    BFLOAT16(14, "bfloat16", NpyDType.FLOAT32),
    QINT16(15, "qint16", null),
    QUINT16(16, "quint16", null),
    UINT16(17, "uint16", NpyDType.UINT16),
    COMPLEX128(18, "complex128", null),
    HALF(19, "float16", NpyDType.FLOAT16),
    RESOURCE(20, "resource", null),
    VARIANT(21, "variant", null),
    UINT32(22, "uint32", null),
    UINT64(23, "uint64", null);

    /** The types {@link #toArray} reads, for error messages. */
    static final String SUPPORTED = "float32, float64, float16, bfloat16, int8, int16, int32, int64, uint8, uint16, bool";

    private final int code;
    private final String displayName;
    private final NpyDType npyType;

    TfDataType(int code, String displayName, NpyDType npyType) {
        this.code = code;
        this.displayName = displayName;
        this.npyType = npyType;
    }

    int code() {
        return code;
    }

    /** The NumPy-style name: {@code float32}, {@code float16}, {@code bfloat16}, ... */
    String displayName() {
        return displayName;
    }

    boolean isSupported() {
        return npyType != null;
    }

    /** Bytes per element in a checkpoint file (2 for bfloat16, although it is read as float32). */
    int fileItemSize() {
        return this == BFLOAT16 ? 2 : npyType.itemSize();
    }

    /** The type of a code, or null for a code TensorFlow does not define (or a {@code _REF} type). */
    static TfDataType ofCode(int code) {
        for (TfDataType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** A name for any code, known or not, for messages and {@link TensorInfo#dtype()}. */
    static String nameOf(int code) {
        TfDataType t = ofCode(code);
        return t != null ? t.displayName : "DataType " + code;
    }

    /** The TensorFlow type a NumPy element type is saved as; every NpyDType has one. */
    static TfDataType forNpy(NpyDType type) {
        for (TfDataType t : values()) {
            if (t.npyType == type && t != BFLOAT16) {
                return t;
            }
        }
        throw new IllegalArgumentException("no TensorFlow type for " + type);
    }

    /**
     * The array for raw tensor bytes as stored in a checkpoint.
     *
     * @param bytes the element bytes in {@code order}; not kept (NpyArray copies what it wraps)
     */
    NpyArray toArray(byte[] bytes, ByteOrder order, long[] shape) {
        if (this == BFLOAT16) {
            // bfloat16 is the top half of a float32: shifting its bits up 16 widens it exactly.
            byte[] widened = new byte[bytes.length * 2];
            boolean big = order == ByteOrder.BIG_ENDIAN;
            for (int i = 0, o = 0; i < bytes.length; i += 2, o += 4) {
                widened[o + 2] = bytes[big ? i + 1 : i];
                widened[o + 3] = bytes[big ? i : i + 1];
            }
            return NpyArray.ofRaw(NpyDType.FLOAT32, ByteOrder.LITTLE_ENDIAN, widened, shape);
        }
        return NpyArray.ofRaw(npyType, order, bytes, shape);
    }
}
