package org.synvae.music.melody;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.synvae.music.note.Note;
import org.synvae.music.note.NoteSequence;
import org.synvae.music.note.Tempo;
import org.synvae.music.note.TimeSignature;

class MelodyWindowsTest {
    /** A sixteenth at 120 qpm. */
    private static final double STEP = 0.125;

    private static Note note(int pitch, int fromStep, int toStep) {
        return new Note(pitch, 90, fromStep * STEP, toStep * STEP, 0, 0, false);
    }

    /** A note every 4 steps for {@code steps} steps. */
    private static List<Note> tune(int steps) {
        List<Note> notes = new ArrayList<>();
        for (int s = 0; s < steps; s += 4) {
            notes.add(note(60 + s % 12, s, s + 2));
        }
        return notes;
    }

    @Test
    void windowsOfAUsableTuneAndNoProblem() {
        MelodyWindows w = MelodyWindows.of(NoteSequence.of(tune(64), 120), 32, 16);
        assertThat(w.windows()).hasSize(3);
        assertThat(w.problem()).isEmpty();
    }

    @Test
    void aWaltzSaysItsTimeSignature() {
        NoteSequence waltz = new NoteSequence("", "w.mid", "", 220, List.of(new TimeSignature(0, 3, 4)), List.of(),
                List.of(new Tempo(0, 120)), tune(64), 8);
        MelodyWindows w = MelodyWindows.of(waltz, 32, 16);
        assertThat(w.isEmpty()).isTrue();
        assertThat(w.problem()).hasValue("time signature 3/4 is not 4/4");
    }

    @Test
    void aOneBarTuneIsTooShort() {
        assertThat(MelodyWindows.of(NoteSequence.of(tune(16), 120), 32, 16).problem())
                .hasValue("too short (16 steps, a window needs 32)");
        List<Note> twoPieces = new ArrayList<>(tune(16));
        twoPieces.add(note(70, 48, 50)); // after a bar of silence: a second one-bar melody
        assertThat(MelodyWindows.of(NoteSequence.of(twoPieces, 120), 32, 16).problem())
                .hasValue("too short (longest melody 16 steps, a window needs 32)");
    }

    @Test
    void notesNoMelodyMayUseAreCountedByReason() {
        List<Note> notes = List.of(new Note(36, 90, 0, 1, 0, 0, true), new Note(38, 90, 1, 2, 0, 0, true),
                new Note(60, 90, 0, 4, 1, 40, false), note(12, 0, 32));
        assertThat(MelodyWindows.of(NoteSequence.of(notes, 120), 32, 16).problem()).hasValue(
                "no notes a melody can use: 2 drum notes, 1 note of programs above 31 (melodies are piano to guitar, 0-31), 1 note outside pitches 21..108");
        assertThat(MelodyWindows.of(NoteSequence.of(List.of(), 120), 32, 16).problem()).hasValue("no notes");
    }
}
