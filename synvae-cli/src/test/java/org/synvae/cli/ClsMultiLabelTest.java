package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.SharedData;

/** The multi-label (sigmoid) classifier on the shared BAM media sample (skipped where it is absent). */
class ClsMultiLabelTest {

    @Test
    void multiLabelTrainingAndEvaluationOnBam(@TempDir Path tmp) throws Exception {
        Path bam = SharedData.path("data/bam-media");
        Path exp = tmp.resolve("cls");
        CliRun train = CliRun.of("cls-train", "--task", "bam", "--data", bam.toString(), "--bam-labels", "media", "--multi-label",
                "--exp", exp.toString(), "--epochs", "1", "--batch-size", "16", "--max-images", "80", "--no-progress");
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("epoch 1: train loss").doesNotContain("validation accuracy");
        CliRun eval = CliRun.of("cls-eval", "--exp", exp.toString(), "--out", tmp.resolve("eval").toString(), "--part", "valid");
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("subset accuracy").contains("oilpaint F1").contains("watercolor F1");
        JsonNode results = new ObjectMapper().readTree(tmp.resolve("eval/results.json").toFile());
        assertThat(results.get("items").asInt()).isEqualTo(16);
        assertThat(results.get("per_label").has("watercolor")).isTrue();

        CliRun notBam = CliRun.of("cls-train", "--task", "mnist", "--data", bam.toString(), "--multi-label", "--exp", tmp.resolve("x").toString());
        assertThat(notBam.code()).isEqualTo(2);
        assertThat(notBam.err()).contains("--multi-label needs --task bam");
    }
}
