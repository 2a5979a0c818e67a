package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;

/** vis-train, resume and vis-eval end to end on small MNIST-format files. */
class VisTrainEvalTest {

    @Test
    void trainResumeAndEvaluate(@TempDir Path tmp) throws Exception {
        Path data = MnistFiles.write(tmp.resolve("mnist"), 120, 60);
        Path exp = tmp.resolve("exp");
        CliRun train = CliRun.of("vis-train", "--task", "mnist", "--data", data.toString(), "--exp", exp.toString(),
                "--epochs", "1", "--batch-size", "16", "--latent-dim", "4", "--no-progress");
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("epoch 1: train loss").contains("(best)");
        assertThat(exp.resolve("provenance.json")).exists();
        assertThat(exp.resolve("checkpoints/best.npz")).exists();

        CliRun again = CliRun.of("vis-train", "--task", "mnist", "--data", data.toString(), "--exp", exp.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already holds an experiment");

        CliRun wrongEpoch = CliRun.of("vis-train", "--exp", exp.toString(), "--init-epoch", "3");
        assertThat(wrongEpoch.code()).isEqualTo(2);
        assertThat(wrongEpoch.err()).contains("holds epoch 1");

        CliRun changed = CliRun.of("vis-train", "--exp", exp.toString(), "--init-epoch", "1", "--beta", "4");
        assertThat(changed.code()).isEqualTo(2);
        assertThat(changed.err()).contains("--beta cannot change");

        CliRun resume = CliRun.of("vis-train", "--exp", exp.toString(), "--init-epoch", "1", "--epochs", "2", "--no-progress");
        assertThat(resume.code()).as(resume.err()).isZero();
        assertThat(resume.out()).contains("epoch 2:").doesNotContain("epoch 1:");
        assertThat(Files.readString(exp.resolve("experiment.log"))).contains("Resuming vis-train").contains("Epoch 2/2");

        Path out = tmp.resolve("eval");
        CliRun eval = CliRun.of("vis-eval", "--exp", exp.toString(), "--out", out.toString(), "--ranks", "1,3",
                "--samples", "--export-latents", "--export-data");
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("latent means: P@1=").contains("P@3=").contains("latent samples:");
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get("images").asInt()).isEqualTo(60);
        double p1 = results.get("precision_latent_means").get("overall").get("1").asDouble();
        assertThat(p1).isBetween(0.0, 1.0);
        NpyArray means = Npy.read(out.resolve("latent_means.npy"));
        assertThat(means.shape()).containsExactly(60, 4);
        assertThat(Npy.read(out.resolve("reconstructions.npy")).shape()).containsExactly(60, 28, 28, 1);
        assertThat(out.resolve("originals/0")).isDirectory();
        assertThat(out.resolve("reconstructions/1")).isDirectory();
        try (var files = Files.list(out.resolve("reconstructions/0"))) {
            long zeros = files.count();
            try (var ones = Files.list(out.resolve("reconstructions/1"))) {
                assertThat(zeros + ones.count()).isEqualTo(60);
            }
        }
    }

    @Test
    void theSameCommandAgainRestartsADeadEndExperimentOrResumesIt(@TempDir Path tmp) throws Exception {
        Path data = MnistFiles.write(tmp.resolve("mnist"), 48, 8);
        Path exp = tmp.resolve("exp");
        String[] command = {"vis-train", "--task", "mnist", "--data", data.toString(), "--exp", exp.toString(),
            "--epochs", "1", "--batch-size", "16", "--latent-dim", "2", "--no-progress"};
        assertThat(CliRun.of(command).code()).isZero();
        // As a kill during epoch 1 leaves it: provenance and log, no checkpoint, the temp file of a killed write.
        Files.delete(exp.resolve("checkpoints/latest.npz"));
        Files.delete(exp.resolve("checkpoints/best.npz"));
        Path stale = exp.resolve("checkpoints/.latest.npz." + java.util.UUID.randomUUID() + ".tmp");
        Files.write(stale, new byte[100]);
        CliRun resumeNothing = CliRun.of("vis-train", "--exp", exp.toString(), "--init-epoch", "1");
        assertThat(resumeNothing.code()).isEqualTo(2);
        assertThat(resumeNothing.err()).contains("no such checkpoint").contains("without --init-epoch");

        CliRun afresh = CliRun.of(command);
        assertThat(afresh.code()).as(afresh.err()).isZero();
        assertThat(afresh.out()).contains("epoch 1: train loss");
        assertThat(stale).doesNotExist();
        assertThat(exp.resolve("checkpoints/latest.npz")).exists();
        assertThat(Files.readString(exp.resolve("experiment.log"))).contains("no checkpoint").contains("starting afresh");

        CliRun resumed = CliRun.of(command);
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).doesNotContain("epoch 1:");
        assertThat(Files.readString(exp.resolve("experiment.log"))).contains("resuming from its latest checkpoint (epoch 1)");

        String[] otherBeta = command.clone();
        otherBeta[otherBeta.length - 1] = "--beta=4";
        CliRun changed = CliRun.of(otherBeta);
        assertThat(changed.code()).isEqualTo(2);
        assertThat(changed.err()).contains("already holds an experiment").contains("--beta 4.0, recorded 1.0");
        CliRun otherCommand = CliRun.of("cls-train", "--task", "mnist", "--data", data.toString(), "--exp", exp.toString());
        assertThat(otherCommand.code()).isEqualTo(2);
        assertThat(otherCommand.err()).contains("is a 'vis-train' experiment, not cls-train");
        assertThat(exp.resolve("checkpoints/latest.npz")).exists();
    }

    @Test
    void evaluationOnTheExperimentsOwnValidationSplit(@TempDir Path tmp) throws Exception {
        Path data = MnistFiles.write(tmp.resolve("mnist"), 96, 20);
        Path exp = tmp.resolve("exp");
        assertThat(CliRun.of("vis-train", "--task", "mnist", "--data", data.toString(), "--exp", exp.toString(),
                "--epochs", "1", "--batch-size", "8", "--latent-dim", "2", "--no-progress").code()).isZero();
        CliRun eval = CliRun.of("vis-eval", "--exp", exp.toString(), "--out", tmp.resolve("e").toString(), "--part", "valid",
                "--ranks", "1", "--checkpoint", "latest");
        assertThat(eval.code()).as(eval.err()).isZero();
        // 96 images, one in six validate: 16.
        assertThat(new ObjectMapper().readTree(tmp.resolve("e/results.json").toFile()).get("images").asInt()).isEqualTo(16);

        // Trained from one file (a pickle, a CIFAR batch): its "test" part would be the training images.
        Path single = data.resolve("train-images-idx3-ubyte.gz");
        org.synvae.models.train.Provenance p = org.synvae.models.train.Provenance.read(exp);
        java.util.Map<String, String> args = new java.util.HashMap<>(p.arguments());
        args.put("data", single.toAbsolutePath().toString());
        new org.synvae.models.train.Provenance(p.command(), args, p.seed(), p.data(), p.environment(), p.gitCommit(), p.created()).write(exp);
        CliRun test = CliRun.of("vis-eval", "--exp", exp.toString(), "--out", tmp.resolve("t").toString(), "--ranks", "1");
        assertThat(test.code()).isEqualTo(2);
        assertThat(test.err()).contains("is the single file this experiment trained on").contains("--part valid");
        CliRun sameFile = CliRun.of("vis-eval", "--exp", exp.toString(), "--out", tmp.resolve("t").toString(), "--ranks", "1",
                "--data", single.toString());
        assertThat(sameFile.code()).isEqualTo(2);
        assertThat(tmp.resolve("t")).doesNotExist();
    }
}
