package org.synvae.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProtoWriterTest {

    @Test
    void encodesVarintsAsInTheProtobufSpec() {
        // From the protobuf encoding guide: field 1 = 150 is 08 96 01.
        assertThat(ProtoWriter.explicit().int64(1, 150).toByteArray()).containsExactly(0x08, 0x96, 0x01);
        // Negative int32 values are sign-extended to ten bytes.
        assertThat(ProtoWriter.explicit().int32(1, -1).toByteArray())
                .containsExactly(0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
    }

    @Test
    void encodesFixedAndLengthDelimitedFields() {
        // field 2 "testing" is 12 07 74 65 73 74 69 6e 67 (protobuf encoding guide).
        assertThat(ProtoWriter.explicit().string(2, "testing").toByteArray())
                .containsExactly(0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67);
        // 1.0f is 0x3F800000, little-endian; 1.0 is 0x3FF0000000000000.
        assertThat(ProtoWriter.explicit().float32(2, 1.0f).toByteArray()).containsExactly(0x15, 0, 0, 0x80, 0x3F);
        assertThat(ProtoWriter.explicit().float64(1, 1.0).toByteArray())
                .containsExactly(0x09, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F);
    }

    @Test
    void proto3LeavesOutDefaultsButKeepsMessages() {
        byte[] empty = ProtoWriter.proto3().int64(1, 0).bool(2, false).float64(3, 0.0).string(4, "").fixed32(5, 0).toByteArray();
        assertThat(empty).isEmpty();
        assertThat(ProtoWriter.proto3().message(2, ProtoWriter.proto3()).toByteArray()).containsExactly(0x12, 0x00);
        assertThat(ProtoWriter.proto3().int64(1, 3).toByteArray()).containsExactly(0x08, 0x03);
    }
}
