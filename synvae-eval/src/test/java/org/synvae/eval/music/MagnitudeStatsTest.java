package org.synvae.eval.music;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.synvae.music.melody.Melody;

class MagnitudeStatsTest {
    static final int N = Melody.NO_EVENT;
    static final int OFF = Melody.NOTE_OFF;

    /*
     * Three 8-step melodies:
     *   60 N 62 N 64 OFF N N   -> 3 notes, pitches 60..64 (range 4, 3 distinct)
     *   70 N N  N 70 N  N N    -> 2 notes, pitch 70 (range 0, 1 distinct)
     *   silent                 -> 0 notes
     * Histogram [1, 0, 1, 1, 0, ...]; mean 5/3; sd sqrt((9 + 4 + 0)/3 - 25/9) = sqrt(14/9);
     * mean range over melodies with notes (4 + 0)/2 = 2; mean distinct (3 + 1 + 0)/3 = 4/3;
     * distinct overall {60, 62, 64, 70} = 4; lowest 60, highest 70; silent 1/3.
     */
    @Test
    void statsByHand() {
        Melody[] ms = {Melody.of(60, N, 62, N, 64, OFF, N, N), Melody.of(70, N, N, N, 70, N, N, N), Melody.of(N, N, N, N, N, N, N, N)};
        MagnitudeStats s = MagnitudeStats.of(2.0, ms, 8);
        assertThat(s.noteCounts()).startsWith(1, 0, 1, 1, 0).hasSize(9);
        assertThat(s.meanNotes()).isCloseTo(5 / 3.0, within(1e-12));
        assertThat(s.sdNotes()).isCloseTo(Math.sqrt(14 / 9.0), within(1e-12));
        assertThat(s.meanPitchRange()).isCloseTo(2.0, within(1e-12));
        assertThat(s.meanDistinctPitches()).isCloseTo(4 / 3.0, within(1e-12));
        assertThat(s.distinctPitches()).isEqualTo(4);
        assertThat(s.lowest()).isEqualTo(60);
        assertThat(s.highest()).isEqualTo(70);
        assertThat(s.silentShare()).isCloseTo(1 / 3.0, within(1e-12));
        BufferedImage png = NoteCountPlot.draw(List.of(s, MagnitudeStats.of(4.0, ms, 8)));
        assertThat(png.getHeight()).isGreaterThan(2 * 100);
    }

    @Test
    void scaledLatentsShareOneDraw() {
        float[] z = MagnitudeStats.scaledLatents(3, 2, new double[] {0.5, 2}, 7);
        assertThat(z).hasSize(12);
        for (int i = 0; i < 6; i++) {
            assertThat(z[6 + i]).isCloseTo(z[i] * 4, within(1e-5f));
        }
        assertThat(MagnitudeStats.scaledLatents(3, 2, new double[] {0.5, 2}, 7)).containsExactly(z);
    }
}
