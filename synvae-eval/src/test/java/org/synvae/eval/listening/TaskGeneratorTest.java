package org.synvae.eval.listening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.InvalidDataException;

class TaskGeneratorTest {
    @TempDir
    static Path dir;
    static EvalExport export;

    @BeforeAll
    static void writeExport() throws Exception {
        export = EvalExport.read(FakeExport.write(dir.resolve("export"), 8, 1));
    }

    @Test
    void readsClassNamesFromFolders() {
        assertThat(export.classNames()).containsExactly("zero", "one", "two", "three");
        assertThat(export.n()).isEqualTo(32);
        assertThat(export.image(5)).hasToString(dir.resolve("export/originals/one/000005.png").toString());
    }

    /* Centres (0,0,0), (.5,0,0), (10,0,0), (0,10,0): both criteria drop class 1, which sits by class 0. */
    @Test
    void picksTheThreeFurthestClassesByEitherCriterion() {
        double[][] means = FakeExport.CENTRES;
        boolean[] all = {true, true, true, true};
        assertThat(TripleSelection.best(means, all, TripleSelection.Criterion.SUM).classes()).containsExactly(0, 2, 3);
        assertThat(TripleSelection.best(means, all, TripleSelection.Criterion.MIN).classes()).containsExactly(0, 2, 3);
        // Sum 10 + 10 + sqrt(200) vs. min 10.
        assertThat(TripleSelection.best(means, all, TripleSelection.Criterion.SUM).score()).isEqualTo(20 + Math.sqrt(200));
        assertThat(TripleSelection.best(means, all, TripleSelection.Criterion.MIN).score()).isEqualTo(10);
        // A far class with too few items is skipped.
        assertThat(TripleSelection.best(means, new boolean[] {true, true, false, true}, TripleSelection.Criterion.SUM).classes())
                .containsExactly(0, 1, 3);
    }

    /*
     * Sum and min disagree. Points 0:(0,0) 1:(0.1,0) 2:(30,0) 3:(3,3) 4:(6,0).
     * (0,2,3): 30 + 27.2 + 4.24 = 61.4, min 4.24;  (0,2,4): 30 + 24 + 6 = 60, min 6.
     * The sum takes (0,2,3) although 0 and 3 are close; the smallest distance takes (0,2,4).
     */
    @Test
    void sumAndMinCanDisagree() {
        double[][] thin = {{0, 0}, {0.1, 0}, {30, 0}, {3, 3}, {6, 0}};
        boolean[] all = {true, true, true, true, true};
        assertThat(TripleSelection.best(thin, all, TripleSelection.Criterion.SUM).classes()).containsExactly(0, 2, 3);
        assertThat(TripleSelection.best(thin, all, TripleSelection.Criterion.MIN).classes()).containsExactly(0, 2, 4);
    }

    @Test
    void givenClassesAndRandomItems() {
        // Class 1 sits by class 0, so no criterion would pick (1, 2, 0); the paper's way is to name the triple.
        TaskGenerator.Settings typical = new TaskGenerator.Settings("T", 2, 4, TripleSelection.Criterion.SUM, 7, new int[] {1, 2, 0},
                TaskGenerator.Selection.TYPICAL);
        TaskSet set = TaskGenerator.generate(export, typical).tasks();
        assertThat(set.classes()).containsExactly("one", "two", "zero");
        for (TaskSet.Task t : set.tasks()) {
            assertThat(export.labels()[t.options().get(0)]).isEqualTo(1);
            assertThat(export.labels()[t.options().get(2)]).isEqualTo(0);
        }
        TaskGenerator.Settings random = new TaskGenerator.Settings("T", 2, 4, TripleSelection.Criterion.SUM, 7, new int[] {1, 2, 0},
                TaskGenerator.Selection.RANDOM);
        TaskSet drawn = TaskGenerator.generate(export, random).tasks();
        assertThat(drawn.classes()).containsExactly("one", "two", "zero");
        assertThat(drawn).isEqualTo(TaskGenerator.generate(export, random).tasks());
        // 6 of 8 items per class either way, but not the same 6 in the same places.
        assertThat(drawn.examples()).isNotEqualTo(set.examples());
        assertThatThrownBy(() -> new TaskGenerator.Settings("T", 2, 4, TripleSelection.Criterion.SUM, 7, new int[] {1, 1, 0},
                TaskGenerator.Selection.RANDOM)).isInstanceOf(IllegalArgumentException.class);
        TaskGenerator.Settings tooMany = new TaskGenerator.Settings("T", 4, 6, TripleSelection.Criterion.SUM, 7, new int[] {1, 2, 0},
                TaskGenerator.Selection.RANDOM);
        assertThatThrownBy(() -> TaskGenerator.generate(export, tooMany)).isInstanceOf(org.synvae.data.InvalidDataException.class)
                .hasMessageContaining("class 1 has 8 items, the test needs 10");
    }

    @Test
    void generatesTheSeedsLayoutReproducibly() throws Exception {
        TaskGenerator.Settings s = new TaskGenerator.Settings("TEST", 2, 5, TripleSelection.Criterion.SUM, 7);
        TaskSet set = TaskGenerator.generate(export, s).tasks();
        assertThat(set.classes()).containsExactly("zero", "two", "three");
        assertThat(set.examples()).hasSize(6);
        assertThat(set.tasks()).hasSize(5);
        int[] classOf = {0, -1, 1, 2};
        for (int i = 0; i < 6; i++) {
            assertThat(classOf[export.labels()[set.examples().get(i)]]).isEqualTo(set.exampleClass(i));
        }
        Set<Integer> used = new HashSet<>(set.examples());
        for (TaskSet.Task t : set.tasks()) {
            assertThat(t.truth()).isBetween(0, 2);
            for (int k = 0; k < 3; k++) {
                assertThat(classOf[export.labels()[t.options().get(k)]]).isEqualTo(k);
                assertThat(used.add(t.options().get(k))).as("item used twice").isTrue();
            }
        }
        assertThat(TaskGenerator.generate(export, s).tasks()).isEqualTo(set);
        assertThat(TaskGenerator.generate(export, new TaskGenerator.Settings("TEST", 2, 5, TripleSelection.Criterion.SUM, 8)).tasks())
                .isNotEqualTo(set);

        Path json = dir.resolve("tasks/eval.json");
        set.write(json);
        assertThat(TaskSet.read(json)).isEqualTo(set);
        assertThat(Files.readString(json)).contains("\"truth\"").contains("\"options\"").contains("\"data_path\" : \"data\"");
        assertThat(TaskMedia.copy(export, set, set.dataDir(json))).isEqualTo(6 + 15);
        int id = set.tasks().get(0).truthId();
        assertThat(dir.resolve("tasks/data/" + id + "_orig.png")).exists();
        assertThat(dir.resolve("tasks/data/" + id + "_audio.wav")).exists();
        assertThat(dir.resolve("tasks/data/" + id + "_audio.mid")).exists();
    }

    @Test
    void tooFewItemsIsOneLineError() {
        assertThatThrownBy(() -> TaskGenerator.generate(export, new TaskGenerator.Settings("T", 4, 5, TripleSelection.Criterion.SUM, 1)))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("fewer than three classes have 9 items");
    }

    @Test
    void badTaskFilesAreNamed() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"name\":\"x\",\"classes\":[\"a\",\"b\",\"c\"],\"examples\":[1,2,3],"
                + "\"tasks\":[{\"truth\":3,\"options\":[1,2,3]}]}");
        assertThatThrownBy(() -> TaskSet.read(bad)).isInstanceOf(InvalidDataException.class).hasMessageContaining("bad.json")
                .hasMessageContaining("task 0");
        assertThatThrownBy(() -> TaskSet.read(dir.resolve("none.json"))).hasMessageContaining("no such file");
        assertThat(List.of(export.labels()[0])).containsExactly(0);
    }
}
