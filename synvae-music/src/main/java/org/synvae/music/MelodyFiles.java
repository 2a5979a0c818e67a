package org.synvae.music;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.synvae.data.InvalidDataException;
import org.synvae.music.audio.SoundFonts;
import org.synvae.music.audio.WavRenderer;
import org.synvae.music.melody.Melody;
import org.synvae.music.melody.OneHotMelodyCodec;
import org.synvae.music.midi.MidiWriter;
import org.synvae.music.note.NoteSequence;
import org.synvae.music.plot.PianoRoll;

/**
 * Writes a decoded melody the ways people use it: {@code <name>.mid} always, a piano-roll
 * {@code <name>.png} and a {@code <name>.wav} on request. Every file is written atomically.
 *
 * @param program   General MIDI program of the melody (0 = piano)
 * @param pianoRoll also write the piano roll
 * @param wav       also render audio
 * @param soundFont SoundFont for the audio, or null for the system's General MIDI one
 *                  ({@link SoundFonts#systemDefault}), else the synthesizer's emergency soundbank
 */
public record MelodyFiles(int program, boolean pianoRoll, boolean wav, Path soundFont) {

    public MelodyFiles {
        if (program < 0 || program > 127) {
            throw new IllegalArgumentException("MIDI program must be 0..127, got " + program);
        }
        if (wav && soundFont == null) {
            soundFont = SoundFonts.systemDefault().orElse(null);
        }
        if (wav && soundFont != null && !Files.isRegularFile(soundFont)) {
            throw InvalidDataException.of(soundFont, "no such SoundFont file");
        }
    }

    /**
     * What was written.
     *
     * @param midi    the MIDI file
     * @param notes   number of notes
     * @param lowest  lowest MIDI pitch (0 if silent)
     * @param highest highest MIDI pitch (0 if silent)
     * @param seconds duration
     */
    public record Written(Path midi, int notes, int lowest, int highest, double seconds) {
        /** One line for people: file, notes, pitch range, duration. */
        public String summary() {
            return String.format(Locale.ROOT, "%s: %d notes, pitches %d-%d, %.2f s", midi, notes, lowest, highest, seconds);
        }
    }

    /** Writes the melody of decoded class indices {@code tokens} as {@code dir/<name>.*}. */
    public Written write(int[] tokens, Path dir, String name) throws IOException {
        OneHotMelodyCodec codec = new OneHotMelodyCodec(program);
        Melody melody = codec.decodeIndices(tokens);
        NoteSequence seq = codec.toNoteSequence(melody);
        Files.createDirectories(dir);
        Path midi = dir.resolve(name + ".mid");
        MidiWriter.write(seq, midi);
        if (pianoRoll) {
            PianoRoll.write(seq, dir.resolve(name + ".png"));
        }
        if (wav) {
            WavRenderer.render(seq, dir.resolve(name + ".wav"), soundFont);
        }
        int lo = seq.notes().stream().mapToInt(n -> n.pitch()).min().orElse(0);
        int hi = seq.notes().stream().mapToInt(n -> n.pitch()).max().orElse(0);
        return new Written(midi, seq.notes().size(), lo, hi, seq.totalTime());
    }
}
