package org.synvae.music.note;

/**
 * One note: a MIDI note-on and its note-off joined into an event with a duration, as magenta's
 * {@code NoteSequence.Note}.
 *
 * @param pitch       MIDI pitch, 0..127
 * @param velocity    MIDI velocity, 0..127
 * @param startTime   onset in seconds
 * @param endTime     release in seconds, not before {@code startTime}
 * @param numerator   score-relative length numerator (0 when unknown)
 * @param denominator score-relative length denominator (0 when unknown)
 * @param instrument  index of the instrument (a MIDI track/channel/program group) the note belongs to
 * @param program     MIDI program, 0-based (GM "Acoustic Grand Piano" is 0)
 * @param isDrum      whether the note is on a drum instrument (MIDI channel 10)
 * @param part        score part index, 0 when not from a score
 */
public record Note(int pitch, int velocity, double startTime, double endTime, int numerator, int denominator,
                   int instrument, int program, boolean isDrum, int part) {

    /** Checks ranges. */
    public Note {
        if (pitch < 0 || pitch > 127) {
            throw new IllegalArgumentException("pitch " + pitch + " outside 0..127");
        }
        if (velocity < 0 || velocity > 127) {
            throw new IllegalArgumentException("velocity " + velocity + " outside 0..127");
        }
        if (program < 0 || program > 127) {
            throw new IllegalArgumentException("program " + program + " outside 0..127");
        }
        if (!(startTime >= 0) || !(endTime >= startTime) || Double.isInfinite(endTime)) {
            throw new IllegalArgumentException("note times [" + startTime + ", " + endTime + "] are not 0 <= start <= end");
        }
    }

    /** A note without score information. */
    public Note(int pitch, int velocity, double startTime, double endTime, int instrument, int program, boolean isDrum) {
        this(pitch, velocity, startTime, endTime, 0, 0, instrument, program, isDrum, 0);
    }

    /** A piano note (instrument 0, program 0). */
    public static Note piano(int pitch, int velocity, double startTime, double endTime) {
        return new Note(pitch, velocity, startTime, endTime, 0, 0, false);
    }

    /** Duration in seconds. */
    public double duration() {
        return endTime - startTime;
    }
}
