package org.synvae.models.train.tensorboard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes one protocol-buffer message by hand. Only the wire types that TensorBoard's {@code Event}
 * and {@code Summary} messages use are supported: varint (0), fixed64 (1), length-delimited (2) and
 * fixed32 (5). Fields are written in the order the caller gives; protobuf readers accept any order.
 */
final class ProtoWriter {
    static final int WIRE_VARINT = 0;
    static final int WIRE_FIXED64 = 1;
    static final int WIRE_LENGTH_DELIMITED = 2;
    static final int WIRE_FIXED32 = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Writes an {@code int64} field. */
    ProtoWriter int64(int field, long value) {
        tag(field, WIRE_VARINT);
        varint(value);
        return this;
    }

    /** Writes an {@code int32} field; negative values take ten bytes, as the protobuf spec says. */
    ProtoWriter int32(int field, int value) {
        // Sign extension to 64 bits is what protobuf does for negative int32 values.
        return int64(field, value);
    }

    /** Writes a {@code double} field. */
    ProtoWriter float64(int field, double value) {
        tag(field, WIRE_FIXED64);
        long bits = Double.doubleToRawLongBits(value);
        for (int i = 0; i < 8; i++) {
            out.write((int) (bits >>> (8 * i)));
        }
        return this;
    }

    /** Writes a {@code float} field. */
    ProtoWriter float32(int field, float value) {
        tag(field, WIRE_FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int i = 0; i < 4; i++) {
            out.write(bits >>> (8 * i));
        }
        return this;
    }

    /** Writes a {@code string} field in UTF-8. */
    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a {@code bytes} field, or an embedded message already encoded. */
    ProtoWriter bytes(int field, byte[] value) {
        tag(field, WIRE_LENGTH_DELIMITED);
        varint(value.length);
        out.writeBytes(value);
        return this;
    }

    /** Writes an embedded message. */
    ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    /** The encoded message. */
    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    private void varint(long value) {
        long v = value;
        // Unsigned shift: negative values end after ten bytes instead of looping forever.
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
