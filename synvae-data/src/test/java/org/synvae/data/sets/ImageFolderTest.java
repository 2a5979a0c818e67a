package org.synvae.data.sets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.Batches;
import org.synvae.data.ImageBatch;
import org.synvae.data.ImageShape;
import org.synvae.data.InvalidDataException;

class ImageFolderTest {
    private static final ImageShape RGB = new ImageShape(4, 4, 3);

    @TempDir
    Path root;

    @Test
    void classesAreSortedFolderNamesAndImagesSortedByName() throws IOException {
        TestFiles.solid(root.resolve("zebra/b.png"), 4, 4, 0xFFFFFF);
        TestFiles.solid(root.resolve("zebra/a.JPG"), 4, 4, 0xFFFFFF);
        TestFiles.solid(root.resolve("apple/c.bmp"), 4, 4, 0x000000);
        TestFiles.solid(root.resolve("apple/a.gif"), 4, 4, 0x000000);
        TestFiles.solid(root.resolve("apple/b.jpeg"), 4, 4, 0x000000);
        TestFiles.solid(root.resolve("apple/.hidden.png"), 4, 4, 0x000000);
        Files.writeString(root.resolve("apple/notes.txt"), "not an image");
        Files.createDirectories(root.resolve("apple/nested"));
        TestFiles.solid(root.resolve(".cache/x.png"), 4, 4, 0x000000);
        TestFiles.solid(root.resolve("loose.png"), 4, 4, 0x000000);
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("empty/readme.txt"), "no images here");

        FileImages ds = ImageFolder.load(root, RGB);

        assertThat(ds.name()).isEqualTo("folder:" + root.getFileName());
        assertThat(ds.classNames()).containsExactly("apple", "zebra");
        assertThat(ds.files()).extracting(p -> root.relativize(p).toString())
                .containsExactly("apple/a.gif", "apple/b.jpeg", "apple/c.bmp", "zebra/a.JPG", "zebra/b.png");
        assertThat(ds.labels()).containsExactly(0, 0, 0, 1, 1);
        assertThat(ds.size()).isEqualTo(5);

        float[] px = new float[RGB.size()];
        ds.readImage(4, px, 0, null);
        assertThat(px).containsOnly(1f);
    }

    @Test
    void greyTargetMixesChannelsAndRgbKeepsThem() throws IOException {
        TestFiles.solid(root.resolve("red/r.png"), 4, 4, 0xFF0000);

        float[] grey = new float[16];
        ImageFolder.load(root, new ImageShape(4, 4, 1)).readImage(0, grey, 0, null);
        for (float v : grey) {
            assertThat(v).isCloseTo(0.299f, within(1e-4f));
        }

        float[] rgb = new float[48 + 5];
        ImageFolder.load(root, RGB).readImage(0, rgb, 5, null);
        assertThat(Arrays.copyOf(rgb, 5)).containsOnly(0f);
        for (int p = 0; p < 16; p++) {
            assertThat(new float[] {rgb[5 + 3 * p], rgb[6 + 3 * p], rgb[7 + 3 * p]}).containsExactly(1f, 0f, 0f);
        }
    }

    @Test
    void largerNonSquareImagesAreScaledThenCropped() throws IOException {
        // 40x20, red rising along x: scaled to 20x10, leaving 10 columns to crop from.
        TestFiles.image(root.resolve("ramp/wide.png"), 40, 20, (x, y) -> (x * 6) << 16);
        FileImages ds = ImageFolder.load(root, new ImageShape(10, 10, 3));

        float[] centre = read(ds, null);
        assertThat(read(ds, null)).containsExactly(centre);
        // The centre crop starts at column 5 of 20: its red averages about that of the middle.
        double meanRed = 0;
        for (int p = 0; p < 100; p++) {
            meanRed += centre[3 * p] / 100.0;
        }
        assertThat(meanRed).isCloseTo(19.5 * 6 / 255.0, within(0.03));

        Set<List<Float>> crops = new HashSet<>();
        for (long seed = 0; seed < 8; seed++) {
            float[] a = read(ds, new SplittableRandom(seed));
            assertThat(read(ds, new SplittableRandom(seed))).containsExactly(a);
            crops.add(asList(a));
        }
        assertThat(crops).hasSizeGreaterThan(2);
    }

    @Test
    void truncatedJpegFailsOnReadNamingTheFile() throws IOException {
        Path good = TestFiles.image(root.resolve("noise/good.jpg"), 64, 64,
                (x, y) -> (int) (((x * 7919L + y * 104729L) * 2654435761L >>> 8) & 0xFFFFFF)); // noise: a long JPEG
        byte[] bytes = Files.readAllBytes(good);
        Path cut = root.resolve("noise/cut.jpg");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));

        FileImages ds = ImageFolder.load(root, RGB); // lists, decodes nothing
        assertThat(ds.size()).isEqualTo(2);
        assertThat(ds.file(0)).isEqualTo(cut);
        float[] px = new float[RGB.size()];
        ds.readImage(1, px, 0, null);
        assertThatThrownBy(() -> ds.readImage(0, px, 0, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(cut.toString());
    }

    @Test
    void nonImageWithImageExtensionFailsOnRead() throws IOException {
        Files.createDirectories(root.resolve("cls"));
        Path fake = Files.writeString(root.resolve("cls/fake.png"), "hello, I am text", StandardCharsets.UTF_8);
        FileImages ds = ImageFolder.load(root, RGB);
        assertThatThrownBy(() -> ds.readImage(0, new float[RGB.size()], 0, new SplittableRandom(1)))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(fake.toString());
    }

    @Test
    void rejectsMissingRootFileRootNoClassesAndNoImages() throws IOException {
        Path missing = root.resolve("missing");
        assertThatThrownBy(() -> ImageFolder.load(missing, RGB))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining(missing.toString());

        Path file = Files.writeString(root.resolve("file.txt"), "x");
        assertThatThrownBy(() -> ImageFolder.load(file, RGB))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("not a directory");

        Path flat = root.resolve("flat");
        TestFiles.solid(flat.resolve("a.png"), 4, 4, 0);
        assertThatThrownBy(() -> ImageFolder.load(flat, RGB))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining(flat.toString())
                .hasMessageContaining("no class folders");

        Path empty = root.resolve("empty");
        Files.createDirectories(empty.resolve("a"));
        Files.createDirectories(empty.resolve("b"));
        Files.writeString(empty.resolve("b/x.txt"), "x");
        assertThatThrownBy(() -> ImageFolder.load(empty, RGB))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining(empty.toString())
                .hasMessageContaining("no images");
    }

    @Test
    void trainingBatchesOverStreamedImagesHaveShapeBhwc() throws IOException {
        for (int i = 0; i < 20; i++) {
            int grey = i * 12;
            TestFiles.solid(root.resolve((i % 2 == 0 ? "even" : "odd") + "/img" + i + ".png"), 6, 8, grey * 0x010101);
        }
        FileImages ds = ImageFolder.load(root, new ImageShape(4, 5, 3));
        assertThat(ds.size()).isEqualTo(20);

        Batches batches = Batches.training(ds, 8, 42);
        assertThat(batches.count()).isEqualTo(2);
        Set<Integer> seen = new HashSet<>();
        for (ImageBatch batch : batches) {
            assertThat(batch.images().shape()).containsExactly(8, 4, 5, 3);
            assertThat(batch.size()).isEqualTo(8);
            for (int k = 0; k < 8; k++) {
                assertThat(batch.labels()[k]).isEqualTo(ds.label(batch.indices()[k]));
                seen.add(batch.indices()[k]);
            }
            batch.images().close();
        }
        assertThat(seen).hasSize(16);
    }

    private static float[] read(FileImages ds, SplittableRandom random) {
        float[] px = new float[ds.shape().size()];
        ds.readImage(0, px, 0, random);
        return px;
    }

    private static List<Float> asList(float[] a) {
        Float[] boxed = new Float[a.length];
        for (int i = 0; i < a.length; i++) {
            boxed[i] = a[i];
        }
        return List.of(boxed);
    }
}
