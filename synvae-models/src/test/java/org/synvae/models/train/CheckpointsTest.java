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
import org.synvae.data.io.Npz;
import org.synvae.models.visual.VisualVae;
import org.synvae.models.visual.VisualVaeConfig;

class CheckpointsTest {

    @Test
    void roundTripsWeightsOptimizerStateAndInfo(@TempDir Path dir) throws IOException {
        GraphModel a = new GraphModel(VisualVae.build(VisualVaeConfig.defaults("mnist", 1).withLatentDim(4)).graph(), AdamConfig.of(1e-3));
        a.optimizer().apply(a.parameters(), Map.of("vis_dec/output/b", a.parameters().get("vis_dec/output/b").add(1)));
        Checkpoints cp = new Checkpoints(dir);
        cp.save(a, new CheckpointInfo(3, 1.5, 2.5, 2.0, 2), true);

        GraphModel b = new GraphModel(VisualVae.build(VisualVaeConfig.defaults("mnist", 2).withLatentDim(4)).graph(), AdamConfig.of(1e-3));
        CheckpointInfo info = cp.restoreLatest(b);
        assertThat(info).isEqualTo(new CheckpointInfo(3, 1.5, 2.5, 2.0, 2));
        a.weights().forEach((k, v) -> assertThat(b.weights().get(k)).as(k).isEqualTo(v));
        assertThat(b.optimizer().step()).isEqualTo(1);
        assertThat(Files.readAllBytes(cp.bestFile())).isEqualTo(Files.readAllBytes(cp.latestFile()));
        // NumPy-readable: plain .npy entries named after the variables.
        assertThat(Npz.read(cp.latestFile())).containsKeys("vis_enc/conv0/W", "adam/m/vis_dec/output/b", "adam/step", "meta/epoch");
    }

    @Test
    void aCheckpointOfAnotherShapeNamesTheVariableAndBothShapes(@TempDir Path dir) throws IOException {
        GraphModel small = new GraphModel(VisualVae.build(VisualVaeConfig.defaults("mnist", 1).withLatentDim(4)).graph(), AdamConfig.of(1e-3));
        Checkpoints cp = new Checkpoints(dir);
        cp.save(small, new CheckpointInfo(1, 1, 1, 1, 1), false);
        GraphModel big = new GraphModel(VisualVae.build(VisualVaeConfig.defaults("mnist", 1).withLatentDim(8)).graph(), AdamConfig.of(1e-3));
        assertThatThrownBy(() -> cp.restoreLatest(big)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("latest.npz").hasMessageContaining("vis_dec/grid/W").hasMessageContaining("[4, 1568]").hasMessageContaining("[8, 1568]");
    }

    @Test
    void corruptOrMissingCheckpointsFailCleanly(@TempDir Path dir) throws IOException {
        GraphModel m = new GraphModel(VisualVae.build(VisualVaeConfig.defaults("mnist", 1).withLatentDim(4)).graph(), AdamConfig.of(1e-3));
        Checkpoints cp = new Checkpoints(dir);
        assertThatThrownBy(() -> cp.restoreLatest(m)).isInstanceOf(InvalidDataException.class).hasMessageContaining("nothing to resume");
        Files.write(cp.latestFile(), new byte[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> cp.restoreLatest(m)).isInstanceOf(InvalidDataException.class).hasMessageContaining("latest.npz");
    }
}
