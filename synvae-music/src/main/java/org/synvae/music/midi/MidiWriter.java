package org.synvae.music.midi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.synvae.data.io.AtomicFiles;
import org.synvae.music.note.KeySignature;
import org.synvae.music.note.Note;
import org.synvae.music.note.NoteSequence;
import org.synvae.music.note.Tempo;
import org.synvae.music.note.TimeSignature;

/**
 * Writes {@link NoteSequence}s as type-1 Standard MIDI Files: a first track with the tempo, time
 * and key signature changes (120 qpm when the sequence has no tempo), then one track per
 * (instrument, program, drum) group with a program change at tick 0. Drums go to channel 10;
 * other groups get channels 1..16 in turn, skipping 10. The resolution is the sequence's ticks
 * per quarter, or 220 when it has none. Times are rounded to the nearest tick; a note shorter
 * than a tick lasts one tick. MIDI cannot hold a note of velocity 0 (it reads as a note-off), so
 * such notes are written with velocity 1.
 */
public final class MidiWriter {
    private static final Logger LOG = LogManager.getLogger(MidiWriter.class);
    private static final int DRUM_CHANNEL = 9;
    private static final int MAX_MICROS_PER_QUARTER = 0xFFFFFF;

    private MidiWriter() {
    }

    /** Writes {@code sequence} to {@code file} atomically. */
    public static void write(NoteSequence sequence, Path file) throws IOException {
        Sequence midi = toMidi(sequence);
        AtomicFiles.write(file, out -> MidiSystem.write(midi, 1, out));
    }

    /** The {@code javax.sound.midi} form of {@code sequence}, as {@link #write} writes it. */
    public static Sequence toMidi(NoteSequence sequence) {
        int ppq = sequence.ticksPerQuarter() > 0 ? sequence.ticksPerQuarter() : NoteSequence.STANDARD_PPQ;
        TempoMap tempo = TempoMap.fromSeconds(ppq, sequence.tempos());
        try {
            Sequence midi = new Sequence(Sequence.PPQ, ppq);
            Track conductor = midi.createTrack();
            for (Tempo t : tempo.tempos()) {
                long micros = Math.min(MAX_MICROS_PER_QUARTER, Math.round(60e6 / t.qpm()));
                byte[] data = {(byte) (micros >> 16), (byte) (micros >> 8), (byte) micros};
                conductor.add(new MidiEvent(new MetaMessage(0x51, data, 3), tempo.tick(t.time())));
            }
            for (TimeSignature ts : sequence.timeSignatures()) {
                int log2 = Integer.numberOfTrailingZeros(ts.denominator());
                if (Integer.bitCount(ts.denominator()) != 1 || ts.numerator() > 255) {
                    LOG.warn("time signature {}/{} cannot be written to MIDI, left out", ts.numerator(), ts.denominator());
                    continue;
                }
                byte[] data = {(byte) ts.numerator(), (byte) log2, 24, 8};
                conductor.add(new MidiEvent(new MetaMessage(0x58, data, 4), tempo.tick(ts.time())));
            }
            for (KeySignature ks : sequence.keySignatures()) {
                if (ks.mode() > KeySignature.MINOR) {
                    LOG.warn("key signature mode {} cannot be written to MIDI, left out", ks.mode());
                    continue;
                }
                byte[] data = {(byte) sharps(ks), (byte) ks.mode()};
                conductor.add(new MidiEvent(new MetaMessage(0x59, data, 2), tempo.tick(ks.time())));
            }
            writeNotes(sequence, midi, tempo);
            return midi;
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException("cannot build a MIDI message: " + e.getMessage(), e);
        }
    }

    private static void writeNotes(NoteSequence sequence, Sequence midi, TempoMap tempo)
            throws InvalidMidiDataException {
        Map<List<Integer>, List<Note>> groups = new LinkedHashMap<>();
        sequence.notes().stream()
                .sorted(Comparator.comparingInt(Note::instrument).thenComparingInt(Note::program)
                        .thenComparing(Note::isDrum))
                .forEach(n -> groups.computeIfAbsent(List.of(n.instrument(), n.program(), n.isDrum() ? 1 : 0),
                        k -> new ArrayList<>()).add(n));
        int nextChannel = 0;
        for (Map.Entry<List<Integer>, List<Note>> group : groups.entrySet()) {
            int program = group.getKey().get(1);
            boolean drum = group.getKey().get(2) == 1;
            int channel;
            if (drum) {
                channel = DRUM_CHANNEL;
            } else {
                channel = nextChannel;
                nextChannel = (nextChannel + 1) % 16;
                if (nextChannel == DRUM_CHANNEL) {
                    nextChannel++;
                }
            }
            Track track = midi.createTrack();
            track.add(new MidiEvent(new ShortMessage(ShortMessage.PROGRAM_CHANGE, channel, program, 0), 0));
            List<long[]> events = new ArrayList<>(); // {tick, kind (0 off, 1 on), pitch, velocity}
            for (Note n : group.getValue()) {
                long on = tempo.tick(n.startTime());
                long off = Math.max(on + 1, tempo.tick(n.endTime()));
                events.add(new long[] {on, 1, n.pitch(), Math.max(1, n.velocity())});
                events.add(new long[] {off, 0, n.pitch(), 0});
            }
            // Offs before ons at one tick, so a repeated pitch is released before it sounds again.
            events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1])
                    .thenComparingLong(e -> e[2]));
            for (long[] e : events) {
                MidiMessage m = new ShortMessage(e[1] == 1 ? ShortMessage.NOTE_ON : ShortMessage.NOTE_OFF, channel,
                        (int) e[2], (int) e[3]);
                track.add(new MidiEvent(m, e[0]));
            }
        }
    }

    /** Sharps (positive) or flats (negative) of a major or minor key, preferring 6 flats to 6 sharps. */
    static int sharps(KeySignature ks) {
        int majorTonic = ks.mode() == KeySignature.MINOR ? (ks.key() + 3) % 12 : ks.key();
        for (int s = -6; s <= 5; s++) {
            if (Math.floorMod(s * 7, 12) == majorTonic) {
                return s;
            }
        }
        throw new AssertionError("every pitch class has a key signature");
    }
}
