package org.synvae.eval.listening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListeningReportTest {
    /* Three tasks; truths: class 0, 1, 2. */
    static final TaskSet SET = new TaskSet("T", "", "data", "results", List.of("a", "b", "c"), List.of(1, 2, 3),
            List.of(new TaskSet.Task(0, List.of(10, 11, 12)), new TaskSet.Task(1, List.of(20, 21, 22)), new TaskSet.Task(2, List.of(30, 31, 32))),
            1L);

    static Answer a(String listener, int task, int choice) {
        return new Answer(listener, task, choice, SET.tasks().get(task).options().get(choice), false, "");
    }

    /*
     * Listener x: 0->0 ok, 1->1 ok, 2->0 wrong. Listener y: 0->0 ok, 1->2 wrong, 2->2 ok
     * (y first answered task 1 with 1, then changed to 2: the last answer counts). Listener z: task 0 only, wrong.
     * Overall 4/7. Class a (task 0): 2/3; b (task 1): 1/2; c (task 2): 1/2.
     * Kappa over x and y (complete): counts per task [2,0,0], [0,1,1], [1,0,1].
     *   P_i = 1, 0, 0 -> mean 1/3; p_j = 3/6, 1/6, 2/6 -> P_e = 14/36; kappa = (1/3 - 14/36)/(1 - 14/36) = -2/22.
     */
    @Test
    void accuracyPerClassAndKappaByHand() {
        List<Answer> answers = List.of(a("x", 0, 0), a("x", 1, 1), a("x", 2, 0), a("y", 0, 0), a("y", 1, 1), a("y", 1, 2), a("y", 2, 2),
                a("z", 0, 1));
        ListeningReport r = ListeningReport.of(SET, answers);
        assertThat(r.answers()).isEqualTo(7);
        assertThat(r.accuracy()).isCloseTo(4 / 7.0, within(1e-12));
        assertThat(r.classAccuracy(0)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(r.classAccuracy(1)).isCloseTo(0.5, within(1e-12));
        assertThat(r.classAccuracy(2)).isCloseTo(0.5, within(1e-12));
        assertThat(r.completeListeners()).isEqualTo(2);
        assertThat(r.kappa()).isCloseTo(-2 / 22.0, within(1e-12));
        assertThat(r.confusion()[0]).containsExactly(2, 1, 0);
        assertThat(r.perListener()).containsEntry("z", 0.0).containsEntry("y", 2 / 3.0);
        assertThat(r.lines().get(0)).contains("0.571").contains("0.73");
    }

    @Test
    void answersFileAppendsWholeLinesFromManyThreads(@TempDir Path dir) throws Exception {
        AnswersFile file = new AnswersFile(dir.resolve("answers.jsonl"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 40; i++) {
            int t = i;
            pool.submit(() -> {
                file.append(a("l" + (t % 4), t % 3, t % 3));
                return null;
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(file.readAll()).hasSize(40);
        assertThat(AnswersFile.latest(file.readAll())).hasSize(12);
        // A line cut short by a crash is skipped, not fatal.
        Files.writeString(file.file(), "{\"listener\":\"q\",\"ta", java.nio.file.StandardOpenOption.APPEND);
        assertThat(file.readAll()).hasSize(40);
        assertThat(new AnswersFile(dir.resolve("absent.jsonl")).readAll()).isEmpty();
        List<Answer> none = new ArrayList<>();
        assertThat(ListeningReport.of(SET, none).accuracy()).isNaN();
    }
}
