package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.SharedData;

/** vis-train and vis-eval on the real MNIST files of ../shared (skipped where it is absent). */
class RealMnistTest {
    @Test
    void trainsAndEvaluatesOnRealMnist(@TempDir Path tmp) {
        Path mnist = SharedData.path("data/mnist");
        Path exp = tmp.resolve("exp");
        CliRun train = CliRun.of("vis-train", "--task", "mnist", "--data", mnist.toString(), "--exp", exp.toString(),
                "--epochs", "1", "--max-images", "1536", "--no-progress");
        assertThat(train.code()).as(train.err()).isZero();
        CliRun eval = CliRun.of("vis-eval", "--exp", exp.toString(), "--out", tmp.resolve("eval").toString(), "--max-images", "1000");
        assertThat(eval.code()).as(eval.err()).isZero();
        // One epoch on 1,280 images already separates digits far above chance (0.1).
        String p1 = eval.out().replaceAll("(?s).*P@1=([0-9.]+).*", "$1");
        assertThat(Double.parseDouble(p1)).isGreaterThan(0.5);
    }
}
