package org.synvae.eval.tsne;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.synvae.data.image.Images;

/**
 * A scatter plot of a 2-D embedding: points coloured by class (or the items' images as thumbnails
 * with a class-coloured frame), each class mean marked with a cross and labelled with the class
 * name, and optional highlighted points drawn large with a black ring while the rest fade.
 */
public final class TsnePlot {
    /** matplotlib's tab10, so plots look like the seed's. */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
    private static final int MARGIN = 40;

    /**
     * What to draw.
     *
     * @param size       width and height in pixels
     * @param thumbnails thumbnail edge in pixels when images are given
     * @param title      shown at the top (may be empty)
     */
    public record Style(int size, int thumbnails, String title) {
    }

    private TsnePlot() {
    }

    /** The colour of class {@code c}: tab10, then evenly spaced hues. */
    public static Color color(int c) {
        return c < PALETTE.length ? PALETTE[c] : Color.getHSBColor((c * 0.618034f) % 1f, 0.65f, 0.85f);
    }

    /**
     * Draws the plot.
     *
     * @param y         points [n][2]
     * @param labels    class per point
     * @param classes   class names (index = label)
     * @param images    one image per point, or null for dots
     * @param highlight points to emphasise, or null
     */
    public static BufferedImage draw(double[][] y, int[] labels, List<String> classes, BufferedImage[] images, boolean[] highlight,
                                     Style style) {
        int size = style.size();
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] p : y) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        // One scale for both axes: t-SNE distances mean the same in every direction.
        double span = Math.max(Math.max(maxX - minX, maxY - minY), 1e-12);
        double scale = (size - 2.0 * MARGIN) / span;
        double ox = MARGIN + ((size - 2.0 * MARGIN) - (maxX - minX) * scale) / 2 - minX * scale;
        double oy = MARGIN + ((size - 2.0 * MARGIN) - (maxY - minY) * scale) / 2 + maxY * scale;
        boolean anyHighlight = highlight != null && java.util.stream.IntStream.range(0, highlight.length).anyMatch(i -> highlight[i]);
        int n = y.length;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                boolean hi = anyHighlight && highlight[i];
                if ((pass == 1) != hi) {
                    continue; // highlighted points on top
                }
                int px = (int) Math.round(ox + y[i][0] * scale);
                int py = (int) Math.round(oy - y[i][1] * scale);
                Color c = color(labels[i]);
                if (anyHighlight && !hi) {
                    c = new Color(c.getRed(), c.getGreen(), c.getBlue(), 60);
                }
                if (images != null) {
                    int t = hi ? style.thumbnails() * 2 : style.thumbnails();
                    g.drawImage(images[i], px - t / 2, py - t / 2, t, t, null);
                    g.setColor(c);
                    g.setStroke(new BasicStroke(hi ? 3f : 1.5f));
                    g.drawRect(px - t / 2, py - t / 2, t, t);
                } else {
                    int r = hi ? 7 : 3;
                    g.setColor(c);
                    g.fillOval(px - r, py - r, 2 * r, 2 * r);
                }
                if (hi) {
                    g.setColor(Color.BLACK);
                    g.setStroke(new BasicStroke(2f));
                    int r = images != null ? style.thumbnails() + 3 : 9;
                    g.drawOval(px - r, py - r, 2 * r, 2 * r);
                }
            }
        }
        drawMeans(g, y, labels, classes, ox, oy, scale);
        if (!style.title().isEmpty()) {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(style.title(), MARGIN, 24);
        }
        g.dispose();
        return img;
    }

    private static void drawMeans(Graphics2D g, double[][] y, int[] labels, List<String> classes, double ox, double oy, double scale) {
        int k = classes.size();
        double[][] sums = new double[k][3];
        for (int i = 0; i < y.length; i++) {
            sums[labels[i]][0] += y[i][0];
            sums[labels[i]][1] += y[i][1];
            sums[labels[i]][2]++;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        for (int c = 0; c < k; c++) {
            if (sums[c][2] == 0) {
                continue;
            }
            int px = (int) Math.round(ox + sums[c][0] / sums[c][2] * scale);
            int py = (int) Math.round(oy - sums[c][1] / sums[c][2] * scale);
            g.setStroke(new BasicStroke(5f));
            g.setColor(Color.WHITE);
            g.drawLine(px - 8, py - 8, px + 8, py + 8);
            g.drawLine(px - 8, py + 8, px + 8, py - 8);
            g.setStroke(new BasicStroke(2.5f));
            g.setColor(Color.BLACK);
            g.drawLine(px - 8, py - 8, px + 8, py + 8);
            g.drawLine(px - 8, py + 8, px + 8, py - 8);
            String name = classes.get(c);
            g.setColor(new Color(255, 255, 255, 200));
            int w = g.getFontMetrics().stringWidth(name);
            g.fillRect(px + 10, py - 20, w + 6, 18);
            g.setColor(color(c).darker());
            g.drawString(name, px + 13, py - 6);
        }
    }

    /** Draws and writes the plot as PNG, atomically. */
    public static void write(Path png, double[][] y, int[] labels, List<String> classes, BufferedImage[] images, boolean[] highlight,
                             Style style) throws IOException {
        Images.writePng(draw(y, labels, classes, images, highlight, style), png);
    }
}
