package org.synvae.music.note;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Protocol buffers wire format, writing side: proto3 semantics (fields at their default are left out). */
final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void int32(int field, int value) {
        if (value != 0) {
            tag(field, ProtoReader.VARINT);
            varint(value); // negative int32 values are sign-extended to 10 bytes, as protobuf does
        }
    }

    void bool(int field, boolean value) {
        if (value) {
            tag(field, ProtoReader.VARINT);
            varint(1);
        }
    }

    void dbl(int field, double value) {
        if (Double.doubleToRawLongBits(value) != 0L) {
            tag(field, ProtoReader.FIXED64);
            long bits = Double.doubleToRawLongBits(value);
            for (int i = 0; i < 8; i++) {
                out.write((int) (bits >>> (8 * i)) & 0xFF);
            }
        }
    }

    void string(int field, String value) {
        if (!value.isEmpty()) {
            bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An embedded message: always written, even when empty (a repeated element must stay). */
    void message(int field, ProtoWriter message) {
        bytes(field, message.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void bytes(int field, byte[] value) {
        tag(field, ProtoReader.LENGTH_DELIMITED);
        varint(value.length);
        out.write(value, 0, value.length);
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    private void varint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
