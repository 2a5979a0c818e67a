package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.io.NpyArray;
import org.synvae.eval.listening.Answer;
import org.synvae.eval.listening.AnswersFile;
import org.synvae.eval.listening.FakeExport;
import org.synvae.eval.listening.TaskSet;
import org.synvae.music.checkpoint.TfCheckpointWriter;

/** evalgen, listen --report, listen-report and machine-listen on a small fake export and a random MusicVAE. */
class ListeningCommandsTest {
    @TempDir
    static Path dir;
    static Path export;
    static Path tasks;

    @BeforeAll
    static void generate() throws Exception {
        export = FakeExport.write(dir.resolve("export"), 8, 3);
        tasks = dir.resolve("test");
        CliRun r = CliRun.of("evalgen", "--export", export.toString(), "--out", tasks.toString(), "--examples", "2", "--tasks", "4",
                "--seed", "5");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("[zero, two, three]").contains("wrote");
    }

    @Test
    void evalgenIsReproducibleAndRefusesAnExistingDirectory() throws Exception {
        CliRun again = CliRun.of("evalgen", "--export", export.toString(), "--out", dir.resolve("again").toString(), "--examples", "2",
                "--tasks", "4", "--seed", "5");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(Files.readString(dir.resolve("again/eval.json"))).isEqualTo(Files.readString(tasks.resolve("eval.json")));
        CliRun exists = CliRun.of("evalgen", "--export", export.toString(), "--out", tasks.toString());
        assertThat(exists.code()).isEqualTo(2);
        assertThat(exists.err().lines()).hasSize(1);
        CliRun missing = CliRun.of("evalgen", "--export", dir.resolve("nope").toString(), "--out", dir.resolve("x").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope").contains("no such directory");
        assertThat(missing.err().lines()).hasSize(1);
    }

    @Test
    void evalgenTakesNamedClassesAndRandomImages() throws Exception {
        CliRun named = CliRun.of("evalgen", "--export", export.toString(), "--out", dir.resolve("named").toString(), "--examples", "2",
                "--tasks", "4", "--classes", "one,3,zero", "--selection", "random");
        assertThat(named.code()).as(named.err()).isZero();
        assertThat(named.out()).contains("[one, three, zero]");
        CliRun twice = CliRun.of("evalgen", "--export", export.toString(), "--out", dir.resolve("twice").toString(), "--classes", "one,1,zero");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("three different classes");
        CliRun unknown = CliRun.of("evalgen", "--export", export.toString(), "--out", dir.resolve("unknown").toString(), "--classes", "0,1,cat");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no class 'cat'");
        CliRun selection = CliRun.of("evalgen", "--export", export.toString(), "--out", dir.resolve("sel").toString(), "--selection", "best");
        assertThat(selection.code()).isEqualTo(2);
        assertThat(selection.err()).contains("--selection");
    }

    @Test
    void reportCountsAnswersPerClass() throws Exception {
        TaskSet set = TaskSet.read(tasks.resolve("eval.json"));
        Path answersFile = dir.resolve("answers.jsonl");
        AnswersFile answers = new AnswersFile(answersFile);
        // Listener a always right, listener b always picks option 0.
        for (int t = 0; t < set.tasks().size(); t++) {
            TaskSet.Task task = set.tasks().get(t);
            answers.append(new Answer("a", t, task.truth(), task.truthId(), true, ""));
            answers.append(new Answer("b", t, 0, task.options().get(0), task.truth() == 0, ""));
        }
        long bRight = set.tasks().stream().filter(t -> t.truth() == 0).count();
        Path json = dir.resolve("report.json");
        CliRun r = CliRun.of("listen-report", "--tasks", tasks.resolve("eval.json").toString(), "--answers", answersFile.toString(),
                "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(String.format(java.util.Locale.ROOT, "(%d/%d answers, 2 listeners", 4 + bRight, 8))
                .contains("class zero").contains("Fleiss' kappa");
        assertThat(Files.readString(json)).contains("\"fleiss_kappa\"").contains("\"per_class\"");
    }

    @Test
    void machineListenerAnswersEveryTask() throws Exception {
        Path checkpoint = dir.resolve("model.ckpt-1");
        writeRandomCheckpoint(checkpoint, 2);
        Path config = Files.writeString(dir.resolve("small.json"), MusicCommandsTest.SMALL.toJson());
        Path answers = dir.resolve("machine.jsonl");
        CliRun r = CliRun.of("machine-listen", "--tasks", tasks.resolve("eval.json").toString(), "--config", config.toString(),
                "--checkpoint", checkpoint.toString(), "--answers", answers.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("machine listener").contains("/4 answers, 1 listeners").contains("0.73")
                .contains("needs at least two listeners");
        assertThat(new AnswersFile(answers).readAll()).hasSize(4).allMatch(a -> a.listener().equals("machine"));
    }

    /** A random checkpoint of MusicCommandsTest.SMALL (weights ~ N(0, 0.25)). */
    static void writeRandomCheckpoint(Path checkpoint, long seed) throws Exception {
        Map<String, NpyArray> tensors = MusicCommandsTest.randomWeights(MusicCommandsTest.SMALL, seed);
        tensors.put("global_step", NpyArray.ofLongs(new long[] {1}));
        TfCheckpointWriter.write(checkpoint, tensors);
    }

    @Test
    void reportPageOfTheExport() throws Exception {
        Path page = dir.resolve("report.html");
        CliRun r = CliRun.of("report", export.toString(), "--out", page.toString(), "--max-media", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 metrics files, 3 images, 3 audio files");
        assertThat(Files.readString(page)).contains("src='export/originals/");
        CliRun missing = CliRun.of("report", dir.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such directory");
    }

    @Test
    void helpAndBadInput() {
        assertThat(CliRun.of("listen", "--help").out()).contains("--port").doesNotContain("--report");
        assertThat(CliRun.of("machine-listen", "--help").out()).contains("--checkpoint");
        CliRun bad = CliRun.of("listen-report", "--tasks", export.resolve("results.json").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().lines()).hasSize(1);
        assertThat(bad.err()).contains("results.json");
    }
}
