package org.synvae.eval.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.synvae.data.image.Images;

/**
 * A minimal line chart (java.awt, headless) of one series against its index, with an optional
 * horizontal reference line, for training curves.
 */
public final class LinePlot {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private LinePlot() {
    }

    /**
     * Renders {@code values} (non-finite values are skipped).
     *
     * @param reference a value to draw as a dashed line, or NaN for none
     */
    public static BufferedImage render(double[] values, String title, String xLabel, String yLabel, double reference) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (Double.isFinite(reference)) {
            min = Math.min(min, reference);
            max = Math.max(max, reference);
        }
        if (!(min <= max)) {
            min = 0;
            max = 1;
        }
        if (max - min < 1e-9) {
            max = min + 1;
        }
        double pad = (max - min) * 0.05;
        min -= pad;
        max += pad;
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(Color.BLACK);
            g.drawString(title, LEFT, 20);
            int plotW = WIDTH - LEFT - RIGHT;
            int plotH = HEIGHT - TOP - BOTTOM;
            g.setColor(Color.GRAY);
            g.drawRect(LEFT, TOP, plotW, plotH);
            for (int i = 0; i <= 4; i++) {
                double v = min + (max - min) * i / 4;
                int y = TOP + plotH - (int) Math.round(plotH * (double) i / 4);
                g.drawString(String.format(Locale.ROOT, "%.2f", v), 8, y + 4);
                g.drawString(Integer.toString((int) Math.round((values.length - 1) * (double) i / 4)),
                        LEFT + (int) Math.round(plotW * (double) i / 4) - 8, TOP + plotH + 16);
            }
            g.setColor(Color.BLACK);
            g.drawString(xLabel, LEFT + plotW / 2 - 20, HEIGHT - 12);
            g.drawString(yLabel, 8, TOP - 8);
            if (Double.isFinite(reference)) {
                g.setColor(new Color(200, 60, 60));
                g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                int y = toY(reference, min, max, plotH);
                g.drawLine(LEFT, y, LEFT + plotW, y);
                g.drawString(String.format(Locale.ROOT, "%.3f", reference), LEFT + plotW - 50, y - 4);
            }
            g.setColor(new Color(31, 119, 180));
            g.setStroke(new BasicStroke(1.5f));
            int prevX = -1;
            int prevY = -1;
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    continue;
                }
                int x = LEFT + (values.length == 1 ? 0 : (int) Math.round(plotW * (double) i / (values.length - 1)));
                int y = toY(values[i], min, max, plotH);
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, x, y);
                }
                prevX = x;
                prevY = y;
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Renders and writes the chart atomically. */
    public static void write(double[] values, String title, String xLabel, String yLabel, double reference, Path png) throws IOException {
        Images.writePng(render(values, title, xLabel, yLabel, reference), png);
    }

    /** Trailing moving average over up to {@code window} values (the first values average fewer). */
    public static double[] movingAverage(double[] values, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, got " + window);
        }
        double[] out = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            if (i >= window) {
                sum -= values[i - window];
            }
            out[i] = sum / Math.min(i + 1, window);
        }
        return out;
    }

    private static int toY(double v, double min, double max, int plotH) {
        return TOP + plotH - (int) Math.round(plotH * (v - min) / (max - min));
    }
}
