package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.ImageDataset;
import org.synvae.data.Split;
import org.synvae.data.sets.ImageFolder;
import org.synvae.models.visual.VisualTask;

/** --max-images on a class-ordered image folder: a sample across classes, and the split validates on all of them. */
class TrainingDataTest {

    @Test
    void maxImagesSamplesAcrossClassesAndOldRunsReplayAsRecorded(@TempDir Path tmp) throws Exception {
        Path folder = tmp.resolve("fruit");
        for (String fruit : new String[] {"apples", "pears"}) {
            Files.createDirectories(folder.resolve(fruit));
            for (int i = 0; i < 30; i++) {
                ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", folder.resolve(fruit + "/" + i + ".png").toFile());
            }
        }
        ImageDataset all = ImageFolder.load(folder, VisualTask.FOLDER.shape());
        Map<String, String> settings = new HashMap<>(Map.of("seed", "42", "valid-fraction", "0.2"));
        TrainingData.putLimit(settings, 20);
        assertThat(settings).containsEntry(TrainingData.PICK, TrainingData.SAMPLED);
        ImageDataset sample = TrainingData.limit(all, settings);
        assertThat(sample.size()).isEqualTo(20);
        assertThat(count(sample, 0)).isEqualTo(10);
        assertThat(count(sample, 1)).isEqualTo(10);
        Split split = TrainingData.split(sample, settings.get("valid-fraction"), 42);
        ImageDataset valid = split.validOf(sample);
        assertThat(count(valid, 0)).as("apples validate").isPositive();
        assertThat(count(valid, 1)).as("pears validate").isPositive();
        // Evaluation subsets are samples across classes too.
        ImageDataset eval = TrainingData.sample(all, 6, 42);
        assertThat(count(eval, 0)).isEqualTo(3);

        // A run recorded before samples existed took the first N; its split must replay unchanged.
        Map<String, String> old = Map.of("seed", "42", "max-images", "20");
        assertThat(TrainingData.picked(all, old)).isEqualTo(java.util.stream.IntStream.range(0, 20).toArray());
        assertThat(TrainingData.picked(all, Map.of("seed", "42", "max-images", "0"))).isNull();
    }

    private static long count(ImageDataset data, int label) {
        return java.util.stream.IntStream.range(0, data.size()).filter(i -> data.label(i) == label).count();
    }
}
