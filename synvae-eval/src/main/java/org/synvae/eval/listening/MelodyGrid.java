package org.synvae.eval.listening;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.synvae.music.melody.Melody;
import org.synvae.music.melody.OneHotMelodyCodec;
import org.synvae.music.note.Note;
import org.synvae.music.note.NoteSequence;

/**
 * A short melody file back on the step grid, from time zero: the inverse of
 * {@link OneHotMelodyCodec#toNoteSequence} for the melodies SynVAE writes. Unlike
 * {@code MelodyExtractor} it keeps leading silence (the extractor starts a melody at the bar of its
 * first note, which would shift a melody that begins in bar 2) and keeps silent melodies silent
 * instead of dropping them, so every task's melody gets a latent.
 */
public final class MelodyGrid {
    private MelodyGrid() {
    }

    /**
     * Quantizes to sixteenths at the sequence's tempo; one note at a time (of simultaneous onsets
     * the highest wins); notes out of the codec's range and drums are skipped; cut or padded with
     * "no event" to {@code steps}.
     */
    public static Melody of(NoteSequence sequence, int steps) {
        double stepsPerSecond = Melody.STEPS_PER_QUARTER * sequence.initialQpm() / 60.0;
        int[] events = new int[steps];
        Arrays.fill(events, Melody.NO_EVENT);
        List<Note> notes = sequence.notes().stream()
                .filter(n -> !n.isDrum() && n.velocity() > 0 && OneHotMelodyCodec.inRange(n.pitch()))
                .sorted(Comparator.comparingDouble(Note::startTime).thenComparing(n -> -n.pitch())).toList();
        int lastStart = -1;
        for (Note n : notes) {
            int start = (int) Math.round(n.startTime() * stepsPerSecond);
            if (start == lastStart || start >= steps) {
                continue;
            }
            int end = Math.max(start + 1, (int) Math.round(n.endTime() * stepsPerSecond));
            events[start] = n.pitch();
            // Later onsets overwrite a NOTE_OFF at their step, so a note ended by the next one needs none.
            if (end < steps && events[end] == Melody.NO_EVENT) {
                events[end] = Melody.NOTE_OFF;
            }
            for (int t = start + 1; t < Math.min(end, steps); t++) {
                if (events[t] == Melody.NOTE_OFF) {
                    events[t] = Melody.NO_EVENT;
                }
            }
            lastStart = start;
        }
        return Melody.of(events);
    }
}
