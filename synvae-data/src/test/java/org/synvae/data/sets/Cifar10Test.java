package org.synvae.data.sets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.InvalidDataException;

class Cifar10Test {

    /** Two binary records: label 3 with R=10, G=20, B=30 everywhere; label 7 with a gradient. */
    private static byte[] records() {
        byte[] raw = new byte[2 * 3073];
        raw[0] = 3;
        Arrays.fill(raw, 1, 1025, (byte) 10);
        Arrays.fill(raw, 1025, 2049, (byte) 20);
        Arrays.fill(raw, 2049, 3073, (byte) 30);
        raw[3073] = 7;
        for (int p = 0; p < 1024; p++) {
            raw[3073 + 1 + p] = (byte) (p % 256);
        }
        return raw;
    }

    @Test
    void binaryBatchesArePlanesConvertedToHwc(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("data_batch_1.bin"), records());
        Files.write(dir.resolve("test_batch.bin"), Arrays.copyOf(records(), 3073));
        InMemoryImages train = Cifar10.load(dir, Part.TRAIN);
        assertThat(train.size()).isEqualTo(2);
        assertThat(train.labels()).containsExactly(3, 7);
        assertThat(train.classNames()).hasSize(10).contains("cat", "horse");
        float[] px = new float[32 * 32 * 3];
        train.readImage(0, px, 0, null);
        assertThat(px[0]).isEqualTo(10 / 255f);
        assertThat(px[1]).isEqualTo(20 / 255f);
        assertThat(px[2]).isEqualTo(30 / 255f);
        train.readImage(1, px, 0, null);
        assertThat(px[3 * 5]).isEqualTo(5 / 255f);
        assertThat(Cifar10.load(dir, Part.TEST).size()).isEqualTo(1);
    }

    @Test
    void truncatedOrMissingBatchesFailNamingTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("data_batch_1.bin");
        Files.write(f, Arrays.copyOf(records(), 5000));
        assertThatThrownBy(() -> Cifar10.load(dir, Part.TRAIN)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("3073");
        assertThatThrownBy(() -> Cifar10.load(dir.resolve("nope"), Part.TRAIN)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("nope");
        Files.delete(f);
        assertThatThrownBy(() -> Cifar10.load(dir, Part.TRAIN)).hasMessageContaining("no CIFAR-10 batches");
        byte[] bad = records();
        bad[0] = 12;
        Files.write(f, bad);
        assertThatThrownBy(() -> Cifar10.load(dir, Part.TRAIN)).hasMessageContaining("label 12");
    }

    @Test
    void readsThePythonPickleFixture() {
        Path dir = TestFiles.shared("fixtures/seed-formats/cifar-python-mini");
        InMemoryImages images = Cifar10.load(dir, Part.TRAIN);
        assertThat(images.size()).isEqualTo(500);
        assertThat(images.classNames()).containsExactlyElementsOf(Cifar10.CLASSES);
        assertThat(Arrays.stream(images.labels()).distinct().count()).isGreaterThan(5);
        float[] px = new float[32 * 32 * 3];
        images.readImage(0, px, 0, null);
        double mean = 0;
        for (float v : px) {
            mean += v;
        }
        assertThat(mean / px.length).isBetween(0.02, 0.98);
    }

    @Test
    void readsTheRealBinaryBatchesAndTheirMeta() {
        Path dir = TestFiles.shared("data/cifar10-bin");
        InMemoryImages test = Cifar10.load(dir, Part.TEST);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(test.classNames()).containsExactlyElementsOf(Cifar10.CLASSES);
        int[] counts = new int[10];
        Arrays.stream(test.labels()).forEach(l -> counts[l]++);
        assertThat(counts).containsOnly(1000);
    }
}
