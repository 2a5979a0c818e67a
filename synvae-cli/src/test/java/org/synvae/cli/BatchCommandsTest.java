package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.io.Npy;
import org.synvae.music.midi.MidiWriter;
import org.synvae.music.note.Note;
import org.synvae.music.note.NoteSequence;
import org.synvae.music.note.Tempo;
import org.synvae.music.note.TimeSignature;

/** Batch commands (translate, music render, music encode) process every good input and report each bad one. */
class BatchCommandsTest {
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");
    /** A sixteenth at 120 qpm. */
    private static final double STEP = 0.125;
    @TempDir
    static Path dir;
    static Path config;
    static Path checkpoint;

    @BeforeAll
    static void writeModel() throws Exception {
        config = Files.writeString(dir.resolve("test.json"), MusicCommandsTest.SMALL.toJson());
        checkpoint = MusicCommandsTest.writeCheckpoint(dir.resolve("model.ckpt-7"), MusicCommandsTest.SMALL, 1);
    }

    /** A piano tune of a note every 4 steps for {@code bars} bars of 4/4 (or of {@code numerator}/4). */
    static Path tune(String name, int bars, int numerator) throws Exception {
        List<Note> notes = new ArrayList<>();
        for (int s = 0; s < bars * 16; s += 4) {
            notes.add(Note.piano(60 + s % 12, 90, s * STEP, (s + 2) * STEP));
        }
        NoteSequence seq = new NoteSequence("", name, "", 220, List.of(new TimeSignature(0, numerator, 4)), List.of(),
                List.of(new Tempo(0, 120)), notes, bars * 16 * STEP);
        Path file = dir.resolve(name);
        MidiWriter.write(seq, file);
        return file;
    }

    /** A MIDI file whose first note has velocity 128, which only a corrupt file can hold. */
    static Path loud(String name) throws Exception {
        byte[] bytes = Files.readAllBytes(tune("for-" + name, 2, 4));
        for (int i = 0; i + 2 < bytes.length; i++) {
            if (bytes[i] == (byte) 0x90 && bytes[i + 1] == 60 && bytes[i + 2] == 90) {
                bytes[i + 2] = (byte) 0x80;
                return Files.write(dir.resolve(name), bytes);
            }
        }
        throw new AssertionError("no note-on found in " + Arrays.toString(bytes));
    }

    @Test
    void translateWritesTheGoodImagesAndNamesTheBadOne() throws Exception {
        Path bad = Files.writeString(dir.resolve("not-an-image.jpg"), "this is text");
        Path out = dir.resolve("translated");
        CliRun r = CliRun.of("translate", EXAMPLES.resolve("apple.jpg").toString(), bad.toString(),
                EXAMPLES.resolve("cherry.jpg").toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.out().lines()).hasSize(2);
        assertThat(out.resolve("apple.mid")).exists();
        assertThat(out.resolve("cherry.mid")).exists();
        assertThat(out.resolve("not-an-image.mid")).doesNotExist();
        assertThat(r.err().lines()).singleElement().asString().startsWith("synvae translate: " + bad + ": ");

        Path stopped = dir.resolve("stopped");
        CliRun fast = CliRun.of("translate", bad.toString(), EXAMPLES.resolve("apple.jpg").toString(), "--out", stopped.toString(), "--fail-fast");
        assertThat(fast.code()).isEqualTo(2);
        assertThat(fast.err().lines()).singleElement().asString().contains(bad.toString());
        assertThat(stopped.resolve("apple.mid")).doesNotExist();
    }

    @Test
    void renderGoesOnPastBadFilesWithOneLineEach() throws Exception {
        Path a = tune("a.mid", 2, 4);
        Path notMidi = Files.writeString(dir.resolve("bad.mid"), "la la la");
        Path loud = loud("loud.mid");
        Path c = tune("c.mid", 2, 4);
        Path out = dir.resolve("rendered");
        CliRun r = CliRun.of("music", "render", a.toString(), notMidi.toString(), loud.toString(), c.toString(), "--out", out.toString(), "--no-wav");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).contains("a.mid: 8 notes").contains("c.mid: 8 notes");
        assertThat(out.resolve("a.png")).exists();
        assertThat(out.resolve("c.png")).exists();
        List<String> err = r.err().lines().toList();
        assertThat(err).hasSize(2);
        assertThat(err.get(0)).startsWith("synvae music render: " + notMidi + ": ");
        assertThat(err.get(1)).startsWith("synvae music render: " + loud + ": ").contains("velocity 128 outside 0..127");

        Path stopped = dir.resolve("render-stopped");
        CliRun fast = CliRun.of("music", "render", notMidi.toString(), c.toString(), "--out", stopped.toString(), "--no-wav", "--fail-fast");
        assertThat(fast.code()).isEqualTo(2);
        assertThat(stopped.resolve("c.png")).doesNotExist();
    }

    @Test
    void encodeKeepsTheGoodFilesWindowsAndSaysWhyTheOthersHaveNone() throws Exception {
        Path good = tune("good.mid", 4, 4);
        Path waltz = tune("waltz.mid", 4, 3);
        Path shortTune = tune("short.mid", 1, 4);
        Path loud = loud("loud-encode.mid");
        Path more = tune("more.mid", 2, 4);
        Path mu = dir.resolve("mu.npy");
        CliRun r = CliRun.of("music", "encode", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                good.toString(), waltz.toString(), shortTune.toString(), loud.toString(), more.toString(), "--mu-out", mu.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(Npy.read(mu).shape()).containsExactly(4, 4);
        assertThat(r.out()).contains(good + ": 3 windows, rows 0-2").contains(more + ": 1 window, row 3").contains("encoded 4 sequences");
        List<String> err = r.err().lines().toList();
        assertThat(err).containsExactly(
                "synvae music encode: " + waltz + ": no 32-step melody: time signature 3/4 is not 4/4",
                "synvae music encode: " + shortTune + ": no 32-step melody: too short (16 steps, a window needs 32)",
                err.get(2));
        assertThat(err.get(2)).startsWith("synvae music encode: " + loud + ": ").contains("velocity 128");

        Path none = dir.resolve("none.npy");
        CliRun allBad = CliRun.of("music", "encode", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                waltz.toString(), "--mu-out", none.toString());
        assertThat(allBad.code()).isEqualTo(2);
        assertThat(allBad.err().lines()).singleElement().asString().contains("time signature 3/4 is not 4/4");
        assertThat(none).doesNotExist();
    }
}
