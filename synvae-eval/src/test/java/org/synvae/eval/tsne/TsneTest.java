package org.synvae.eval.tsne;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TsneTest {

    /* Three Gaussian clusters in 10-D, 20 points each, centres 8 apart. */
    static float[] clusters(int[] labels, long seed) {
        int n = labels.length;
        float[] x = new float[n * 10];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int d = 0; d < 10; d++) {
                x[i * 10 + d] = (float) ((d == labels[i] ? 8 : 0) + r.nextGaussian());
            }
        }
        return x;
    }

    @Test
    void keepsClustersApartAndIsReproducible() {
        int[] labels = new int[60];
        float[] x = clusters(labels, 1);
        Tsne.Config c = Tsne.Config.defaults(3).withPerplexity(10).withIterations(300);
        double[][] y = Tsne.embed(x, 60, 10, c);
        // Every point's nearest neighbour in the map has its class.
        for (int i = 0; i < 60; i++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < 60; j++) {
                double d = Math.hypot(y[i][0] - y[j][0], y[i][1] - y[j][1]);
                if (j != i && d < bestD) {
                    bestD = d;
                    best = j;
                }
            }
            assertThat(labels[best]).as("neighbour of %d", i).isEqualTo(labels[i]);
        }
        assertThat(Tsne.embed(x, 60, 10, c)).isDeepEqualTo(y);
        assertThat(Tsne.embed(x, 60, 10, Tsne.Config.defaults(4).withPerplexity(10).withIterations(300))[0]).isNotEqualTo(y[0]);
    }

    /* The calibrated row has entropy log(perplexity) and sums to 1. */
    @Test
    void conditionalRowsMatchThePerplexity() {
        int[] labels = new int[30];
        float[] x = clusters(labels, 2);
        double[] d = Tsne.squaredDistances(x, 30, 10);
        double[] cond = new double[30 * 30];
        Tsne.conditionalRow(d, 30, 4, 7.0, cond);
        double sum = 0;
        double h = 0;
        for (int j = 0; j < 30; j++) {
            double p = cond[4 * 30 + j];
            sum += p;
            h -= p > 0 ? p * Math.log(p) : 0;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-9));
        assertThat(h).isCloseTo(Math.log(7.0), within(1e-4));
        assertThat(cond[4 * 30 + 4]).isZero();
    }

    @Test
    void refusesTooFewPointsForThePerplexity() {
        assertThatThrownBy(() -> Tsne.embed(new float[10 * 2], 10, 2, Tsne.Config.defaults(1))).hasMessageContaining("perplexity 30.0");
    }

    @Test
    void plotDrawsClassColoursAndHighlights() {
        double[][] y = {{0, 0}, {1, 0}, {0, 1}, {10, 10}};
        int[] labels = {0, 0, 1, 1};
        BufferedImage img = TsnePlot.draw(y, labels, List.of("a", "b"), null, new boolean[] {false, false, false, true},
                new TsnePlot.Style(200, 16, "t"));
        assertThat(img.getWidth()).isEqualTo(200);
        // The highlighted point (10, 10) lands in the top right corner at (160, 40), in class 1's colour.
        assertThat(img.getRGB(160, 40) & 0xFFFFFF).isEqualTo(TsnePlot.color(1).getRGB() & 0xFFFFFF);
        BufferedImage thumb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        BufferedImage withImages = TsnePlot.draw(y, labels, List.of("a", "b"), new BufferedImage[] {thumb, thumb, thumb, thumb}, null,
                new TsnePlot.Style(200, 16, ""));
        assertThat(withImages.getRGB(160, 40) & 0xFFFFFF).isZero(); // the black thumbnail
    }
}
