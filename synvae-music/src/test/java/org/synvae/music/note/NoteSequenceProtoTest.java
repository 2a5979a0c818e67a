package org.synvae.music.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.InvalidDataException;

class NoteSequenceProtoTest {
    @TempDir
    Path dir;

    static NoteSequence sample() {
        return new NoteSequence("id-1", "song.mid", "tests", 480,
                List.of(new TimeSignature(0, 4, 4), new TimeSignature(2.0, 3, 4)),
                List.of(new KeySignature(0, 7, KeySignature.MINOR)),
                List.of(new Tempo(0, 100), new Tempo(2.0, 132.5)),
                List.of(new Note(60, 80, 0, 0.5, 0, 0, 0, 0, false, 0),
                        new Note(64, 127, 0.25, 1.75, 1, 4, 1, 25, false, 2),
                        new Note(36, 100, 1.0, 1.1, 2, 0, true)),
                1.75);
    }

    @Test
    void roundTripsThroughPbFile() throws Exception {
        Path pb = dir.resolve("song.pb");
        NoteSequenceProto.write(sample(), pb);
        assertThat(NoteSequenceProto.read(pb)).isEqualTo(sample());
    }

    @Test
    void usesMusicProtoFieldNumbers() {
        NoteSequence one = new NoteSequence("", "", "", 220, List.of(), List.of(), List.of(),
                List.of(Note.piano(60, 80, 0, 0.5)), 0.5);
        byte[] bytes = NoteSequenceProto.toBytes(one);
        // ticks_per_quarter = 4 (varint 220), notes = 8 {pitch = 1: 60, velocity = 2: 80, end_time = 4: 0.5}, total_time = 9
        byte[] note = {0x08, 60, 0x10, 80, 0x21, 0, 0, 0, 0, 0, 0, (byte) 0xE0, 0x3F};
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] {0x20, (byte) 0xDC, 0x01, 0x42, (byte) note.length});
        expected.writeBytes(note);
        expected.writeBytes(new byte[] {0x49, 0, 0, 0, 0, 0, 0, (byte) 0xE0, 0x3F});
        assertThat(bytes).containsExactly(expected.toByteArray());
    }

    @Test
    void skipsUnknownFields() {
        byte[] known = NoteSequenceProto.toBytes(sample());
        // pitch_bends (10, a message), total_quantized_steps (16, varint), a fixed32 field 99
        byte[] unknown = {0x52, 0x02, 0x10, 0x05, (byte) 0x80, 0x01, 0x07, (byte) 0x9D, 0x06, 1, 2, 3, 4};
        byte[] both = Arrays.copyOf(unknown, unknown.length + known.length);
        System.arraycopy(known, 0, both, unknown.length, known.length);
        assertThat(NoteSequenceProto.parse(both, Path.of("x.pb"))).isEqualTo(sample());
    }

    @Test
    void truncatedProtoNamesTheFile() throws Exception {
        byte[] bytes = NoteSequenceProto.toBytes(sample());
        Path pb = dir.resolve("cut.pb");
        Files.write(pb, Arrays.copyOf(bytes, bytes.length - 20));
        assertThatThrownBy(() -> NoteSequenceProto.read(pb))
                .isInstanceOf(InvalidDataException.class).hasMessageStartingWith(pb.toString());
    }
}
