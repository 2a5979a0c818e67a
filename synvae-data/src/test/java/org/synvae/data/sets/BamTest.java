package org.synvae.data.sets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.ImageShape;
import org.synvae.data.InvalidDataException;
import org.synvae.data.image.Images;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;

class BamTest {
    private static final ImageShape SHAPE = new ImageShape(4, 4, 3);
    private static final int E = BamLabelGroup.EMOTION.firstColumn();

    @TempDir
    Path dir;

    @Test
    void columnsFollowTheSeedsOrder() {
        assertThat(Bam.COLUMNS).containsExactly("content_bicycle", "content_bird", "content_building", "content_cars",
                "content_cat", "content_dog", "content_flower", "content_people", "content_tree", "emotion_gloomy",
                "emotion_happy", "emotion_peaceful", "emotion_scary", "media_oilpaint", "media_watercolor");
        assertThat(BamLabelGroup.MEDIA.classNames()).containsExactly("oilpaint", "watercolor");
        assertThat(BamLabelGroup.EMOTION.firstColumn()).isEqualTo(9);
        assertThat(BamLabelGroup.EMOTION.columnCount()).isEqualTo(4);
        assertThat(BamLabelGroup.CONTENT.classNames()).startsWith("bicycle").endsWith("tree").hasSize(9);
        assertThat(BamLabelGroup.DEFAULT).isEqualTo(BamLabelGroup.EMOTION);
    }

    @Test
    void groupNamesAreCaseInsensitiveAndUnknownOnesListTheChoices() {
        assertThat(BamLabelGroup.fromName("Emotion")).isEqualTo(BamLabelGroup.EMOTION);
        assertThat(BamLabelGroup.fromName("media")).isEqualTo(BamLabelGroup.MEDIA);
        assertThat(BamLabelGroup.fromName(" CONTENT ")).isEqualTo(BamLabelGroup.CONTENT);
        assertThatThrownBy(() -> BamLabelGroup.fromName("style"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'style'").hasMessageContaining("content, emotion, media");
    }

    @Test
    void imagesSortByNumericMidAndUncertainLabelsCountAsAbsent() throws IOException {
        // Rows are in MID order 1, 2, 10, 11, 20; the files are listed as 1, 10, 11, 2, 20 by name.
        image(10, 0x0000FF);
        image(2, 0x00FF00);
        image(1, 0xFF0000);
        image(20, 0xFFFFFF);
        image(11, 0x000000);
        labels(
                emotion(0.5, 0.6, 0, 0),   // MID 1: 0.5 is uncertain, so happy
                emotion(0.9, 0, 0.9, 0),   // MID 2: a tie, so the first: gloomy; both present
                emotion(0.5, 0.5, 0.5, 0.5), // MID 10: all uncertain: left out
                emotion(0.6, 0.8, 0, 0.7), // MID 11: the highest: happy
                emotion(0, 0, 0, 1));      // MID 20: scary

        BamLabels labels = Bam.labels(dir, BamLabelGroup.EMOTION);
        assertThat(labels.mids()).containsExactly(1, 2, 11, 20);
        assertThat(labels.files()).extracting(p -> p.getFileName().toString())
                .containsExactly("1.jpg", "2.jpg", "11.jpg", "20.jpg");
        assertThat(labels.classes()).containsExactly(1, 0, 1, 3);
        assertThat(labels.dropped()).isEqualTo(1);
        assertThat(labels.size()).isEqualTo(4);
        assertThat(labels.classNames()).containsExactly("gloomy", "happy", "peaceful", "scary");
        boolean[][] present = labels.present();
        assertThat(present[0]).containsExactly(false, true, false, false);
        assertThat(present[1]).containsExactly(true, false, true, false);
        assertThat(present[2]).containsExactly(true, true, false, true);
        assertThat(present[3]).containsExactly(false, false, false, true);
        assertThat(Arrays.copyOfRange(labels.presentAsFloats(), 4, 8)).containsExactly(1f, 0f, 1f, 0f);

        FileImages ds = Bam.load(dir, BamLabelGroup.EMOTION, SHAPE);
        assertThat(ds.name()).isEqualTo("bam:" + dir.getFileName() + "/emotion");
        assertThat(ds.labels()).containsExactly(1, 0, 1, 3);
        float[] px = new float[SHAPE.size()];
        ds.readImage(1, px, 0, null); // MID 2 is green
        assertThat(px[0]).isLessThan(0.1f);
        assertThat(px[1]).isGreaterThan(0.9f);
    }

    @Test
    void integerLabelsWorkAndNonJpegFilesAreIgnored() throws IOException {
        image(3, 0);
        image(1, 0);
        Files.writeString(dir.resolve("img/Thumbs.db"), "x");
        Files.writeString(dir.resolve("img/.DS_Store"), "x");
        int[] rows = new int[2 * 15];
        rows[BamLabelGroup.MEDIA.firstColumn() + 1] = 1;
        rows[15 + BamLabelGroup.MEDIA.firstColumn()] = 1;
        Npy.write(dir.resolve("labels.npy"), NpyArray.ofInts(rows, 2, 15));

        BamLabels labels = Bam.labels(dir, BamLabelGroup.MEDIA);
        assertThat(labels.mids()).containsExactly(1, 3);
        assertThat(labels.classes()).containsExactly(1, 0);
    }

    @Test
    void noPresentLabelInTheGroupIsAnErrorNamingLabelsAndGroup() throws IOException {
        image(1, 0);
        labels(emotion(0.5, 0, 0, 0));
        assertThatThrownBy(() -> Bam.load(dir, BamLabelGroup.EMOTION, SHAPE))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(dir.resolve("labels.npy").toString())
                .hasMessageContaining("emotion");
    }

    @Test
    void rowCountMustMatchImageCount() throws IOException {
        image(1, 0);
        image(2, 0);
        image(3, 0);
        labels(emotion(1, 0, 0, 0), emotion(1, 0, 0, 0));
        assertThatThrownBy(() -> Bam.labels(dir, BamLabelGroup.EMOTION))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("labels.npy")
                .hasMessageContaining("has 2 rows for 3 images");
    }

    @Test
    void labelsMustBeTwoDimensionalWithFifteenColumns() throws IOException {
        image(1, 0);
        Npy.write(dir.resolve("labels.npy"), NpyArray.ofFloats(new float[14], 1, 14));
        assertThatThrownBy(() -> Bam.labels(dir, BamLabelGroup.EMOTION))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("labels.npy").hasMessageContaining("[1, 14]").hasMessageContaining("[N, 15]");

        Npy.write(dir.resolve("labels.npy"), NpyArray.ofFloats(new float[15], 15));
        assertThatThrownBy(() -> Bam.labels(dir, BamLabelGroup.EMOTION))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("[15]");
    }

    @Test
    void labelsMustBeNumericAndFinite() throws IOException {
        image(1, 0);
        byte[] npy = Npy.toBytes(NpyArray.ofFloats(new float[15], 1, 15));
        String header = new String(npy, java.nio.charset.StandardCharsets.ISO_8859_1).replace("'<f4'", "'<U1'");
        Files.write(dir.resolve("labels.npy"), header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Bam.labels(dir, BamLabelGroup.EMOTION))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("labels.npy")
                .hasMessageContaining("unsupported dtype");

        float[] row = emotion(1, 0, 0, 0);
        row[2] = Float.NaN;
        labels(row);
        assertThatThrownBy(() -> Bam.labels(dir, BamLabelGroup.EMOTION))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("labels.npy")
                .hasMessageContaining("content_building").hasMessageContaining("not finite");
    }

    @Test
    void jpegsMustBeNamedByAnIntegerMidOnce() throws IOException {
        image(1, 0);
        Path bad = TestFiles.solid(dir.resolve("img/cover.jpg"), 4, 4, 0);
        labels(emotion(1, 0, 0, 0), emotion(1, 0, 0, 0));
        assertThatThrownBy(() -> Bam.labels(dir, BamLabelGroup.EMOTION))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining(bad.toString())
                .hasMessageContaining("<MID>.jpg");

        Files.delete(bad);
        Path twin = TestFiles.solid(dir.resolve("img/001.JPEG"), 4, 4, 0);
        assertThatThrownBy(() -> Bam.labels(dir, BamLabelGroup.EMOTION))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("MID 1 appears twice");
        Files.delete(twin);
        Files.delete(dir.resolve("img/1.jpg"));
        assertThatThrownBy(() -> Bam.labels(dir, BamLabelGroup.EMOTION))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("no <MID>.jpg images");
    }

    @Test
    void missingImgDirOrLabelsFileIsAnError() throws IOException {
        assertThatThrownBy(() -> Bam.labels(dir.resolve("nope"), BamLabelGroup.EMOTION))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> Bam.labels(dir, BamLabelGroup.EMOTION))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining(dir.resolve("img").toString());
        image(1, 0);
        assertThatThrownBy(() -> Bam.labels(dir, BamLabelGroup.EMOTION))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining(dir.resolve("labels.npy").toString());
    }

    // ---- the shared BAM media subset ----------------------------------------------------------

    @Test
    void sharedBamMediaHasOilAndWatercolour() {
        Path bam = TestFiles.shared("data/bam-media");
        BamLabels labels = Bam.labels(bam, BamLabelGroup.MEDIA);
        assertThat(labels.size()).isEqualTo(1929);
        assertThat(labels.dropped()).isZero();
        int[] counts = new int[2];
        for (int c : labels.classes()) {
            counts[c]++;
        }
        assertThat(counts).containsExactly(1758, 171);
        long[] mids = labels.mids();
        assertThat(mids[0]).isEqualTo(1);
        assertThat(mids[1928]).isEqualTo(1929);

        assertThatThrownBy(() -> Bam.labels(bam, BamLabelGroup.EMOTION))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("labels.npy").hasMessageContaining("emotion");
    }

    @Test
    void sharedBamMediaImagesReadAt64WithRandomAndCentreCrops() {
        Path bam = TestFiles.shared("data/bam-media");
        ImageShape shape = new ImageShape(64, 64, 3);
        FileImages ds = Bam.load(bam, BamLabelGroup.MEDIA, shape);
        assertThat(ds.classNames()).containsExactly("oilpaint", "watercolor");
        float[] px = new float[shape.size()];
        for (int i : new int[] {0, 1, 1928}) {
            ds.readImage(i, px, 0, new SplittableRandom(i));
            assertInUnitRange(px);
            ds.readImage(i, px, 0, null);
            assertInUnitRange(px);
        }

        // A portrait painting (64 wide, taller than 64): random crops move, the centre crop does not.
        int portrait = -1;
        for (int i = 0; i < ds.size() && portrait < 0; i++) {
            BufferedImage image = Images.read(ds.file(i));
            assertThat(Math.min(image.getWidth(), image.getHeight())).isEqualTo(64);
            if (image.getHeight() > 72) {
                portrait = i;
            }
        }
        assertThat(portrait).isNotNegative();
        float[] centre = new float[shape.size()];
        ds.readImage(portrait, centre, 0, null);
        ds.readImage(portrait, px, 0, null);
        assertThat(px).containsExactly(centre);
        Set<Integer> crops = new HashSet<>();
        for (long seed = 0; seed < 6; seed++) {
            ds.readImage(portrait, px, 0, new SplittableRandom(seed));
            crops.add(Arrays.hashCode(px));
        }
        assertThat(crops).hasSizeGreaterThan(1);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void assertInUnitRange(float[] px) {
        for (float v : px) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    private void image(int mid, int rgb) throws IOException {
        TestFiles.solid(dir.resolve("img/" + mid + ".jpg"), 4, 4, rgb);
    }

    private void labels(float[]... rows) throws IOException {
        float[] all = new float[rows.length * 15];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, all, r * 15, 15);
        }
        Npy.write(dir.resolve("labels.npy"), NpyArray.ofFloats(all, rows.length, 15));
    }

    /** A label row with the given emotion values and, to show they do not matter, content and media set. */
    private static float[] emotion(double gloomy, double happy, double peaceful, double scary) {
        float[] row = new float[15];
        Arrays.fill(row, 0, E, 1f);
        row[E] = (float) gloomy;
        row[E + 1] = (float) happy;
        row[E + 2] = (float) peaceful;
        row[E + 3] = (float) scary;
        row[13] = 1f;
        return row;
    }
}
