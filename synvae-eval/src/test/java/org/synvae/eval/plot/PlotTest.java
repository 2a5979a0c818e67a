package org.synvae.eval.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.eval.classify.ConfusionMatrix;

class PlotTest {

    @Test
    void heatMapShadesCellsByRowShare(@TempDir Path tmp) throws Exception {
        ConfusionMatrix m = new ConfusionMatrix(new long[][] {{10, 0}, {5, 5}}, List.of("cat", "dog"));
        Path png = tmp.resolve("confusion.png");
        ConfusionHeatMap.write(m, "test", png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(2 * 44);
        // A full row share is the darkest shade, an empty cell white.
        assertThat(ConfusionHeatMap.shade(1.0).getRGB()).isNotEqualTo(ConfusionHeatMap.shade(0.0).getRGB());
        assertThat(ConfusionHeatMap.shade(0.0).getRGB() & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void movingAverage() {
        assertThat(LinePlot.movingAverage(new double[] {1, 2, 3, 4}, 2)).containsExactly(1, 1.5, 2.5, 3.5);
        assertThat(LinePlot.movingAverage(new double[] {2, 4}, 5)).containsExactly(2, 3);
    }

    @Test
    void lineChartWrites(@TempDir Path tmp) throws Exception {
        Path png = tmp.resolve("curve.png");
        LinePlot.write(new double[] {0, 1, Double.NaN, 3}, "t", "step", "nats", 2.0, png);
        assertThat(ImageIO.read(png.toFile()).getHeight()).isEqualTo(420);
    }
}
