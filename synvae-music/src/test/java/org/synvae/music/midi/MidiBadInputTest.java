package org.synvae.music.midi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.InvalidDataException;
import org.synvae.music.note.Note;
import org.synvae.music.note.NoteSequence;

class MidiBadInputTest {
    @TempDir
    Path dir;

    private byte[] validMidi() throws Exception {
        Path mid = dir.resolve("valid.mid");
        List<Note> notes = List.of(Note.piano(60, 80, 0, 0.5), Note.piano(62, 80, 0.5, 1), Note.piano(64, 80, 1, 2));
        MidiWriter.write(NoteSequence.of(notes, 120), mid);
        return Files.readAllBytes(mid);
    }

    private void assertRejected(Path file) {
        assertThatThrownBy(() -> MidiReader.read(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(file + ": ");
    }

    @Test
    void truncatedFile() throws Exception {
        byte[] bytes = validMidi();
        Path cut = dir.resolve("truncated.mid");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 10));
        assertRejected(cut);
        Path headerOnly = dir.resolve("header-only.mid");
        Files.write(headerOnly, Arrays.copyOf(bytes, 16));
        assertRejected(headerOnly);
    }

    @Test
    void textFileNamedMid() throws Exception {
        Path text = dir.resolve("notes.mid");
        Files.writeString(text, "this is not a MIDI file, only some text\n");
        assertRejected(text);
    }

    @Test
    void aVelocityAbove127IsCorruptAndNamesTheFile() throws Exception {
        byte[] bytes = validMidi();
        int at = indexOf(bytes, new byte[] {(byte) 0x90, 60, 80});
        bytes[at + 2] = (byte) 0x80; // velocity 128: javax.sound.midi reads it as a data byte
        Path bad = dir.resolve("loud.mid");
        Files.write(bad, bytes);
        assertThatThrownBy(() -> MidiReader.read(bad))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(bad + ": ")
                .hasMessageContaining("velocity 128 outside 0..127");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }

    @Test
    void emptyFile() throws Exception {
        Path empty = dir.resolve("empty.mid");
        Files.write(empty, new byte[0]);
        assertRejected(empty);
    }

    @Test
    void missingFile() {
        assertRejected(dir.resolve("absent.mid"));
    }
}
