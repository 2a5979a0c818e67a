package org.synvae.music.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.music.melody.Melody;
import org.synvae.music.note.Note;
import org.synvae.music.note.NoteSequence;

class PianoRollTest {
    @TempDir
    Path dir;

    @Test
    void melodyRollCoversItsStepsAndPitches() throws Exception {
        int[] events = new int[32];
        Arrays.fill(events, Melody.NO_EVENT);
        events[0] = 60;
        events[8] = 67;
        events[16] = Melody.NOTE_OFF;
        Path png = dir.resolve("roll/melody.png");
        PianoRoll.write(Melody.of(events), png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(32 * PianoRoll.STEP_WIDTH + 1);
        assertThat(image.getHeight()).isEqualTo((67 - 60 + 1 + 2 * PianoRoll.PITCH_MARGIN) * PianoRoll.ROW_HEIGHT);
        int rowOf60 = (67 + PianoRoll.PITCH_MARGIN - 60) * PianoRoll.ROW_HEIGHT + PianoRoll.ROW_HEIGHT / 2;
        int rowOf67 = PianoRoll.PITCH_MARGIN * PianoRoll.ROW_HEIGHT + PianoRoll.ROW_HEIGHT / 2;
        assertThat(isNote(image.getRGB(4 * PianoRoll.STEP_WIDTH, rowOf60))).isTrue();
        assertThat(isNote(image.getRGB(12 * PianoRoll.STEP_WIDTH, rowOf67))).isTrue();
        assertThat(isNote(image.getRGB(20 * PianoRoll.STEP_WIDTH + 3, rowOf67))).isFalse(); // after the note-off
    }

    @Test
    void sequenceRollIsWholeBars() {
        NoteSequence seq = NoteSequence.of(List.of(Note.piano(40, 80, 0, 0.3), Note.piano(80, 80, 2.0, 2.6)), 120);
        BufferedImage image = PianoRoll.draw(seq);
        assertThat(image.getWidth()).isEqualTo(32 * PianoRoll.STEP_WIDTH + 1); // 2.6 s = 20.8 steps -> 2 bars
        assertThat(image.getHeight()).isEqualTo((80 - 40 + 1 + 2 * PianoRoll.PITCH_MARGIN) * PianoRoll.ROW_HEIGHT);
    }

    @Test
    void aLongSequenceIsSqueezedIntoTheMaximumWidth() {
        // An hour at 120 qpm: 28800 steps, 230401 pixels at full width.
        NoteSequence seq = NoteSequence.of(List.of(Note.piano(60, 80, 0, 1), Note.piano(62, 80, 3599, 3600)), 120);
        BufferedImage image = PianoRoll.draw(seq);
        assertThat(image.getWidth()).isLessThanOrEqualTo(PianoRoll.MAX_WIDTH);
        assertThat(isNote(image.getRGB(image.getWidth() - 2, PianoRoll.PITCH_MARGIN * PianoRoll.ROW_HEIGHT + PianoRoll.ROW_HEIGHT / 2)))
                .as("the last note reaches the right edge").isTrue();
    }

    private static boolean isNote(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60; // saturated colour, not grey
    }
}
