package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.music.melody.Melody;
import org.synvae.music.melody.OneHotMelodyCodec;
import org.synvae.music.midi.MidiWriter;
import org.synvae.music.note.Note;
import org.synvae.music.note.NoteSequence;

class MusicRenderCommandTest {

    @Test
    void rendersAMidiFileToWavAndPianoRoll(@TempDir Path tmp) throws Exception {
        Path mid = tmp.resolve("tune.mid");
        Melody melody = Melody.of(60, -2, 62, -2, 64, -2, -1, -2, 67, -2, -2, -2, 72, -2, -2, -1);
        MidiWriter.write(new OneHotMelodyCodec().toNoteSequence(melody), mid);
        CliRun r = CliRun.of("music", "render", mid.toString(), "--out", tmp.resolve("out").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("tune.mid: 5 notes");
        assertThat(AudioSystem.getAudioFileFormat(tmp.resolve("out/tune.wav").toFile()).getFrameLength()).isPositive();
        assertThat(ImageIO.read(tmp.resolve("out/tune.png").toFile()).getWidth()).isPositive();
    }

    @Test
    void aFileThatIsNotMidiIsAOneLineError(@TempDir Path tmp) throws Exception {
        Path bad = Files.writeString(tmp.resolve("notes.mid"), "la la la");
        CliRun r = CliRun.of("music", "render", bad.toString(), "--out", tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("notes.mid");
        assertThat(CliRun.of("music", "render", "--out", tmp.toString()).err()).contains("at least one");
    }

    @Test
    void aFileClaimingHoursOfMusicIsRefusedAndLeavesNoOutput(@TempDir Path tmp) throws Exception {
        Path ok = tmp.resolve("a.mid");
        MidiWriter.write(NoteSequence.of(java.util.List.of(Note.piano(60, 80, 0, 1)), 120), ok);
        // One note after a 36-hour delta time: a tiny file that claims 36 hours.
        Path huge = tmp.resolve("huge.mid");
        MidiWriter.write(NoteSequence.of(java.util.List.of(Note.piano(60, 80, 0, 1), Note.piano(62, 80, 129_600, 129_601)), 120), huge);
        assertThat(Files.size(huge)).isLessThan(2000);
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("music", "render", ok.toString(), huge.toString(), "--out", out.toString(), "--no-wav");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("synvae music render: " + huge + ": claims 129601 s of music (36:00:01), more than the limit of 3600 s");
        // The good file is rendered; the bad one writes nothing.
        assertThat(out.resolve("a.png")).exists();
        assertThat(out.resolve("huge.png")).doesNotExist();
        assertThat(out.resolve("huge.wav")).doesNotExist();

        // --fail-fast: every input is read before anything is written, so the bad one stops it with no output at all.
        Path stopped = tmp.resolve("stopped");
        CliRun fast = CliRun.of("music", "render", ok.toString(), huge.toString(), "--out", stopped.toString(), "--fail-fast");
        assertThat(fast.code()).isEqualTo(2);
        assertThat(fast.err()).startsWith("synvae music render: " + huge + ": claims 129601 s of music");
        assertThat(stopped).doesNotExist();
    }

    @Test
    void twoInputsOfOneBaseNameAreRefused(@TempDir Path tmp) throws Exception {
        NoteSequence seq = NoteSequence.of(java.util.List.of(Note.piano(60, 80, 0, 1)), 120);
        Path a = tmp.resolve("a/x.mid");
        Path b = tmp.resolve("b/x.mid");
        Files.createDirectories(a.getParent());
        Files.createDirectories(b.getParent());
        MidiWriter.write(seq, a);
        MidiWriter.write(seq, b);
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("music", "render", a.toString(), b.toString(), "--out", out.toString(), "--no-wav");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("would both write x.wav/.png");
        assertThat(out).doesNotExist();
    }

    @Test
    void translateRefusesTwoImagesOfOneBaseName(@TempDir Path tmp) throws Exception {
        for (String d : new String[] {"a", "b"}) {
            Files.createDirectories(tmp.resolve(d));
            ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB), "png",
                    tmp.resolve(d + "/x.png").toFile());
        }
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("translate", tmp.resolve("a/x.png").toString(), tmp.resolve("b/x.png").toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("would both write x.mid");
        assertThat(out).doesNotExist();
    }
}
