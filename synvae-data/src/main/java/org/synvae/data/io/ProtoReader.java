package org.synvae.data.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes one protocol-buffer message field by field: the counterpart of {@link ProtoWriter}, for
 * the few messages the project reads (TensorBoard events, NoteSequences). Malformed input raises
 * {@link ProtoFormatException}; callers turn it into an error that names the file.
 *
 * <pre>
 * for (int field = r.nextField(); field >= 0; field = r.nextField()) {
 *     switch (field) { case 1 -> x = r.int32(); default -> r.skip(); }
 * }
 * </pre>
 */
public final class ProtoReader {
    private final byte[] buf;
    private final int end;
    private int pos;
    private int wireType;

    /** A reader of the whole array. */
    public ProtoReader(byte[] message) {
        this(message, 0, message.length);
    }

    private ProtoReader(byte[] buf, int from, int to) {
        this.buf = buf;
        this.pos = from;
        this.end = to;
    }

    /** Reads the next field's tag and returns its field number, or -1 at the end of the message. */
    public int nextField() {
        if (pos >= end) {
            return -1;
        }
        long tag = rawVarint();
        wireType = (int) (tag & 7);
        long field = tag >>> 3;
        if (field <= 0 || field > Integer.MAX_VALUE) {
            throw new ProtoFormatException("invalid field number " + field + " at byte " + pos);
        }
        return (int) field;
    }

    /** The wire type of the field whose tag was read last. */
    public int wireType() {
        return wireType;
    }

    /** A varint field value ({@code int64}, {@code uint64}, enum). */
    public long varint() {
        expect(ProtoWriter.WIRE_VARINT);
        return rawVarint();
    }

    /** An {@code int32} field value. */
    public int int32() {
        return (int) varint();
    }

    /** A {@code bool} field value. */
    public boolean bool() {
        return varint() != 0;
    }

    /** A {@code double} field value. */
    public double float64() {
        expect(ProtoWriter.WIRE_FIXED64);
        return Double.longBitsToDouble(fixed(8));
    }

    /** A {@code float} field value. */
    public float float32() {
        expect(ProtoWriter.WIRE_FIXED32);
        return Float.intBitsToFloat((int) fixed(4));
    }

    /** A length-delimited field value: bytes, a string or an embedded message. */
    public byte[] bytes() {
        int length = length();
        byte[] value = Arrays.copyOfRange(buf, pos, pos + length);
        pos += length;
        return value;
    }

    /** A {@code string} field value. */
    public String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** An embedded message, read in place without copying. */
    public ProtoReader message() {
        int length = length();
        ProtoReader sub = new ProtoReader(buf, pos, pos + length);
        pos += length;
        return sub;
    }

    /** Skips the value of the field whose tag was read last, so unknown fields are tolerated. */
    public void skip() {
        switch (wireType) {
            case ProtoWriter.WIRE_VARINT -> rawVarint();
            case ProtoWriter.WIRE_FIXED64 -> fixed(8);
            case ProtoWriter.WIRE_LENGTH_DELIMITED -> {
                int length = length(); // first: "pos += length()" would add to the position before the length
                pos += length;
            }
            case ProtoWriter.WIRE_FIXED32 -> fixed(4);
            default -> throw new ProtoFormatException("unsupported wire type " + wireType + " at byte " + pos);
        }
    }

    private int length() {
        expect(ProtoWriter.WIRE_LENGTH_DELIMITED);
        long length = rawVarint();
        if (length < 0 || length > end - pos) {
            throw new ProtoFormatException("length " + length + " at byte " + pos + " runs past the message end");
        }
        return (int) length;
    }

    private long rawVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = next();
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new ProtoFormatException("varint longer than ten bytes at byte " + pos);
    }

    // A field of the right number but another wire type means the bytes are not what we expect.
    private void expect(int expectedWireType) {
        if (wireType != expectedWireType) {
            throw new ProtoFormatException("wire type " + wireType + " where " + expectedWireType + " was expected, before byte " + pos);
        }
    }

    private long fixed(int size) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (long) (next() & 0xFF) << (8 * i);
        }
        return value;
    }

    private byte next() {
        if (pos >= end) {
            throw new ProtoFormatException("message ends inside a field");
        }
        return buf[pos++];
    }
}
