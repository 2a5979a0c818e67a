package org.synvae.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.InvalidDataException;

class ExperimentDirTest {

    @Test
    void createsTheLayoutAndRefusesToReuseADirectory(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("exp");
        ExperimentDir dir = ExperimentDir.create(root);
        assertThat(dir.checkpoints()).isDirectory();
        assertThat(dir.output()).isDirectory();
        assertThat(dir.tensorboard()).isDirectory();
        // Empty layout directories alone are what a create killed before its provenance leaves: reusable.
        assertThat(ExperimentDir.create(root).root()).isEqualTo(root);
        Files.writeString(dir.output().resolve("x.png"), "x");
        assertThatThrownBy(() -> ExperimentDir.create(root)).isInstanceOf(InvalidDataException.class).hasMessageContaining("not empty");
        Provenance.now("vis-train", Map.of("task", "mnist"), 7, Map.of("images", 10)).write(root);
        assertThatThrownBy(() -> ExperimentDir.create(root)).hasMessageContaining("already holds an experiment");
        assertThat(ExperimentDir.open(root).provenance().argument("task")).isEqualTo("mnist");
        assertThatThrownBy(() -> ExperimentDir.open(tmp)).hasMessageContaining("not an experiment directory");
    }

    @Test
    void whatAKilledCreateLeavesIsNoObstacle(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("exp");
        Files.createDirectories(root.resolve("checkpoints"));
        Path stale = root.resolve(".provenance.json.0b7d6c1e-5f0a-4f55-9a43-2f7b0e6f3c11.tmp");
        Files.writeString(stale, "{ half");
        ExperimentDir dir = ExperimentDir.create(root);
        assertThat(stale).doesNotExist();
        assertThat(dir.output()).isDirectory();
        Files.writeString(root.resolve("notes.txt"), "mine");
        Files.delete(root.resolve("checkpoints"));
        assertThatThrownBy(() -> ExperimentDir.requireFresh(root)).hasMessageContaining("not empty");
    }

    @Test
    void provenanceRoundTripsAndRecordsTheEnvironment(@TempDir Path dir) throws IOException {
        Provenance p = Provenance.now("vis-train", Map.of("beta", "1.0", "task", "cifar"), 11, Map.of("train", 40000, "classes", java.util.List.of("cat", "dog")));
        p.write(dir);
        Provenance q = Provenance.read(dir);
        assertThat(q).isEqualTo(p);
        assertThat(q.environment()).containsKeys("java", "nd4j", "os");
        assertThat(Files.readString(dir.resolve(Provenance.FILE))).contains("\"seed\" : 11");
        Files.writeString(dir.resolve(Provenance.FILE), "{ not json");
        assertThatThrownBy(() -> Provenance.read(dir)).isInstanceOf(InvalidDataException.class).hasMessageContaining("provenance.json");
    }
}
