package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @Test
    void withoutACommandPrintsUsageAndFails() {
        CliRun r = CliRun.of();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("usage: synvae").contains("vis-train").contains("vis-eval").contains("bench");
    }

    @Test
    void helpListsCommandsOnStdout() {
        CliRun r = CliRun.of("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("vis-train").contains("train a visual VAE");
        CliRun h = CliRun.of("vis-train", "--help");
        assertThat(h.code()).isZero();
        assertThat(h.out()).contains("--task").contains("--init-epoch").contains("--exp");
    }

    @Test
    void unknownCommandAndBadOptionsAreOneLineUsageErrors() {
        CliRun unknown = CliRun.of("paint");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown command 'paint'").contains("vis-train");
        CliRun missing = CliRun.of("vis-train", "--task", "mnist", "--data", "x");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("synvae vis-train: missing required option --exp (see synvae vis-train --help)");
        CliRun badTask = CliRun.of("vis-train", "--task", "imagenet", "--data", "x", "--exp", "y");
        assertThat(badTask.code()).isEqualTo(2);
        assertThat(badTask.err()).contains("unknown task 'imagenet'");
        CliRun badNumber = CliRun.of("vis-train", "--task", "mnist", "--data", "x", "--exp", "y", "--beta", "lots");
        assertThat(badNumber.code()).isEqualTo(2);
        assertThat(badNumber.err()).contains("--beta must be a number");
        CliRun unknownOption = CliRun.of("vis-train", "--colour", "red");
        assertThat(unknownOption.code()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("colour");
    }

    @Test
    void missingDataIsAOneLineErrorNamingThePath(@TempDir Path tmp) {
        Path nowhere = tmp.resolve("no-such-mnist");
        CliRun r = CliRun.of("vis-train", "--task", "mnist", "--data", nowhere.toString(), "--exp", tmp.resolve("exp").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains(nowhere.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(tmp.resolve("exp")).doesNotExist();
    }

    @Test
    void evaluatingSomethingThatIsNotAnExperimentFails(@TempDir Path tmp) {
        CliRun r = CliRun.of("vis-eval", "--exp", tmp.toString(), "--out", tmp.resolve("out").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not an experiment directory");
    }
}
