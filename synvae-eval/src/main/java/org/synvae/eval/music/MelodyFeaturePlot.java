package org.synvae.eval.music;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.synvae.data.image.Images;
import org.synvae.eval.music.MelodyFeatures.Feature;

/**
 * The melody features of several sets side by side: one histogram panel per feature (the sets
 * overlaid as shaded steps, the first set being the reference), the OA of each other set against
 * the reference in the panel's title, the share of melodies without the feature in the legend.
 */
public final class MelodyFeaturePlot {
    private static final int PANEL_W = 420;
    private static final int PANEL_H = 280;
    private static final int COLUMNS = 3;
    private static final Color[] COLOURS = {new Color(90, 90, 90), new Color(214, 39, 40), new Color(31, 119, 180),
            new Color(44, 160, 44), new Color(255, 127, 14)};

    private MelodyFeaturePlot() {
    }

    /**
     * Draws the panels.
     *
     * @param sets feature rows per set name, the reference first
     */
    public static BufferedImage draw(Map<String, List<double[]>> sets) {
        if (sets.size() < 2) {
            throw new IllegalArgumentException("a feature plot compares at least two sets, got " + sets.keySet());
        }
        List<String> names = new ArrayList<>(sets.keySet());
        List<double[]> reference = sets.get(names.get(0));
        Feature[] features = Feature.values();
        int rows = (features.length + COLUMNS - 1) / COLUMNS;
        BufferedImage grid = new BufferedImage(COLUMNS * PANEL_W, rows * PANEL_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
        for (int i = 0; i < features.length; i++) {
            Feature f = features[i];
            StringBuilder title = new StringBuilder(f.label()).append(": OA");
            for (int s = 1; s < names.size(); s++) {
                title.append(String.format(Locale.ROOT, " %.2f", MelodyRealism.overlap(MelodyRealism.histogram(sets.get(names.get(s)), f),
                        MelodyRealism.histogram(reference, f))));
            }
            XYChart chart = new XYChartBuilder().width(PANEL_W).height(PANEL_H).title(title.toString())
                    .xAxisTitle(f.label()).yAxisTitle("share").build();
            chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
            chart.getStyler().setPlotGridLinesVisible(false);
            chart.getStyler().setMarkerSize(0);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            chart.getStyler().setLegendFont(chart.getStyler().getLegendFont().deriveFont(9f));
            chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(11f));
            MelodyRealism.Bins bins = MelodyRealism.BINS.get(f);
            double width = (bins.hi() - bins.lo()) / bins.bins();
            double top = 0;
            for (List<double[]> set : sets.values()) {
                double[] h = MelodyRealism.histogram(set, f);
                for (int b = 0; b < bins.bins(); b++) {
                    top = Math.max(top, h[b]);
                }
            }
            // Room above the highest bar for the legend.
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(Math.max(0.05, top * 1.35));
            for (int s = 0; s < names.size(); s++) {
                double[] h = MelodyRealism.histogram(sets.get(names.get(s)), f);
                // Step charts draw each value from its x to the next: bin edges, with the last value repeated to close the bar.
                double[] x = new double[bins.bins() + 1];
                double[] y = new double[bins.bins() + 1];
                for (int b = 0; b <= bins.bins(); b++) {
                    x[b] = bins.lo() + b * width;
                    y[b] = h[Math.min(b, bins.bins() - 1)];
                }
                String label = String.format(Locale.ROOT, "%s (n/a %.0f%%)", names.get(s), 100 * h[bins.bins()]);
                XYSeries series = chart.addSeries(label, x, y);
                Color c = COLOURS[s % COLOURS.length];
                series.setLineColor(c);
                series.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), s == 0 ? 70 : 50));
            }
            g.drawImage(BitmapEncoder.getBufferedImage(chart), (i % COLUMNS) * PANEL_W, (i / COLUMNS) * PANEL_H, null);
        }
        g.dispose();
        return grid;
    }

    /** Draws the panels into a PNG. */
    public static void write(Map<String, List<double[]>> sets, Path png) throws IOException {
        Images.writePng(draw(new LinkedHashMap<>(sets)), png);
    }
}
