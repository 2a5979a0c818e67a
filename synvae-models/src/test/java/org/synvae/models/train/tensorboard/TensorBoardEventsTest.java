package org.synvae.models.train.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.InvalidDataException;

class TensorBoardEventsTest {
    @TempDir
    Path tmp;
    private Path file;
    private byte[] original;

    @BeforeEach
    void writeAFile() throws IOException {
        try (TensorBoardWriter writer = TensorBoardWriter.create(tmp)) {
            file = writer.file();
            writer.scalar("a", 1, 1.0);
            writer.scalar("b", 2, 2.0);
        }
        original = Files.readAllBytes(file);
    }

    @Test
    void readsTheIntactFile() {
        assertThat(TensorBoardEvents.readScalars(file))
                .containsExactly(new ScalarEvent("a", 1, 1.0), new ScalarEvent("b", 2, 2.0));
    }

    @Test
    void detectsAFlippedDataByte() throws IOException {
        byte[] damaged = original.clone();
        damaged[damaged.length - 10] ^= 0x01;
        Files.write(file, damaged);

        assertThatThrownBy(() -> TensorBoardEvents.readScalars(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("data checksum mismatch");
    }

    @Test
    void detectsADamagedLength() throws IOException {
        byte[] damaged = original.clone();
        damaged[0] ^= 0x40;
        Files.write(file, damaged);

        assertThatThrownBy(() -> TensorBoardEvents.readScalars(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("at byte 0")
                .hasMessageContaining("length checksum mismatch");
    }

    @Test
    void detectsATruncatedFile() throws IOException {
        Files.write(file, Arrays.copyOf(original, original.length - 3));

        assertThatThrownBy(() -> TensorBoardEvents.readScalars(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("runs past the end of the file");
    }

    @Test
    void detectsACutHeader() throws IOException {
        Files.write(file, Arrays.copyOf(original, original.length + 5));

        assertThatThrownBy(() -> TensorBoardEvents.readScalars(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("truncated record");
    }

    @Test
    void detectsAMalformedEventWithValidChecksums() throws IOException {
        // Checksums only protect the bytes; an event that is not protobuf must still be caught.
        Files.write(file, TfRecord.frame(new byte[] {(byte) 0x0A, (byte) 0x7F}));

        assertThatThrownBy(() -> TensorBoardEvents.readScalars(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("malformed event");
    }

    @Test
    void aMissingFileIsInvalidData() {
        Path missing = tmp.resolve("nope");
        assertThatThrownBy(() -> TensorBoardEvents.readScalars(missing))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(missing.toString());
    }
}
