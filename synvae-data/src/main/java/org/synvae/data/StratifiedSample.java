package org.synvae.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A seeded sample of a labelled data set that keeps each class's share: {@code max} of {@code n}
 * items, class {@code c} contributing {@code max * count(c) / n} (largest remainders rounded up),
 * drawn at random within the class. Taking the first {@code max} items instead would take whole
 * classes in file order (all apples, no pears) and make every metric on the subset meaningless.
 */
public final class StratifiedSample {
    private StratifiedSample() {
    }

    /**
     * Indices of the sample, ascending (so reading the subset keeps the data's own order).
     *
     * @param labels the class of each item (non-negative)
     * @param max    how many to keep; all are kept when {@code max <= 0} or {@code max >= labels.length}
     * @param seed   the seed of the draw
     */
    public static int[] indices(int[] labels, int max, long seed) {
        int n = labels.length;
        if (max <= 0 || max >= n) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int classes = Arrays.stream(labels).max().orElse(0) + 1;
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        // Visiting items in a seeded random order makes each class's first items a random draw from it.
        for (int i : Shuffle.permutation(n, seed)) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("item " + i + " has the negative label " + labels[i]);
            }
            byClass.get(labels[i]).add(i);
        }
        int[] quota = new int[classes];
        double[] remainder = new double[classes];
        int given = 0;
        for (int c = 0; c < classes; c++) {
            double exact = (double) max * byClass.get(c).size() / n;
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            given += quota[c];
        }
        // The rest, one each, to the classes with the largest remainders (ties: the lower class).
        Integer[] order = new Integer[classes];
        Arrays.setAll(order, c -> c);
        Arrays.sort(order, (a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a]) : Integer.compare(a, b));
        for (int k = 0; given < max; k = (k + 1) % classes) {
            int c = order[k];
            if (quota[c] < byClass.get(c).size()) {
                quota[c]++;
                given++;
            }
        }
        int[] out = new int[max];
        int at = 0;
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < quota[c]; j++) {
                out[at++] = byClass.get(c).get(j);
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** The labels of every item of {@code data}. */
    public static int[] labels(ImageDataset data) {
        int[] labels = new int[data.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.label(i);
        }
        return labels;
    }
}
