package org.synvae.music.checkpoint;

import java.io.ByteArrayOutputStream;

/**
 * Writes the protobuf wire format field by field. The callers leave out proto3 fields that hold
 * their default value, as protobuf's own serializer does, because the goal is TensorFlow's bytes.
 */
final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoWriter varint(int field, long value) {
        rawVarint(out, (long) field << 3 | ProtoReader.VARINT);
        rawVarint(out, value);
        return this;
    }

    ProtoWriter fixed32(int field, int value) {
        rawVarint(out, (long) field << 3 | ProtoReader.FIXED32);
        rawFixed32(out, value);
        return this;
    }

    ProtoWriter message(int field, byte[] message) {
        rawVarint(out, (long) field << 3 | ProtoReader.LENGTH_DELIMITED);
        rawVarint(out, message.length);
        out.writeBytes(message);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** A base-128 varint, least significant group first (negative values take ten bytes). */
    static void rawVarint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    static void rawFixed32(ByteArrayOutputStream out, int value) {
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }
}
