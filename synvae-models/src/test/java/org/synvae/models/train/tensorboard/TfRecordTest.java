package org.synvae.models.train.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TfRecordTest {

    @Test
    void crc32cMatchesTheStandardCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(TfRecord.crc32c(check, 0, check.length)).isEqualTo(0xE3069283);
    }

    @Test
    void maskRotatesAndAddsTheTensorFlowConstant() {
        // Worked by hand: rotr15(0xE3069283) = 0x2507C60D; + 0xA282EAD8 = 0xC78AB0E5 (mod 2^32).
        assertThat(TfRecord.mask(0xE3069283)).isEqualTo(0xC78AB0E5);
        assertThat(TfRecord.mask(0)).isEqualTo(0xA282EAD8);
    }

    @Test
    void frameLaysOutLengthChecksumsAndData() {
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer record = ByteBuffer.wrap(TfRecord.frame(data)).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(record.capacity()).isEqualTo(12 + 9 + 4);
        assertThat(record.getLong(0)).isEqualTo(9);
        assertThat(record.getInt(8)).isEqualTo(TfRecord.maskedCrc32c(record.array(), 0, 8));
        byte[] payload = new byte[9];
        record.get(12, payload);
        assertThat(payload).isEqualTo(data);
        assertThat(record.getInt(21)).isEqualTo(0xC78AB0E5);
    }
}
