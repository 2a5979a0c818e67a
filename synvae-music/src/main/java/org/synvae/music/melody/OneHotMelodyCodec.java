package org.synvae.music.melody;

import java.util.Arrays;
import org.synvae.music.note.NoteSequence;

/**
 * MusicVAE's melody encoding ({@code OneHotMelodyConverter}, 90 classes): index 0 = no event,
 * 1 = note off, {@code k >= 2} = MIDI pitch {@code k - 2 + 21} (21..108). Decoding takes the
 * argmax per step, so logits, probabilities and one-hot rows all decode; melodies become notes at
 * 120 qpm (0.125 s per step), velocity 80, with the codec's program.
 */
public final class OneHotMelodyCodec {
    /** Number of classes per step. */
    public static final int DEPTH = 90;
    /** Class of {@link Melody#NO_EVENT}. */
    public static final int NO_EVENT_INDEX = 0;
    /** Class of {@link Melody#NOTE_OFF}. */
    public static final int NOTE_OFF_INDEX = 1;
    /** Lowest encodable pitch (A0). */
    public static final int MIN_PITCH = 21;
    /** Highest encodable pitch (C8). */
    public static final int MAX_PITCH = 108;
    /** Tempo of decoded melodies. */
    public static final double QPM = 120.0;
    /** Velocity of decoded notes. */
    public static final int VELOCITY = 80;

    private static final int FIRST_PITCH_INDEX = 2;

    private final int program;

    /** A codec whose decoded notes use program 0 (piano). */
    public OneHotMelodyCodec() {
        this(0);
    }

    /** A codec whose decoded notes use {@code program} (0..127). */
    public OneHotMelodyCodec(int program) {
        if (program < 0 || program > 127) {
            throw new IllegalArgumentException("program " + program + " outside 0..127");
        }
        this.program = program;
    }

    /** The program of decoded notes. */
    public int program() {
        return program;
    }

    /** Whether {@code pitch} can be encoded. */
    public static boolean inRange(int pitch) {
        return pitch >= MIN_PITCH && pitch <= MAX_PITCH;
    }

    /** The class of a melody event; a pitch outside 21..108 is an {@link IllegalArgumentException}. */
    public static int toIndex(int event) {
        if (event == Melody.NO_EVENT) {
            return NO_EVENT_INDEX;
        }
        if (event == Melody.NOTE_OFF) {
            return NOTE_OFF_INDEX;
        }
        if (!inRange(event)) {
            throw new IllegalArgumentException("pitch " + event + " outside the encodable " + MIN_PITCH + ".." + MAX_PITCH);
        }
        return event - MIN_PITCH + FIRST_PITCH_INDEX;
    }

    /** The melody event of a class 0..89. */
    public static int toEvent(int index) {
        if (index < 0 || index >= DEPTH) {
            throw new IllegalArgumentException("class " + index + " outside 0.." + (DEPTH - 1));
        }
        return switch (index) {
            case NO_EVENT_INDEX -> Melody.NO_EVENT;
            case NOTE_OFF_INDEX -> Melody.NOTE_OFF;
            default -> index - FIRST_PITCH_INDEX + MIN_PITCH;
        };
    }

    /** The class of every step. */
    public int[] indices(Melody melody) {
        int[] indices = new int[melody.length()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = toIndex(melody.event(i));
        }
        return indices;
    }

    /** One-hot rows, {@code [steps][90]}. */
    public float[][] encode(Melody melody) {
        float[][] oneHot = new float[melody.length()][DEPTH];
        for (int i = 0; i < oneHot.length; i++) {
            oneHot[i][toIndex(melody.event(i))] = 1f;
        }
        return oneHot;
    }

    /** One-hot rows written row-major into {@code dst} from {@code offset} ({@code steps * 90} values, zeroed first). */
    public void encode(Melody melody, float[] dst, int offset) {
        Arrays.fill(dst, offset, offset + melody.length() * DEPTH, 0f);
        for (int i = 0; i < melody.length(); i++) {
            dst[offset + i * DEPTH + toIndex(melody.event(i))] = 1f;
        }
    }

    /** The melody of per-step classes. */
    public Melody decodeIndices(int[] indices) {
        int[] events = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            events[i] = toEvent(indices[i]);
        }
        return Melody.of(events);
    }

    /** The melody of the argmax of each row ({@code [steps][90]} logits, probabilities or one-hot). */
    public Melody decode(float[][] scores) {
        int[] indices = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (scores[i].length != DEPTH) {
                throw new IllegalArgumentException("step " + i + " has " + scores[i].length + " scores, expected " + DEPTH);
            }
            indices[i] = argmax(scores[i], 0);
        }
        return decodeIndices(indices);
    }

    /** The melody of the argmax of {@code steps} rows of 90 values stored row-major from {@code offset}. */
    public Melody decode(float[] scores, int offset, int steps) {
        if (offset < 0 || steps < 0 || offset + (long) steps * DEPTH > scores.length) {
            throw new IllegalArgumentException(steps + " steps from " + offset + " do not fit " + scores.length + " values");
        }
        int[] indices = new int[steps];
        for (int i = 0; i < steps; i++) {
            indices[i] = argmax(scores, offset + i * DEPTH);
        }
        return decodeIndices(indices);
    }

    /** The notes of {@code melody}: 120 qpm, velocity 80, this codec's program. */
    public NoteSequence toNoteSequence(Melody melody) {
        return melody.toNoteSequence(QPM, VELOCITY, program);
    }

    /** {@link #decode(float[][])} then {@link #toNoteSequence(Melody)}. */
    public NoteSequence decodeToNoteSequence(float[][] scores) {
        return toNoteSequence(decode(scores));
    }

    private static int argmax(float[] values, int from) {
        int best = 0;
        for (int k = 1; k < DEPTH; k++) {
            if (values[from + k] > values[from + best]) {
                best = k;
            }
        }
        return best;
    }
}
