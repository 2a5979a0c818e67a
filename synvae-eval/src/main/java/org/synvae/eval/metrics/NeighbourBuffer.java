package org.synvae.eval.metrics;

/**
 * The {@code capacity} nearest candidates seen so far for one query, kept sorted by distance and
 * then by index. An insertion buffer beats a heap here: capacities are small (tens) and almost
 * every candidate is rejected by one comparison with the current worst.
 */
final class NeighbourBuffer {
    private final double[] distances;
    private final int[] indices;
    private int size;

    NeighbourBuffer(int capacity) {
        distances = new double[capacity];
        indices = new int[capacity];
    }

    /** Forgets all candidates, so the buffer can serve the next query. */
    void clear() {
        size = 0;
    }

    /** Offers a candidate; it is kept if it is among the nearest seen so far. */
    void offer(double distance, int index) {
        int capacity = distances.length;
        if (size == capacity && !before(distance, index, distances[size - 1], indices[size - 1])) {
            return;
        }
        int pos = size == capacity ? size - 1 : size++;
        while (pos > 0 && before(distance, index, distances[pos - 1], indices[pos - 1])) {
            distances[pos] = distances[pos - 1];
            indices[pos] = indices[pos - 1];
            pos--;
        }
        distances[pos] = distance;
        indices[pos] = index;
    }

    /** Number of candidates held, at most the capacity. */
    int size() {
        return size;
    }

    /** Copies the held indices, nearest first, into {@code target} from {@code offset}. */
    void copyIndices(int[] target, int offset) {
        System.arraycopy(indices, 0, target, offset, size);
    }

    // Ties in distance go to the lower index, so results do not depend on the order of offers.
    private static boolean before(double d1, int i1, double d2, int i2) {
        return d1 < d2 || (d1 == d2 && i1 < i2);
    }
}
