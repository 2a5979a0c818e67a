package org.synvae.eval.music;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.synvae.eval.music.MelodyFeatures.Feature;

/**
 * How alike two sets of melodies are, feature by feature: the overlapping area (OA) of their
 * normalised histograms, {@code sum_i min(p_i, q_i)} in [0, 1], over fixed bins per feature (so
 * numbers from different runs compare) plus one bin for "undefined" (a melody too short to have the
 * feature: a generator that plays one note is caught there). Yang &amp; Lerch (2018) compare the
 * kernel density estimates of the features; histograms over fixed bins keep the number exact and
 * reproducible. The mean OA over the nine features is the melody-realism score.
 */
public final class MelodyRealism {

    /**
     * Bins of one feature: {@code bins} equal bins over [lo, hi], values outside clipped into the
     * first or last bin, NaN into an extra last bin.
     */
    public record Bins(double lo, double hi, int bins) {
        /** Index of the bin of {@code v} (0..bins, where {@code bins} means undefined). */
        public int index(double v) {
            if (Double.isNaN(v)) {
                return bins;
            }
            int i = (int) Math.floor((v - lo) / (hi - lo) * bins);
            return Math.max(0, Math.min(bins - 1, i));
        }

        /** Centre of bin {@code i}. */
        public double centre(int i) {
            return lo + (i + 0.5) * (hi - lo) / bins;
        }
    }

    /** The fixed bins of each feature: integer features get one bin per value (or per two). */
    public static final Map<Feature, Bins> BINS = bins();

    private MelodyRealism() {
    }

    private static Map<Feature, Bins> bins() {
        Map<Feature, Bins> m = new EnumMap<>(Feature.class);
        m.put(Feature.NOTE_COUNT, new Bins(-0.5, 33.5, 17));
        m.put(Feature.DISTINCT_PITCHES, new Bins(-0.5, 16.5, 17));
        m.put(Feature.PITCH_RANGE, new Bins(-0.5, 35.5, 18));
        m.put(Feature.REPEATED_SHARE, new Bins(0, 1, 10));
        m.put(Feature.MEAN_ABS_INTERVAL, new Bins(0, 12, 12));
        m.put(Feature.STEPWISE_SHARE, new Bins(0, 1, 10));
        m.put(Feature.PITCH_CLASS_ENTROPY, new Bins(0, 3.6, 12));
        m.put(Feature.MEAN_IOI, new Bins(0, 16, 16));
        m.put(Feature.SOUNDING_SHARE, new Bins(0, 1, 10));
        return m;
    }

    /** The normalised histogram of one feature over melodies' feature rows (last entry: undefined). */
    public static double[] histogram(List<double[]> features, Feature feature) {
        Bins b = BINS.get(feature);
        double[] h = new double[b.bins() + 1];
        for (double[] f : features) {
            h[b.index(f[feature.ordinal()])]++;
        }
        for (int i = 0; i < h.length; i++) {
            h[i] /= Math.max(1, features.size());
        }
        return h;
    }

    /** Overlapping area of two normalised histograms. */
    public static double overlap(double[] p, double[] q) {
        if (p.length != q.length) {
            throw new IllegalArgumentException("histograms of " + p.length + " and " + q.length + " bins");
        }
        double oa = 0;
        for (int i = 0; i < p.length; i++) {
            oa += Math.min(p[i], q[i]);
        }
        return oa;
    }

    /**
     * OA per feature of {@code generated} against {@code reference} (feature rows of
     * {@link MelodyFeatures}).
     *
     * @throws IllegalArgumentException when either set is empty
     */
    public static Map<Feature, Double> overlaps(List<double[]> generated, List<double[]> reference) {
        if (generated.isEmpty() || reference.isEmpty()) {
            throw new IllegalArgumentException("melody realism needs melodies on both sides (" + generated.size() + " and "
                    + reference.size() + ")");
        }
        Map<Feature, Double> out = new EnumMap<>(Feature.class);
        for (Feature f : Feature.values()) {
            out.put(f, overlap(histogram(generated, f), histogram(reference, f)));
        }
        return out;
    }

    /** The mean OA over the features: the realism score. */
    public static double meanOverlap(Map<Feature, Double> overlaps) {
        return overlaps.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** The mean of each feature over the melodies that have it (NaN-skipping). */
    public static Map<Feature, Double> means(List<double[]> features) {
        Map<Feature, Double> out = new EnumMap<>(Feature.class);
        for (Feature f : Feature.values()) {
            out.put(f, features.stream().mapToDouble(x -> x[f.ordinal()]).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN));
        }
        return out;
    }
}
