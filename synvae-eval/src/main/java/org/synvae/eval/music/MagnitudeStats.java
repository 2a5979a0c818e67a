package org.synvae.eval.music;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.synvae.music.melody.Melody;

/**
 * The seed's {@code aud_sampling}: how the melodies a MusicVAE decodes change when latents drawn
 * from N(0, I) are scaled by a magnitude. Large magnitudes leave the region the prior covers; the
 * seed saw the number of notes grow with the magnitude. Statistics per magnitude: a histogram of
 * note counts, their mean and standard deviation, the mean pitch range and number of distinct
 * pitches per melody, the pitches used over all melodies, and the share of silent melodies.
 *
 * @param magnitude          the scale
 * @param melodies           melodies decoded
 * @param noteCounts         histogram: melodies with 0, 1, ..., steps notes
 * @param meanNotes          mean notes per melody
 * @param sdNotes            standard deviation of notes per melody
 * @param meanPitchRange     mean of (highest - lowest pitch) over melodies with notes
 * @param meanDistinctPitches mean distinct pitches per melody
 * @param distinctPitches    distinct pitches over all melodies
 * @param lowest             lowest pitch of all melodies (-1 if all silent)
 * @param highest            highest pitch of all melodies (-1 if all silent)
 * @param silentShare        share of melodies without notes
 */
public record MagnitudeStats(double magnitude, int melodies, int[] noteCounts, double meanNotes, double sdNotes, double meanPitchRange,
                             double meanDistinctPitches, int distinctPitches, int lowest, int highest, double silentShare) {

    /**
     * Latents [magnitudes * n, z], row-major, magnitude-major: the same {@code n} draws from N(0, I)
     * (seeded) scaled by each magnitude in turn, so magnitudes differ only in scale.
     */
    public static float[] scaledLatents(int n, int z, double[] magnitudes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] base = new float[n * z];
        for (int i = 0; i < base.length; i++) {
            base[i] = (float) r.nextGaussian();
        }
        float[] out = new float[magnitudes.length * n * z];
        for (int m = 0; m < magnitudes.length; m++) {
            for (int i = 0; i < base.length; i++) {
                out[m * base.length + i] = (float) (base[i] * magnitudes[m]);
            }
        }
        return out;
    }

    /** Statistics of the melodies decoded at one magnitude; {@code steps} bounds the histogram. */
    public static MagnitudeStats of(double magnitude, Melody[] melodies, int steps) {
        int[] hist = new int[steps + 1];
        double sum = 0;
        double sumSq = 0;
        double rangeSum = 0;
        int withNotes = 0;
        double distinctSum = 0;
        TreeSet<Integer> all = new TreeSet<>();
        for (Melody m : melodies) {
            int notes = 0;
            TreeSet<Integer> pitches = new TreeSet<>();
            for (int e : m.events()) {
                if (e >= 0) {
                    notes++;
                    pitches.add(e);
                }
            }
            hist[Math.min(notes, steps)]++;
            sum += notes;
            sumSq += (double) notes * notes;
            distinctSum += pitches.size();
            all.addAll(pitches);
            if (!pitches.isEmpty()) {
                rangeSum += pitches.last() - pitches.first();
                withNotes++;
            }
        }
        int n = melodies.length;
        double mean = n == 0 ? Double.NaN : sum / n;
        double sd = n == 0 ? Double.NaN : Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        return new MagnitudeStats(magnitude, n, hist, mean, sd, withNotes == 0 ? Double.NaN : rangeSum / withNotes,
                n == 0 ? Double.NaN : distinctSum / n, all.size(), all.isEmpty() ? -1 : all.first(), all.isEmpty() ? -1 : all.last(),
                n == 0 ? Double.NaN : (n - withNotes) / (double) n);
    }

    /** JSON-ready map (NaN as null). */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("magnitude", magnitude);
        m.put("melodies", melodies);
        m.put("mean_notes", finite(meanNotes));
        m.put("sd_notes", finite(sdNotes));
        m.put("mean_pitch_range", finite(meanPitchRange));
        m.put("mean_distinct_pitches", finite(meanDistinctPitches));
        m.put("distinct_pitches", distinctPitches);
        m.put("lowest_pitch", lowest);
        m.put("highest_pitch", highest);
        m.put("silent_share", finite(silentShare));
        m.put("note_count_histogram", Arrays.stream(noteCounts).boxed().toList());
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
