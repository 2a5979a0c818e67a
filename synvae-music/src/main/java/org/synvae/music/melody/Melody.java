package org.synvae.music.melody;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.synvae.music.note.Note;
import org.synvae.music.note.NoteSequence;

/**
 * A monophonic melody on a grid of sixteenth notes (4 steps per quarter, 16 per 4/4 bar), as
 * magenta's {@code Melody}: one event per step, either a MIDI pitch (a note starts and holds until
 * the next event that is not {@link #NO_EVENT}), {@link #NOTE_OFF} or {@link #NO_EVENT}.
 * Immutable.
 */
public final class Melody {
    /** Nothing happens at this step: a sounding note holds, silence stays silent. */
    public static final int NO_EVENT = -2;
    /** The sounding note stops at this step. */
    public static final int NOTE_OFF = -1;
    /** Grid resolution. */
    public static final int STEPS_PER_QUARTER = 4;
    /** Steps in a 4/4 bar. */
    public static final int STEPS_PER_BAR = 16;

    private final int[] events;

    private Melody(int[] events) {
        for (int e : events) {
            if (e < NO_EVENT || e > 127) {
                throw new IllegalArgumentException("melody event " + e + " is neither a pitch 0..127, NOTE_OFF nor NO_EVENT");
            }
        }
        this.events = events;
    }

    /** A melody of the given events (copied). */
    public static Melody of(int... events) {
        return new Melody(events.clone());
    }

    /** A melody of the given events. */
    public static Melody of(List<Integer> events) {
        return new Melody(events.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The events, one per step (a copy). */
    public int[] events() {
        return events.clone();
    }

    /** Number of steps. */
    public int length() {
        return events.length;
    }

    /** The event at {@code step}. */
    public int event(int step) {
        return events[step];
    }

    /** Steps {@code from} (inclusive) to {@code to} (exclusive). */
    public Melody slice(int from, int to) {
        return new Melody(Arrays.copyOfRange(events, from, to));
    }

    /** The pitches that occur, ascending. */
    public int[] distinctPitches() {
        return IntStream.of(events).filter(e -> e >= 0).distinct().sorted().toArray();
    }

    /** Whether the melody has no note at all. */
    public boolean isSilent() {
        return distinctPitches().length == 0;
    }

    /**
     * The melody shifted by {@code semitones}.
     *
     * @throws IllegalArgumentException when a pitch would leave 0..127
     */
    public Melody transposed(int semitones) {
        int[] shifted = events.clone();
        for (int i = 0; i < shifted.length; i++) {
            if (shifted[i] >= 0) {
                shifted[i] += semitones;
            }
        }
        return new Melody(shifted);
    }

    /**
     * The notes of this melody, as magenta's {@code Melody.to_sequence}: a note lasts until the
     * next onset, a note-off or the end. The sequence has one tempo and 4/4 at time 0, 220 ticks
     * per quarter, instrument 0.
     *
     * @param qpm      tempo; a step lasts {@code 60 / qpm / 4} seconds
     * @param velocity velocity of every note
     * @param program  MIDI program of every note
     */
    public NoteSequence toNoteSequence(double qpm, int velocity, int program) {
        double secondsPerStep = 60.0 / qpm / STEPS_PER_QUARTER;
        List<Note> notes = new ArrayList<>();
        int pitch = -1;
        int start = 0;
        for (int step = 0; step <= events.length; step++) {
            int e = step == events.length ? NOTE_OFF : events[step];
            if (e == NO_EVENT) {
                continue;
            }
            if (pitch >= 0) {
                notes.add(new Note(pitch, velocity, start * secondsPerStep, step * secondsPerStep, 0, program, false));
                pitch = -1;
            }
            if (e >= 0) {
                pitch = e;
                start = step;
            }
        }
        return NoteSequence.of(notes, qpm);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Melody m && Arrays.equals(events, m.events);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(events);
    }

    /** Events as magenta prints them: pitches, -1 for note-off, -2 for no event. */
    @Override
    public String toString() {
        return "Melody" + Arrays.toString(events);
    }
}
