package org.synvae.music.note;

import java.nio.charset.StandardCharsets;

/**
 * Protocol buffers wire format, reading side: a cursor over one message's bytes. Problems are
 * {@link MalformedProtoException}s, which the caller turns into a message naming the file.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    /** Bytes that are not a valid message. */
    static final class MalformedProtoException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedProtoException(String message) {
            super(message);
        }
    }

    private final byte[] data;
    private int pos;
    private final int end;
    private int lastTag;

    ProtoReader(byte[] data) {
        this(data, 0, data.length);
    }

    private ProtoReader(byte[] data, int from, int to) {
        this.data = data;
        this.pos = from;
        this.end = to;
    }

    /** Whether another field follows. */
    boolean hasNext() {
        return pos < end;
    }

    /** Reads the next field's tag; returns its field number. */
    int next() throws MalformedProtoException {
        long tag = varint();
        int field = (int) (tag >>> 3);
        if (field <= 0 || tag >>> 3 > Integer.MAX_VALUE) {
            throw new MalformedProtoException("invalid field number " + (tag >>> 3) + " at byte " + pos);
        }
        lastTag = (int) tag;
        return field;
    }

    int wireType() {
        return lastTag & 7;
    }

    int int32() throws MalformedProtoException {
        expect(VARINT);
        return (int) varint();
    }

    boolean bool() throws MalformedProtoException {
        expect(VARINT);
        return varint() != 0;
    }

    double dbl() throws MalformedProtoException {
        expect(FIXED64);
        return Double.longBitsToDouble(fixed64());
    }

    String string() throws MalformedProtoException {
        expect(LENGTH_DELIMITED);
        int length = length();
        String s = new String(data, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    /** The embedded message in the current field. */
    ProtoReader message() throws MalformedProtoException {
        expect(LENGTH_DELIMITED);
        int length = length();
        ProtoReader sub = new ProtoReader(data, pos, pos + length);
        pos += length;
        return sub;
    }

    /** Skips the current field's value (for fields this reader does not know). */
    void skip() throws MalformedProtoException {
        switch (wireType()) {
            case VARINT -> varint();
            case FIXED64 -> advance(8);
            case LENGTH_DELIMITED -> advance(length());
            case FIXED32 -> advance(4);
            default -> throw new MalformedProtoException("unsupported wire type " + wireType() + " at byte " + pos);
        }
    }

    private void expect(int wireType) throws MalformedProtoException {
        if (wireType() != wireType) {
            throw new MalformedProtoException("field " + (lastTag >>> 3) + " has wire type " + wireType()
                    + ", expected " + wireType);
        }
    }

    private int length() throws MalformedProtoException {
        long length = varint();
        if (length < 0 || length > end - pos) {
            throw new MalformedProtoException("length " + length + " at byte " + pos + " runs past the end");
        }
        return (int) length;
    }

    private void advance(int n) throws MalformedProtoException {
        if (n > end - pos) {
            throw new MalformedProtoException("truncated at byte " + pos);
        }
        pos += n;
    }

    private long fixed64() throws MalformedProtoException {
        advance(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (data[pos - 8 + i] & 0xFFL) << (8 * i);
        }
        return v;
    }

    private long varint() throws MalformedProtoException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new MalformedProtoException("truncated varint at byte " + pos);
            }
            byte b = data[pos++];
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new MalformedProtoException("varint longer than 10 bytes at byte " + pos);
    }
}
