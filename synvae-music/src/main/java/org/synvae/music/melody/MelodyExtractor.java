package org.synvae.music.melody;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.synvae.music.note.Note;
import org.synvae.music.note.NoteSequence;
import org.synvae.music.note.Tempo;
import org.synvae.music.note.TimeSignature;

/**
 * Extracts monophonic melodies from a {@link NoteSequence} with the rules MusicVAE's melody data
 * uses ({@code OneHotMelodyConverter} over magenta's {@code extract_melodies}):
 * <ul>
 *   <li>only notes of programs 0..31, not drums, with velocity above 0 and pitch in 21..108 (notes
 *       outside the encodable range are dropped, as MusicVAE's converter does; the rest of the
 *       melody is kept);</li>
 *   <li>the sequence must have one tempo and one time signature (magenta's quantizer refuses
 *       changes), and a bar of 16 sixteenths: 4/4, or 2/2, which magenta accepts too; other
 *       sequences give no melodies and a debug log line saying why;</li>
 *   <li>times are quantized to sixteenths at the sequence's tempo (nearest step; a note lasts at
 *       least one step);</li>
 *   <li>each instrument is scanned separately; one note at a time: of simultaneous onsets the
 *       highest pitch is kept, a new onset ends the sounding note;</li>
 *   <li>a melody starts at the bar of its first note; a silence of a bar or more ends it and the
 *       search goes on after it; melodies are padded to whole bars;</li>
 *   <li>melodies shorter than a bar, or with no pitch, are dropped.</li>
 * </ul>
 * MusicVAE also truncates melodies to 100 bars; this extractor does not (windows are cut later).
 */
public final class MelodyExtractor {
    private static final Logger LOG = LogManager.getLogger(MelodyExtractor.class);

    /** Highest program (0-based) whose notes may form melodies: pianos to guitars. */
    public static final int MAX_MELODY_PROGRAM = 31;
    /** Bars of silence that end a melody. */
    public static final int GAP_BARS = 1;
    /** Shortest melody kept, in bars. */
    public static final int MIN_BARS = 1;
    /** Fewest distinct pitches a melody needs. */
    public static final int MIN_UNIQUE_PITCHES = 1;

    private static final int BAR = Melody.STEPS_PER_BAR;

    private MelodyExtractor() {
    }

    /** The melodies of {@code sequence}, by instrument then time; empty when it is not usable. */
    public static List<Melody> extract(NoteSequence sequence) {
        Optional<String> problem = unsupportedReason(sequence);
        if (problem.isPresent()) {
            LOG.debug("{}: no melodies: {}", name(sequence), problem.get());
            return List.of();
        }
        double stepsPerSecond = Melody.STEPS_PER_QUARTER * sequence.initialQpm() / 60.0;
        TreeMap<Integer, List<int[]>> byInstrument = new TreeMap<>(); // {start step, end step, pitch}
        for (Note n : sequence.notes()) {
            if (!isMelodyNote(n)) {
                continue;
            }
            int start = quantize(n.startTime(), stepsPerSecond);
            int end = Math.max(start + 1, quantize(n.endTime(), stepsPerSecond));
            byInstrument.computeIfAbsent(n.instrument(), k -> new ArrayList<>()).add(new int[] {start, end, n.pitch()});
        }
        List<Melody> melodies = new ArrayList<>();
        for (List<int[]> notes : byInstrument.values()) {
            notes.sort(Comparator.<int[]>comparingInt(n -> n[0]).thenComparing(n -> -n[2]));
            extractFromInstrument(notes, melodies);
        }
        return melodies;
    }

    /** Whether a melody may use {@code n}: not a drum, program 0..31, sounding, pitch 21..108. */
    static boolean isMelodyNote(Note n) {
        return !n.isDrum() && n.program() <= MAX_MELODY_PROGRAM && n.velocity() > 0 && OneHotMelodyCodec.inRange(n.pitch());
    }

    /**
     * Why magenta could not quantize {@code sequence} for melodies (a tempo or time signature
     * change, or a bar that is not 16 sixteenths), or empty when it can.
     */
    public static Optional<String> unsupportedReason(NoteSequence sequence) {
        List<Tempo> tempos = sequence.tempos().stream().sorted(Comparator.comparingDouble(Tempo::time)).toList();
        if (!tempos.isEmpty()) {
            if (tempos.get(0).time() != 0 && tempos.get(0).qpm() != Tempo.DEFAULT_QPM) {
                return Optional.of("tempo changes from the implicit 120 qpm to " + tempos.get(0).qpm());
            }
            for (Tempo t : tempos) {
                if (t.qpm() != tempos.get(0).qpm()) {
                    return Optional.of("tempo changes (" + tempos.get(0).qpm() + " to " + t.qpm() + " qpm)");
                }
            }
        }
        List<TimeSignature> signatures = sequence.timeSignatures().stream()
                .sorted(Comparator.comparingDouble(TimeSignature::time)).toList();
        if (!signatures.isEmpty()) {
            TimeSignature first = signatures.get(0);
            if (first.time() != 0 && !first.isFourFour()) {
                return Optional.of("time signature changes from the implicit 4/4 to " + describe(first));
            }
            for (TimeSignature ts : signatures) {
                if (ts.numerator() != first.numerator() || ts.denominator() != first.denominator()) {
                    return Optional.of("time signature changes (" + describe(first) + " to " + describe(ts) + ")");
                }
            }
            if (first.quartersPerBar() * Melody.STEPS_PER_QUARTER != BAR) {
                return Optional.of("time signature " + describe(first) + " is not 4/4");
            }
        }
        return Optional.empty();
    }

    /**
     * Windows of {@code steps} steps every {@code hop} steps (MusicVAE slices 32-step windows
     * every bar); a window must fit inside the melody.
     */
    public static List<Melody> windows(Melody melody, int steps, int hop) {
        if (steps <= 0 || hop <= 0) {
            throw new IllegalArgumentException("window " + steps + " and hop " + hop + " must be positive");
        }
        List<Melody> windows = new ArrayList<>();
        for (int end = steps; end <= melody.length(); end += hop) {
            windows.add(melody.slice(end - steps, end));
        }
        return windows;
    }

    /** {@code melody} shifted by {@code semitones}, or empty when a pitch would leave 21..108. */
    public static Optional<Melody> transpose(Melody melody, int semitones) {
        for (int p : melody.distinctPitches()) {
            if (!OneHotMelodyCodec.inRange(p + semitones)) {
                return Optional.empty();
            }
        }
        return Optional.of(melody.transposed(semitones));
    }

    /** magenta's quantization: the nearest step, halves rounded up. */
    static int quantize(double seconds, double stepsPerSecond) {
        return (int) (seconds * stepsPerSecond + 0.5);
    }

    private static void extractFromInstrument(List<int[]> notes, List<Melody> melodies) {
        int searchStart = 0;
        int next = 0; // notes are sorted by start: those before `next` start before searchStart
        while (true) {
            while (next < notes.size() && notes.get(next)[0] < searchStart) {
                next++;
            }
            if (next == notes.size()) {
                return;
            }
            int firstStart = notes.get(next)[0];
            int melodyStart = firstStart - (firstStart - searchStart) % BAR;
            List<Integer> events = scan(notes, next, melodyStart);
            int melodyEnd = melodyStart + events.size();
            searchStart = melodyEnd + Math.floorMod(searchStart - melodyEnd, BAR);
            if (events.size() < BAR * MIN_BARS) {
                continue;
            }
            Melody melody = Melody.of(events);
            if (melody.distinctPitches().length < MIN_UNIQUE_PITCHES) {
                continue;
            }
            melodies.add(melody);
        }
    }

    /** magenta's {@code Melody.from_quantized_sequence} from note {@code first} on, with pad_end. */
    private static List<Integer> scan(List<int[]> notes, int first, int melodyStart) {
        List<Integer> events = new ArrayList<>();
        for (int i = first; i < notes.size(); i++) {
            int start = notes.get(i)[0] - melodyStart;
            int end = notes.get(i)[1] - melodyStart;
            int pitch = notes.get(i)[2];
            if (!events.isEmpty()) {
                int lastOn = events.size() - 1;
                while (events.get(lastOn) < 0) {
                    lastOn--;
                }
                int lastOff = events.size();
                for (int j = lastOn + 1; j < events.size(); j++) {
                    if (events.get(j) == Melody.NOTE_OFF) {
                        lastOff = j;
                        break;
                    }
                }
                if (start == lastOn) {
                    continue; // simultaneous onset: the higher pitch came first and stays
                }
                if (start - lastOff >= GAP_BARS * BAR) {
                    break;
                }
            }
            setLength(events, end + 1);
            events.set(start, pitch);
            for (int s = start + 1; s < end; s++) {
                events.set(s, Melody.NO_EVENT);
            }
            events.set(end, Melody.NOTE_OFF);
        }
        if (events.isEmpty()) {
            return events;
        }
        events.remove(events.size() - 1); // the last note-off; padding puts it back if there is room
        setLength(events, events.size() + Math.floorMod(-events.size(), BAR));
        return events;
    }

    /** magenta's {@code Melody.set_length}: truncates, or pads with no-events ending a sustained note. */
    private static void setLength(List<Integer> events, int length) {
        int old = events.size();
        while (events.size() > length) {
            events.remove(events.size() - 1);
        }
        while (events.size() < length) {
            events.add(Melody.NO_EVENT);
        }
        if (length > old) {
            for (int i = old - 1; i >= 0; i--) {
                if (events.get(i) == Melody.NOTE_OFF) {
                    break;
                }
                if (events.get(i) != Melody.NO_EVENT) {
                    events.set(old, Melody.NOTE_OFF);
                    break;
                }
            }
        }
    }

    private static String describe(TimeSignature ts) {
        return ts.numerator() + "/" + ts.denominator();
    }

    private static String name(NoteSequence sequence) {
        return sequence.filename().isEmpty() ? "sequence" : sequence.filename();
    }
}
