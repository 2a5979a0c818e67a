package org.synvae.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.data.ImageBatch;
import org.synvae.data.ImageDataset;
import org.synvae.data.ImageShape;
import org.synvae.data.InvalidDataException;
import org.synvae.data.sets.InMemoryImages;
import org.synvae.models.train.tensorboard.ScalarEvent;
import org.synvae.models.train.tensorboard.TensorBoardEvents;
import org.synvae.models.train.tensorboard.TensorBoardWriter;
import org.synvae.models.visual.ReconstructionExporter;
import org.synvae.models.visual.VisualVae;
import org.synvae.models.visual.VisualVaeConfig;
import org.synvae.models.visual.ImageTraining;

public class TrainerTest {
    private static final ImageShape SHAPE = new ImageShape(28, 28, 1);

    /** Bars and blocks at random places: enough structure for a VAE to learn something quickly. */
    public static InMemoryImages images(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] pixels = new byte[n * SHAPE.size()];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(2);
            int at = 4 + r.nextInt(16);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    boolean on = labels[i] == 0 ? Math.abs(x - at) < 3 : Math.abs(y - at) < 3;
                    pixels[i * SHAPE.size() + y * 28 + x] = (byte) (on ? 255 : 0);
                }
            }
        }
        return new InMemoryImages("bars", SHAPE, pixels, labels, List.of("vertical", "horizontal"), true);
    }

    private static ImageTraining task(long seed) {
        ImageDataset all = images(96, 3);
        ImageDataset train = all.subset("train", IntStream.range(0, 64).toArray());
        ImageDataset valid = all.subset("valid", IntStream.range(64, 96).toArray());
        VisualVae vae = VisualVae.build(VisualVaeConfig.defaults("mnist", seed).withLatentDim(4));
        return ImageTraining.of(vae, train, valid, 16, seed);
    }

    private static List<EpochResult> fit(Path dir, int epochs, int initEpoch) throws IOException {
        ImageTraining task = task(5);
        try (ExperimentLog log = new ExperimentLog(dir.resolve("experiment.log"));
             TensorBoardWriter tb = TensorBoardWriter.create(dir.resolve("tensorboard"))) {
            Trainer<ImageBatch> trainer = new Trainer<>(task, new TrainerConfig(epochs, 5, false),
                    new Checkpoints(dir.resolve("checkpoints")), log,
                    List.of(new TensorBoardLosses<>(tb), new ReconstructionExporter(dir.resolve("output"), 1, SHAPE, tb)));
            return trainer.fit(initEpoch);
        }
    }

    @Test
    void trainsWritesCheckpointsLogsCurvesAndExports(@TempDir Path dir) throws IOException {
        List<EpochResult> results = fit(dir, 3, 0);
        assertThat(results).hasSize(3);
        assertThat(results.get(2).trainLosses().get(VisualVae.LOSS)).isLessThan(results.get(0).trainLosses().get(VisualVae.LOSS));
        assertThat(dir.resolve("checkpoints/latest.npz")).exists();
        assertThat(dir.resolve("checkpoints/best.npz")).exists();
        assertThat(new Checkpoints(dir.resolve("checkpoints")).latestInfo()).get().extracting(CheckpointInfo::epoch).isEqualTo(3);
        assertThat(Files.readAllLines(dir.resolve("experiment.log"))).hasSize(3).allMatch(l -> l.contains("Validation losses"));
        assertThat(dir.resolve("output/0_orig.png")).exists();
        assertThat(dir.resolve("output/1_3_recon.png")).exists();
        Path events;
        try (var s = Files.list(dir.resolve("tensorboard"))) {
            events = s.findFirst().orElseThrow();
        }
        List<ScalarEvent> scalars = TensorBoardEvents.readScalars(events);
        assertThat(scalars).filteredOn(e -> e.tag().equals("validation/loss")).extracting(ScalarEvent::step).containsExactly(1L, 2L, 3L);
        assertThat(scalars).filteredOn(e -> e.tag().equals("train_step/loss")).hasSize(3 * 4);
        assertThat(TensorBoardEvents.readImages(events)).hasSize(3);
    }

    @Test
    void resumingContinuesExactlyWhereTheRunStopped(@TempDir Path dir) throws IOException {
        Path straight = dir.resolve("straight");
        Path resumed = dir.resolve("resumed");
        fit(straight, 2, 0);
        fit(resumed, 1, 0);
        List<EpochResult> second = fit(resumed, 2, 1);
        assertThat(second).hasSize(1);
        assertThat(second.get(0).epoch()).isEqualTo(2);
        Map<String, INDArray> a = Checkpoints.readArrays(straight.resolve("checkpoints/latest.npz"));
        Map<String, INDArray> b = Checkpoints.readArrays(resumed.resolve("checkpoints/latest.npz"));
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String name : a.keySet()) {
            double diff = a.get(name).castTo(b.get(name).dataType()).sub(b.get(name)).amaxNumber().doubleValue();
            assertThat(diff).as(name).isLessThan(1e-5);
        }
    }

    @Test
    void resumingFromTheWrongEpochIsRefused(@TempDir Path dir) throws IOException {
        fit(dir, 1, 0);
        assertThatThrownBy(() -> fit(dir, 3, 2)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("holds epoch 1").hasMessageContaining("--init-epoch 1");
    }

    @Test
    void aNonFiniteLossStopsWithoutTouchingTheCheckpoint(@TempDir Path dir) throws IOException {
        fit(dir, 1, 0);
        byte[] before = Files.readAllBytes(dir.resolve("checkpoints/latest.npz"));
        TrainingTask<ImageBatch> nanTask = new DelegatingTask(task(5));
        try (ExperimentLog log = new ExperimentLog(dir.resolve("experiment.log"))) {
            Trainer<ImageBatch> trainer = new Trainer<>(nanTask, new TrainerConfig(2, 5, false), new Checkpoints(dir.resolve("checkpoints")), log, List.of());
            assertThatThrownBy(() -> trainer.fit(1)).isInstanceOf(TrainingDivergedException.class)
                    .hasMessageContaining("NaN").hasMessageContaining("epoch 2").hasMessageContaining("unchanged");
        }
        assertThat(Files.readAllBytes(dir.resolve("checkpoints/latest.npz"))).isEqualTo(before);
    }

    /** A task whose images turn into NaN: the loss diverges on the first step. */
    private static final class DelegatingTask implements TrainingTask<ImageBatch> {
        private final ImageTraining base;

        DelegatingTask(ImageTraining base) {
            this.base = base;
        }

        @Override
        public GraphModel model() {
            return base.model();
        }

        @Override
        public List<String> losses() {
            return base.losses();
        }

        @Override
        public Iterable<ImageBatch> trainBatches(int epoch) {
            return base.trainBatches(epoch);
        }

        @Override
        public int trainBatchCount() {
            return base.trainBatchCount();
        }

        @Override
        public Iterable<ImageBatch> validBatches() {
            return base.validBatches();
        }

        @Override
        public int validBatchCount() {
            return base.validBatchCount();
        }

        @Override
        public int size(ImageBatch batch) {
            return batch.size();
        }

        @Override
        public Map<String, INDArray> feeds(ImageBatch batch, SplittableRandom noise) {
            Map<String, INDArray> feeds = new java.util.HashMap<>(base.feeds(batch, noise));
            // Not images().mul(NaN): ND4J's scalar multiply by NaN does not yield NaN.
            feeds.put(VisualVae.IMAGES, org.nd4j.linalg.factory.Nd4j.valueArrayOf(batch.images().shape(), Double.NaN,
                    org.nd4j.linalg.api.buffer.DataType.FLOAT));
            return feeds;
        }
    }
}
