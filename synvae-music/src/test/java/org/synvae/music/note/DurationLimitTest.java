package org.synvae.music.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.InvalidDataException;
import org.synvae.music.midi.MidiReader;
import org.synvae.music.midi.MidiWriter;

/** Files that claim more music than {@link DurationLimit} are refused by every reader, whatever their size. */
class DurationLimitTest {
    @TempDir
    Path dir;

    @Test
    void aTinyMidiFileClaimingThirtySixHoursIsRefused() throws Exception {
        Path mid = dir.resolve("huge.mid");
        MidiWriter.write(NoteSequence.of(List.of(Note.piano(60, 80, 0, 1), Note.piano(62, 80, 129_600, 129_601)), 120), mid);
        assertThat(Files.size(mid)).isLessThan(2000);
        assertThatThrownBy(() -> MidiReader.read(mid)).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(mid + ": claims 129601 s of music (36:00:01), more than the limit of 3600 s");
        Path pb = dir.resolve("huge.pb");
        NoteSequenceProto.write(NoteSequence.of(List.of(Note.piano(60, 80, 4000, 4001)), 120), pb);
        assertThatThrownBy(() -> NoteSequenceProto.read(pb)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("more than the limit");
    }

    @Test
    void anAbsurdTempoIsRefusedByItsStepCount() throws Exception {
        // 100 s at 6e7 qpm (one microsecond per quarter): 4e8 sixteenths, a step-indexed output without bound.
        Path mid = dir.resolve("fast.mid");
        MidiWriter.write(NoteSequence.of(List.of(Note.piano(60, 80, 0, 100)), 6e7), mid);
        assertThatThrownBy(() -> MidiReader.read(mid)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("sixteenth notes");
    }

    @Test
    void theLimitIsASystemProperty() throws Exception {
        Path mid = dir.resolve("two-hours.mid");
        MidiWriter.write(NoteSequence.of(List.of(Note.piano(60, 80, 7000, 7001)), 120), mid);
        assertThatThrownBy(() -> MidiReader.read(mid)).isInstanceOf(InvalidDataException.class);
        String before = System.getProperty(DurationLimit.PROPERTY);
        try {
            System.setProperty(DurationLimit.PROPERTY, "7200");
            assertThat(MidiReader.read(mid).totalTime()).isEqualTo(7001, org.assertj.core.data.Offset.offset(0.01));
            System.setProperty(DurationLimit.PROPERTY, "soon");
            assertThatThrownBy(DurationLimit::maxSeconds).hasMessageContaining("not a positive number");
        } finally {
            if (before == null) {
                System.clearProperty(DurationLimit.PROPERTY);
            } else {
                System.setProperty(DurationLimit.PROPERTY, before);
            }
        }
    }
}
