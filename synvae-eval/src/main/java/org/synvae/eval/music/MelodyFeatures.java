package org.synvae.eval.music;

import java.util.ArrayList;
import java.util.List;
import org.synvae.music.melody.Melody;
import org.synvae.music.melody.OneHotMelodyCodec;

/**
 * Per-melody statistics in the spirit of Yang &amp; Lerch (2018), "On the evaluation of generative
 * models in music": what a listener notices first about a short melody (how many notes, how many
 * pitches, how it moves, how it is spaced in time). A feature that needs two notes (intervals,
 * onset spacing) or one note (range, entropy) is {@code NaN} for a melody with fewer.
 */
public final class MelodyFeatures {
    /** The features, in report order. */
    public enum Feature {
        NOTE_COUNT("note_count", "note onsets"),
        DISTINCT_PITCHES("distinct_pitches", "distinct pitches"),
        PITCH_RANGE("pitch_range", "pitch range (semitones)"),
        REPEATED_SHARE("repeated_share", "repeated-note share"),
        MEAN_ABS_INTERVAL("mean_abs_interval", "mean |interval| (semitones)"),
        STEPWISE_SHARE("stepwise_share", "stepwise share (1-2 semitones)"),
        PITCH_CLASS_ENTROPY("pitch_class_entropy", "pitch-class entropy (bits)"),
        MEAN_IOI("mean_ioi", "mean inter-onset interval (16ths)"),
        SOUNDING_SHARE("sounding_share", "sounding share of steps");

        private final String key;
        private final String label;

        Feature(String key, String label) {
            this.key = key;
            this.label = label;
        }

        /** Name in JSON reports. */
        public String key() {
            return key;
        }

        /** Axis label. */
        public String label() {
            return label;
        }
    }

    private MelodyFeatures() {
    }

    /** The features of a melody given as token indices ({@link OneHotMelodyCodec#indices}). */
    public static double[] ofTokens(int[] tokens) {
        int[] events = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            events[i] = OneHotMelodyCodec.toEvent(tokens[i]);
        }
        return ofEvents(events);
    }

    /** The features of {@code melody}, indexed by {@link Feature#ordinal()}. */
    public static double[] of(Melody melody) {
        return ofEvents(melody.events());
    }

    private static double[] ofEvents(int[] events) {
        List<int[]> notes = notes(events); // {onset, pitch, duration}
        int n = notes.size();
        double[] f = new double[Feature.values().length];
        f[Feature.NOTE_COUNT.ordinal()] = n;
        f[Feature.DISTINCT_PITCHES.ordinal()] = notes.stream().mapToInt(x -> x[1]).distinct().count();
        int sounding = notes.stream().mapToInt(x -> x[2]).sum();
        f[Feature.SOUNDING_SHARE.ordinal()] = events.length == 0 ? Double.NaN : sounding / (double) events.length;
        if (n == 0) {
            f[Feature.PITCH_RANGE.ordinal()] = Double.NaN;
            f[Feature.PITCH_CLASS_ENTROPY.ordinal()] = Double.NaN;
        } else {
            int lo = notes.stream().mapToInt(x -> x[1]).min().orElseThrow();
            int hi = notes.stream().mapToInt(x -> x[1]).max().orElseThrow();
            f[Feature.PITCH_RANGE.ordinal()] = hi - lo;
            int[] classes = new int[12];
            notes.forEach(x -> classes[x[1] % 12]++);
            double h = 0;
            for (int c : classes) {
                if (c > 0) {
                    double p = c / (double) n;
                    h -= p * Math.log(p) / Math.log(2);
                }
            }
            f[Feature.PITCH_CLASS_ENTROPY.ordinal()] = h;
        }
        if (n < 2) {
            f[Feature.REPEATED_SHARE.ordinal()] = Double.NaN;
            f[Feature.MEAN_ABS_INTERVAL.ordinal()] = Double.NaN;
            f[Feature.STEPWISE_SHARE.ordinal()] = Double.NaN;
            f[Feature.MEAN_IOI.ordinal()] = Double.NaN;
        } else {
            int repeated = 0;
            int stepwise = 0;
            double abs = 0;
            for (int i = 1; i < n; i++) {
                int d = Math.abs(notes.get(i)[1] - notes.get(i - 1)[1]);
                repeated += d == 0 ? 1 : 0;
                stepwise += d == 1 || d == 2 ? 1 : 0;
                abs += d;
            }
            f[Feature.REPEATED_SHARE.ordinal()] = repeated / (double) (n - 1);
            f[Feature.STEPWISE_SHARE.ordinal()] = stepwise / (double) (n - 1);
            f[Feature.MEAN_ABS_INTERVAL.ordinal()] = abs / (n - 1);
            f[Feature.MEAN_IOI.ordinal()] = (notes.get(n - 1)[0] - notes.get(0)[0]) / (double) (n - 1);
        }
        return f;
    }

    /** Notes {onset step, pitch, duration in steps}: a pitch event starts one, note-off or the next onset ends it. */
    private static List<int[]> notes(int[] events) {
        List<int[]> notes = new ArrayList<>();
        int[] open = null;
        for (int t = 0; t < events.length; t++) {
            int e = events[t];
            if (e == Melody.NO_EVENT) {
                continue;
            }
            if (open != null) {
                open[2] = t - open[0];
                open = null;
            }
            if (e >= 0) {
                open = new int[] {t, e, 0};
                notes.add(open);
            }
        }
        if (open != null) {
            open[2] = events.length - open[0];
        }
        return notes;
    }
}
