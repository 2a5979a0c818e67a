package org.synvae.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NearestNeighbourPrecisionTest {
    private static final double EPS = 1e-12;

    /*
     * Six points on a line:      index  0  1  2  3  4  5
     *                            x      0  1  3  4  6  10
     *                            label  0  0  1  0  1  1
     * Nearest others (ties to the lower index) and precision at k = 1, 2, 3:
     *   0: 1, 2, 3   labels 0 1 0  ->  1, 1/2, 2/3
     *   1: 0, 2, 3   labels 0 1 0  ->  1, 1/2, 2/3
     *   2: 3, 1, 0   labels 0 0 0  ->  0, 0,   0     (0 and 4 are both 3 away: 0 wins)
     *   3: 2, 4, 1   labels 1 1 0  ->  0, 0,   1/3
     *   4: 3, 2, 5   labels 0 1 1  ->  0, 1/2, 2/3
     *   5: 4, 3, 2   labels 1 0 1  ->  1, 1/2, 2/3
     * Class 0 (items 0, 1, 3): 2/3, 1/3, (2/3 + 2/3 + 1/3) / 3 = 5/9
     * Class 1 (items 2, 4, 5): 1/3, 1/3, (0 + 2/3 + 2/3) / 3 = 4/9
     * Overall:                 3/6, 2/6, 3/6
     */
    @Test
    void sixPointsOnALineByHand() {
        float[] x = {0, 1, 3, 4, 6, 10};
        int[] labels = {0, 0, 1, 0, 1, 1};

        PrecisionReport report = NearestNeighbourPrecision.compute(x, 6, 1, labels, new int[] {1, 2, 3});

        assertThat(report.overall()).containsExactly(new double[] {1 / 2.0, 1 / 3.0, 1 / 2.0}, within(EPS));
        assertThat(report.perClass()[0]).containsExactly(new double[] {2 / 3.0, 1 / 3.0, 5 / 9.0}, within(EPS));
        assertThat(report.perClass()[1]).containsExactly(new double[] {1 / 3.0, 1 / 3.0, 4 / 9.0}, within(EPS));
        assertThat(report.classCounts()).containsExactly(3, 3);
        assertThat(report.precisionAt(3)).isCloseTo(0.5, within(EPS));
        assertThat(report.classPrecisionAt(1, 3)).isCloseTo(4 / 9.0, within(EPS));
    }

    /*
     * Four copies of one point, labels 0 1 1 0. Every distance is 0, so the nearest other item is
     * the lowest other index: 0 -> 1, 1 -> 0, 2 -> 0, 3 -> 0. Hits: no, no, no, yes -> 1/4.
     * Class 0 (items 0, 3): 1/2; class 1 (items 1, 2): 0.
     */
    @Test
    void duplicatePointsTieToTheLowerIndex() {
        float[] x = new float[4 * 3];
        for (int i = 0; i < 4; i++) {
            x[i * 3] = 1.5f;
            x[i * 3 + 1] = -2.25f;
            x[i * 3 + 2] = 7f;
        }
        PrecisionReport report = NearestNeighbourPrecision.compute(x, 4, 3, new int[] {0, 1, 1, 0}, new int[] {1});

        assertThat(report.precisionAt(1)).isCloseTo(0.25, within(EPS));
        assertThat(report.classPrecisionAt(0, 1)).isCloseTo(0.5, within(EPS));
        assertThat(report.classPrecisionAt(1, 1)).isCloseTo(0.0, within(EPS));
    }

    /*
     * The origin (label 0) and four points 1 away from it: (1,0) label 1, (0,1) label 0, (-1,0)
     * label 0, (0,-1) label 1, at indices 1..4. All four tie for the origin; the two nearest are
     * indices 1 and 2 -> labels 1, 0 -> precision@2 of the origin is 1/2.
     */
    @Test
    void equalDistancesTieToTheLowerIndex() {
        float[] x = {0, 0, 1, 0, 0, 1, -1, 0, 0, -1};
        int[] labels = {0, 1, 0, 0, 1};
        int[] neighbours = NearestNeighbours.search(x, 5, 2, 2);

        assertThat(Arrays.copyOfRange(neighbours, 0, 2)).containsExactly(1, 2);
        // (1,0): origin at 1, then (0,1) and (0,-1) both at sqrt 2 -> the lower index, 2.
        assertThat(Arrays.copyOfRange(neighbours, 2, 4)).containsExactly(0, 2);
        PrecisionReport report = NearestNeighbourPrecision.compute(x, 5, 2, labels, new int[] {2});
        // Items 0..4 at k = 2: 0 -> {1,2}: 1/2; 1 -> {0,2}: 0; 2 -> {0,1}: 1/2; 3 -> {0,2}: 1; 4 -> {0,1}: 1/2.
        assertThat(report.precisionAt(2)).isCloseTo((0.5 + 0 + 0.5 + 1 + 0.5) / 5, within(EPS));
    }

    @Test
    void matchesABruteForceReferenceOnRandomData() {
        int n = 300;
        int dim = 8;
        int classes = 4;
        Random random = new Random(42);
        int[] labels = new int[n];
        float[] x = new float[n * dim];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(classes);
            for (int d = 0; d < dim; d++) {
                // Classes overlap, so precision lands strictly between chance and 1.
                x[i * dim + d] = (float) (random.nextGaussian() + (d == labels[i] ? 1.5 : 0));
            }
        }
        int[] ranks = {10, 1, 5, 3};

        int[] fastNeighbours = NearestNeighbours.search(x, n, dim, 10);
        int[] slowNeighbours = bruteForceNeighbours(x, n, dim, 10);
        assertThat(fastNeighbours).containsExactly(slowNeighbours);

        PrecisionReport fast = NearestNeighbourPrecision.compute(x, n, dim, labels, ranks);
        PrecisionReport slow = bruteForcePrecision(slowNeighbours, 10, labels, classes, ranks);
        assertThat(fast.ranks()).containsExactly(ranks);
        assertThat(fast.overall()).containsExactly(slow.overall(), within(EPS));
        for (int c = 0; c < classes; c++) {
            assertThat(fast.perClass()[c]).containsExactly(slow.perClass()[c], within(EPS));
        }
        assertThat(fast.classCounts()).containsExactly(slow.classCounts());
        assertThat(fast.precisionAt(1)).isBetween(0.3, 0.95);
    }

    @Test
    void defaultRanksAreOneFiveAndTen() {
        Random random = new Random(1);
        float[] x = new float[20 * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        PrecisionReport report = NearestNeighbourPrecision.compute(x, 20, 2, new int[20]);
        assertThat(report.ranks()).containsExactly(1, 5, 10);
        assertThat(report.overall()).containsExactly(1.0, 1.0, 1.0);
    }

    @Test
    void aClassWithoutItemsHasNoPrecision() {
        // Two tight pairs far apart: every nearest neighbour shares the label.
        float[] x = {0, 1, 5, 6};
        PrecisionReport report = NearestNeighbourPrecision.compute(x, 4, 1, new int[] {0, 0, 2, 2}, new int[] {1});

        assertThat(report.classCounts()).containsExactly(2, 0, 2);
        assertThat(report.classPrecisionAt(1, 1)).isNaN();
        Map<String, Object> json = report.toJsonMap(List.of("a", "b", "c"));
        assertThat(json).containsOnlyKeys("ranks", "overall", "per_class");
        assertThat(json.get("ranks")).isEqualTo(List.of(1));
        assertThat(json.get("overall")).isEqualTo(Map.of("1", 1.0));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> perClass = (Map<String, Map<String, Object>>) json.get("per_class");
        assertThat(perClass.keySet()).containsExactly("a", "b", "c");
        assertThat(perClass.get("a")).containsEntry("count", 2);
        @SuppressWarnings("unchecked")
        Map<String, Object> emptyClass = (Map<String, Object>) perClass.get("b").get("precision");
        assertThat(emptyClass).containsEntry("1", null);
        assertThat(report.toJsonMap(null)).extractingByKey("per_class").asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsOnlyKeys("0", "1", "2");
        assertThatThrownBy(() -> report.toJsonMap(List.of("a"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 class names for 3 classes");
        // Classes of the data set past the highest label seen are listed with no items.
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> more = (Map<String, Map<String, Object>>) report.toJsonMap(List.of("a", "b", "c", "d")).get("per_class");
        assertThat(more.keySet()).containsExactly("a", "b", "c", "d");
        assertThat(more.get("d")).containsEntry("count", 0);
    }

    @Test
    void rejectsBadArguments() {
        float[] x = {0, 1, 2, 3};
        int[] labels = {0, 1, 0, 1};
        assertThatThrownBy(() -> NearestNeighbourPrecision.compute(x, 4, 1, labels, new int[] {4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 4 out of range");
        assertThatThrownBy(() -> NearestNeighbourPrecision.compute(x, 4, 1, labels, new int[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 0 out of range");
        assertThatThrownBy(() -> NearestNeighbourPrecision.compute(x, 4, 1, labels, new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no ranks");
        assertThatThrownBy(() -> NearestNeighbourPrecision.compute(x, 2, 1, labels, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latents has 4 values");
        assertThatThrownBy(() -> NearestNeighbourPrecision.compute(x, 2, 2, labels, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels has 4 entries");
        assertThatThrownBy(() -> NearestNeighbourPrecision.compute(x, 4, 1, new int[] {0, -1, 0, 0}, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label of item 1 is -1");
        assertThatThrownBy(() -> NearestNeighbourPrecision.compute(new float[1], 1, 1, new int[1], new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 items");
    }

    @Test
    void reportRejectsUnknownRanksAndClasses() {
        PrecisionReport report = NearestNeighbourPrecision.compute(new float[] {0, 1, 5}, 3, 1, new int[] {0, 0, 1},
                new int[] {1});
        assertThatThrownBy(() -> report.precisionAt(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rank 2 was not computed");
        assertThatThrownBy(() -> report.classPrecisionAt(2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(report).isEqualTo(new PrecisionReport(report.ranks(), report.overall(), report.perClass(),
                report.classCounts()));
    }

    @Test
    void tenThousandPointsFinishQuickly() {
        int n = 10_000;
        int dim = 64;
        Random random = new Random(7);
        float[] x = new float[n * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        int[] labels = IntStream.range(0, n).map(i -> i % 10).toArray();

        long start = System.nanoTime();
        PrecisionReport report = NearestNeighbourPrecision.compute(x, n, dim, labels);
        double seconds = (System.nanoTime() - start) / 1e9;

        // A guard against accidental quadratic memory or a lost parallel loop, not a benchmark.
        assertThat(seconds).isLessThan(20.0);
        // Random points carry no class signal: precision is near chance, 1/10.
        assertThat(report.precisionAt(10)).isCloseTo(0.1, within(0.02));
    }

    private static int[] bruteForceNeighbours(float[] x, int n, int dim, int k) {
        int[] result = new int[n * k];
        for (int i = 0; i < n; i++) {
            double[] dist = new double[n];
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int d = 0; d < dim; d++) {
                    double diff = (double) x[i * dim + d] - x[j * dim + d];
                    sum += diff * diff;
                }
                dist[j] = sum;
            }
            int self = i;
            int[] order = IntStream.range(0, n).filter(j -> j != self).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(j -> dist[j]).thenComparingInt(j -> j))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            System.arraycopy(order, 0, result, i * k, k);
        }
        return result;
    }

    private static PrecisionReport bruteForcePrecision(int[] neighbours, int maxK, int[] labels, int classes,
                                                       int[] ranks) {
        int n = labels.length;
        double[] overall = new double[ranks.length];
        double[][] perClass = new double[classes][ranks.length];
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        for (int r = 0; r < ranks.length; r++) {
            for (int i = 0; i < n; i++) {
                int hits = 0;
                for (int m = 0; m < ranks[r]; m++) {
                    hits += labels[neighbours[i * maxK + m]] == labels[i] ? 1 : 0;
                }
                double p = (double) hits / ranks[r];
                overall[r] += p / n;
                perClass[labels[i]][r] += p / counts[labels[i]];
            }
        }
        return new PrecisionReport(ranks, overall, perClass, counts);
    }
}
