package org.synvae.eval.music;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.synvae.data.image.Images;

/**
 * Note-count histograms, one row per magnitude (as the seed's {@code num_notes} figure): bars of
 * the share of melodies with 0, 1, ..., steps notes, the mean marked with a red line.
 */
public final class NoteCountPlot {
    private static final int ROW = 110;
    private static final int LEFT = 70;
    private static final int BAR = 16;

    private NoteCountPlot() {
    }

    /** Draws the histograms. */
    public static BufferedImage draw(List<MagnitudeStats> stats) {
        int bins = stats.get(0).noteCounts().length;
        int width = LEFT + bins * BAR + 20;
        int height = 30 + stats.size() * ROW + 30;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.BLACK);
        g.drawString("share of melodies by number of notes, per latent magnitude", LEFT, 18);
        for (int r = 0; r < stats.size(); r++) {
            MagnitudeStats s = stats.get(r);
            int base = 30 + (r + 1) * ROW - 10;
            int top = base - ROW + 20;
            g.setColor(new Color(235, 235, 240));
            g.fillRect(LEFT, top, bins * BAR, base - top);
            g.setColor(new Color(0x1f77b4));
            for (int b = 0; b < bins; b++) {
                double share = s.melodies() == 0 ? 0 : s.noteCounts()[b] / (double) s.melodies();
                int h = (int) Math.round(share * (base - top));
                g.fillRect(LEFT + b * BAR + 1, base - h, BAR - 2, h);
            }
            if (Double.isFinite(s.meanNotes())) {
                int x = LEFT + (int) Math.round((s.meanNotes() + 0.5) * BAR);
                g.setColor(Color.RED);
                g.drawLine(x, top, x, base);
            }
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "x%.2f", s.magnitude()), 8, (top + base) / 2);
            g.drawString(String.format(Locale.ROOT, "mean %.1f", s.meanNotes()), 8, (top + base) / 2 + 14);
        }
        int axis = 30 + stats.size() * ROW;
        g.setColor(Color.BLACK);
        for (int b = 0; b < bins; b += 4) {
            g.drawString(Integer.toString(b), LEFT + b * BAR + 3, axis + 5);
        }
        g.drawString("notes", LEFT + bins * BAR / 2, axis + 20);
        g.dispose();
        return img;
    }

    /** Draws and writes the PNG atomically. */
    public static void write(Path png, List<MagnitudeStats> stats) throws IOException {
        Images.writePng(draw(stats), png);
    }
}
