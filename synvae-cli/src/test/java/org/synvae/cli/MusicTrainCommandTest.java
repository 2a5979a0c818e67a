package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.SharedData;
import org.synvae.models.train.Checkpoints;
import org.synvae.music.melody.Melody;
import org.synvae.music.melody.OneHotMelodyCodec;
import org.synvae.music.midi.MidiWriter;
import org.synvae.music.model.MusicVaeConfig;

/** {@code synvae music train}: a run, its resume, its TensorFlow export, and bad input. */
class MusicTrainCommandTest {
    static final MusicVaeConfig TINY = new MusicVaeConfig("tiny-mel_2bar", 8, List.of(16), List.of(16, 16), List.of(), 0, 32,
            OneHotMelodyCodec.DEPTH, 0.2, 0.99999, 0, "inverse_sigmoid", 1000, 1e-3, 0.9999, 1e-5, 8, 4, 16);

    /** Ten files of 4-bar arpeggios on different roots. */
    private static Path tunes(Path dir) throws Exception {
        Files.createDirectories(dir);
        for (int f = 0; f < 10; f++) {
            int[] events = new int[64];
            int[] arpeggio = {0, 4, 7, 12};
            for (int t = 0; t < 64; t++) {
                events[t] = t % 2 == 0 ? 60 + (f % 5) + arpeggio[(t / 2) % 4] : Melody.NO_EVENT;
            }
            MidiWriter.write(new OneHotMelodyCodec().toNoteSequence(Melody.of(events)), dir.resolve("tune" + f + ".mid"));
        }
        return dir;
    }

    @Test
    void trainsResumesAndTheExportSamples(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("tiny.json"), TINY.toJson());
        Path data = tunes(dir.resolve("midi"));
        Path exp = dir.resolve("exp");
        CliRun first = CliRun.of("music", "train", "--config", config.toString(), "--data", data.toString(), "--exp", exp.toString(),
                "--epochs", "1", "--batch-size", "4", "--learning-rate", "0.01", "--valid-fraction", "0.2", "--seed", "3",
                "--no-progress");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("epoch 1: train loss").contains("accuracy");
        assertThat(exp.resolve("checkpoints").resolve(Checkpoints.LATEST)).exists();

        CliRun changed = CliRun.of("music", "train", "--exp", exp.toString(), "--init-epoch", "1", "--epochs", "2", "--seed", "4");
        assertThat(changed.code()).isEqualTo(2);
        assertThat(changed.err()).contains("--seed cannot change");

        CliRun resumed = CliRun.of("music", "train", "--exp", exp.toString(), "--init-epoch", "1", "--epochs", "2", "--no-progress");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("epoch 2: train loss").doesNotContain("epoch 1:");
        String prefix = resumed.out().lines().filter(l -> l.startsWith("tensorflow checkpoint: ")).findFirst().orElseThrow()
                .substring("tensorflow checkpoint: ".length());
        assertThat(Path.of(prefix)).hasFileName("model.ckpt-12");

        Path samples = dir.resolve("samples");
        CliRun sample = CliRun.of("music", "sample", "--config", config.toString(), "--checkpoint", prefix, "--n", "2",
                "--out", samples.toString(), "--argmax");
        assertThat(sample.code()).as(sample.err()).isZero();
        assertThat(samples.resolve("sample_001.mid")).exists();

        // Fine-tuning a new experiment from the export; resuming it does not need the export any more.
        Path tuned = dir.resolve("tuned");
        CliRun fine = CliRun.of("music", "train", "--config", config.toString(), "--data", data.toString(), "--exp", tuned.toString(),
                "--checkpoint", prefix, "--epochs", "1", "--batch-size", "8", "--no-progress");
        assertThat(fine.code()).as(fine.err()).isZero();
        assertThat(fine.out()).contains("epoch 1: train loss");
        assertThat(Files.readString(tuned.resolve("provenance.json"))).contains("model.ckpt-12");
    }

    @Test
    void twoSourcesTrainThenEvaluateAndExportForMagentaJs(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("tiny.json"), TINY.toJson());
        Path folk = tunes(dir.resolve("folk"));
        Path pop = tunes(dir.resolve("pop"));
        Path exp = dir.resolve("exp");
        CliRun train = CliRun.of("music", "train", "--config", config.toString(), "--data", folk + ",songs=" + pop, "--exp", exp.toString(),
                "--epochs", "1", "--batch-size", "4", "--valid-fraction", "0.2", "--seed", "3", "--no-progress");
        assertThat(train.code()).as(train.err()).isZero();
        String log = Files.readString(exp.resolve("experiment.log"));
        assertThat(log).contains("source folk").contains("source songs").contains("24 training windows (8 tunes) / 6 validation windows (2 tunes)");
        assertThat(Files.readString(exp.resolve("provenance.json"))).contains("\"songs\"").contains("valid_tunes");

        Path samples = dir.resolve("samples");
        assertThat(CliRun.of("music", "sample", "--config", config.toString(), "--checkpoint", exp.resolve("checkpoints/tf").toString(),
                "--n", "3", "--out", samples.toString(), "--argmax").code()).isZero();
        Path eval = dir.resolve("eval");
        CliRun run = CliRun.of("music", "eval", "--exp", exp.toString(), "--out", eval.toString(), "--n", "20", "--compare",
                "sampled=" + samples);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("held-out reconstruction accuracy").contains("folk").contains("songs")
                .contains("prior-argmax").contains("prior-t0.5").contains("sampled").contains("folk vs others");
        com.fasterxml.jackson.databind.JsonNode results = new com.fasterxml.jackson.databind.ObjectMapper().readTree(eval.resolve("results.json").toFile());
        assertThat(results.path("accuracy").path("all").path("windows").asInt()).isEqualTo(12);
        assertThat(results.path("accuracy").path("songs").path("teacherForced").asDouble()).isBetween(0.0, 1.0);
        assertThat(results.path("sets").path("sampled").path("melodies").asInt()).isEqualTo(3);
        assertThat(results.path("sets").path("prior-argmax").path("meanOa").asDouble()).isBetween(0.0, 1.0);
        assertThat(eval.resolve("features-prior-argmax.png")).exists();
        assertThat(eval.resolve("prior-argmax.png")).exists();

        Path js = dir.resolve("js");
        CliRun export = CliRun.of("music", "export", "--exp", exp.toString(), "--out", js.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(js.resolve("weights_manifest.json")).exists();
        assertThat(js.resolve("config.json")).exists();
        Path tf = dir.resolve("tf");
        assertThat(CliRun.of("music", "export", "--exp", exp.toString(), "--out", tf.toString(), "--format", "tf").code()).isZero();
        // Both exports decode the experiment's own export's melodies.
        for (Path checkpoint : List.of(js, tf)) {
            Path again = dir.resolve("again-" + checkpoint.getFileName());
            CliRun sample = CliRun.of("music", "sample", "--config", config.toString(), "--checkpoint", checkpoint.toString(), "--n", "3",
                    "--out", again.toString(), "--argmax");
            assertThat(sample.code()).as(sample.err()).isZero();
            assertThat(Files.readAllBytes(again.resolve("sample_002.mid"))).isEqualTo(Files.readAllBytes(samples.resolve("sample_002.mid")));
        }
        CliRun badFormat = CliRun.of("music", "export", "--exp", exp.toString(), "--out", js.toString(), "--format", "onnx");
        assertThat(badFormat.code()).isEqualTo(2);
        assertThat(badFormat.err()).contains("--format");
    }

    @Test
    void aDirectoryWithoutMidiIsOneLineError(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun run = CliRun.of("music", "train", "--config", "cat-mel_2bar_small", "--data", empty.toString(),
                "--exp", dir.resolve("exp").toString(), "--no-progress");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains(empty.toString()).contains("no MIDI files");
        assertThat(run.err().lines().count()).isEqualTo(1);
    }

    @Test
    void hierarchicalConfigsAreRefused(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("music", "train", "--config", "hierdec-mel_4bar", "--data", dir.toString(),
                "--exp", dir.resolve("exp").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("hierarchical");
    }

    /** Twenty Nottingham tunes, one epoch; skipped without ../shared next to the project. */
    @Test
    void nottinghamQuickRun(@TempDir Path dir) throws Exception {
        Path data = SharedData.path("data/melodies/nottingham/midi-melody");
        Path config = Files.writeString(dir.resolve("tiny.json"), TINY.toJson());
        CliRun run = CliRun.of("music", "train", "--config", config.toString(), "--data", data.toString(),
                "--exp", dir.resolve("exp").toString(), "--max-files", "20", "--epochs", "1", "--no-progress");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("epoch 1: train loss");
    }
}
