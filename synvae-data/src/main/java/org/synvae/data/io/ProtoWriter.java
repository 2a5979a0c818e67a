package org.synvae.data.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes one protocol-buffer message by hand: the project writes a few small messages
 * (TensorBoard events, NoteSequences, TensorFlow bundle entries) and needs no protobuf runtime.
 * Wire types varint (0), fixed64 (1), length-delimited (2) and fixed32 (5); fields come out in the
 * order the caller writes them.
 *
 * <p>{@link #explicit()} writes every field it is given; {@link #proto3()} leaves out scalars at
 * their default (0, false, 0.0, ""), as proto3 serializers do, which is what byte-exact output
 * needs. Embedded messages are always written (a repeated element must stay, even when empty).
 */
public final class ProtoWriter {
    /** Wire type of varint fields. */
    public static final int WIRE_VARINT = 0;
    /** Wire type of 64-bit fixed fields. */
    public static final int WIRE_FIXED64 = 1;
    /** Wire type of length-delimited fields. */
    public static final int WIRE_LENGTH_DELIMITED = 2;
    /** Wire type of 32-bit fixed fields. */
    public static final int WIRE_FIXED32 = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean omitDefaults;

    private ProtoWriter(boolean omitDefaults) {
        this.omitDefaults = omitDefaults;
    }

    /** A writer that writes every field it is given. */
    public static ProtoWriter explicit() {
        return new ProtoWriter(false);
    }

    /** A writer that leaves out scalar fields at their default value (proto3 semantics). */
    public static ProtoWriter proto3() {
        return new ProtoWriter(true);
    }

    /** An {@code int64} (or enum, uint64) field. */
    public ProtoWriter int64(int field, long value) {
        if (!(omitDefaults && value == 0)) {
            tag(field, WIRE_VARINT);
            writeVarint(out, value);
        }
        return this;
    }

    /** An {@code int32} field; negative values take ten bytes, as the protobuf spec says. */
    public ProtoWriter int32(int field, int value) {
        return int64(field, value);
    }

    /** A {@code bool} field. */
    public ProtoWriter bool(int field, boolean value) {
        return int64(field, value ? 1 : 0);
    }

    /** A {@code double} field. */
    public ProtoWriter float64(int field, double value) {
        long bits = Double.doubleToRawLongBits(value);
        if (!(omitDefaults && bits == 0L)) {
            tag(field, WIRE_FIXED64);
            writeFixed32(out, (int) bits);
            writeFixed32(out, (int) (bits >>> 32));
        }
        return this;
    }

    /** A {@code float} field. */
    public ProtoWriter float32(int field, float value) {
        return fixed32(field, Float.floatToRawIntBits(value));
    }

    /** A {@code fixed32} field. */
    public ProtoWriter fixed32(int field, int value) {
        if (!(omitDefaults && value == 0)) {
            tag(field, WIRE_FIXED32);
            writeFixed32(out, value);
        }
        return this;
    }

    /** A {@code string} field in UTF-8. */
    public ProtoWriter string(int field, String value) {
        if (!(omitDefaults && value.isEmpty())) {
            lengthDelimited(field, value.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    /** A {@code bytes} field. */
    public ProtoWriter bytes(int field, byte[] value) {
        if (!(omitDefaults && value.length == 0)) {
            lengthDelimited(field, value);
        }
        return this;
    }

    /** An embedded message, written even when empty. */
    public ProtoWriter message(int field, ProtoWriter message) {
        return message(field, message.toByteArray());
    }

    /** An embedded message already encoded, written even when empty. */
    public ProtoWriter message(int field, byte[] message) {
        lengthDelimited(field, message);
        return this;
    }

    /** The encoded message. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** A base-128 varint, least significant group first; negative values take ten bytes. */
    public static void writeVarint(ByteArrayOutputStream to, long value) {
        long v = value;
        // Unsigned shift: negative values end after ten bytes instead of looping forever.
        while ((v & ~0x7FL) != 0) {
            to.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        to.write((int) v);
    }

    /** Four bytes, little-endian. */
    public static void writeFixed32(ByteArrayOutputStream to, int value) {
        to.write(value);
        to.write(value >>> 8);
        to.write(value >>> 16);
        to.write(value >>> 24);
    }

    private void lengthDelimited(int field, byte[] value) {
        tag(field, WIRE_LENGTH_DELIMITED);
        writeVarint(out, value.length);
        out.writeBytes(value);
    }

    private void tag(int field, int wireType) {
        writeVarint(out, ((long) field << 3) | wireType);
    }
}
