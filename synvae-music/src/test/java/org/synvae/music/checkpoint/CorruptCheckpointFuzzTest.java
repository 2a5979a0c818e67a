package org.synvae.music.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.NpyArray;
import org.synvae.data.io.NpyDType;

/**
 * Flips every byte of a checkpoint's files one at a time, cuts them at every length and overwrites
 * random runs: each read must either give the original tensors (a flipped padding byte changes
 * nothing) or fail with an {@link InvalidDataException}: never another exception, never a hang.
 */
class CorruptCheckpointFuzzTest {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final int RANDOM_ROUNDS = 1000;
    private static final int[] INDEX_MASKS = {0xFF, 0x01, 0x80};
    private static final int[] DATA_MASKS = {0x01};

    @TempDir
    Path tmp;

    private int reads;
    private int unchanged;

    @Test
    void tensorFlowFixtureFailsOnlyWithInvalidDataException() {
        Path prefix = Fixture.copyTo(tmp);
        assertTimeoutPreemptively(BOUND, () -> fuzzBoth(prefix, true));
        assertThat(reads).isGreaterThan(5000);
        // The footer's zero padding is not checksummed, and TensorFlow ignores it too.
        assertThat(unchanged).isPositive();
    }

    @Test
    void writerMadeCheckpointFailsOnlyWithInvalidDataException() throws IOException {
        Random random = new Random(11);
        Map<String, NpyArray> tensors = new LinkedHashMap<>();
        long[][] shapes = {{}, {0}, {3}, {2, 5}};
        for (NpyDType type : new NpyDType[] {NpyDType.FLOAT32, NpyDType.FLOAT16, NpyDType.INT64, NpyDType.BOOL, NpyDType.UINT8}) {
            for (long[] shape : shapes) {
                tensors.put("v/" + type + "/" + tensors.size(), TfCheckpointWriterTest.randomArray(type, shape, random));
            }
        }
        Path prefix = tmp.resolve("w/model.ckpt-7");
        TfCheckpointWriter.write(prefix, tensors);
        assertTimeoutPreemptively(BOUND, () -> fuzzBoth(prefix, false));
    }

    @Test
    void snappyIndexFailsOnlyWithInvalidDataException() throws IOException {
        Path prefix = Fixture.copyTo(tmp);
        TfCheckpoint plain = TfCheckpointReader.read(prefix);
        SsTableWriter table = new SsTableWriter(128, 2, SsTableReader.SNAPPY, TestSnappy::compress);
        table.add(new byte[0], BundleHeader.singleShard().encode());
        for (String name : plain.names()) {
            TensorInfo info = plain.info(name);
            byte[] bytes = TfCheckpointReaderTest.bytes(plain.tensor(name));
            table.add(name.getBytes(), new BundleEntry(name.equals(Fixture.GLOBAL_STEP) ? 9 : 1, info.shape(), false, 0,
                    info.offset(), info.size(), TfCheckpointReaderTest.crc(bytes), 0).encode());
        }
        Files.write(TfCheckpointReader.indexOf(prefix), table.finish());
        Map<String, NpyArray> original = readAll(prefix);
        assertTimeoutPreemptively(BOUND, () -> fuzzFile(TfCheckpointReader.indexOf(prefix), prefix, original, 1, INDEX_MASKS));
        assertThat(reads).isGreaterThan(1000);
    }

    private void fuzzBoth(Path prefix, boolean everyDataByte) throws IOException {
        Map<String, NpyArray> original = readAll(prefix);
        fuzzFile(TfCheckpointReader.indexOf(prefix), prefix, original, 1, INDEX_MASKS);
        // One flip per data byte is enough there: every data byte is covered by a tensor checksum.
        fuzzFile(TfCheckpoint.shardPath(prefix, 0, 1), prefix, original, everyDataByte ? 1 : 5, DATA_MASKS);
    }

    /** Flips every {@code step}-th byte with each mask, cuts at every {@code step}-th length, overwrites random runs. */
    private void fuzzFile(Path file, Path prefix, Map<String, NpyArray> original, int step, int[] masks) throws IOException {
        byte[] valid = Files.readAllBytes(file);
        Random random = new Random(valid.length);
        try {
            for (int i = 0; i < valid.length; i += step) {
                for (int mask : masks) {
                    byte[] b = valid.clone();
                    b[i] ^= (byte) mask;
                    check(file, b, prefix, original, "flip 0x" + Integer.toHexString(mask) + " at " + i);
                }
            }
            for (int length = 0; length < valid.length; length += step) {
                check(file, Arrays.copyOf(valid, length), prefix, original, "cut at " + length);
            }
            for (int round = 0; round < RANDOM_ROUNDS; round++) {
                byte[] b = valid.clone();
                int at = random.nextInt(b.length);
                int run = 1 + random.nextInt(8);
                boolean extreme = random.nextBoolean();
                for (int i = at; i < Math.min(b.length, at + run); i++) {
                    b[i] = extreme ? (byte) (random.nextBoolean() ? 0xFF : 0x7F) : (byte) random.nextInt(256);
                }
                check(file, b, prefix, original, "overwrite of " + run + " bytes at " + at);
            }
        } finally {
            Files.write(file, valid);
        }
    }

    private void check(Path file, byte[] content, Path prefix, Map<String, NpyArray> original, String mutation) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reads++;
        try {
            Map<String, NpyArray> read = readAll(prefix);
            assertThat(read).as(mutation + " of " + file.getFileName() + " read without error").isEqualTo(original);
            unchanged++;
        } catch (InvalidDataException e) {
            assertThat(e.getMessage()).as(mutation).startsWith(tmp.toString()).doesNotContain("\n");
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable t) {
            fail(mutation + " of " + file.getFileName() + " threw " + t, t);
        }
    }

    /** Every variable, float32 ones also through the direct native path, which must agree. */
    private static Map<String, NpyArray> readAll(Path prefix) {
        TfCheckpoint ckpt = TfCheckpointReader.read(prefix);
        Map<String, NpyArray> all = ckpt.tensors(ckpt.names());
        for (String name : ckpt.names()) {
            TensorInfo info = ckpt.info(name);
            if (info.dtype().equals("float32")) {
                org.nd4j.linalg.api.ndarray.INDArray a = ckpt.requireArray(name, info.shape());
                float[] direct = a.isEmpty() ? new float[0] : a.dup('c').data().asFloat();
                assertThat(direct).as(name).containsExactly(all.get(name).toFloatArray());
            }
        }
        return all;
    }
}
