package org.synvae.eval.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nearest-neighbour precision at several ranks, overall and per class, as computed by
 * {@link NearestNeighbourPrecision}. Arrays are copied in and out, so a report never changes.
 *
 * @param ranks the ranks {@code k}, in the order requested
 * @param overall {@code overall[r]}: mean precision at {@code ranks[r]} over all items
 * @param perClass {@code perClass[c][r]}: mean precision at {@code ranks[r]} over the items of
 *                 class {@code c}; NaN for a class with no items
 * @param classCounts {@code classCounts[c]}: the number of items of class {@code c}
 */
public record PrecisionReport(int[] ranks, double[] overall, double[][] perClass, int[] classCounts) {

    /** Checks that the arrays agree in size and keeps copies of them. */
    public PrecisionReport {
        ranks = ranks.clone();
        overall = overall.clone();
        perClass = deepCopy(perClass);
        classCounts = classCounts.clone();
        if (overall.length != ranks.length) {
            throw new IllegalArgumentException("overall has " + overall.length + " values for " + ranks.length + " ranks");
        }
        if (perClass.length != classCounts.length) {
            throw new IllegalArgumentException("perClass has " + perClass.length + " classes, classCounts "
                    + classCounts.length);
        }
        for (double[] row : perClass) {
            if (row.length != ranks.length) {
                throw new IllegalArgumentException("perClass row has " + row.length + " values for " + ranks.length
                        + " ranks");
            }
        }
    }

    /** The number of classes (the largest label plus one). */
    public int numClasses() {
        return classCounts.length;
    }

    /**
     * Mean precision over all items at rank {@code k}.
     *
     * @throws IllegalArgumentException if {@code k} was not computed
     */
    public double precisionAt(int k) {
        return overall[rankIndex(k)];
    }

    /**
     * Mean precision over the items of class {@code classIndex} at rank {@code k}; NaN for a class
     * with no items.
     *
     * @throws IllegalArgumentException if {@code k} was not computed or the class is out of range
     */
    public double classPrecisionAt(int classIndex, int k) {
        if (classIndex < 0 || classIndex >= perClass.length) {
            throw new IllegalArgumentException("class " + classIndex + " out of range [0, " + perClass.length + ")");
        }
        return perClass[classIndex][rankIndex(k)];
    }

    /**
     * The report as nested maps and lists, ready for a JSON mapper:
     * <pre>
     * {"ranks": [1, 5, 10],
     *  "overall": {"1": 0.91, "5": 0.88, "10": 0.86},
     *  "per_class": {"cat": {"count": 1000, "precision": {"1": 0.8, ...}}, ...}}
     * </pre>
     * Precision of a class with no items is {@code null}. Maps keep the order shown.
     *
     * @param classNames a name per class of the data set, or {@code null} to name classes by their
     *                   index; classes past the highest label seen (none of their items were
     *                   evaluated) are listed with count 0
     * @throws IllegalArgumentException if there are fewer names than {@link #numClasses()}
     */
    public Map<String, Object> toJsonMap(List<String> classNames) {
        if (classNames != null && classNames.size() < numClasses()) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + numClasses() + " classes");
        }
        int listed = classNames == null ? numClasses() : classNames.size();
        Map<String, Object> perClassMap = new LinkedHashMap<>();
        for (int c = 0; c < listed; c++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("count", c < numClasses() ? classCounts[c] : 0);
            entry.put("precision", byRank(c < numClasses() ? perClass[c] : emptyClass()));
            perClassMap.put(classNames == null ? Integer.toString(c) : classNames.get(c), entry);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        List<Integer> rankList = new ArrayList<>();
        Arrays.stream(ranks).forEach(rankList::add);
        json.put("ranks", rankList);
        json.put("overall", byRank(overall));
        json.put("per_class", perClassMap);
        return json;
    }

    private double[] emptyClass() {
        double[] nan = new double[ranks.length];
        Arrays.fill(nan, Double.NaN);
        return nan;
    }

    /** One line for people: {@code P@1=0.9666 P@5=0.9455 ...}. */
    public String summary() {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < ranks.length; i++) {
            line.append(i == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "P@%d=%.4f", ranks[i], overall[i]));
        }
        return line.toString();
    }

    @Override
    public int[] ranks() {
        return ranks.clone();
    }

    @Override
    public double[] overall() {
        return overall.clone();
    }

    @Override
    public double[][] perClass() {
        return deepCopy(perClass);
    }

    @Override
    public int[] classCounts() {
        return classCounts.clone();
    }

    // Records compare arrays by reference; reports are compared by content instead.
    @Override
    public boolean equals(Object o) {
        return o instanceof PrecisionReport p && Arrays.equals(ranks, p.ranks) && Arrays.equals(overall, p.overall)
                && Arrays.deepEquals(perClass, p.perClass) && Arrays.equals(classCounts, p.classCounts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {Arrays.hashCode(ranks), Arrays.hashCode(overall),
            Arrays.deepHashCode(perClass), Arrays.hashCode(classCounts)});
    }

    @Override
    public String toString() {
        return "PrecisionReport[ranks=" + Arrays.toString(ranks) + ", overall=" + Arrays.toString(overall)
                + ", perClass=" + Arrays.deepToString(perClass) + ", classCounts=" + Arrays.toString(classCounts) + "]";
    }

    private Map<String, Object> byRank(double[] values) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int r = 0; r < ranks.length; r++) {
            map.put(Integer.toString(ranks[r]), Double.isNaN(values[r]) ? null : values[r]);
        }
        return map;
    }

    private int rankIndex(int k) {
        for (int r = 0; r < ranks.length; r++) {
            if (ranks[r] == k) {
                return r;
            }
        }
        throw new IllegalArgumentException("rank " + k + " was not computed; ranks are " + Arrays.toString(ranks));
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] copy = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = a[i].clone();
        }
        return copy;
    }
}
