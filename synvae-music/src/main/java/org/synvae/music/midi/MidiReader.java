package org.synvae.music.midi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
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
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.InputFiles;
import org.synvae.music.note.DurationLimit;
import org.synvae.music.note.KeySignature;
import org.synvae.music.note.Note;
import org.synvae.music.note.NoteSequence;
import org.synvae.music.note.TimeSignature;

/**
 * Reads Standard MIDI Files (type 0 and 1) into {@link NoteSequence}s the way magenta's
 * {@code midi_io} (through pretty_midi) does:
 * <ul>
 *   <li>times follow every tempo change (from any track); a tempo of 120 qpm holds until the first;</li>
 *   <li>a note-on is closed by a note-off or a note-on with velocity 0 of the same channel and pitch;
 *       one note-off closes every open note of that key except those opened at the same tick;
 *       notes never closed, and notes of zero length, are dropped;</li>
 *   <li>an instrument is a (track, channel, program) group, numbered in order of first onset;
 *       the program is the channel's last program change in the track at the note's onset;</li>
 *   <li>notes on channel 10 (index 9) are drums;</li>
 *   <li>time and key signatures are kept, the total time is the end of the last note.</li>
 * </ul>
 * Files that are not MIDI, truncated or corrupt (a data byte above 127, such as a velocity of 128)
 * fail with an {@link InvalidDataException} naming the file, and so do files that claim more music
 * than the {@link DurationLimit}.
 */
public final class MidiReader {
    private static final Logger LOG = LogManager.getLogger(MidiReader.class);
    private static final int DRUM_CHANNEL = 9;
    private static final int META_TEMPO = 0x51;
    private static final int META_TIME_SIGNATURE = 0x58;
    private static final int META_KEY_SIGNATURE = 0x59;

    private MidiReader() {
    }

    /** Reads {@code file}; the sequence's filename is the file's name. */
    public static NoteSequence read(Path file) {
        byte[] bytes = InputFiles.readAllBytes(file);
        if (bytes.length == 0) {
            throw InvalidDataException.of(file, "empty file, not a MIDI file");
        }
        if (bytes.length < 14 || bytes[0] != 'M' || bytes[1] != 'T' || bytes[2] != 'h' || bytes[3] != 'd') {
            throw InvalidDataException.of(file, "not a Standard MIDI File (no MThd header)");
        }
        checkChunks(bytes, file);
        Sequence sequence;
        try {
            sequence = MidiSystem.getSequence(new ByteArrayInputStream(bytes));
        } catch (InvalidMidiDataException | IOException e) {
            throw InvalidDataException.of(file, "corrupt or truncated MIDI file (" + reason(e) + ")", e);
        } catch (RuntimeException e) {
            throw InvalidDataException.of(file, "corrupt MIDI file (its events cannot be parsed)", e);
        }
        if (sequence.getDivisionType() != Sequence.PPQ) {
            throw InvalidDataException.of(file, "SMPTE time division is not supported, only ticks per quarter note");
        }
        if (sequence.getResolution() <= 0) {
            throw InvalidDataException.of(file, "invalid resolution " + sequence.getResolution() + " ticks per quarter");
        }
        return DurationLimit.check(convert(sequence, file), file);
    }

    /**
     * Why javax.sound.midi refused the file, fit for the one-line message (the exception's class
     * name is not: it stays in the cause, shown with {@code -v}). It says only "could not get
     * sequence from input stream" when the event data cannot be parsed.
     */
    private static String reason(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank() || message.startsWith("could not get sequence")) {
            return "its events cannot be parsed";
        }
        return message.lines().findFirst().orElse(message);
    }

    /**
     * The chunk structure: javax.sound.midi reads a file whose last track is cut short without
     * complaint, so the declared chunk lengths and the track count are checked here.
     */
    private static void checkChunks(byte[] bytes, Path file) {
        int headerLength = readInt(bytes, 4);
        if (headerLength < 6 || 8L + headerLength > bytes.length) {
            throw InvalidDataException.of(file, "truncated MIDI header");
        }
        int declaredTracks = ((bytes[10] & 0xFF) << 8) | (bytes[11] & 0xFF);
        int tracks = 0;
        long pos = 8L + headerLength;
        while (pos < bytes.length) {
            if (pos + 8 > bytes.length) {
                throw InvalidDataException.of(file, "truncated MIDI file (a chunk header is cut at byte " + pos + ")");
            }
            int at = (int) pos;
            boolean track = bytes[at] == 'M' && bytes[at + 1] == 'T' && bytes[at + 2] == 'r' && bytes[at + 3] == 'k';
            long length = readInt(bytes, at + 4) & 0xFFFFFFFFL;
            if (pos + 8 + length > bytes.length) {
                throw InvalidDataException.of(file, "truncated MIDI file (chunk at byte " + pos + " declares " + length
                        + " bytes, " + (bytes.length - pos - 8) + " remain)");
            }
            if (track) {
                tracks++;
            }
            pos += 8 + length;
        }
        if (tracks < declaredTracks) {
            throw InvalidDataException.of(file, "truncated MIDI file (" + tracks + " of " + declaredTracks + " tracks)");
        }
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static NoteSequence convert(Sequence sequence, Path file) {
        int ppq = sequence.getResolution();
        Track[] tracks = sequence.getTracks();
        List<long[]> tempoEvents = new ArrayList<>();
        for (Track track : tracks) {
            for (int i = 0; i < track.size(); i++) {
                MidiEvent event = track.get(i);
                if (event.getMessage() instanceof MetaMessage meta && meta.getType() == META_TEMPO) {
                    byte[] d = meta.getData();
                    if (d.length == 3) {
                        long micros = ((d[0] & 0xFFL) << 16) | ((d[1] & 0xFFL) << 8) | (d[2] & 0xFFL);
                        if (micros > 0) {
                            tempoEvents.add(new long[] {event.getTick(), micros});
                        }
                    }
                }
            }
        }
        TempoMap tempo = TempoMap.fromTicks(ppq, tempoEvents);

        List<TimeSignature> timeSignatures = new ArrayList<>();
        List<KeySignature> keySignatures = new ArrayList<>();
        List<RawNote> rawNotes = new ArrayList<>();
        Map<List<Integer>, Integer> instruments = new LinkedHashMap<>();
        for (int t = 0; t < tracks.length; t++) {
            readTrack(tracks[t], t, tempo, timeSignatures, keySignatures, rawNotes, file);
        }
        rawNotes.sort(Comparator.comparingLong(RawNote::startTick).thenComparingInt(RawNote::track)
                .thenComparingInt(RawNote::channel).thenComparingInt(RawNote::pitch));
        List<Note> notes = new ArrayList<>(rawNotes.size());
        for (RawNote n : rawNotes) {
            int instrument = instruments.computeIfAbsent(List.of(n.track(), n.channel(), n.program()),
                    k -> instruments.size());
            notes.add(new Note(n.pitch(), n.velocity(), tempo.seconds(n.startTick()), tempo.seconds(n.endTick()),
                    instrument, n.program(), n.channel() == DRUM_CHANNEL));
        }
        timeSignatures.sort(Comparator.comparingDouble(TimeSignature::time));
        keySignatures.sort(Comparator.comparingDouble(KeySignature::time));
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return new NoteSequence("", name, "", ppq, timeSignatures, keySignatures, tempo.tempos(), notes,
                NoteSequence.endOf(notes));
    }

    private record RawNote(int track, int channel, int program, int pitch, int velocity, long startTick, long endTick) {
    }

    private record Open(long tick, int velocity, int program) {
    }

    private static void readTrack(Track track, int trackIndex, TempoMap tempo, List<TimeSignature> timeSignatures,
                                  List<KeySignature> keySignatures, List<RawNote> notes, Path file) {
        int[] program = new int[16];
        Map<Integer, Deque<Open>> open = new HashMap<>();
        for (int i = 0; i < track.size(); i++) {
            MidiEvent event = track.get(i);
            long tick = event.getTick();
            MidiMessage message = event.getMessage();
            if (message instanceof MetaMessage meta) {
                readMeta(meta, tempo.seconds(tick), timeSignatures, keySignatures, file);
            } else if (message instanceof ShortMessage sm) {
                checkDataBytes(sm, trackIndex, tick, file);
                int channel = sm.getChannel();
                int command = sm.getCommand();
                int key = channel * 128 + sm.getData1();
                if (command == ShortMessage.PROGRAM_CHANGE) {
                    program[channel] = sm.getData1();
                } else if (command == ShortMessage.NOTE_ON && sm.getData2() > 0) {
                    open.computeIfAbsent(key, k -> new ArrayDeque<>()).add(new Open(tick, sm.getData2(), program[channel]));
                } else if (command == ShortMessage.NOTE_OFF || command == ShortMessage.NOTE_ON) {
                    Deque<Open> pending = open.get(key);
                    if (pending == null) {
                        continue;
                    }
                    Deque<Open> keep = new ArrayDeque<>();
                    for (Open o : pending) {
                        if (o.tick() == tick) {
                            keep.add(o); // a note-off and a note-on at one tick: the new note stays open
                        } else {
                            notes.add(new RawNote(trackIndex, channel, o.program(), sm.getData1(), o.velocity(),
                                    o.tick(), tick));
                        }
                    }
                    if (keep.isEmpty()) {
                        open.remove(key);
                    } else {
                        open.put(key, keep);
                    }
                }
            }
        }
        int unclosed = open.values().stream().mapToInt(Deque::size).sum();
        if (unclosed > 0) {
            LOG.debug("{}: track {}: {} notes never released, dropped", file, trackIndex, unclosed);
        }
    }

    /**
     * javax.sound.midi passes data bytes of 128..255 through unchecked (a corrupt file can hold a
     * velocity of 128), and {@link Note} would refuse them later without naming the file.
     */
    private static void checkDataBytes(ShortMessage sm, int trackIndex, long tick, Path file) {
        boolean note = sm.getCommand() == ShortMessage.NOTE_ON || sm.getCommand() == ShortMessage.NOTE_OFF;
        String problem = null;
        if (sm.getData1() > 127) {
            problem = (note ? "pitch " : "data byte ") + sm.getData1();
        } else if (sm.getData2() > 127) {
            problem = (note ? "velocity " : "data byte ") + sm.getData2();
        }
        if (problem != null) {
            throw InvalidDataException.of(file, "corrupt MIDI file: " + problem + " outside 0..127 (track " + trackIndex
                    + ", tick " + tick + ")");
        }
    }

    private static void readMeta(MetaMessage meta, double seconds, List<TimeSignature> timeSignatures,
                                 List<KeySignature> keySignatures, Path file) {
        byte[] d = meta.getData();
        if (meta.getType() == META_TIME_SIGNATURE && d.length >= 2) {
            int numerator = d[0] & 0xFF;
            int log2 = d[1] & 0xFF;
            if (numerator > 0 && log2 < 31) {
                timeSignatures.add(new TimeSignature(seconds, numerator, 1 << log2));
            } else {
                LOG.debug("{}: invalid time signature {}/2^{} ignored", file, numerator, log2);
            }
        } else if (meta.getType() == META_KEY_SIGNATURE && d.length >= 2) {
            int sharps = d[0]; // signed: negative counts flats
            int minor = d[1] & 0xFF;
            if (sharps >= -7 && sharps <= 7 && minor <= 1) {
                int major = Math.floorMod(sharps * 7, 12);
                int key = minor == 1 ? (major + 9) % 12 : major;
                keySignatures.add(new KeySignature(seconds, key, minor));
            } else {
                LOG.debug("{}: invalid key signature {} {} ignored", file, sharps, minor);
            }
        }
    }
}
