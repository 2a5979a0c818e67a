package org.synvae.eval.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.synvae.data.image.Images;
import org.synvae.eval.classify.ConfusionMatrix;

/**
 * Draws a confusion matrix as a PNG heat map (java.awt, works headless): rows are true classes,
 * columns predictions, each cell shaded by its share of the row (so rare classes read as clearly
 * as common ones) and labelled with its count.
 */
public final class ConfusionHeatMap {
    private static final int CELL = 44;

    private ConfusionHeatMap() {
    }

    /** Renders {@code matrix} with {@code title} above it. */
    public static BufferedImage render(ConfusionMatrix matrix, String title) {
        int k = matrix.classes();
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        FontMetrics fm = pg.getFontMetrics(font);
        int labelWidth = 0;
        for (String name : matrix.classNames()) {
            labelWidth = Math.max(labelWidth, fm.stringWidth(name));
        }
        pg.dispose();
        int left = labelWidth + 40;
        int top = labelWidth + 50;
        int width = left + k * CELL + 20;
        int height = top + k * CELL + 40;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setFont(font);
            g.setColor(Color.BLACK);
            g.drawString(title, 10, 18);
            g.drawString("true \u2193  predicted \u2192", 10, 34);
            for (int t = 0; t < k; t++) {
                long support = matrix.support(t);
                for (int p = 0; p < k; p++) {
                    long count = matrix.count(t, p);
                    double share = support == 0 ? 0 : (double) count / support;
                    int x = left + p * CELL;
                    int y = top + t * CELL;
                    g.setColor(shade(share));
                    g.fillRect(x, y, CELL, CELL);
                    g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                    String text = Long.toString(count);
                    g.drawString(text, x + (CELL - fm.stringWidth(text)) / 2, y + CELL / 2 + fm.getAscent() / 2 - 2);
                }
                g.setColor(Color.BLACK);
                String name = matrix.classNames().get(t);
                g.drawString(name, left - 6 - fm.stringWidth(name), top + t * CELL + CELL / 2 + fm.getAscent() / 2 - 2);
            }
            // Column labels, rotated so long class names fit.
            AffineTransform saved = g.getTransform();
            for (int p = 0; p < k; p++) {
                g.setTransform(saved);
                g.translate(left + p * CELL + CELL / 2 + fm.getAscent() / 2 - 2, top - 6);
                g.rotate(-Math.PI / 2);
                g.drawString(matrix.classNames().get(p), 0, 0);
            }
            g.setTransform(saved);
            g.setColor(Color.GRAY);
            g.drawRect(left, top, k * CELL, k * CELL);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Renders and writes the heat map atomically. */
    public static void write(ConfusionMatrix matrix, String title, Path png) throws IOException {
        Images.writePng(render(matrix, title), png);
    }

    /** White (0) to dark blue (1). */
    static Color shade(double share) {
        double s = Math.max(0, Math.min(1, share));
        int r = (int) Math.round(255 - s * (255 - 8));
        int gr = (int) Math.round(255 - s * (255 - 48));
        int b = (int) Math.round(255 - s * (255 - 107));
        return new Color(r, gr, b);
    }
}
