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
}
