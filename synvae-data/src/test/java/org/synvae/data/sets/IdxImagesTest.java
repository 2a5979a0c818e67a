package org.synvae.data.sets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.InvalidDataException;
import org.synvae.data.Split;

class IdxImagesTest {

    private static void idx(Path file, int magic, int[] dims, byte[] data) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
    }

    private static Path mnistDir(Path dir, int n, int labelCount) throws IOException {
        byte[] pixels = new byte[n * 784];
        for (int i = 0; i < n; i++) {
            pixels[i * 784] = (byte) 127;       // just below 0.5: binarises to 0
            pixels[i * 784 + 1] = (byte) 128;   // 0.502: binarises to 1
            pixels[i * 784 + 2] = (byte) 200;
        }
        byte[] labels = new byte[labelCount];
        for (int i = 0; i < labelCount; i++) {
            labels[i] = (byte) (i % 10);
        }
        idx(dir.resolve("train-images-idx3-ubyte"), 0x803, new int[] {n, 28, 28}, pixels);
        idx(dir.resolve("train-labels-idx1-ubyte"), 0x801, new int[] {labelCount}, labels);
        return dir;
    }

    @Test
    void mnistIsBinarisedAtOneHalfAndFashionKeepsGreyLevels(@TempDir Path dir) throws IOException {
        mnistDir(dir, 12, 12);
        InMemoryImages mnist = IdxImages.mnist(dir, Part.TRAIN);
        float[] px = new float[784];
        mnist.readImage(3, px, 0, null);
        assertThat(Arrays.copyOf(px, 4)).containsExactly(0f, 1f, 1f, 0f);
        assertThat(mnist.label(3)).isEqualTo(3);
        assertThat(mnist.name()).isEqualTo("mnist/train");
        InMemoryImages fashion = IdxImages.fashionMnist(dir, Part.TRAIN);
        fashion.readImage(3, px, 0, null);
        assertThat(px[0]).isEqualTo(127 / 255f);
        assertThat(fashion.classNames()).contains("Ankle boot");
    }

    @Test
    void mismatchedLabelsAndMissingFilesAreNamed(@TempDir Path dir) throws IOException {
        mnistDir(dir, 12, 11);
        assertThatThrownBy(() -> IdxImages.mnist(dir, Part.TRAIN)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("train-labels-idx1-ubyte").hasMessageContaining("11 labels for 12 images");
        assertThatThrownBy(() -> IdxImages.mnist(dir, Part.TEST)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte");
    }

    @Test
    void reconstructionPicklesOfTheSeedLoadInEveryProtocol() {
        InMemoryImages p3 = IdxImages.pickle(TestFiles.shared("fixtures/seed-formats/mnist_recons_mini_p3.pkl"), IdxImages.DIGITS, true);
        InMemoryImages p4 = IdxImages.pickle(TestFiles.shared("fixtures/seed-formats/mnist_recons_mini_p4.pkl"), IdxImages.DIGITS, true);
        assertThat(p3.size()).isEqualTo(500);
        assertThat(p4.labels()).containsExactly(p3.labels());
        float[] a = new float[784];
        float[] b = new float[784];
        p3.readImage(42, a, 0, null);
        p4.readImage(42, b, 0, null);
        assertThat(a).containsExactly(b);
    }

    @Test
    void realMnistSplitsFiftyThousandTenThousand() {
        InMemoryImages train = IdxImages.mnist(TestFiles.shared("data/mnist"), Part.TRAIN);
        assertThat(train.size()).isEqualTo(60_000);
        Split split = Split.ofCount(train.size(), 10_000, 42);
        assertThat(split.train()).hasSize(50_000);
        assertThat(split.valid()).hasSize(10_000);
        assertThat(IdxImages.mnist(TestFiles.shared("data/mnist"), Part.TEST).size()).isEqualTo(10_000);
        assertThat(IdxImages.fashionMnist(TestFiles.shared("data/fashion-mnist"), Part.TEST).size()).isEqualTo(10_000);
    }
}
