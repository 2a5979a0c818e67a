package org.synvae.music.midi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.InvalidDataException;
import org.synvae.data.SharedData;
import org.synvae.music.melody.Melody;
import org.synvae.music.melody.MelodyExtractor;
import org.synvae.music.note.KeySignature;
import org.synvae.music.note.Note;
import org.synvae.music.note.NoteSequence;
import org.synvae.music.note.Tempo;
import org.synvae.music.note.TimeSignature;

/**
 * Seeded mutations of valid MIDI files (bit flips, byte replacements, truncations, inserted bytes,
 * huge variable-length delta times and event lengths, running-status abuse, lying chunk headers):
 * each read must give a {@link NoteSequence}, which {@link MelodyExtractor} then takes without error,
 * or an {@link InvalidDataException} of one line naming the file, with no exception class name in it
 * (the CLI shows it to users as it is); never another exception or an {@link OutOfMemoryError},
 * never a hang, and no read of a file of a few hundred bytes may allocate more than
 * {@value #MAX_ALLOCATION_MB} MB. The fixtures are written with {@link MidiWriter}, one is written
 * by hand with running status and sysex, and one is a real file from {@code ../shared/data/melodies}
 * where that is present (only that test is skipped where it is not).
 */
class MidiReaderFuzzTest {
    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final Duration PER_READ = Duration.ofSeconds(5);
    private static final long MAX_ALLOCATION_MB = 64;
    private static final int ROUNDS = 1000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path tmp;

    private int read;
    private int refused;

    @Test
    void mutatedWriterMadeAndHandMadeFilesReadOrFailCleanly() throws IOException {
        byte[] melody = written(NoteSequence.of(List.of(Note.piano(60, 80, 0, 0.5), Note.piano(62, 80, 0.5, 1),
                Note.piano(64, 80, 1, 2), Note.piano(67, 90, 2, 4)), 120));
        List<Note> band = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            band.add(new Note(60 + i % 7, 80, i * 0.25, i * 0.25 + 0.2, 0, 0, false));
            band.add(new Note(36 + i % 3, 100, i * 0.5, i * 0.5 + 0.1, 1, 0, true));
            band.add(new Note(48 + i % 5, 70, i * 0.5, i * 0.5 + 0.4, 2, 33, false));
        }
        byte[] ensemble = written(new NoteSequence("", "ensemble.mid", "", 480,
                List.of(new TimeSignature(0, 4, 4), new TimeSignature(4, 3, 4)), List.of(new KeySignature(0, 7, 1)),
                List.of(new Tempo(0, 100), new Tempo(3, 140)), band, NoteSequence.endOf(band)));
        assertTimeoutPreemptively(BOUND, () -> {
            fuzz("melody.mid", melody, 1);
            fuzz("ensemble.mid", ensemble, 2);
            fuzz("running-status.mid", handMade(), 3);
        });
        assertThat(read).as("mutations that still read").isPositive();
        assertThat(refused).as("mutations refused").isPositive();
    }

    @Test
    void mutatedRealMelodyFileReadsOrFailsCleanly() throws IOException {
        Path melodies = SharedData.path("data/melodies");
        Path real;
        try (Stream<Path> files = Files.walk(melodies)) {
            real = files.filter(p -> p.toString().endsWith(".mid")).filter(p -> size(p) < 20_000).sorted().findFirst().orElse(null);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(real != null, "no MIDI file under " + melodies);
        byte[] bytes = Files.readAllBytes(real);
        MidiReader.read(real);
        assertTimeoutPreemptively(BOUND, () -> fuzz("real.mid", bytes, 4));
        assertThat(read + refused).isGreaterThan(ROUNDS / 2);
    }

    /** {@link #ROUNDS} seeded mutations of {@code valid}, each read from {@code name}. */
    private void fuzz(String name, byte[] valid, long seed) {
        Path file = tmp.resolve(name);
        check(file, valid, "the valid file", true);
        Random random = new Random(seed);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] b = valid.clone();
            String what;
            switch (round % 8) {
                case 0 -> {
                    int at = random.nextInt(b.length);
                    int bit = random.nextInt(8);
                    b[at] ^= (byte) (1 << bit);
                    what = "flip of bit " + bit + " at " + at;
                }
                case 1 -> {
                    int at = random.nextInt(b.length);
                    byte[] extremes = {0x00, 0x7F, (byte) 0x80, (byte) 0xFF, (byte) 0xF0, (byte) 0xF7, (byte) 0x90, (byte) 0xC0};
                    b[at] = random.nextBoolean() ? extremes[random.nextInt(extremes.length)] : (byte) random.nextInt(256);
                    what = "byte " + (b[at] & 0xFF) + " at " + at;
                }
                case 2 -> {
                    int length = random.nextInt(b.length);
                    b = Arrays.copyOf(b, length);
                    what = "cut at " + length;
                }
                case 3 -> {
                    byte[] run = new byte[1 + random.nextInt(8)];
                    random.nextBytes(run);
                    int at = random.nextInt(b.length + 1);
                    b = insert(b, at, run, random.nextBoolean());
                    what = run.length + " random bytes inserted at " + at;
                }
                case 4 -> {
                    byte[][] deltas = {{(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}, {(byte) 0x8F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F},
                        {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00}, {(byte) 0x81, (byte) 0x80, (byte) 0x80, 0x00}};
                    byte[] delta = deltas[random.nextInt(deltas.length)];
                    int at = eventStart(b, random);
                    // A huge delta before a note event: the file then claims days of music.
                    b = insert(b, at, concat(delta, new byte[] {(byte) 0x90, 60, 64}), true);
                    what = "huge delta " + hex(delta) + " inserted at " + at;
                }
                case 5 -> {
                    int at = eventStart(b, random);
                    int kind = random.nextInt(4);
                    byte[] ins = switch (kind) {
                        // data bytes with no status before them: running status with nothing to run on
                        case 0 -> new byte[] {0x00, 0x3C, 0x40, 0x00, 0x3C, 0x00};
                        // a sysex or meta event claiming 268 MB
                        case 1 -> new byte[] {0x00, (byte) 0xF0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, 0x01};
                        case 2 -> new byte[] {0x00, (byte) 0xFF, 0x01, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, 0x41};
                        // system real-time and undefined status bytes, which carry no running status
                        default -> new byte[] {0x00, (byte) 0xF8, 0x00, (byte) 0xF4, 0x3C, 0x40, 0x00, (byte) 0xF1};
                    };
                    b = insert(b, at, ins, true);
                    what = "running-status abuse " + kind + " (" + hex(ins) + ") at " + at;
                }
                case 6 -> {
                    List<Integer> statuses = statusBytes(b);
                    if (statuses.isEmpty()) {
                        continue;
                    }
                    int at = statuses.get(random.nextInt(statuses.size()));
                    // Dropping a status makes its data run under the previous event's status.
                    b = delete(b, at);
                    what = "status byte dropped at " + at;
                }
                default -> {
                    int field = random.nextInt(4);
                    int at = field == 0 ? 4 : field == 1 ? 10 : field == 2 ? 12 : trackLengthField(b, random);
                    int width = field == 0 || field == 3 ? 4 : 2;
                    long value = random.nextBoolean() ? 0xFFFFFFFFL >>> random.nextInt(32) : random.nextInt(64);
                    for (int i = 0; i < width && at + i < b.length; i++) {
                        b[at + i] = (byte) (value >>> (8 * (width - 1 - i)));
                    }
                    what = "header field at " + at + " set to " + value;
                }
            }
            check(file, b, what, false);
        }
    }

    private void check(Path file, byte[] content, String mutation, boolean mustRead) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        try {
            NoteSequence seq = MidiReader.read(file);
            for (Melody m : MelodyExtractor.extract(seq)) {
                MelodyExtractor.windows(m, 32, Melody.STEPS_PER_BAR);
            }
            read++;
        } catch (InvalidDataException e) {
            assertThat(mustRead).as(mutation + " was refused: " + e.getMessage()).isFalse();
            assertThat(e.getMessage()).as(mutation).startsWith(file + ": ").doesNotContain("\n").doesNotContain("Exception");
            refused++;
        } catch (Throwable t) {
            fail(mutation + " of " + file.getFileName() + " threw " + t, t);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long allocatedMb = (THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore) >> 20;
        assertThat(took).as(mutation + " of " + file.getFileName() + " took").isLessThan(PER_READ);
        assertThat(allocatedMb).as(mutation + " of " + file.getFileName() + " allocated MB").isLessThanOrEqualTo(MAX_ALLOCATION_MB);
    }

    // ---- fixtures ------------------------------------------------------------------------------

    private byte[] written(NoteSequence seq) throws IOException {
        Path file = tmp.resolve("written.mid");
        MidiWriter.write(seq, file);
        return Files.readAllBytes(file);
    }

    /**
     * A type-0 file written by hand: running status throughout (note-offs as note-ons of velocity
     * 0), a two-byte delta, drums, a control change, a pitch bend and a sysex message.
     */
    private static byte[] handMade() {
        int[] events = {
            0x00, 0xFF, 0x58, 0x04, 0x04, 0x02, 0x18, 0x08,
            0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20,
            0x00, 0xFF, 0x59, 0x02, 0x00, 0x00,
            0x00, 0xC0, 0x00,
            0x00, 0x90, 0x3C, 0x50,
            0x37, 0x3C, 0x00,
            0x00, 0x3E, 0x50,
            0x37, 0x3E, 0x00,
            0x00, 0x40, 0x50,
            0x81, 0x2E, 0x40, 0x00,
            0x00, 0x99, 0x24, 0x64,
            0x10, 0x24, 0x00,
            0x00, 0xB0, 0x07, 0x64,
            0x00, 0xE0, 0x00, 0x40,
            0x00, 0xF0, 0x03, 0x7E, 0x7F, 0xF7,
            0x00, 0xFF, 0x2F, 0x00};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 0, 0, 1, 0, (byte) 220});
        out.writeBytes(new byte[] {'M', 'T', 'r', 'k', 0, 0, 0, (byte) events.length});
        for (int e : events) {
            out.write(e);
        }
        return out.toByteArray();
    }

    // ---- byte surgery ----------------------------------------------------------------------------

    /** {@code b} with {@code ins} inserted at {@code at}; with {@code fixLength}, the enclosing track's length grows to match. */
    private static byte[] insert(byte[] b, int at, byte[] ins, boolean fixLength) {
        byte[] out = new byte[b.length + ins.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(ins, 0, out, at, ins.length);
        System.arraycopy(b, at, out, at + ins.length, b.length - at);
        if (fixLength) {
            adjustTrackLength(out, at, ins.length);
        }
        return out;
    }

    private static byte[] delete(byte[] b, int at) {
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + 1, out, at, b.length - at - 1);
        adjustTrackLength(out, at, -1);
        return out;
    }

    /** The track chunks as {start of the length field, start of the data, end of the data}, as far as the headers go. */
    private static List<int[]> tracks(byte[] b) {
        List<int[]> tracks = new ArrayList<>();
        int pos = 8 + 6;
        while (pos + 8 <= b.length) {
            long length = ((b[pos + 4] & 0xFFL) << 24) | ((b[pos + 5] & 0xFF) << 16) | ((b[pos + 6] & 0xFF) << 8) | (b[pos + 7] & 0xFF);
            long end = Math.min(b.length, pos + 8 + length);
            if (b[pos] == 'M' && b[pos + 1] == 'T' && b[pos + 2] == 'r' && b[pos + 3] == 'k') {
                tracks.add(new int[] {pos + 4, pos + 8, (int) end});
            }
            pos = (int) end;
        }
        return tracks;
    }

    private static void adjustTrackLength(byte[] b, int at, int by) {
        for (int[] t : tracks(b)) {
            if (at >= t[1] && at <= t[2] - (by > 0 ? by : 0)) {
                long length = (((b[t[0]] & 0xFFL) << 24) | ((b[t[0] + 1] & 0xFF) << 16) | ((b[t[0] + 2] & 0xFF) << 8) | (b[t[0] + 3] & 0xFF)) + by;
                for (int i = 0; i < 4; i++) {
                    b[t[0] + i] = (byte) (length >>> (8 * (3 - i)));
                }
                return;
            }
        }
    }

    /** A position in a track's data just after a delta time (a byte below 0x80), or the data's start. */
    private static int eventStart(byte[] b, Random random) {
        List<int[]> tracks = tracks(b);
        if (tracks.isEmpty()) {
            return b.length;
        }
        int[] t = tracks.get(random.nextInt(tracks.size()));
        List<Integer> starts = new ArrayList<>(List.of(t[1]));
        for (int i = t[1] + 1; i < t[2]; i++) {
            if ((b[i] & 0xFF) >= 0x80 && (b[i - 1] & 0xFF) < 0x80) {
                starts.add(i);
            }
        }
        return starts.get(random.nextInt(starts.size()));
    }

    /** Positions that look like channel status bytes (0x80..0xEF after a byte below 0x80) inside tracks. */
    private static List<Integer> statusBytes(byte[] b) {
        List<Integer> out = new ArrayList<>();
        for (int[] t : tracks(b)) {
            for (int i = t[1] + 1; i < t[2]; i++) {
                int v = b[i] & 0xFF;
                if (v >= 0x80 && v < 0xF0 && (b[i - 1] & 0xFF) < 0x80) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    private static int trackLengthField(byte[] b, Random random) {
        List<int[]> tracks = tracks(b);
        return tracks.isEmpty() ? 18 : tracks.get(random.nextInt(tracks.size()))[0];
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02X ", x & 0xFF));
        }
        return s.toString().strip();
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
