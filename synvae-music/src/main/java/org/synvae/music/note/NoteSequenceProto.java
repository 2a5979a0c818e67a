package org.synvae.music.note;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.AtomicFiles;
import org.synvae.data.io.InputFiles;
import org.synvae.data.io.ProtoFormatException;
import org.synvae.data.io.ProtoReader;
import org.synvae.data.io.ProtoWriter;

/**
 * Reads and writes {@link NoteSequence}s as serialized {@code magenta.NoteSequence} protos (the
 * {@code .pb} files of magenta and note_seq), with the field numbers of note_seq's
 * {@code protobuf/music.proto}. Fields this model does not hold (pitch bends, control changes,
 * quantization info, ...) are skipped when reading; written files hold only the modelled fields.
 */
public final class NoteSequenceProto {
    // NoteSequence
    private static final int ID = 1;
    private static final int FILENAME = 2;
    private static final int COLLECTION_NAME = 3;
    private static final int TICKS_PER_QUARTER = 4;
    private static final int TIME_SIGNATURES = 5;
    private static final int KEY_SIGNATURES = 6;
    private static final int TEMPOS = 7;
    private static final int NOTES = 8;
    private static final int TOTAL_TIME = 9;
    // NoteSequence.Note
    private static final int NOTE_PITCH = 1;
    private static final int NOTE_VELOCITY = 2;
    private static final int NOTE_START_TIME = 3;
    private static final int NOTE_END_TIME = 4;
    private static final int NOTE_NUMERATOR = 5;
    private static final int NOTE_DENOMINATOR = 6;
    private static final int NOTE_INSTRUMENT = 7;
    private static final int NOTE_PROGRAM = 8;
    private static final int NOTE_IS_DRUM = 9;
    private static final int NOTE_PART = 10;
    // TimeSignature, KeySignature, Tempo: time = 1 in each
    private static final int TIME = 1;
    private static final int TS_NUMERATOR = 2;
    private static final int TS_DENOMINATOR = 3;
    private static final int KS_KEY = 2;
    private static final int KS_MODE = 3;
    private static final int TEMPO_QPM = 2;

    private NoteSequenceProto() {
    }

    /** Reads a serialized NoteSequence proto. */
    public static NoteSequence read(Path file) {
        byte[] bytes = InputFiles.readAllBytes(file);
        return DurationLimit.check(parse(bytes, file), file);
    }

    /** Writes {@code sequence} as a serialized NoteSequence proto, atomically. */
    public static void write(NoteSequence sequence, Path file) throws IOException {
        AtomicFiles.write(file, toBytes(sequence));
    }

    /** Parses a serialized NoteSequence; {@code source} names the origin in error messages. */
    public static NoteSequence parse(byte[] bytes, Path source) {
        try {
            return readSequence(new ProtoReader(bytes));
        } catch (ProtoFormatException e) {
            throw InvalidDataException.of(source, "not a valid NoteSequence proto: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw InvalidDataException.of(source, "NoteSequence proto with an invalid value: " + e.getMessage(), e);
        }
    }

    /** Serializes {@code sequence}. */
    public static byte[] toBytes(NoteSequence sequence) {
        ProtoWriter w = ProtoWriter.proto3();
        w.string(ID, sequence.id());
        w.string(FILENAME, sequence.filename());
        w.string(COLLECTION_NAME, sequence.collectionName());
        w.int32(TICKS_PER_QUARTER, sequence.ticksPerQuarter());
        for (TimeSignature ts : sequence.timeSignatures()) {
            ProtoWriter m = ProtoWriter.proto3();
            m.float64(TIME, ts.time());
            m.int32(TS_NUMERATOR, ts.numerator());
            m.int32(TS_DENOMINATOR, ts.denominator());
            w.message(TIME_SIGNATURES, m);
        }
        for (KeySignature ks : sequence.keySignatures()) {
            ProtoWriter m = ProtoWriter.proto3();
            m.float64(TIME, ks.time());
            m.int32(KS_KEY, ks.key());
            m.int32(KS_MODE, ks.mode());
            w.message(KEY_SIGNATURES, m);
        }
        for (Tempo t : sequence.tempos()) {
            ProtoWriter m = ProtoWriter.proto3();
            m.float64(TIME, t.time());
            m.float64(TEMPO_QPM, t.qpm());
            w.message(TEMPOS, m);
        }
        for (Note n : sequence.notes()) {
            ProtoWriter m = ProtoWriter.proto3();
            m.int32(NOTE_PITCH, n.pitch());
            m.int32(NOTE_VELOCITY, n.velocity());
            m.float64(NOTE_START_TIME, n.startTime());
            m.float64(NOTE_END_TIME, n.endTime());
            m.int32(NOTE_NUMERATOR, n.numerator());
            m.int32(NOTE_DENOMINATOR, n.denominator());
            m.int32(NOTE_INSTRUMENT, n.instrument());
            m.int32(NOTE_PROGRAM, n.program());
            m.bool(NOTE_IS_DRUM, n.isDrum());
            m.int32(NOTE_PART, n.part());
            w.message(NOTES, m);
        }
        w.float64(TOTAL_TIME, sequence.totalTime());
        return w.toByteArray();
    }

    private static NoteSequence readSequence(ProtoReader r) {
        String id = "";
        String filename = "";
        String collection = "";
        int ticksPerQuarter = 0;
        double totalTime = 0;
        List<TimeSignature> timeSignatures = new ArrayList<>();
        List<KeySignature> keySignatures = new ArrayList<>();
        List<Tempo> tempos = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        for (int field = r.nextField(); field >= 0; field = r.nextField()) {
            switch (field) {
                case ID -> id = r.string();
                case FILENAME -> filename = r.string();
                case COLLECTION_NAME -> collection = r.string();
                case TICKS_PER_QUARTER -> ticksPerQuarter = r.int32();
                case TIME_SIGNATURES -> timeSignatures.add(readTimeSignature(r.message()));
                case KEY_SIGNATURES -> keySignatures.add(readKeySignature(r.message()));
                case TEMPOS -> tempos.add(readTempo(r.message()));
                case NOTES -> notes.add(readNote(r.message()));
                case TOTAL_TIME -> totalTime = r.float64();
                default -> r.skip();
            }
        }
        return new NoteSequence(id, filename, collection, ticksPerQuarter, timeSignatures, keySignatures, tempos, notes,
                totalTime);
    }

    private static Note readNote(ProtoReader r) {
        int pitch = 0;
        int velocity = 0;
        double start = 0;
        double end = 0;
        int numerator = 0;
        int denominator = 0;
        int instrument = 0;
        int program = 0;
        boolean drum = false;
        int part = 0;
        for (int field = r.nextField(); field >= 0; field = r.nextField()) {
            switch (field) {
                case NOTE_PITCH -> pitch = r.int32();
                case NOTE_VELOCITY -> velocity = r.int32();
                case NOTE_START_TIME -> start = r.float64();
                case NOTE_END_TIME -> end = r.float64();
                case NOTE_NUMERATOR -> numerator = r.int32();
                case NOTE_DENOMINATOR -> denominator = r.int32();
                case NOTE_INSTRUMENT -> instrument = r.int32();
                case NOTE_PROGRAM -> program = r.int32();
                case NOTE_IS_DRUM -> drum = r.bool();
                case NOTE_PART -> part = r.int32();
                default -> r.skip();
            }
        }
        return new Note(pitch, velocity, start, end, numerator, denominator, instrument, program, drum, part);
    }

    private static TimeSignature readTimeSignature(ProtoReader r) {
        double time = 0;
        int numerator = 0;
        int denominator = 0;
        for (int field = r.nextField(); field >= 0; field = r.nextField()) {
            switch (field) {
                case TIME -> time = r.float64();
                case TS_NUMERATOR -> numerator = r.int32();
                case TS_DENOMINATOR -> denominator = r.int32();
                default -> r.skip();
            }
        }
        return new TimeSignature(time, numerator, denominator);
    }

    private static KeySignature readKeySignature(ProtoReader r) {
        double time = 0;
        int key = 0;
        int mode = 0;
        for (int field = r.nextField(); field >= 0; field = r.nextField()) {
            switch (field) {
                case TIME -> time = r.float64();
                case KS_KEY -> key = r.int32();
                case KS_MODE -> mode = r.int32();
                default -> r.skip();
            }
        }
        return new KeySignature(time, key, mode);
    }

    private static Tempo readTempo(ProtoReader r) {
        double time = 0;
        double qpm = 0;
        for (int field = r.nextField(); field >= 0; field = r.nextField()) {
            switch (field) {
                case TIME -> time = r.float64();
                case TEMPO_QPM -> qpm = r.float64();
                default -> r.skip();
            }
        }
        return new Tempo(time, qpm);
    }
}
