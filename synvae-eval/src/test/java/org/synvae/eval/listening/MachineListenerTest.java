package org.synvae.eval.listening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.synvae.music.melody.Melody;
import org.synvae.music.melody.OneHotMelodyCodec;

class MachineListenerTest {

    /*
     * Examples (2 per class) at x = 0, 0.2 (class a), 5, 5.2 (b), 10, 10.2 (c): means 0.1, 5.1, 10.1.
     * Task latents 4.0 -> b (truth 1: right), 9.0 -> c (truth 0: wrong), -3 -> a (truth 0: right).
     */
    @Test
    void nearestClassMean() {
        TaskSet set = new TaskSet("T", "", "data", "r", List.of("a", "b", "c"), List.of(1, 2, 3, 4, 5, 6),
                List.of(new TaskSet.Task(1, List.of(7, 8, 9)), new TaskSet.Task(0, List.of(10, 11, 12)), new TaskSet.Task(0, List.of(13, 14, 15))),
                1L);
        double[][] examples = {{0}, {0.2}, {5}, {5.2}, {10}, {10.2}};
        double[][] tasks = {{4.0}, {9.0}, {-3}};
        List<Answer> answers = MachineListener.answer(set, examples, tasks);
        assertThat(answers).extracting(Answer::choice).containsExactly(1, 2, 0);
        assertThat(answers).extracting(Answer::correct).containsExactly(true, false, true);
        assertThat(answers.get(1).chosenId()).isEqualTo(12);
        assertThat(ListeningReport.of(set, answers).accuracy()).isEqualTo(2 / 3.0);
    }

    /* A melody that starts in bar 2 and one that is silent come back on the grid unchanged. */
    @Test
    void melodyGridInvertsTheCodec() {
        OneHotMelodyCodec codec = new OneHotMelodyCodec();
        int[] events = new int[32];
        java.util.Arrays.fill(events, Melody.NO_EVENT);
        events[18] = 60;
        events[20] = 64;
        events[22] = Melody.NOTE_OFF;
        events[28] = 67;
        Melody m = Melody.of(events);
        assertThat(MelodyGrid.of(codec.toNoteSequence(m), 32)).isEqualTo(m);
        int[] silent = new int[32];
        java.util.Arrays.fill(silent, Melody.NO_EVENT);
        assertThat(MelodyGrid.of(codec.toNoteSequence(Melody.of(silent)), 32)).isEqualTo(Melody.of(silent));
    }
}
