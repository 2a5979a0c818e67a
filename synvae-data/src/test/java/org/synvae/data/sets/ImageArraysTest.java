package org.synvae.data.sets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.ImageDataset;
import org.synvae.data.ImageShape;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;

/** Exported reconstructions written in each format and read back with the loaders. */
class ImageArraysTest {

    private static Path[] export(Path dir, int n, int h, int w, int c, long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        float[] images = new float[n * h * w * c];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) r.nextDouble();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(10);
        }
        Path x = dir.resolve("reconstructions.npy");
        Path y = dir.resolve("labels.npy");
        Npy.write(x, NpyArray.ofFloats(images, n, h, w, c));
        Npy.write(y, NpyArray.ofInts(labels, n));
        return new Path[] {x, y};
    }

    private static void assertSame(ImageArrays expected, ImageDataset actual) {
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.labels()).containsExactly(expected.labels());
        byte[] pixels = expected.pixels();
        int size = expected.shape().size();
        float[] img = new float[size];
        for (int i = 0; i < expected.size(); i++) {
            actual.readImage(i, img, 0, null);
            for (int p = 0; p < size; p++) {
                assertThat(img[p]).isCloseTo((pixels[i * size + p] & 0xFF) / 255f, within(1e-6f));
            }
        }
    }

    @Test
    void mnistIdxRoundTrip(@TempDir Path tmp) throws Exception {
        Path[] files = export(tmp, 7, 28, 28, 1, 1);
        ImageArrays arrays = ImageArrays.fromNpy(files[0], files[1]);
        arrays.writeMnistIdx(tmp.resolve("out"), Part.TEST);
        // Fashion-MNIST's loader keeps grey levels (MNIST's binarises), so pixels compare exactly.
        assertSame(arrays, IdxImages.fashionMnist(tmp.resolve("out"), Part.TEST));
        assertThat(IdxImages.mnist(tmp.resolve("out"), Part.TEST).labels()).containsExactly(arrays.labels());
    }

    @Test
    void cifarBinaryRoundTrip(@TempDir Path tmp) throws Exception {
        Path[] files = export(tmp, 5, 32, 32, 3, 2);
        ImageArrays arrays = ImageArrays.fromNpy(files[0], files[1]);
        Path batch = arrays.writeCifarBinary(tmp.resolve("out"), Part.TRAIN);
        assertThat(batch.getFileName().toString()).isEqualTo("data_batch_1.bin");
        assertSame(arrays, Cifar10.load(tmp.resolve("out"), Part.TRAIN));
    }

    @Test
    void imageFolderRoundTrip(@TempDir Path tmp) throws Exception {
        Path[] files = export(tmp, 12, 28, 28, 1, 3);
        ImageArrays arrays = ImageArrays.fromNpy(files[0], files[1]);
        arrays.writeFolder(tmp.resolve("out"), IdxImages.DIGITS);
        ImageDataset folder = ImageFolder.load(tmp.resolve("out"), new ImageShape(28, 28, 1));
        assertThat(folder.size()).isEqualTo(12);
        // Folder classes are the labels present, so compare by name.
        int[] labels = arrays.labels();
        List<Integer> byName = java.util.stream.IntStream.range(0, folder.size())
                .mapToObj(i -> Integer.parseInt(folder.classNames().get(folder.label(i)))).sorted().toList();
        assertThat(byName).containsExactlyElementsOf(java.util.Arrays.stream(labels).sorted().boxed().toList());
    }

    @Test
    void wrongShapesAndValuesAreRefused(@TempDir Path tmp) throws Exception {
        Path[] files = export(tmp, 3, 32, 32, 3, 4);
        ImageArrays cifar = ImageArrays.fromNpy(files[0], files[1]);
        assertThatThrownBy(() -> cifar.writeMnistIdx(tmp, Part.TRAIN)).hasMessageContaining("28x28x1");
        Npy.write(tmp.resolve("bad.npy"), NpyArray.ofFloats(new float[] {2f, 0f, 0f, 0f}, 1, 2, 2, 1));
        Npy.write(tmp.resolve("one.npy"), NpyArray.ofInts(new int[] {0}, 1));
        assertThatThrownBy(() -> ImageArrays.fromNpy(tmp.resolve("bad.npy"), tmp.resolve("one.npy")))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("outside [0, 1]");
        assertThatThrownBy(() -> ImageArrays.fromNpy(files[0], tmp.resolve("one.npy")))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("labels have shape");
    }
}
