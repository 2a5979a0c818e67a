package org.synvae.music.melody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.synvae.music.melody.Melody.NOTE_OFF;
import static org.synvae.music.melody.Melody.NO_EVENT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.synvae.music.note.Note;
import org.synvae.music.note.NoteSequence;
import org.synvae.music.note.Tempo;
import org.synvae.music.note.TimeSignature;

class MelodyExtractorTest {
    /** A sixteenth at 120 qpm. */
    private static final double STEP = 0.125;

    private static Note note(int pitch, int fromStep, int toStep) {
        return note(pitch, fromStep, toStep, 0, 0, false);
    }

    private static Note note(int pitch, int fromStep, int toStep, int instrument, int program, boolean drum) {
        return new Note(pitch, 90, fromStep * STEP, toStep * STEP, instrument, program, drum);
    }

    private static int[] events(int length, int... stepAndEvent) {
        int[] e = new int[length];
        Arrays.fill(e, NO_EVENT);
        for (int i = 0; i < stepAndEvent.length; i += 2) {
            e[stepAndEvent[i]] = stepAndEvent[i + 1];
        }
        return e;
    }

    @Test
    void keepsTheHighestOfSimultaneousOnsetsAndEndsNotesAtTheNextOnset() {
        NoteSequence seq = NoteSequence.of(List.of(
                note(60, 0, 8), note(67, 0, 4), note(64, 2, 6), note(65, 12, 16)), 120);
        List<Melody> melodies = MelodyExtractor.extract(seq);
        // 67 at 0 (60 dropped), 64 at 2 cuts it, 64 ends at 6; 65 holds to the bar's end
        assertThat(melodies).containsExactly(Melody.of(events(16, 0, 67, 2, 64, 6, NOTE_OFF, 12, 65)));
    }

    @Test
    void aBarOfSilenceSplitsMelodiesAndShortOnesAreDropped() {
        List<Note> notes = new ArrayList<>();
        for (int s = 0; s < 32; s += 4) {
            notes.add(note(60 + s / 4, s, s + 2)); // two bars
        }
        notes.add(note(70, 50, 52)); // 18 steps after the last release: a new melody, in bar 3
        notes.add(note(72, 80, 81)); // after another gap: alone, but padded to a bar
        List<Melody> melodies = MelodyExtractor.extract(NoteSequence.of(notes, 120));
        assertThat(melodies).hasSize(3);
        assertThat(melodies.get(0).length()).isEqualTo(32);
        assertThat(melodies.get(0).event(30)).isEqualTo(NOTE_OFF);
        assertThat(melodies.get(1)).isEqualTo(Melody.of(events(16, 2, 70, 4, NOTE_OFF)));
        assertThat(melodies.get(2)).isEqualTo(Melody.of(events(16, 0, 72, 1, NOTE_OFF)));
    }

    @Test
    void skipsDrumsHighProgramsAndOutOfRangePitches() {
        NoteSequence seq = NoteSequence.of(List.of(
                note(60, 0, 16, 0, 40, false),   // violin: not a melody program
                note(38, 0, 16, 1, 0, true),     // drums
                note(62, 0, 4, 2, 0, false),
                note(110, 4, 8, 2, 0, false),    // above 108: dropped, the rest stays
                note(64, 8, 12, 2, 0, false)), 120);
        assertThat(MelodyExtractor.extract(seq)).containsExactly(
                Melody.of(events(16, 0, 62, 4, NOTE_OFF, 8, 64, 12, NOTE_OFF)));
    }

    @Test
    void eachInstrumentIsItsOwnMelody() {
        NoteSequence seq = NoteSequence.of(List.of(note(60, 0, 16, 0, 0, false), note(48, 0, 16, 1, 0, false)), 120);
        assertThat(MelodyExtractor.extract(seq)).extracting(m -> m.event(0)).containsExactly(60, 48);
    }

    @Test
    void quantizesAtTheSequenceTempo() {
        // at 60 qpm a sixteenth is 0.25 s
        NoteSequence seq = NoteSequence.of(List.of(new Note(60, 90, 0.26, 1.0, 0, 0, false)), 60);
        assertThat(MelodyExtractor.extract(seq)).containsExactly(Melody.of(events(16, 1, 60, 4, NOTE_OFF)));
    }

    @Test
    void onlyCommonTimeWithoutChanges() {
        List<Note> notes = List.of(note(60, 0, 16));
        NoteSequence waltz = new NoteSequence("", "w.mid", "", 220, List.of(new TimeSignature(0, 3, 4)), List.of(),
                List.of(new Tempo(0, 120)), notes, 2);
        NoteSequence changing = new NoteSequence("", "", "", 220, List.of(), List.of(),
                List.of(new Tempo(0, 120), new Tempo(1, 90)), notes, 2);
        NoteSequence cut = new NoteSequence("", "", "", 220, List.of(new TimeSignature(0, 2, 2)), List.of(),
                List.of(), notes, 2);
        assertThat(MelodyExtractor.extract(waltz)).isEmpty();
        assertThat(MelodyExtractor.unsupportedReason(waltz)).hasValue("time signature 3/4 is not 4/4");
        assertThat(MelodyExtractor.extract(changing)).isEmpty();
        assertThat(MelodyExtractor.extract(cut)).hasSize(1); // 2/2 has 16 sixteenths a bar: magenta accepts it
    }

    @Test
    void windowsOfTwoBarsEveryBar() {
        int[] e = new int[64];
        for (int i = 0; i < e.length; i++) {
            e[i] = 40 + i;
        }
        List<Melody> windows = MelodyExtractor.windows(Melody.of(e), 32, 16);
        assertThat(windows).hasSize(3);
        assertThat(windows).extracting(m -> m.event(0)).containsExactly(40, 56, 72);
        assertThat(windows).allMatch(w -> w.length() == 32);
        assertThat(MelodyExtractor.windows(Melody.of(Arrays.copyOf(e, 31)), 32, 16)).isEmpty();
    }

    @Test
    void transposesWithinTheEncodableRange() {
        Melody m = Melody.of(events(16, 0, 100, 4, NOTE_OFF, 8, 30));
        assertThat(MelodyExtractor.transpose(m, 5)).hasValue(Melody.of(events(16, 0, 105, 4, NOTE_OFF, 8, 35)));
        assertThat(MelodyExtractor.transpose(m, 9)).isEmpty();
        assertThat(MelodyExtractor.transpose(m, -10)).isEmpty();
    }
}
