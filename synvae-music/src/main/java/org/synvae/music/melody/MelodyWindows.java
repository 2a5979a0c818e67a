package org.synvae.music.melody;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.synvae.music.note.Note;
import org.synvae.music.note.NoteSequence;

/**
 * The fixed-length windows a MusicVAE encodes from one sequence (every {@code steps}-step slice,
 * {@code hop} steps apart, of each melody {@link MelodyExtractor} finds), or, when there is none,
 * why: a time signature or tempo magenta cannot quantize, no notes, no notes a melody may use
 * (drums, programs above 31, pitches outside 21..108), or melodies too short for a window.
 * Polyphony is never the reason: the extractor keeps the highest of simultaneous notes.
 *
 * @param windows the windows, by melody then time; empty when there are none
 * @param problem why there are no windows; empty when there are
 */
public record MelodyWindows(List<Melody> windows, Optional<String> problem) {

    public MelodyWindows {
        windows = List.copyOf(windows);
    }

    /** The {@code steps}-step windows of {@code sequence}, every {@code hop} steps. */
    public static MelodyWindows of(NoteSequence sequence, int steps, int hop) {
        Optional<String> unsupported = MelodyExtractor.unsupportedReason(sequence);
        if (unsupported.isPresent()) {
            return none(unsupported.get());
        }
        List<Melody> melodies = MelodyExtractor.extract(sequence);
        List<Melody> windows = new ArrayList<>();
        for (Melody m : melodies) {
            windows.addAll(MelodyExtractor.windows(m, steps, hop));
        }
        if (!windows.isEmpty()) {
            return new MelodyWindows(windows, Optional.empty());
        }
        if (sequence.notes().isEmpty()) {
            return none("no notes");
        }
        if (sequence.notes().stream().noneMatch(MelodyExtractor::isMelodyNote)) {
            return none("no notes a melody can use: " + unusable(sequence.notes()));
        }
        if (melodies.isEmpty()) {
            return none("too short (no melody of a bar or more, a window needs " + steps + " steps)");
        }
        int longest = melodies.stream().mapToInt(Melody::length).max().orElse(0);
        // A bar of silence ends a melody, so a long file can still hold only short ones.
        return none("too short (" + (melodies.size() > 1 ? "longest melody " : "") + longest + " steps, a window needs " + steps + ")");
    }

    /** Whether there are windows. */
    public boolean isEmpty() {
        return windows.isEmpty();
    }

    private static MelodyWindows none(String problem) {
        return new MelodyWindows(List.of(), Optional.of(problem));
    }

    /** Why the notes were dropped, counted by the first rule each breaks. */
    private static String unusable(List<Note> notes) {
        int drums = 0;
        int programs = 0;
        int silent = 0;
        int range = 0;
        for (Note n : notes) {
            if (n.isDrum()) {
                drums++;
            } else if (n.program() > MelodyExtractor.MAX_MELODY_PROGRAM) {
                programs++;
            } else if (n.velocity() == 0) {
                silent++;
            } else {
                range++;
            }
        }
        List<String> parts = new ArrayList<>();
        if (drums > 0) {
            parts.add(counted(drums, "drum note"));
        }
        if (programs > 0) {
            parts.add(counted(programs, "note") + " of programs above " + MelodyExtractor.MAX_MELODY_PROGRAM + " (melodies are piano to guitar, 0-31)");
        }
        if (silent > 0) {
            parts.add(counted(silent, "note") + " of velocity 0");
        }
        if (range > 0) {
            parts.add(counted(range, "note") + " outside pitches " + OneHotMelodyCodec.MIN_PITCH + ".." + OneHotMelodyCodec.MAX_PITCH);
        }
        return String.join(", ", parts);
    }

    private static String counted(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
