package org.synvae.eval.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of (true class, predicted class) pairs and the single-label classification metrics derived
 * from them. Immutable; every metric is a pure function of the counts.
 *
 * <p>Precision, recall and F1 of a class whose denominator is zero (a class never predicted, or
 * absent from the data) are 0, as scikit-learn's {@code zero_division=0}; {@link #isDefined} tells
 * such cells apart in reports.
 */
public final class ConfusionMatrix {
    private final long[][] counts;
    private final List<String> classNames;
    private final long total;

    /**
     * @param counts     {@code counts[t][p]}: items of true class {@code t} predicted as {@code p}; square, copied
     * @param classNames one name per class
     */
    public ConfusionMatrix(long[][] counts, List<String> classNames) {
        int k = classNames.size();
        if (k < 2 || counts.length != k) {
            throw new IllegalArgumentException("need a square matrix of at least 2 classes matching " + k + " names");
        }
        this.counts = new long[k][];
        long sum = 0;
        for (int t = 0; t < k; t++) {
            if (counts[t].length != k) {
                throw new IllegalArgumentException("row " + t + " has " + counts[t].length + " columns, expected " + k);
            }
            this.counts[t] = counts[t].clone();
            for (long c : counts[t]) {
                if (c < 0) {
                    throw new IllegalArgumentException("negative count " + c);
                }
                sum += c;
            }
        }
        this.classNames = List.copyOf(classNames);
        this.total = sum;
    }

    /** The matrix of {@code predicted} against {@code truth} (same length, labels in {@code [0, classNames.size())}). */
    public static ConfusionMatrix of(int[] truth, int[] predicted, List<String> classNames) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true labels but " + predicted.length + " predictions");
        }
        int k = classNames.size();
        long[][] counts = new long[k][k];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
                throw new IllegalArgumentException("label outside 0.." + (k - 1) + " at item " + i);
            }
            counts[truth[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(counts, classNames);
    }

    /** Number of classes. */
    public int classes() {
        return classNames.size();
    }

    public List<String> classNames() {
        return classNames;
    }

    /** Items of true class {@code t} predicted as {@code p}. */
    public long count(int t, int p) {
        return counts[t][p];
    }

    /** All counts, {@code [true][predicted]}; a copy. */
    public long[][] counts() {
        long[][] out = new long[counts.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts[i].clone();
        }
        return out;
    }

    /** Number of items. */
    public long total() {
        return total;
    }

    /** Items whose true class is {@code c}. */
    public long support(int c) {
        long s = 0;
        for (long v : counts[c]) {
            s += v;
        }
        return s;
    }

    /** Items predicted as {@code c}. */
    public long predictedCount(int c) {
        long s = 0;
        for (long[] row : counts) {
            s += row[c];
        }
        return s;
    }

    /** Top-1 accuracy: the diagonal over all items. */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        return ratio(correct, total);
    }

    /** TP / (TP + FP) of class {@code c}. */
    public double precision(int c) {
        return ratio(counts[c][c], predictedCount(c));
    }

    /** TP / (TP + FN) of class {@code c}. */
    public double recall(int c) {
        return ratio(counts[c][c], support(c));
    }

    /** Harmonic mean of precision and recall of class {@code c} (0 when both are 0). */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /**
     * Binary accuracy of class {@code c} against the rest: (TP + TN) / N, where every item not of
     * class {@code c} and not predicted as {@code c} is a true negative.
     */
    public double oneVsRestAccuracy(int c) {
        long fp = predictedCount(c) - counts[c][c];
        long fn = support(c) - counts[c][c];
        return ratio(total - fp - fn, total);
    }

    /**
     * The seed's "mean accuracy": the mean over classes of {@link #oneVsRestAccuracy}. Every error
     * counts once as a false negative and once as a false positive, so this equals
     * {@code 1 - 2 * errors / (K * N)}: with 10 classes it is never below 0.8, and it is not
     * comparable to top-1 accuracy.
     */
    public double meanOneVsRestAccuracy() {
        double sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += oneVsRestAccuracy(c);
        }
        return sum / counts.length;
    }

    /** Unweighted mean of the per-class F1 scores. */
    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += f1(c);
        }
        return sum / counts.length;
    }

    /** Whether precision ({@code precision = true}) or recall of class {@code c} has a non-zero denominator. */
    public boolean isDefined(int c, boolean precision) {
        return precision ? predictedCount(c) > 0 : support(c) > 0;
    }

    /**
     * The report as JSON-ready maps: top-1, mean one-vs-rest accuracy with its definition, macro F1,
     * per-class precision/recall/F1/support, and the matrix with its class order.
     */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", total);
        out.put("top1_accuracy", accuracy());
        out.put("mean_one_vs_rest_accuracy", meanOneVsRestAccuracy());
        out.put("mean_one_vs_rest_accuracy_definition",
                "mean over classes of the binary accuracy (TP+TN)/N of class-vs-rest; equals 1 - 2*errors/(classes*N)");
        out.put("macro_f1", macroF1());
        Map<String, Object> perClass = new LinkedHashMap<>();
        for (int c = 0; c < counts.length; c++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("precision", precision(c));
            m.put("recall", recall(c));
            m.put("f1", f1(c));
            m.put("one_vs_rest_accuracy", oneVsRestAccuracy(c));
            m.put("support", support(c));
            m.put("predicted", predictedCount(c));
            perClass.put(classNames.get(c), m);
        }
        out.put("per_class", perClass);
        out.put("confusion_matrix", confusionJson());
        return out;
    }

    /** The matrix alone: class order and rows of counts ({@code rows[true][predicted]}). */
    public Map<String, Object> confusionJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("classes", classNames);
        out.put("layout", "rows[true class][predicted class]");
        List<long[]> rows = new ArrayList<>();
        for (long[] row : counts) {
            rows.add(row.clone());
        }
        out.put("rows", rows);
        return out;
    }

    private static double ratio(long num, long den) {
        return den == 0 ? 0 : (double) num / den;
    }
}
