package org.synvae.music.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.synvae.data.InvalidDataException;

class SnappyTest {
    private static final Path SOURCE = Path.of("x.index");

    @Test
    void decodesEveryElementKind() {
        // "abcd" literal, copy-1 of 8 at distance 4, copy-2 of 3 at distance 12, copy-4 of 2 at distance 1.
        byte[] stream = {17, 3 << 2, 'a', 'b', 'c', 'd', 1 | (8 - 4) << 2, 4, 2 | (3 - 1) << 2, 12, 0, 3 | (2 - 1) << 2, 1, 0, 0, 0};
        assertThat(new String(Snappy.decompress(stream, 0, stream.length, SOURCE), StandardCharsets.US_ASCII))
                .isEqualTo("abcdabcdabcdabccc");
        // A literal whose length takes an extra byte (tag 60).
        byte[] long61 = new byte[2 + 1 + 61];
        long61[0] = 61;
        long61[1] = (byte) (60 << 2);
        long61[2] = 60;
        assertThat(Snappy.decompress(long61, 0, long61.length, SOURCE)).hasSize(61);
    }

    @Test
    void roundTripsTheTestCompressor() {
        Random random = new Random(3);
        for (int round = 0; round < 50; round++) {
            byte[] data = new byte[random.nextInt(100_000)];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt() : 'a' + random.nextInt(3));
            }
            byte[] packed = TestSnappy.compress(data);
            assertThat(Snappy.decompress(packed, 0, packed.length, SOURCE)).isEqualTo(data);
        }
    }

    @Test
    void rejectsMalformedStreams() {
        assertBad(new byte[] {}, "truncated varint");
        assertBad(new byte[] {5, 1 | 0 << 2, 1}, "out of range"); // copy before any output
        assertBad(new byte[] {5, 0, 'a', 1, 0}, "out of range"); // distance 0
        assertBad(new byte[] {3, 1 << 2, 'a'}, "runs past the end");
        assertBad(new byte[] {3, 0, 'a'}, "decompressed to 1 bytes");
        assertBad(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}, "claims");
    }

    private static void assertBad(byte[] stream, String message) {
        assertThatThrownBy(() -> Snappy.decompress(stream, 0, stream.length, SOURCE)).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("x.index: corrupt Snappy block").hasMessageContaining(message);
    }
}
