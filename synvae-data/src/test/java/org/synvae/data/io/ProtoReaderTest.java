package org.synvae.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProtoReaderTest {

    @Test
    void skipsUnknownFieldsOfEveryWireType() {
        byte[] message = ProtoWriter.explicit().bytes(7, new byte[] {1, 2, 3}).int64(8, 300).float64(9, 2.5)
                .fixed32(10, 5).string(1, "kept").toByteArray();
        ProtoReader r = new ProtoReader(message);
        String kept = null;
        for (int field = r.nextField(); field >= 0; field = r.nextField()) {
            if (field == 1) {
                kept = r.string();
            } else {
                r.skip();
            }
        }
        assertThat(kept).isEqualTo("kept");
    }

    @Test
    void embeddedMessagesAndScalarsRoundTrip() {
        byte[] message = ProtoWriter.explicit().message(2, ProtoWriter.explicit().int32(1, -3).bool(2, true))
                .float32(3, 1.5f).toByteArray();
        ProtoReader r = new ProtoReader(message);
        assertThat(r.nextField()).isEqualTo(2);
        ProtoReader inner = r.message();
        assertThat(inner.nextField()).isEqualTo(1);
        assertThat(inner.int32()).isEqualTo(-3);
        assertThat(inner.nextField()).isEqualTo(2);
        assertThat(inner.bool()).isTrue();
        assertThat(inner.nextField()).isEqualTo(-1);
        assertThat(r.nextField()).isEqualTo(3);
        assertThat(r.float32()).isEqualTo(1.5f);
    }

    @Test
    void malformedBytesAreProtoFormatExceptions() {
        assertThatThrownBy(() -> new ProtoReader(new byte[] {0x0A, 0x05, 1}).bytes()).isInstanceOf(ProtoFormatException.class);
        ProtoReader truncated = new ProtoReader(new byte[] {0x0A, 0x05, 1});
        truncated.nextField();
        assertThatThrownBy(truncated::bytes).isInstanceOf(ProtoFormatException.class).hasMessageContaining("past the message end");
        ProtoReader wrongType = new ProtoReader(new byte[] {0x08, 0x01});
        wrongType.nextField();
        assertThatThrownBy(wrongType::float64).isInstanceOf(ProtoFormatException.class).hasMessageContaining("wire type");
    }
}
