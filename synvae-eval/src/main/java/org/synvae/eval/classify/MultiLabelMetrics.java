package org.synvae.eval.classify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics of a multi-label classifier (several labels may be present per item): per label a binary
 * {@link ConfusionMatrix} (absent/present) with precision, recall and F1 of "present"; the subset
 * accuracy (all labels of an item right); and the mean per-label accuracy. Immutable.
 */
public final class MultiLabelMetrics {
    private static final List<String> BINARY = List.of("absent", "present");
    private final List<String> labels;
    private final List<ConfusionMatrix> perLabel;
    private final double subsetAccuracy;
    private final int items;

    private MultiLabelMetrics(List<String> labels, List<ConfusionMatrix> perLabel, double subsetAccuracy, int items) {
        this.labels = List.copyOf(labels);
        this.perLabel = List.copyOf(perLabel);
        this.subsetAccuracy = subsetAccuracy;
        this.items = items;
    }

    /**
     * @param truth     {@code [items][labels]} true presence
     * @param predicted {@code [items][labels]} predicted presence
     */
    public static MultiLabelMetrics of(boolean[][] truth, boolean[][] predicted, List<String> labels) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true rows but " + predicted.length + " predicted");
        }
        int k = labels.size();
        long[][][] counts = new long[k][2][2];
        int exact = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i].length != k || predicted[i].length != k) {
                throw new IllegalArgumentException("row " + i + " does not have " + k + " labels");
            }
            boolean all = true;
            for (int c = 0; c < k; c++) {
                counts[c][truth[i][c] ? 1 : 0][predicted[i][c] ? 1 : 0]++;
                all &= truth[i][c] == predicted[i][c];
            }
            exact += all ? 1 : 0;
        }
        List<ConfusionMatrix> per = new java.util.ArrayList<>();
        for (int c = 0; c < k; c++) {
            per.add(new ConfusionMatrix(counts[c], BINARY));
        }
        return new MultiLabelMetrics(labels, per, truth.length == 0 ? 0 : (double) exact / truth.length, truth.length);
    }

    /** Share of items whose every label was predicted right. */
    public double subsetAccuracy() {
        return subsetAccuracy;
    }

    /** Mean over labels of the label's binary accuracy (a.k.a. 1 - Hamming loss). */
    public double meanLabelAccuracy() {
        return perLabel.stream().mapToDouble(ConfusionMatrix::accuracy).average().orElse(0);
    }

    /** The binary (absent/present) matrix of label {@code c}. */
    public ConfusionMatrix label(int c) {
        return perLabel.get(c);
    }

    /** Precision of "present" for label {@code c}. */
    public double precision(int c) {
        return perLabel.get(c).precision(1);
    }

    /** Recall of "present" for label {@code c}. */
    public double recall(int c) {
        return perLabel.get(c).recall(1);
    }

    /** F1 of "present" for label {@code c}. */
    public double f1(int c) {
        return perLabel.get(c).f1(1);
    }

    /** The report as JSON-ready maps. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("subset_accuracy", subsetAccuracy);
        out.put("mean_label_accuracy", meanLabelAccuracy());
        Map<String, Object> per = new LinkedHashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("precision", precision(c));
            m.put("recall", recall(c));
            m.put("f1", f1(c));
            m.put("accuracy", perLabel.get(c).accuracy());
            m.put("support", perLabel.get(c).support(1));
            m.put("confusion_matrix", perLabel.get(c).confusionJson());
            per.put(labels.get(c), m);
        }
        out.put("per_label", per);
        return out;
    }
}
