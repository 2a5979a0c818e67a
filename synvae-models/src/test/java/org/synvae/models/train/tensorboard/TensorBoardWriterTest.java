package org.synvae.models.train.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorBoardWriterTest {
    @TempDir
    Path tmp;

    @Test
    void createsANamedEventFileThatStartsWithTheFileVersion() throws IOException {
        Path logDir = tmp.resolve("runs/exp1");
        long before = System.currentTimeMillis() / 1000;
        Path file;
        try (TensorBoardWriter writer = TensorBoardWriter.create(logDir)) {
            file = writer.file();
        }

        assertThat(file.getParent()).isEqualTo(logDir);
        String[] parts = file.getFileName().toString().split("\\.", 5);
        assertThat(parts[0] + "." + parts[1] + "." + parts[2]).isEqualTo("events.out.tfevents");
        assertThat(Long.parseLong(parts[3])).isBetween(before, before + 5);
        assertThat(parts[4]).isNotBlank();

        List<DecodedEvent> events = readAll(file);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).fileVersion()).isEqualTo("brain.Event:2");
        assertThat(events.get(0).wallTime()).isBetween(before - 1.0, before + 5.0);
    }

    @Test
    void twoWritersInTheSameDirectoryGetDistinctFiles() throws IOException {
        try (TensorBoardWriter a = TensorBoardWriter.create(tmp); TensorBoardWriter b = TensorBoardWriter.create(tmp)) {
            assertThat(a.file()).isNotEqualTo(b.file());
            assertThat(b.file().getFileName().toString()).contains("tfevents");
        }
    }

    @Test
    void scalarsRoundTrip() throws IOException {
        Path file;
        try (TensorBoardWriter writer = TensorBoardWriter.create(tmp)) {
            file = writer.file();
            for (int step = 0; step < 100; step++) {
                writer.scalar("loss/train", step, 1.0 / (step + 1));
                writer.scalar("loss/valid", step, -step * 0.5);
            }
            writer.scalar("big", 1L << 40, 3.25e30);
        }

        List<ScalarEvent> scalars = TensorBoardEvents.readScalars(file);
        assertThat(scalars).hasSize(201);
        assertThat(scalars.get(0)).isEqualTo(new ScalarEvent("loss/train", 0, 1.0));
        assertThat(scalars.get(7)).isEqualTo(new ScalarEvent("loss/valid", 3, -1.5));
        assertThat(scalars.get(198).value()).isEqualTo((double) (float) (1.0 / 100));
        assertThat(scalars.get(200)).isEqualTo(new ScalarEvent("big", 1L << 40, (float) 3.25e30));
    }

    @Test
    void eventsAreOnDiskBeforeClose() throws IOException {
        try (TensorBoardWriter writer = TensorBoardWriter.create(tmp)) {
            writer.scalar("accuracy", 5, 0.75);
            // A crashed run never closes its writer: what a reader sees now is what survives.
            assertThat(TensorBoardEvents.readScalars(writer.file()))
                    .containsExactly(new ScalarEvent("accuracy", 5, 0.75));
        }
    }

    @Test
    void imagesRoundTripPixelForPixel() throws IOException {
        BufferedImage gray = randomImage(BufferedImage.TYPE_BYTE_GRAY, 28, 28, 1);
        BufferedImage rgb = randomImage(BufferedImage.TYPE_INT_RGB, 32, 16, 2);
        BufferedImage rgba = randomImage(BufferedImage.TYPE_INT_ARGB, 5, 7, 3);
        BufferedImage bgr = randomImage(BufferedImage.TYPE_3BYTE_BGR, 9, 4, 4);
        Path file;
        try (TensorBoardWriter writer = TensorBoardWriter.create(tmp)) {
            file = writer.file();
            writer.scalar("loss", 1, 0.5);
            writer.image("mnist", 1, gray);
            writer.image("cifar", 2, rgb);
            writer.image("alpha", 3, rgba);
            writer.image("bgr", 4, bgr);
        }

        List<ImageEvent> images = TensorBoardEvents.readImages(file);
        assertThat(images).extracting(ImageEvent::tag).containsExactly("mnist", "cifar", "alpha", "bgr");
        assertThat(images).extracting(ImageEvent::colorspace).containsExactly(1, 3, 4, 3);
        assertThat(images).extracting(ImageEvent::step).containsExactly(1L, 2L, 3L, 4L);
        assertImage(images.get(0), gray);
        assertImage(images.get(1), rgb);
        assertImage(images.get(2), rgba);
        assertImage(images.get(3), bgr);
        assertThat(TensorBoardEvents.readScalars(file)).containsExactly(new ScalarEvent("loss", 1, 0.5));
    }

    @Test
    void aLiveFileCutInTheMiddleOfARecordReadsUpToIt() throws IOException {
        Path file;
        try (TensorBoardWriter writer = TensorBoardWriter.create(tmp)) {
            file = writer.file();
            writer.scalar("loss", 1, 0.5);
            writer.scalar("loss", 2, 0.25);
        }
        byte[] whole = Files.readAllBytes(file);
        // As a reader may find a file whose writer is half-way through its last record.
        for (int cut : new int[] {whole.length - 3, whole.length - 20}) {
            Path live = tmp.resolve("live" + cut);
            Files.write(live, java.util.Arrays.copyOf(whole, cut));
            assertThat(TensorBoardEvents.readScalars(live, true)).containsExactly(new ScalarEvent("loss", 1, 0.5));
            assertThatThrownBy(() -> TensorBoardEvents.readScalars(live)).isInstanceOf(org.synvae.data.InvalidDataException.class);
        }
    }

    @Test
    void writingAfterCloseFails() throws IOException {
        TensorBoardWriter writer = TensorBoardWriter.create(tmp);
        writer.close();
        writer.close();
        assertThatThrownBy(() -> writer.scalar("x", 0, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void concurrentWritersProduceWholeRecords() throws Exception {
        Path file;
        try (TensorBoardWriter writer = TensorBoardWriter.create(tmp)) {
            file = writer.file();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String tag = "t" + t;
                Thread thread = new Thread(() -> {
                    for (int step = 0; step < 250; step++) {
                        try {
                            writer.scalar(tag, step, step);
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
        assertThat(TensorBoardEvents.readScalars(file)).hasSize(1000);
    }

    private static List<DecodedEvent> readAll(Path file) {
        List<DecodedEvent> events = new ArrayList<>();
        TensorBoardEvents.read(file, false, events::add);
        return events;
    }

    private static BufferedImage randomImage(int type, int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }

    private static void assertImage(ImageEvent event, BufferedImage expected) throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(event.encodedImage()));
        assertThat(event.width()).isEqualTo(expected.getWidth());
        assertThat(event.height()).isEqualTo(expected.getHeight());
        assertThat(decoded.getWidth()).isEqualTo(expected.getWidth());
        assertThat(decoded.getHeight()).isEqualTo(expected.getHeight());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                assertThat(decoded.getRGB(x, y)).as("pixel (%d, %d)", x, y).isEqualTo(expected.getRGB(x, y));
            }
        }
    }
}
