package org.synvae.music.note;

import java.nio.file.Path;
import java.util.Locale;
import org.synvae.data.InvalidDataException;

/**
 * How long a music file may claim to be. A tiny MIDI file can declare days of music with one
 * delta time; everything sized by duration (WAV audio, piano rolls, melody windows) would then
 * grow without bound, so the readers refuse such files before anything is made from them.
 *
 * <p>The limit is the system property {@value #PROPERTY} in seconds (default one hour; set it
 * through {@code SYNVAE_JAVA_OPTS=-Dsynvae.music.maxSeconds=7200}). Step-indexed outputs grow with
 * the number of sixteenth notes rather than seconds, so that is capped too: at most as many as the
 * duration limit holds at {@value #FASTEST_QPM} quarters per minute, faster than any real music.
 */
public final class DurationLimit {
    /** The system property that sets the limit, in seconds. */
    public static final String PROPERTY = "synvae.music.maxSeconds";
    /** The limit when the property is not set: one hour. */
    public static final double DEFAULT_SECONDS = 3600;
    /** The tempo that turns the duration limit into a limit on sixteenth-note steps. */
    public static final double FASTEST_QPM = 480;

    private DurationLimit() {
    }

    /** The limit in seconds: the property's value, or {@link #DEFAULT_SECONDS}. */
    public static double maxSeconds() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_SECONDS;
        }
        try {
            double seconds = Double.parseDouble(value.trim());
            if (seconds > 0 && Double.isFinite(seconds)) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + " is not a positive number of seconds");
    }

    /**
     * Refuses {@code sequence}, read from {@code file}, if it lasts longer than the limit or spans
     * more sixteenth notes (at its initial tempo) than the limit allows.
     *
     * @return {@code sequence}
     * @throws InvalidDataException naming {@code file}
     */
    public static NoteSequence check(NoteSequence sequence, Path file) {
        double max = maxSeconds();
        double seconds = sequence.totalTime();
        if (!(seconds <= max)) {
            throw InvalidDataException.of(file, String.format(Locale.ROOT,
                    "claims %.0f s of music (%s), more than the limit of %.0f s; if that is real, raise it with "
                            + "SYNVAE_JAVA_OPTS=-D%s=SECONDS", seconds, clock(seconds), max, PROPERTY));
        }
        double steps = seconds * sequence.initialQpm() / 60.0 * 4;
        double maxSteps = max * FASTEST_QPM / 60.0 * 4;
        if (!(steps <= maxSteps)) {
            throw InvalidDataException.of(file, String.format(Locale.ROOT,
                    "claims %.0f sixteenth notes (%.0f s at %.0f qpm), more than the limit of %.0f (%.0f s at %.0f qpm); "
                            + "raise it with SYNVAE_JAVA_OPTS=-D%s=SECONDS", steps, seconds, sequence.initialQpm(),
                    maxSteps, max, FASTEST_QPM, PROPERTY));
        }
        return sequence;
    }

    private static String clock(double seconds) {
        long s = (long) Math.min(seconds, Long.MAX_VALUE / 2.0);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
