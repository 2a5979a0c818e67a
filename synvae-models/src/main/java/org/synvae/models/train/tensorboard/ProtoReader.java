package org.synvae.models.train.tensorboard;

import org.synvae.data.io.ProtoWriter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes one protocol-buffer message field by field: the counterpart of {@link ProtoWriter}.
 * Malformed input raises {@link IllegalArgumentException}; callers turn it into an error that
 * names the file.
 */
final class ProtoReader {
    private final byte[] buf;
    private final int end;
    private int pos;
    private int wireType;

    ProtoReader(byte[] message) {
        this.buf = message;
        this.end = message.length;
    }

    /** Reads the next field's tag and returns its field number, or -1 at the end of the message. */
    int nextField() {
        if (pos >= end) {
            return -1;
        }
        long tag = rawVarint();
        wireType = (int) (tag & 7);
        int field = (int) (tag >>> 3);
        if (field <= 0) {
            throw new IllegalArgumentException("invalid field number " + field + " at byte " + pos);
        }
        return field;
    }

    /** The wire type of the field whose tag was read last. */
    int wireType() {
        return wireType;
    }

    /** Reads a varint field value ({@code int32}, {@code int64}, {@code bool}, enum). */
    long varint() {
        expect(ProtoWriter.WIRE_VARINT);
        return rawVarint();
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
        throw new IllegalArgumentException("varint longer than ten bytes at byte " + pos);
    }

    /** Reads a {@code double} field value. */
    double float64() {
        expect(ProtoWriter.WIRE_FIXED64);
        return Double.longBitsToDouble(fixed(8));
    }

    /** Reads a {@code float} field value. */
    float float32() {
        expect(ProtoWriter.WIRE_FIXED32);
        return Float.intBitsToFloat((int) fixed(4));
    }

    /** Reads a length-delimited field value: bytes, a string or an embedded message. */
    byte[] bytes() {
        expect(ProtoWriter.WIRE_LENGTH_DELIMITED);
        return rawBytes();
    }

    private byte[] rawBytes() {
        long length = rawVarint();
        if (length < 0 || length > end - pos) {
            throw new IllegalArgumentException("length " + length + " at byte " + pos + " runs past the message end");
        }
        byte[] value = Arrays.copyOfRange(buf, pos, pos + (int) length);
        pos += (int) length;
        return value;
    }

    /** Reads a {@code string} field value. */
    String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** Skips the value of the field whose tag was read last, so unknown fields are tolerated. */
    void skip() {
        switch (wireType) {
            case ProtoWriter.WIRE_VARINT -> rawVarint();
            case ProtoWriter.WIRE_FIXED64 -> fixed(8);
            case ProtoWriter.WIRE_LENGTH_DELIMITED -> rawBytes();
            case ProtoWriter.WIRE_FIXED32 -> fixed(4);
            default -> throw new IllegalArgumentException("unsupported wire type " + wireType + " at byte " + pos);
        }
    }

    // A field of the right number but another wire type means the bytes are not what we expect.
    private void expect(int expectedWireType) {
        if (wireType != expectedWireType) {
            throw new IllegalArgumentException("wire type " + wireType + " where " + expectedWireType
                    + " was expected, before byte " + pos);
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
            throw new IllegalArgumentException("message ends inside a field");
        }
        return buf[pos++];
    }
}
