package org.synvae.models.train.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.synvae.data.io.ProtoReader;
import org.synvae.data.io.ProtoWriter;

class ProtoReaderTest {

    @Test
    void readerDecodesWhatTheWriterEncodes() {
        byte[] inner = ProtoWriter.explicit().int32(1, -7).toByteArray();
        byte[] message = ProtoWriter.explicit()
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
