package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.music.midi.MidiReader;

/** {@code syn-train}, its resume, {@code syn-eval} and {@code translate} on small MNIST files and a tiny MusicVAE. */
class SynCommandsTest {

    @Test
    void trainResumeEvaluateAndTranslate(@TempDir Path dir) throws Exception {
        Path mnist = MnistFiles.write(dir.resolve("mnist"), 48, 16);
        Path config = Files.writeString(dir.resolve("tiny.json"), MusicTrainCommandTest.TINY.toJson());
        Path checkpoint = MusicCommandsTest.writeCheckpoint(dir.resolve("music").resolve("model.ckpt-7"), MusicTrainCommandTest.TINY, 5);
        Path exp = dir.resolve("syn");
        CliRun train = CliRun.of("syn-train", "--task", "mnist", "--data", mnist.toString(), "--exp", exp.toString(),
                "--music-config", config.toString(), "--music-checkpoint", checkpoint.toString(), "--relaxation", "gumbel",
                "--epochs", "1", "--batch-size", "8", "--valid-fraction", "0.25", "--export-every", "1", "--no-progress");
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("epoch 1: train loss");
        assertThat(exp.resolve("model").resolve("model.json")).exists();
        assertThat(exp.resolve("output").resolve("0_1_melody.mid")).exists();
        assertThat(exp.resolve("output").resolve("0_1_recon.png")).exists();

        // Resuming needs neither starting checkpoint.
        try (Stream<Path> files = Files.list(checkpoint.getParent())) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        CliRun resumed = CliRun.of("syn-train", "--exp", exp.toString(), "--init-epoch", "1", "--epochs", "2", "--no-progress");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("epoch 2: train loss").doesNotContain("epoch 1:");

        Path eval = dir.resolve("eval");
        CliRun evaluate = CliRun.of("syn-eval", "--exp", exp.toString(), "--out", eval.toString(), "--ranks", "1,3",
                "--export-latents", "--export-data");
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("visual latent space: P@1=").contains("auditive latent space: P@1=")
                .contains("re-encoded melodies: P@1=").contains("distinct melodies: ").contains("melody self-retrieval: ");
        for (String f : new String[] {"results.json", "vis_latents.npy", "aud_latents.npy", "melody_latents.npy", "tokens.npy", "labels.npy"}) {
            assertThat(eval.resolve(f)).exists();
        }
        try (Stream<Path> midis = Files.walk(eval.resolve("melodies"))) {
            assertThat(midis.filter(p -> p.toString().endsWith(".mid")).count()).isEqualTo(16);
        }

        Path image = Files.walk(eval.resolve("originals")).filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow();
        Path out1 = dir.resolve("t1");
        Path out2 = dir.resolve("t2");
        CliRun t1 = CliRun.of("translate", image.toString(), "--model", exp.resolve("model").toString(), "--out", out1.toString(),
                "--temperature", "1.5", "--seed", "9");
        CliRun t2 = CliRun.of("translate", image.toString(), "--model", exp.resolve("model").toString(), "--out", out2.toString(),
                "--temperature", "1.5", "--seed", "9");
        assertThat(t1.code()).as(t1.err()).isZero();
        String name = image.getFileName().toString().replace(".png", ".mid");
        assertThat(t1.out()).contains(name).contains("notes, pitches");
        assertThat(Files.readAllBytes(out1.resolve(name))).isEqualTo(Files.readAllBytes(out2.resolve(name)));
        assertThat(MidiReader.read(out1.resolve(name))).isNotNull();

        // A new SynVAE may start its visual encoder and decoder from an exported one; with
        // --train-music its MusicVAE learns too.
        Path again = dir.resolve("syn2");
        Path music2 = MusicCommandsTest.writeCheckpoint(dir.resolve("music2").resolve("model.ckpt-7"), MusicTrainCommandTest.TINY, 5);
        CliRun fromModel = CliRun.of("syn-train", "--task", "mnist", "--data", mnist.toString(), "--exp", again.toString(),
                "--vis-exp", exp.resolve("model").toString(), "--music-config", config.toString(),
                "--music-checkpoint", music2.toString(), "--train-music",
                "--epochs", "1", "--batch-size", "8", "--valid-fraction", "0.25", "--no-progress");
        assertThat(fromModel.code()).as(fromModel.err()).isZero();
        assertThat(fromModel.out()).contains("epoch 1: train loss");
        String kernel = "decoder/output_projection/kernel";
        INDArray before = org.synvae.music.model.MusicVaeLoader.tensors(MusicTrainCommandTest.TINY, music2).get(kernel);
        INDArray after = org.synvae.synesthetic.ModelDirectory.load(again.resolve("model")).musicWeights().get(kernel);
        assertThat(after.equalsWithEps(before.castTo(after.dataType()), 1e-7)).as("the MusicVAE trained").isFalse();
    }

    @Test
    void badInputGetsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path broken = Files.write(dir.resolve("broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3});
        CliRun corrupt = CliRun.of("translate", broken.toString(), "--model", dir.toString());
        assertThat(corrupt.code()).isEqualTo(2);
        assertThat(corrupt.err().strip()).contains("broken.jpg").doesNotContain("\n").doesNotContain("Exception");

        Path image = dir.resolve("a.png");
        org.synvae.data.image.Images.writePng(new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB), image);
        CliRun noModel = CliRun.of("translate", image.toString(), "--model", dir.resolve("nothing").toString());
        assertThat(noModel.code()).isEqualTo(2);
        assertThat(noModel.err()).contains("not a SynVAE model directory");

        CliRun noCheckpoint = CliRun.of("syn-train", "--task", "mnist", "--data", dir.toString(), "--exp", dir.resolve("e").toString(),
                "--music-config", "cat-mel_2bar_small", "--music-checkpoint", dir.resolve("missing").toString());
        assertThat(noCheckpoint.code()).isEqualTo(2);
        assertThat(noCheckpoint.err()).contains("no such checkpoint");
        assertThat(dir.resolve("e")).doesNotExist();
    }
}
