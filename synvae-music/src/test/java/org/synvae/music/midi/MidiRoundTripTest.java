package org.synvae.music.midi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.music.note.KeySignature;
import org.synvae.music.note.Note;
import org.synvae.music.note.NoteSequence;
import org.synvae.music.note.Tempo;
import org.synvae.music.note.TimeSignature;

class MidiRoundTripTest {
    @TempDir
    Path dir;

    static NoteSequence sample() {
        return new NoteSequence("", "", "", 480,
                List.of(new TimeSignature(0, 4, 4), new TimeSignature(2.4, 3, 4)),
                List.of(new KeySignature(0, 9, KeySignature.MINOR), new KeySignature(2.4, 10, KeySignature.MAJOR)),
                List.of(new Tempo(0, 100), new Tempo(2.4, 140)),
                List.of(new Note(60, 80, 0, 0.3, 0, 0, false),
                        new Note(60, 90, 0.3, 0.6, 0, 0, false),
                        new Note(67, 1, 0.6, 3.0, 0, 0, false),
                        new Note(48, 100, 0.0, 1.2, 1, 33, false),
                        new Note(36, 120, 0.6, 0.7, 2, 0, true),
                        new Note(72, 64, 2.5, 3.111, 3, 73, false)),
                3.111);
    }

    @Test
    void roundTripsWithinATick() throws Exception {
        Path mid = dir.resolve("out/song.mid");
        NoteSequence written = sample();
        MidiWriter.write(written, mid);
        NoteSequence read = MidiReader.read(mid);

        double tick = 60.0 / (100 * 480); // the longest tick, at the slower tempo
        assertThat(read.filename()).isEqualTo("song.mid");
        assertThat(read.ticksPerQuarter()).isEqualTo(480);
        assertThat(read.tempos()).hasSize(2);
        assertThat(read.tempos().get(1).time()).isCloseTo(2.4, within(tick));
        assertThat(read.tempos().get(1).qpm()).isCloseTo(140, within(0.01));
        assertThat(read.timeSignatures()).extracting(TimeSignature::numerator).containsExactly(4, 3);
        assertThat(read.keySignatures()).extracting(KeySignature::key, KeySignature::mode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(9, 1), org.assertj.core.groups.Tuple.tuple(10, 0));
        assertThat(read.notes()).hasSameSizeAs(written.notes());
        Comparator<Note> order = Comparator.comparingDouble(Note::startTime).thenComparingInt(Note::pitch);
        List<Note> expected = written.notes().stream().sorted(order).toList();
        List<Note> actual = read.notes().stream().sorted(order).toList();
        for (int i = 0; i < expected.size(); i++) {
            Note e = expected.get(i);
            Note a = actual.get(i);
            assertThat(a.pitch()).isEqualTo(e.pitch());
            assertThat(a.velocity()).isEqualTo(e.velocity());
            assertThat(a.program()).isEqualTo(e.program());
            assertThat(a.isDrum()).isEqualTo(e.isDrum());
            assertThat(a.startTime()).isCloseTo(e.startTime(), within(tick));
            assertThat(a.endTime()).isCloseTo(e.endTime(), within(tick));
        }
        assertThat(read.totalTime()).isCloseTo(3.111, within(tick));
    }

    @Test
    void writesTypeOneWithTheDefaultTempoAndResolution() throws Exception {
        NoteSequence bare = new NoteSequence("", "", "", 0, List.of(), List.of(), List.of(),
                List.of(Note.piano(60, 80, 0, 0.5)), 0.5);
        Path mid = dir.resolve("bare.mid");
        MidiWriter.write(bare, mid);
        assertThat(MidiSystem.getMidiFileFormat(mid.toFile()).getType()).isEqualTo(1);
        NoteSequence read = MidiReader.read(mid);
        assertThat(read.ticksPerQuarter()).isEqualTo(NoteSequence.STANDARD_PPQ);
        assertThat(read.tempos()).containsExactly(new Tempo(0, 120));
        assertThat(read.notes().get(0).endTime()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void readsVelocityZeroNoteOffsProgramsAndDrums() throws Exception {
        Sequence seq = new Sequence(Sequence.PPQ, 96);
        Track t = seq.createTrack();
        t.add(new MidiEvent(new ShortMessage(ShortMessage.PROGRAM_CHANGE, 2, 41, 0), 0));
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 2, 62, 70), 0));
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 2, 62, 0), 96)); // velocity-0 note-off
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 9, 38, 99), 48));
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 9, 38, 0), 60));
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 2, 64, 50), 192)); // never released: dropped
        Path mid = dir.resolve("hand.mid");
        MidiSystem.write(seq, 0, mid.toFile());

        NoteSequence read = MidiReader.read(mid);
        assertThat(read.notes()).containsExactly(
                new Note(62, 70, 0, 0.5, 0, 41, false),
                new Note(38, 99, 0.25, 0.3125, 1, 0, true));
    }

    @Test
    void aNoteOffAndOnAtOneTickKeepTheNewNote() throws Exception {
        Sequence seq = new Sequence(Sequence.PPQ, 100);
        Track t = seq.createTrack();
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 0, 60, 80), 0));
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 0, 60, 81), 100));
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 0, 60, 0), 100));
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 0, 60, 0), 200));
        Path mid = dir.resolve("repeat.mid");
        MidiSystem.write(seq, 0, mid.toFile());
        assertThat(MidiReader.read(mid).notes()).containsExactly(
                new Note(60, 80, 0, 0.5, 0, 0, false), new Note(60, 81, 0.5, 1.0, 0, 0, false));
    }
}
