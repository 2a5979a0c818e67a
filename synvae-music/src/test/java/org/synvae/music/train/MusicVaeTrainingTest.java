package org.synvae.music.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.data.InvalidDataException;
import org.synvae.models.train.Checkpoints;
import org.synvae.models.train.EpochResult;
import org.synvae.models.train.ExperimentLog;
import org.synvae.models.train.Trainer;
import org.synvae.models.train.TrainerConfig;
import org.synvae.models.train.TrainingListener;
import org.synvae.music.model.Decoded;
import org.synvae.music.model.MusicVae;
import org.synvae.music.model.MusicVaeConfig;
import org.synvae.music.model.MusicVaeLoader;
import org.synvae.music.model.Sampling;

/** MusicVAE training on generated tunes: data set, split, augmentation, loss, exports. */
class MusicVaeTrainingTest {

    @Test
    void windowsSplitByFileAndTransposedBatches(@TempDir Path dir) throws IOException {
        Tunes.write(dir, 10);
        MelodyDataset all = MelodyDataset.load(dir, 32, 0);
        assertThat(all.fileCount()).isEqualTo(10);
        assertThat(all.size()).isEqualTo(30);
        MelodyDataset.Split split = all.split(0.2, 1);
        assertThat(split.valid().fileCount()).isEqualTo(2);
        assertThat(split.train().size() + split.valid().size()).isEqualTo(30);
        assertThat(all.split(0.2, 1).valid().row(0)).isEqualTo(split.valid().row(0));
        List<MelodyBatch> batches = new java.util.ArrayList<>();
        split.train().trainingBatches(5, 3).forEach(batches::add);
        assertThat(batches).hasSize(4);
        INDArray first = batches.get(0).sequences();
        assertThat(first.shape()).containsExactly(5, 32, 90);
        assertThat(first.sum(2).minNumber().doubleValue()).isEqualTo(1.0);
        assertThat(MelodyDataset.transpose(new int[] {0, 1, 2, 89}, 1)).containsExactly(0, 1, 2, 89);
        assertThat(MelodyDataset.transpose(new int[] {0, 1, 2, 50}, 3)).containsExactly(0, 1, 5, 53);
    }

    @Test
    void severalSourcesSplitByTuneEachWithItsOwnHeldOutPart(@TempDir Path dir) throws IOException {
        Path folk = Files.createDirectories(dir.resolve("folk").resolve("midi-4-4"));
        Path pop = Files.createDirectories(dir.resolve("pop"));
        Tunes.write(folk, 10);
        Tunes.write(pop, 4);
        MelodyDataset.Source folkSource = MelodyDataset.Source.parse(folk.toString());
        assertThat(folkSource.name()).as("a midi* folder is named after its parent").isEqualTo("folk");
        assertThat(MelodyDataset.Source.parse("songs=" + pop).name()).isEqualTo("songs");
        MelodyDataset all = MelodyDataset.load(List.of(folkSource, MelodyDataset.Source.parse(pop.toString())), 32, 0);
        assertThat(all.windowsBySource()).containsExactly(java.util.Map.entry("folk", 30), java.util.Map.entry("pop", 12));
        assertThat(all.tunesBySource()).containsExactly(java.util.Map.entry("folk", 10), java.util.Map.entry("pop", 4));
        MelodyDataset.Split split = all.split(0.25, 5);
        // 0.25 of each source's tunes: 3 of 10 and 1 of 4, never pooled.
        assertThat(split.valid().tunesBySource()).containsExactly(java.util.Map.entry("folk", 3), java.util.Map.entry("pop", 1));
        assertThat(split.train().tunesBySource()).containsExactly(java.util.Map.entry("folk", 7), java.util.Map.entry("pop", 3));
        assertThat(split.valid().source("pop").size()).isEqualTo(3);
        // The first source splits exactly as a single-source data set does, so older experiments resume on their split.
        MelodyDataset.Split alone = MelodyDataset.load(List.of(folkSource), 32, 0).split(0.25, 5);
        assertThat(alone.valid().row(0)).isEqualTo(split.valid().source("folk").row(0));
        assertThatThrownBy(() -> MelodyDataset.load(List.of(folkSource, MelodyDataset.Source.parse("folk=" + pop)), 32, 0))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("share a name");
    }

    @Test
    void lossDecreasesAndTheTensorFlowExportDecodes(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("midi"));
        Tunes.write(data, 10);
        MelodyDataset.Split split = MelodyDataset.load(data, 32, 0).split(0.2, 7);
        MusicVaeTraining training = new MusicVaeTraining(Tunes.TINY, MusicVaeTraining.initialWeights(Tunes.TINY, 7),
                split.train(), split.valid(), 4, 1e-2, 7);
        Path tf = dir.resolve("tf");
        List<TrainingListener<MelodyBatch>> listeners = List.of(new TfExport(training, tf, 1));
        List<EpochResult> results;
        try (ExperimentLog log = new ExperimentLog(dir.resolve("log.txt"))) {
            results = new Trainer<>(training, new TrainerConfig(2, 7, false), new Checkpoints(dir.resolve("ckpt")), log, listeners)
                    .fit(0);
        }
        double first = results.get(0).trainLosses().get(MusicVaeTraining.LOSS);
        double second = results.get(1).trainLosses().get(MusicVaeTraining.LOSS);
        assertThat(second).isLessThan(first);
        assertThat(results.get(1).trainLosses().get(MusicVaeTraining.ACCURACY)).isBetween(0.0, 1.0);
        assertThat(dir.resolve("ckpt").resolve(Checkpoints.LATEST)).exists();
        Path prefix = TfExport.prefix(tf, results.get(1).step());
        assertThat(Path.of(prefix + ".index")).exists();
        assertThat(tf.resolve("checkpoint")).exists();
        // keep 1: the first epoch's export is gone.
        assertThat(Path.of(TfExport.prefix(tf, results.get(0).step()) + ".index")).doesNotExist();
        assertThat(tf.toFile().list()).hasSize(3);
        assertThat(org.synvae.music.checkpoint.TfCheckpointReader.read(prefix).tensor(TfExport.GLOBAL_STEP).toLongArray())
                .containsExactly(results.get(1).step());
        MusicVae vae = MusicVaeLoader.load(Tunes.TINY, prefix);
        Decoded decoded = vae.sample(2, Sampling.argmax(), 1);
        assertThat(decoded.tokens()[0]).hasSize(32);
        // Fine-tuning starts from the exported weights.
        new MusicVaeTraining(Tunes.TINY, MusicVaeLoader.tensors(Tunes.TINY, prefix), split.train(), split.valid(), 4, 1e-3, 1);
    }

    @Test
    void samplingSchedulesAreMagentas() {
        assertThat(MusicVaeTraining.samplingProbability(Tunes.TINY, 0)).isCloseTo(1 - 1000.0 / 1001, within(1e-12));
        assertThat(MusicVaeTraining.samplingProbability(Tunes.TINY, 6908)).isCloseTo(0.5, within(1e-3));
        assertThat(MusicVaeTraining.samplingProbability(withSchedule("constant", 0.25), 99)).isEqualTo(0.25);
        assertThat(MusicVaeTraining.samplingProbability(withSchedule("exponential", 0.5), 2)).isEqualTo(0.75);
        assertThatThrownBy(() -> MusicVaeTraining.samplingProbability(withSchedule("linear", 1), 0))
                .hasMessageContaining("linear");
    }

    /** Half the decoder inputs sampled: the scheduled graph trains with finite losses. */
    @Test
    void scheduledSamplingTrains(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("midi"));
        Tunes.write(data, 4);
        MelodyDataset.Split split = MelodyDataset.load(data, 32, 0).split(0.25, 7);
        MusicVaeConfig half = withSchedule("constant", 0.5);
        MusicVaeTraining training = new MusicVaeTraining(half, MusicVaeTraining.initialWeights(half, 7),
                split.train(), split.valid(), 3, 1e-2, 7);
        try (ExperimentLog log = new ExperimentLog(dir.resolve("log.txt"))) {
            EpochResult r = new Trainer<>(training, new TrainerConfig(1, 7, false), new Checkpoints(dir.resolve("ckpt")), log,
                    List.<TrainingListener<MelodyBatch>>of()).fit(0).get(0);
            assertThat(r.trainLosses().get(MusicVaeTraining.LOSS)).isFinite();
            assertThat(r.validLosses().get(MusicVaeTraining.LOSS)).isFinite();
        }
    }

    /** With more free bits than the KL, the loss is the reconstruction alone, and a step still updates. */
    @Test
    void freeBitsLeaveTheKlUnpenalised(@TempDir Path dir) throws Exception {
        Tunes.write(dir, 2);
        MelodyDataset.Split split = MelodyDataset.load(dir, 32, 0).split(0.5, 1);
        MusicVaeConfig c = Tunes.TINY;
        MusicVaeConfig free = new MusicVaeConfig(c.name(), c.zSize(), c.encoderSizes(), c.decoderSizes(), c.conductorSizes(),
                c.conductorLength(), c.steps(), c.depth(), 1.0, 0.5, 1000, "constant", 0, c.learningRate(), c.decayRate(),
                c.minLearningRate(), c.batchSize(), c.stepsPerQuarter(), c.slicesPerBar());
        MusicVaeTraining training = new MusicVaeTraining(free, MusicVaeTraining.initialWeights(free, 2), split.train(), split.valid(),
                3, 1e-3, 2);
        MelodyBatch batch = training.trainBatches(1).iterator().next();
        INDArray before = training.musicVaeWeights().get(org.synvae.music.model.MusicVaeVariables.OUTPUT_BIAS).dup();
        java.util.Map<String, INDArray> out = training.model().trainStep(training.feeds(batch, new java.util.SplittableRandom(1)),
                training.losses());
        assertThat(out.get(MusicVaeTraining.KL).getDouble(0)).isPositive();
        assertThat(out.get(MusicVaeTraining.LOSS).getDouble(0)).isEqualTo(out.get(MusicVaeTraining.RECON_LOSS).getDouble(0));
        assertThat(training.musicVaeWeights().get(org.synvae.music.model.MusicVaeVariables.OUTPUT_BIAS)).isNotEqualTo(before);
        assertThat(training.beta(1)).isEqualTo(0.5);
    }

    private static MusicVaeConfig withSchedule(String schedule, double rate) {
        MusicVaeConfig c = Tunes.TINY;
        return new MusicVaeConfig(c.name(), c.zSize(), c.encoderSizes(), c.decoderSizes(), c.conductorSizes(), c.conductorLength(),
                c.steps(), c.depth(), c.maxBeta(), c.betaRate(), c.freeBits(), schedule, rate, c.learningRate(), c.decayRate(),
                c.minLearningRate(), c.batchSize(), c.stepsPerQuarter(), c.slicesPerBar());
    }

    @Test
    void noMidiFilesIsAnError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "no music");
        assertThatThrownBy(() -> MelodyDataset.load(dir, 32, 0)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("no MIDI files");
    }
}
