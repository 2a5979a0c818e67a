package org.synvae.music.checkpoint;

import java.nio.file.Path;
import org.synvae.data.InvalidDataException;

/**
 * Reads the protobuf wire format (and LevelDB's varints, which are the same) from a range of a
 * byte array: just enough for the few messages of a tensor bundle, so no protobuf dependency is
 * needed. Every malformed input ends in an {@link InvalidDataException} naming the file.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] buf;
    private final int limit;
    private final Path source;
    private final String what;
    private int pos;

    /**
     * @param what the structure being read, for messages ("BundleEntryProto of 'x'")
     */
    ProtoReader(byte[] buf, int offset, int length, Path source, String what) {
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
        this.source = source;
        this.what = what;
    }

    boolean hasMore() {
        return pos < limit;
    }

    int position() {
        return pos;
    }

    /** The next field's tag: field number {@code tag >>> 3}, wire type {@code tag & 7}. */
    int readTag() {
        long tag = readVarint();
        if (tag >>> 3 == 0 || tag > Integer.MAX_VALUE) {
            throw corrupt("invalid field tag " + tag);
        }
        return (int) tag;
    }

    /** Fails unless the field of {@code tag} has the wire type that its definition needs. */
    void expectWireType(int tag, int wireType) {
        if ((tag & 7) != wireType) {
            throw corrupt("field " + (tag >>> 3) + " has wire type " + (tag & 7) + ", expected " + wireType);
        }
    }

    long readVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw corrupt("truncated varint");
            }
            int b = buf[pos++];
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw corrupt("varint longer than 10 bytes");
    }

    /** A LevelDB varint32: a length or count that must fit in 32 unsigned bits. */
    long readVarint32() {
        long v = readVarint();
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw corrupt("value " + Long.toUnsignedString(v) + " does not fit in 32 bits");
        }
        return v;
    }

    int readFixed32() {
        need(4);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    /** {@code length} raw bytes. */
    byte[] readRaw(long length) {
        need(length);
        byte[] out = new byte[(int) length];
        System.arraycopy(buf, pos, out, 0, out.length);
        pos += out.length;
        return out;
    }

    /** A length-delimited field read as a nested message. */
    ProtoReader readMessage(String nestedWhat) {
        int length = readLength();
        ProtoReader nested = new ProtoReader(buf, pos, length, source, nestedWhat);
        pos += length;
        return nested;
    }

    /** Skips a field of an unknown number, as protobuf parsers do for forward compatibility. */
    void skip(int tag) {
        switch (tag & 7) {
            case VARINT -> readVarint();
            case FIXED64 -> {
                need(8);
                pos += 8;
            }
            case LENGTH_DELIMITED -> {
                int length = readLength(); // before the +=, which would otherwise add to the old position
                pos += length;
            }
            case FIXED32 -> {
                need(4);
                pos += 4;
            }
            default -> throw corrupt("unsupported wire type " + (tag & 7) + " in field " + (tag >>> 3));
        }
    }

    /** An error about the structure being read. */
    InvalidDataException corrupt(String problem) {
        return InvalidDataException.of(source, "corrupt " + what + ": " + problem);
    }

    private int readLength() {
        long length = readVarint();
        need(length);
        return (int) length;
    }

    private void need(long length) {
        if (length < 0 || length > limit - pos) {
            throw corrupt("needs " + Long.toUnsignedString(length) + " bytes but only " + (limit - pos) + " remain");
        }
    }
}
