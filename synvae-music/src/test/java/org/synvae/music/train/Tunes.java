package org.synvae.music.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.synvae.music.melody.Melody;
import org.synvae.music.melody.OneHotMelodyCodec;
import org.synvae.music.midi.MidiWriter;
import org.synvae.music.model.MusicVaeConfig;

/** Small repeating tunes as MIDI files, and a tiny config to learn them. */
final class Tunes {
    /** z 8, encoder [16], decoder [16, 16], 2 bars of melody. */
    static final MusicVaeConfig TINY = new MusicVaeConfig("tiny-mel_2bar", 8, List.of(16), List.of(16, 16), List.of(), 0, 32,
            OneHotMelodyCodec.DEPTH, 0.2, 0.99999, 0, "inverse_sigmoid", 1000, 1e-3, 0.9999, 1e-5, 8, 4, 16);

    private Tunes() {
    }

    /** {@code count} files of 4 bars each: an arpeggio (eighth notes) on a different root per file. */
    static void write(Path dir, int count) throws IOException {
        for (int f = 0; f < count; f++) {
            int[] events = new int[64];
            int[] arpeggio = {0, 4, 7, 12};
            for (int t = 0; t < 64; t++) {
                events[t] = t % 2 == 0 ? 60 + (f % 5) + arpeggio[(t / 2) % 4] : Melody.NO_EVENT;
            }
            MidiWriter.write(new OneHotMelodyCodec().toNoteSequence(Melody.of(events)), dir.resolve("tune" + f + ".mid"));
        }
    }
}
