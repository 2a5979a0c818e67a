package org.synvae.music.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.synvae.data.image.Images;
import org.synvae.music.melody.Melody;
import org.synvae.music.melody.OneHotMelodyCodec;
import org.synvae.music.note.Note;
import org.synvae.music.note.NoteSequence;

/**
 * Draws notes as a piano roll: time left to right on a sixteenth-note grid at the sequence's
 * initial tempo, pitch bottom to top over the pitches used plus a margin. Rows of black keys are
 * shaded, rows of C darker; lines mark bars (every 16 steps, 4/4) and beats; notes are filled
 * rectangles coloured by instrument (drums grey). No text, so it draws the same on any headless
 * JVM. A roll longer than {@link #MAX_WIDTH} pixels is squeezed to that width (steps narrower than
 * {@link #STEP_WIDTH}; lines too dense to see are left out), so a long file never needs more than
 * a bounded image.
 */
public final class PianoRoll {
    /** Pixels per sixteenth-note step. */
    public static final int STEP_WIDTH = 8;
    /** The widest roll drawn, in pixels: 2048 steps (128 bars) at full width; longer ones are squeezed. */
    public static final int MAX_WIDTH = 16_384;
    /** Pixels per semitone. */
    public static final int ROW_HEIGHT = 6;
    /** Semitones shown above and below the pitches used. */
    public static final int PITCH_MARGIN = 3;

    private static final int STEPS_PER_QUARTER = 4;
    private static final int STEPS_PER_BAR = 16;
    private static final Color BACKGROUND = new Color(250, 250, 250);
    private static final Color BLACK_KEY_ROW = new Color(232, 232, 236);
    private static final Color C_ROW = new Color(214, 214, 222);
    private static final Color BEAT_LINE = new Color(205, 205, 205);
    private static final Color BAR_LINE = new Color(90, 90, 90);
    private static final Color DRUM = new Color(120, 120, 120);
    private static final Color[] INSTRUMENT_COLOURS = {
        new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44), new Color(255, 127, 14),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(23, 190, 207),
    };

    private PianoRoll() {
    }

    /** Writes the piano roll of {@code sequence} as a PNG, atomically. */
    public static void write(NoteSequence sequence, Path png) throws IOException {
        Images.writePng(draw(sequence), png);
    }

    /** Writes the piano roll of {@code melody} (at 120 qpm) as a PNG, atomically. */
    public static void write(Melody melody, Path png) throws IOException {
        Images.writePng(draw(melody), png);
    }

    /** The piano roll of {@code melody}, as long as the melody (whole bars at least one). */
    public static BufferedImage draw(Melody melody) {
        NoteSequence notes = new OneHotMelodyCodec().toNoteSequence(melody);
        return draw(notes, Math.max(melody.length(), 1));
    }

    /**
     * The piano rolls of several melodies in a grid of {@code columns} columns (each row as tall as
     * its tallest roll), with a gap between them: e.g. a page of prior samples.
     */
    public static BufferedImage grid(java.util.List<Melody> melodies, int columns) {
        if (melodies.isEmpty() || columns < 1) {
            throw new IllegalArgumentException(melodies.size() + " melodies in " + columns + " columns");
        }
        java.util.List<BufferedImage> rolls = melodies.stream().map(PianoRoll::draw).toList();
        int gap = 6;
        int cellW = rolls.stream().mapToInt(BufferedImage::getWidth).max().orElseThrow() + gap;
        int rows = (rolls.size() + columns - 1) / columns;
        int[] top = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            int h = 0;
            for (int i = r * columns; i < Math.min(rolls.size(), (r + 1) * columns); i++) {
                h = Math.max(h, rolls.get(i).getHeight());
            }
            top[r + 1] = top[r] + h + gap;
        }
        BufferedImage out = new BufferedImage(Math.min(columns, rolls.size()) * cellW + gap, top[rows] + gap, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < rolls.size(); i++) {
            g.drawImage(rolls.get(i), gap + (i % columns) * cellW, gap + top[i / columns], null);
        }
        g.dispose();
        return out;
    }

    /** The piano roll of {@code sequence}, rounded up to whole bars. */
    public static BufferedImage draw(NoteSequence sequence) {
        double stepsPerSecond = STEPS_PER_QUARTER * sequence.initialQpm() / 60.0;
        double exact = Math.ceil(sequence.totalTime() * stepsPerSecond - 1e-9);
        if (!(exact < Integer.MAX_VALUE / 2.0)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s: %.0f steps are too many for a piano roll", sequence.filename(), exact));
        }
        int steps = (int) exact;
        steps = Math.max(STEPS_PER_BAR, (steps + STEPS_PER_BAR - 1) / STEPS_PER_BAR * STEPS_PER_BAR);
        return draw(sequence, steps);
    }

    private static BufferedImage draw(NoteSequence sequence, int steps) {
        double stepsPerSecond = STEPS_PER_QUARTER * sequence.initialQpm() / 60.0;
        int low = 60;
        int high = 72;
        if (!sequence.notes().isEmpty()) {
            low = sequence.notes().stream().mapToInt(Note::pitch).min().orElseThrow();
            high = sequence.notes().stream().mapToInt(Note::pitch).max().orElseThrow();
        }
        low = Math.max(0, low - PITCH_MARGIN);
        high = Math.min(127, high + PITCH_MARGIN);
        int rows = high - low + 1;
        // Full-width steps up to MAX_WIDTH; beyond it the whole roll is squeezed into MAX_WIDTH.
        double stepWidth = Math.min(STEP_WIDTH, (double) (MAX_WIDTH - 1) / steps);
        int width = (int) Math.round(steps * stepWidth) + 1;
        int height = rows * ROW_HEIGHT;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            for (int pitch = low; pitch <= high; pitch++) {
                int pc = pitch % 12;
                Color row = pc == 0 ? C_ROW : isBlackKey(pc) ? BLACK_KEY_ROW : null;
                if (row != null) {
                    g.setColor(row);
                    g.fillRect(0, y(pitch, high), width, ROW_HEIGHT);
                }
            }
            // Lines closer than 4 pixels would only grey the roll over: beats go first, then bars.
            int lineEvery = stepWidth * STEPS_PER_QUARTER >= 4 ? STEPS_PER_QUARTER : STEPS_PER_BAR;
            for (int step = 0; step <= steps && stepWidth * lineEvery >= 4; step += lineEvery) {
                g.setColor(step % STEPS_PER_BAR == 0 ? BAR_LINE : BEAT_LINE);
                int x = (int) Math.round(step * stepWidth);
                g.drawLine(x, 0, x, height - 1);
            }
            for (Note n : sequence.notes()) {
                int x0 = (int) Math.round(n.startTime() * stepsPerSecond * stepWidth);
                int x1 = (int) Math.round(n.endTime() * stepsPerSecond * stepWidth);
                int w = Math.max(2, x1 - x0 - 1); // a pixel of gap shows repeated notes apart
                Color fill = n.isDrum() ? DRUM : INSTRUMENT_COLOURS[Math.floorMod(n.instrument(), INSTRUMENT_COLOURS.length)];
                g.setColor(fill);
                g.fillRect(x0 + 1, y(n.pitch(), high) + 1, w, ROW_HEIGHT - 1);
                g.setColor(fill.darker());
                g.drawRect(x0 + 1, y(n.pitch(), high) + 1, w - 1, ROW_HEIGHT - 2);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static int y(int pitch, int high) {
        return (high - pitch) * ROW_HEIGHT;
    }

    private static boolean isBlackKey(int pitchClass) {
        return pitchClass == 1 || pitchClass == 3 || pitchClass == 6 || pitchClass == 8 || pitchClass == 10;
    }
}
