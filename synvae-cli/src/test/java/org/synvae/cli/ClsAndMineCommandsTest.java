package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;
import org.synvae.data.sets.IdxImages;
import org.synvae.data.sets.Part;

/** cls-train, cls-eval, cls-data and mine-train end to end on small files. */
class ClsAndMineCommandsTest {

    @Test
    void trainAndTestAClassifierOnOriginalsAndReconstructions(@TempDir Path tmp) throws Exception {
        Path data = MnistFiles.write(tmp.resolve("mnist"), 192, 64);
        Path exp = tmp.resolve("cls");
        CliRun train = CliRun.of("cls-train", "--task", "mnist", "--data", data.toString(), "--exp", exp.toString(),
                "--epochs", "3", "--batch-size", "16", "--learning-rate", "1e-3", "--no-progress");
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("epoch 3: train loss").contains("validation accuracy");
        assertThat(exp.resolve("checkpoints/best.npz")).exists();

        CliRun resume = CliRun.of("cls-train", "--exp", exp.toString(), "--init-epoch", "3", "--epochs", "4", "--no-progress");
        assertThat(resume.code()).as(resume.err()).isZero();
        assertThat(resume.out()).contains("epoch 4:").doesNotContain("epoch 3:");

        Path out = tmp.resolve("eval");
        CliRun eval = CliRun.of("cls-eval", "--exp", exp.toString(), "--out", out.toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("top-1 accuracy").contains("mean one-vs-rest accuracy");
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get("items").asInt()).isEqualTo(64);
        // Vertical against horizontal bars: well above chance after a few epochs.
        assertThat(results.get("top1_accuracy").asDouble()).isGreaterThan(0.8);
        assertThat(results.get("confusion_matrix").get("rows")).hasSize(10);
        assertThat(out.resolve("confusion.png")).exists();
        assertThat(out.resolve("confusion.json")).exists();
        assertThat(Npy.read(out.resolve("predictions.npy")).shape()).containsExactly(64);

        // A VAE's test-set reconstructions, as cls-data turns them into MNIST idx files, test the same classifier.
        Path vis = tmp.resolve("vis");
        assertThat(CliRun.of("vis-train", "--task", "mnist", "--data", data.toString(), "--exp", vis.toString(),
                "--epochs", "1", "--batch-size", "16", "--latent-dim", "4", "--no-progress").code()).isZero();
        Path export = tmp.resolve("export");
        assertThat(CliRun.of("vis-eval", "--exp", vis.toString(), "--out", export.toString(), "--ranks", "1", "--export-data").code()).isZero();
        Path recon = tmp.resolve("recon");
        CliRun convert = CliRun.of("cls-data", "--export", export.toString(), "--format", "mnist-idx", "--out", recon.toString());
        assertThat(convert.code()).as(convert.err()).isZero();
        assertThat(convert.out()).contains("wrote 64 images").contains("read back: 64 images");
        assertThat(IdxImages.mnist(recon, Part.TEST).labels()).containsExactly(IdxImages.mnist(data, Part.TEST).labels());
        CliRun onRecon = CliRun.of("cls-eval", "--exp", exp.toString(), "--out", tmp.resolve("eval-recon").toString(), "--data", recon.toString());
        assertThat(onRecon.code()).as(onRecon.err()).isZero();
        assertThat(new ObjectMapper().readTree(tmp.resolve("eval-recon/results.json").toFile()).get("tested_on").asText())
                .isEqualTo(recon.toAbsolutePath().normalize().toString());

        CliRun folder = CliRun.of("cls-data", "--export", export.toString(), "--format", "folder", "--out", tmp.resolve("folder").toString());
        assertThat(folder.code()).as(folder.err()).isZero();
        CliRun wrongShape = CliRun.of("cls-data", "--export", export.toString(), "--format", "cifar-bin", "--out", tmp.resolve("c").toString());
        assertThat(wrongShape.code()).isEqualTo(2);
        assertThat(wrongShape.err()).contains("32x32x3");
        CliRun notEmpty = CliRun.of("cls-data", "--export", export.toString(), "--format", "mnist-idx", "--out", recon.toString());
        assertThat(notEmpty.code()).isEqualTo(2);
        assertThat(notEmpty.err()).contains("not empty");
    }

    @Test
    void clsEvalRefusesOtherExperiments(@TempDir Path tmp) throws Exception {
        Path data = MnistFiles.write(tmp.resolve("mnist"), 48, 16);
        Path vis = tmp.resolve("vis");
        assertThat(CliRun.of("vis-train", "--task", "mnist", "--data", data.toString(), "--exp", vis.toString(),
                "--epochs", "1", "--batch-size", "8", "--latent-dim", "2", "--no-progress").code()).isZero();
        CliRun r = CliRun.of("cls-eval", "--exp", vis.toString(), "--out", tmp.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not cls-train");
    }

    @Test
    void mineTrainWritesAnEstimateAndACurve(@TempDir Path tmp) throws Exception {
        int n = 600;
        int d = 2;
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[n * d];
        float[] y = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
            y[i] = (float) (0.9 * x[i] + Math.sqrt(1 - 0.81) * r.nextGaussian());
        }
        Npy.write(tmp.resolve("x.npy"), NpyArray.ofFloats(x, n, d));
        Npy.write(tmp.resolve("y.npy"), NpyArray.ofFloats(y, n, d));
        Path exp = tmp.resolve("mine");
        CliRun run = CliRun.of("mine-train", "--x", tmp.resolve("x.npy").toString(), "--y", tmp.resolve("y.npy").toString(),
                "--exp", exp.toString(), "--bound", "dv", "--epochs", "3", "--batch-size", "64", "--no-progress");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("mutual information (dv, held-out):");
        JsonNode results = new ObjectMapper().readTree(exp.resolve("results.json").toFile());
        assertThat(results.get("bound").asText()).isEqualTo("dv");
        assertThat(results.get("dv_nats").asDouble()).isGreaterThanOrEqualTo(results.get("nwj_nats").asDouble());
        assertThat(results.get("pairs").asInt()).isEqualTo(120);
        assertThat(exp.resolve("curve.png")).exists();
        // 480 training pairs, batch 64: 7 steps per epoch.
        assertThat(Npy.read(exp.resolve("curve.npy")).shape()).containsExactly(21);

        CliRun resume = CliRun.of("mine-train", "--exp", exp.toString(), "--init-epoch", "3", "--epochs", "4", "--no-progress");
        assertThat(resume.code()).as(resume.err()).isZero();
        assertThat(Npy.read(exp.resolve("curve.npy")).shape()).containsExactly(28);

        CliRun badBound = CliRun.of("mine-train", "--x", "a.npy", "--y", "b.npy", "--exp", tmp.resolve("m2").toString(), "--bound", "infonce");
        assertThat(badBound.code()).isEqualTo(2);
        assertThat(badBound.err()).contains("unknown bound 'infonce'");
        CliRun missing = CliRun.of("mine-train", "--x", tmp.resolve("nope.npy").toString(), "--y", tmp.resolve("y.npy").toString(),
                "--exp", tmp.resolve("m3").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.npy");
        assertThat(Files.exists(tmp.resolve("m3"))).isFalse();
    }
}
