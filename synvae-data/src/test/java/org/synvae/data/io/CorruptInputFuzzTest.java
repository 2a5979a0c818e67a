package org.synvae.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.synvae.data.InvalidDataException;

/**
 * Flips, overwrites and truncates bytes of valid files a few thousand times: the readers must either
 * parse the result or throw an {@link InvalidDataException} naming the file, never anything else
 * (no ClassCastException, NullPointerException, OutOfMemoryError, ...).
 */
@Timeout(30)
class CorruptInputFuzzTest {
    private static final int ROUNDS = 3000;
    private static final Path SOURCE = Path.of("fuzzed-input");

    @Test
    void picklesFailOnlyWithInvalidDataException() throws IOException {
        for (String name : new String[] {"mixed_p2.pkl", "mixed_p5.pkl", "mini_p3.pkl", "mini_p4.pkl"}) {
            fuzz(Files.readAllBytes(Fixtures.format(name)), bytes -> Pickle.loads(bytes, SOURCE), name.hashCode());
        }
    }

    @Test
    void npyFailsOnlyWithInvalidDataException() throws IOException {
        for (String name : new String[] {"matrix_f4.npy", "big_endian_f4.npy", "v3_f4.npy"}) {
            fuzz(Files.readAllBytes(Fixtures.format(name)), bytes -> Npy.parse(bytes, SOURCE), name.hashCode());
        }
    }

    private static void fuzz(byte[] valid, Function<byte[], Object> parser, long seed) {
        Random random = new Random(seed);
        int parsed = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] bytes = mutate(valid, random);
            try {
                parser.apply(bytes);
                parsed++;
            } catch (InvalidDataException e) {
                assertThat(e.getMessage()).startsWith(SOURCE + ": ").doesNotContain("internal error").doesNotContain("\n");
            } catch (Throwable t) {
                fail("round " + round + " threw " + t + " for input " + Arrays.toString(bytes), t);
            }
        }
        // Sanity: the mutations must not be so destructive that nothing ever parses.
        assertThat(parsed).isPositive();
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        switch (random.nextInt(4)) {
            case 0 -> b = Arrays.copyOf(b, random.nextInt(b.length)); // truncate
            case 1 -> { // flip a few bits
                for (int i = random.nextInt(3) + 1; i > 0; i--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 2 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256); // overwrite a byte
            default -> { // overwrite a run with extreme values (huge lengths)
                int at = random.nextInt(b.length);
                byte v = random.nextBoolean() ? (byte) 0xff : (byte) 0x7f;
                for (int i = at; i < Math.min(b.length, at + 1 + random.nextInt(8)); i++) {
                    b[i] = v;
                }
            }
        }
        return b;
    }
}
