package org.synvae.music.note;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Symbolic music, as magenta's {@code NoteSequence} proto (the fields MIDI and melodies use):
 * notes with times in seconds, tempo and time/key signature changes, and the MIDI resolution.
 * Lists are copied and unmodifiable; order is not significant (as in the proto), but readers in
 * this project produce time order.
 *
 * @param id              unique id, may be empty
 * @param filename        source file relative to its collection, may be empty
 * @param collectionName  the collection the file comes from, may be empty
 * @param ticksPerQuarter MIDI resolution (PPQ); 0 when unknown
 * @param timeSignatures  time signature changes; none means 4/4
 * @param keySignatures   key signature changes; none means C major
 * @param tempos          tempo changes; none means 120 qpm
 * @param notes           the notes
 * @param totalTime       length in seconds: the end of the last note
 */
public record NoteSequence(String id, String filename, String collectionName, int ticksPerQuarter,
                           List<TimeSignature> timeSignatures, List<KeySignature> keySignatures, List<Tempo> tempos,
                           List<Note> notes, double totalTime) {

    /** The resolution magenta and pretty_midi assume when none is given. */
    public static final int STANDARD_PPQ = 220;

    /** Copies lists; {@code null} strings become empty. */
    public NoteSequence {
        id = Objects.requireNonNullElse(id, "");
        filename = Objects.requireNonNullElse(filename, "");
        collectionName = Objects.requireNonNullElse(collectionName, "");
        timeSignatures = List.copyOf(timeSignatures);
        keySignatures = List.copyOf(keySignatures);
        tempos = List.copyOf(tempos);
        notes = List.copyOf(notes);
        if (ticksPerQuarter < 0) {
            throw new IllegalArgumentException("ticks per quarter " + ticksPerQuarter + " is negative");
        }
        if (!(totalTime >= 0) || Double.isInfinite(totalTime)) {
            throw new IllegalArgumentException("total time " + totalTime + " is not valid");
        }
    }

    /**
     * Notes at one tempo, in 4/4 and at the standard resolution; total time is the end of the
     * last note.
     */
    public static NoteSequence of(List<Note> notes, double qpm) {
        return new NoteSequence("", "", "", STANDARD_PPQ, List.of(new TimeSignature(0, 4, 4)), List.of(),
                List.of(new Tempo(0, qpm)), notes, endOf(notes));
    }

    /** The same sequence with other notes; total time becomes the end of the last of them. */
    public NoteSequence withNotes(List<Note> newNotes) {
        return new NoteSequence(id, filename, collectionName, ticksPerQuarter, timeSignatures, keySignatures, tempos,
                newNotes, endOf(newNotes));
    }

    /** The same sequence with another file name. */
    public NoteSequence withFilename(String newFilename) {
        return new NoteSequence(id, newFilename, collectionName, ticksPerQuarter, timeSignatures, keySignatures, tempos,
                notes, totalTime);
    }

    /** The tempo at time 0 (the earliest tempo starting at 0), or 120 qpm when none is given. */
    public double initialQpm() {
        return tempos.stream().filter(t -> t.time() == 0).findFirst().map(Tempo::qpm).orElse(Tempo.DEFAULT_QPM);
    }

    /** The notes sorted by start time, then by descending pitch. */
    public List<Note> notesInTimeOrder() {
        return notes.stream()
                .sorted(Comparator.comparingDouble(Note::startTime).thenComparing(Note::pitch, Comparator.reverseOrder()))
                .toList();
    }

    /** The latest end time of the notes, 0 when there are none. */
    public static double endOf(List<Note> notes) {
        double end = 0;
        for (Note n : notes) {
            end = Math.max(end, n.endTime());
        }
        return end;
    }
}
