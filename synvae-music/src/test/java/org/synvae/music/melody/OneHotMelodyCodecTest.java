package org.synvae.music.melody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.synvae.music.melody.Melody.NOTE_OFF;
import static org.synvae.music.melody.Melody.NO_EVENT;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.synvae.music.note.Note;
import org.synvae.music.note.NoteSequence;

class OneHotMelodyCodecTest {
    private final OneHotMelodyCodec codec = new OneHotMelodyCodec();

    @Test
    void indicesFollowMusicVae() {
        assertThat(OneHotMelodyCodec.toIndex(NO_EVENT)).isZero();
        assertThat(OneHotMelodyCodec.toIndex(NOTE_OFF)).isEqualTo(1);
        assertThat(OneHotMelodyCodec.toIndex(21)).isEqualTo(2);
        assertThat(OneHotMelodyCodec.toIndex(60)).isEqualTo(41);
        assertThat(OneHotMelodyCodec.toIndex(108)).isEqualTo(89);
        assertThat(OneHotMelodyCodec.toEvent(41)).isEqualTo(60);
        assertThatThrownBy(() -> OneHotMelodyCodec.toIndex(20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OneHotMelodyCodec.toIndex(109)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OneHotMelodyCodec.toEvent(90)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneHotRoundTrip() {
        Melody melody = Melody.of(60, NO_EVENT, 62, NOTE_OFF, NO_EVENT, 21, 108, NO_EVENT);
        float[][] oneHot = codec.encode(melody);
        assertThat(oneHot).hasDimensions(8, 90);
        assertThat(oneHot[0][41]).isEqualTo(1f);
        assertThat(oneHot[1][0]).isEqualTo(1f);
        assertThat(oneHot[3][1]).isEqualTo(1f);
        for (float[] row : oneHot) {
            float sum = 0;
            for (float v : row) {
                sum += v;
            }
            assertThat(sum).isEqualTo(1f);
        }
        assertThat(codec.decode(oneHot)).isEqualTo(melody);
        assertThat(codec.decodeIndices(codec.indices(melody))).isEqualTo(melody);
        float[] flat = new float[5 + 8 * 90];
        codec.encode(melody, flat, 5);
        assertThat(codec.decode(flat, 5, 8)).isEqualTo(melody);
    }

    @Test
    void decodesLogitsByArgmax() {
        SplittableRandom random = new SplittableRandom(7);
        int[] classes = {41, 0, 0, 43, 1, 0, 45, 45};
        float[][] logits = new float[classes.length][90];
        for (int s = 0; s < classes.length; s++) {
            for (int k = 0; k < 90; k++) {
                logits[s][k] = (float) random.nextGaussian();
            }
            logits[s][classes[s]] = 10f;
        }
        assertThat(codec.decode(logits)).isEqualTo(Melody.of(60, NO_EVENT, NO_EVENT, 62, NOTE_OFF, NO_EVENT, 64, 64));
    }

    @Test
    void notesLastUntilTheNextOnsetANoteOffOrTheEnd() {
        Melody melody = Melody.of(NO_EVENT, 60, NO_EVENT, 62, NOTE_OFF, NO_EVENT, 64, 64, NO_EVENT);
        NoteSequence notes = new OneHotMelodyCodec(73).toNoteSequence(melody);
        assertThat(notes.notes()).containsExactly(
                new Note(60, 80, 0.125, 0.375, 0, 73, false),
                new Note(62, 80, 0.375, 0.5, 0, 73, false),
                new Note(64, 80, 0.75, 0.875, 0, 73, false),
                new Note(64, 80, 0.875, 1.125, 0, 73, false));
        assertThat(notes.initialQpm()).isEqualTo(120);
        assertThat(notes.totalTime()).isCloseTo(1.125, within(1e-12));
    }

    @Test
    void twoBarsLastFourSeconds() {
        int[] events = new int[32];
        java.util.Arrays.fill(events, NO_EVENT);
        events[0] = 60;
        NoteSequence notes = codec.toNoteSequence(Melody.of(events));
        assertThat(notes.totalTime()).isEqualTo(4.0);
    }
}
