package org.synvae.data.io;

import java.nio.ByteOrder;
import java.util.Locale;

/**
 * The numeric NumPy element types that SynVAE reads and writes, with their {@code descr} codes as
 * they appear in {@code .npy} headers (e.g. {@code '<f4'}) and, without the byte-order character,
 * in pickled {@code numpy.dtype} objects (e.g. {@code 'f4'}).
 *
 * <p>Object, string, complex, structured and datetime dtypes are deliberately absent: SynVAE only
 * exchanges plain numeric tensors with Python, and refusing the rest keeps the readers small.
 */
public enum NpyDType {
    BOOL('b', 1),
    INT8('i', 1),
    UINT8('u', 1),
    INT16('i', 2),
    UINT16('u', 2),
    INT32('i', 4),
    INT64('i', 8),
    FLOAT16('f', 2),
    FLOAT32('f', 4),
    FLOAT64('f', 8);

    private final char kind;
    private final int itemSize;

    NpyDType(char kind, int itemSize) {
        this.kind = kind;
        this.itemSize = itemSize;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** True for FLOAT16, FLOAT32 and FLOAT64. */
    public boolean isFloatingPoint() {
        return kind == 'f';
    }

    /** The type code without byte order, as NumPy's {@code dtype.str[1:]}: {@code "f4"}, {@code "u1"}, {@code "b1"}. */
    public String typeCode() {
        return "" + kind + itemSize;
    }

    /**
     * The little-endian descr that {@link Npy#write} puts in headers, exactly as NumPy spells it:
     * {@code '|'} for one-byte types (byte order is meaningless there), {@code '<'} otherwise.
     */
    public String descr() {
        return (itemSize == 1 ? "|" : "<") + typeCode();
    }

    /**
     * Parses a descr such as {@code "<f4"}, {@code ">i8"}, {@code "|u1"}, {@code "=f8"} or a bare
     * {@code "f4"} into its element type; the byte order is read with {@link #byteOrderOf}.
     *
     * @throws IllegalArgumentException naming the descr when it is not one of the supported types
     */
    public static NpyDType fromDescr(String descr) {
        String code = stripOrder(descr);
        for (NpyDType t : values()) {
            if (t.typeCode().equals(code)) {
                return t;
            }
        }
        // Friendly names for the commonest refusals, so users know what to convert to.
        String why = switch (code.isEmpty() ? ' ' : code.charAt(0)) {
            case 'O' -> " (object arrays are not supported)";
            case 'c' -> " (complex numbers are not supported)";
            case 'U', 'S', 'a' -> " (string arrays are not supported)";
            case 'M', 'm' -> " (datetime arrays are not supported)";
            case 'V' -> " (structured/void arrays are not supported)";
            default -> "";
        };
        throw new IllegalArgumentException("unsupported dtype '" + Text.oneLine(descr) + "'" + why
                + "; supported: bool, int8, uint8, int16, uint16, int32, int64, float16, float32, float64");
    }

    /**
     * The byte order of a descr: {@code '>'} is big endian, {@code '<'} little endian, and
     * {@code '='}, {@code '|'} or no prefix mean the writer's native order, which for every platform
     * NumPy is used on in practice (x86, ARM) is little endian.
     */
    public static ByteOrder byteOrderOf(String descr) {
        return !descr.isEmpty() && descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    private static String stripOrder(String descr) {
        if (!descr.isEmpty() && "<>|=".indexOf(descr.charAt(0)) >= 0) {
            return descr.substring(1);
        }
        return descr;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
