package org.synvae.eval.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.synvae.data.image.Images;
import org.synvae.models.train.tensorboard.ScalarEvent;
import org.synvae.models.train.tensorboard.TensorBoardEvents;

/**
 * An experiment's per-step curves as one PNG, read back from its TensorBoard event files (so a
 * resumed run's curves are whole): one panel per tag under {@code train_step/} and
 * {@code schedule/}, losses as a moving average over {@link #SMOOTHING} steps.
 */
public final class TrainingCurves {
    /** Steps in the moving average of per-step values. */
    public static final int SMOOTHING = 100;
    private static final int PANEL_W = 420;
    private static final int PANEL_H = 260;
    private static final int COLUMNS = 3;

    private TrainingCurves() {
    }

    /** Per-step values of every scalar tag under the prefixes, by tag, in step order (a later event for a step wins). */
    public static Map<String, TreeMap<Long, Double>> read(Path tensorboardDir, List<String> prefixes) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(tensorboardDir)) {
            files = list.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents")).sorted().toList();
        }
        Map<String, TreeMap<Long, Double>> curves = new TreeMap<>();
        for (Path f : files) {
            for (ScalarEvent e : TensorBoardEvents.readScalars(f, true)) {
                if (prefixes.stream().anyMatch(e.tag()::startsWith)) {
                    curves.computeIfAbsent(e.tag(), k -> new TreeMap<>()).put(e.step(), e.value());
                }
            }
        }
        return curves;
    }

    /**
     * Draws the {@code train_step/} and {@code schedule/} curves of an experiment's TensorBoard
     * directory into {@code png}; returns false (and writes nothing) when there are none.
     */
    public static boolean write(Path tensorboardDir, Path png) throws IOException {
        Map<String, TreeMap<Long, Double>> curves = read(tensorboardDir, List.of("train_step/", "schedule/"));
        if (curves.isEmpty()) {
            return false;
        }
        List<String> tags = new ArrayList<>(curves.keySet());
        int rows = (tags.size() + COLUMNS - 1) / COLUMNS;
        BufferedImage grid = new BufferedImage(COLUMNS * PANEL_W, rows * PANEL_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            TreeMap<Long, Double> c = curves.get(tag);
            double[] x = c.keySet().stream().mapToDouble(Long::doubleValue).toArray();
            double[] y = c.values().stream().mapToDouble(Double::doubleValue).toArray();
            boolean smooth = tag.startsWith("train_step/");
            XYChart chart = new XYChartBuilder().width(PANEL_W).height(PANEL_H)
                    .title(tag + (smooth ? " (mean of " + SMOOTHING + " steps)" : "")).xAxisTitle("step").yAxisTitle("").build();
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setXAxisDecimalPattern("0");
            chart.getStyler().setXAxisTickMarkSpacingHint(90);
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(11f));
            chart.addSeries(tag, x, smooth ? LinePlot.movingAverage(y, SMOOTHING) : y).setMarker(SeriesMarkers.NONE).setLineColor(new Color(31, 119, 180));
            g.drawImage(BitmapEncoder.getBufferedImage(chart), (i % COLUMNS) * PANEL_W, (i / COLUMNS) * PANEL_H, null);
        }
        g.dispose();
        Images.writePng(grid, png);
        return true;
    }
}
