package org.synvae.models.train.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProtoWriterTest {

    @Test
    void encodesVarintsAsInTheProtobufSpec() {
        // From the protobuf encoding guide: field 1 = 150 is 08 96 01.
        assertThat(new ProtoWriter().int64(1, 150).toByteArray()).containsExactly(0x08, 0x96, 0x01);
        // Negative int32 values are sign-extended to ten bytes.
        assertThat(new ProtoWriter().int32(1, -1).toByteArray())
                .containsExactly(0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
    }

    @Test
    void encodesFixedAndLengthDelimitedFields() {
        // field 2 "testing" is 12 07 74 65 73 74 69 6e 67 (protobuf encoding guide).
        assertThat(new ProtoWriter().string(2, "testing").toByteArray())
                .containsExactly(0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67);
        // 1.0f is 0x3F800000, little-endian; 1.0 is 0x3FF0000000000000.
        assertThat(new ProtoWriter().float32(2, 1.0f).toByteArray()).containsExactly(0x15, 0, 0, 0x80, 0x3F);
        assertThat(new ProtoWriter().float64(1, 1.0).toByteArray())
                .containsExactly(0x09, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F);
    }

    @Test
    void readerDecodesWhatTheWriterEncodes() {
        byte[] inner = new ProtoWriter().int32(1, -7).toByteArray();
        byte[] message = new ProtoWriter()
                .float64(1, 12.5).int64(2, Long.MAX_VALUE).string(3, "brain.Event:2").bytes(5, inner)
                .float32(9, -0.25f).toByteArray();

        ProtoReader r = new ProtoReader(message);
        assertThat(r.nextField()).isEqualTo(1);
        assertThat(r.float64()).isEqualTo(12.5);
        assertThat(r.nextField()).isEqualTo(2);
        assertThat(r.varint()).isEqualTo(Long.MAX_VALUE);
        assertThat(r.nextField()).isEqualTo(3);
        assertThat(r.string()).isEqualTo("brain.Event:2");
        assertThat(r.nextField()).isEqualTo(5);
        ProtoReader innerReader = new ProtoReader(r.bytes());
        assertThat(innerReader.nextField()).isEqualTo(1);
        assertThat((int) innerReader.varint()).isEqualTo(-7);
        assertThat(r.nextField()).isEqualTo(9);
        assertThat(r.float32()).isEqualTo(-0.25f);
        assertThat(r.nextField()).isEqualTo(-1);
    }
}
