package org.synvae.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.InvalidDataException;

class IdxFileTest {
    @TempDir
    Path tmp;

    /** A 3x2x2 idx3 image file: values 0, 20, 40, ... 220 (unsigned above 127). */
    private static byte[] images() {
        byte[] b = new byte[4 + 12 + 12];
        b[2] = 0x08;
        b[3] = 3;
        b[7] = 3;
        b[11] = 2;
        b[15] = 2;
        for (int i = 0; i < 12; i++) {
            b[16 + i] = (byte) (i * 20);
        }
        return b;
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        Path f = tmp.resolve(name);
        Files.write(f, content);
        return f;
    }

    @Test
    void readsRawAndGzip() throws IOException {
        for (Path f : new Path[] {write("raw-idx3-ubyte", images()), write("gz-idx3-ubyte.gz", gzip(images()))}) {
            IdxArray a = IdxFile.read(f);
            assertThat(a.dims()).containsExactly(3, 2, 2);
            assertThat(a.count()).isEqualTo(3);
            assertThat(a.itemSize()).isEqualTo(4);
            assertThat(a.size()).isEqualTo(12);
            assertThat(a.getUnsigned(11)).isEqualTo(220);
            assertThat(a.data()).hasSize(12);
            assertThat(a.asReadOnlyBuffer().get(1)).isEqualTo((byte) 20);
            NpyArray n = a.toNpyArray();
            assertThat(n.shape()).containsExactly(3, 2, 2);
            assertThat(n.getInt(11)).isEqualTo(220);
        }
    }

    @Test
    void readsLabelFile() throws IOException {
        byte[] labels = {0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 1};
        IdxArray a = IdxFile.read(write("labels", labels));
        assertThat(a.dims()).containsExactly(3);
        assertThat(a.itemSize()).isEqualTo(1);
        assertThat(a.getUnsigned(0)).isEqualTo(7);
    }

    @Test
    void rejectsWrongMagic() throws IOException {
        Path f = write("bad", new byte[] {1, 2, 8, 1, 0, 0, 0, 0});
        assertThatThrownBy(() -> IdxFile.read(f)).isInstanceOf(InvalidDataException.class)
                .hasMessage(f + ": not an idx file (magic 0x01020801)");
        Path g = write("bad.gz", gzip(new byte[] {'P', 'K', 3, 4}));
        assertThatThrownBy(() -> IdxFile.read(g)).hasMessage(g + ": not an idx file (magic 0x504b0304)");
        Path tiny = write("tiny", new byte[] {0, 0});
        assertThatThrownBy(() -> IdxFile.read(tiny)).hasMessageStartingWith(tiny + ": not an idx file");
    }

    @Test
    void rejectsOtherDataTypes() throws IOException {
        byte[] b = images();
        b[2] = 0x0D; // float
        Path f = write("float", b);
        assertThatThrownBy(() -> IdxFile.read(f))
                .hasMessage(f + ": unsupported idx data type 0x0d (only 0x08, unsigned byte, is supported)");
    }

    @Test
    void rejectsSizeMismatch() throws IOException {
        Path shortRaw = write("short", Arrays.copyOf(images(), 27));
        assertThatThrownBy(() -> IdxFile.read(shortRaw)).isInstanceOf(InvalidDataException.class)
                .hasMessage(shortRaw + ": declared sizes 3x2x2 need 28 bytes but the file has 27");
        Path longRaw = write("long", Arrays.copyOf(images(), 29));
        assertThatThrownBy(() -> IdxFile.read(longRaw)).hasMessageStartingWith(longRaw + ": declared sizes 3x2x2");
        Path shortGz = write("short.gz", gzip(Arrays.copyOf(images(), 27)));
        assertThatThrownBy(() -> IdxFile.read(shortGz))
                .hasMessage(shortGz + ": declared sizes 3x2x2 need 12 data bytes but the file has 11");
        Path longGz = write("long.gz", gzip(Arrays.copyOf(images(), 30)));
        assertThatThrownBy(() -> IdxFile.read(longGz)).hasMessageContaining("do not match the file length");
        Path header = write("header", new byte[] {0, 0, 8, 3, 0, 0});
        assertThatThrownBy(() -> IdxFile.read(header)).hasMessageStartingWith(header + ": truncated idx header");
    }

    @Test
    void rejectsHugeDeclaredSizeWithoutAllocating() throws IOException {
        byte[] b = {0, 0, 8, 2, 0x7f, 0, 0, 0, 0, 0, 0, 1};
        Path raw = write("huge", b);
        assertThatThrownBy(() -> IdxFile.read(raw)).hasMessageStartingWith(raw + ": declared sizes 2130706432x1 need");
        Path gz = write("huge.gz", gzip(b));
        assertThatThrownBy(() -> IdxFile.read(gz)).hasMessageContaining("larger than the compressed file can hold");
        b[8] = 0x7f;
        Path over = write("over", b);
        assertThatThrownBy(() -> IdxFile.read(over)).hasMessage(over + ": idx file declares over 2 GiB of data");
    }

    @Test
    void rejectsCorruptGzip() throws IOException {
        byte[] gz = gzip(images());
        Path cut = write("cut.gz", Arrays.copyOf(gz, gz.length - 10));
        assertThatThrownBy(() -> IdxFile.read(cut)).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(cut + ": ");
        byte[] bad = gz.clone();
        bad[3] = (byte) 0xff; // reserved flag bits
        Path corrupt = write("corrupt.gz", bad);
        assertThatThrownBy(() -> IdxFile.read(corrupt)).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(corrupt + ": corrupt or truncated gzip data");
    }

    @Test
    void readsSharedMnist() throws IOException {
        IdxArray train = IdxFile.read(Fixtures.shared("data/mnist/train-images-idx3-ubyte.gz"));
        assertThat(train.dims()).containsExactly(60000, 28, 28);
        assertThat(train.size()).isEqualTo(60000 * 28 * 28);
        IdxArray trainLabels = IdxFile.read(Fixtures.shared("data/mnist/train-labels-idx1-ubyte.gz"));
        assertThat(trainLabels.dims()).containsExactly(60000);
        IdxArray test = IdxFile.read(Fixtures.shared("data/mnist/t10k-images-idx3-ubyte.gz"));
        assertThat(test.dims()).containsExactly(10000, 28, 28);
        IdxArray testLabels = IdxFile.read(Fixtures.shared("data/mnist/t10k-labels-idx1-ubyte.gz"));
        assertThat(testLabels.count()).isEqualTo(10000);
        int[] histogram = new int[256];
        for (int i = 0; i < testLabels.size(); i++) {
            histogram[testLabels.getUnsigned(i)]++;
        }
        assertThat(Arrays.stream(histogram, 0, 10).sum()).isEqualTo(10000);
        assertThat(histogram[7]).isEqualTo(1028); // the well-known MNIST test-set class count
    }
}
