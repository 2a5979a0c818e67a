package org.synvae.music.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.InvalidDataException;
import org.synvae.data.RequiredTool;
import org.synvae.data.SharedData;
import org.synvae.music.melody.Melody;
import org.synvae.music.melody.OneHotMelodyCodec;
import org.synvae.music.note.NoteSequence;

class WavRendererTest {
    @TempDir
    Path dir;

    /** Two bars (4 s at 120 qpm) of a rising line. */
    private static NoteSequence melody() {
        int[] events = new int[32];
        Arrays.fill(events, Melody.NO_EVENT);
        for (int s = 0; s < 32; s += 4) {
            events[s] = 60 + s / 2;
        }
        return new OneHotMelodyCodec().toNoteSequence(Melody.of(events));
    }

    private static double[] rmsAndSeconds(Path wav, int channels) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat f = in.getFormat();
            assertThat(f.getSampleRate()).isEqualTo(44_100f);
            assertThat(f.getSampleSizeInBits()).isEqualTo(16);
            assertThat(f.getChannels()).isEqualTo(channels);
            byte[] pcm = in.readAllBytes();
            double sum = 0;
            int samples = pcm.length / 2;
            for (int i = 0; i < samples; i++) {
                int v = f.isBigEndian() ? (short) ((pcm[2 * i] << 8) | (pcm[2 * i + 1] & 0xFF))
                        : (short) ((pcm[2 * i + 1] << 8) | (pcm[2 * i] & 0xFF));
                sum += (double) v * v;
            }
            return new double[] {Math.sqrt(sum / samples) / 32768.0, (double) in.getFrameLength() / f.getSampleRate()};
        }
    }

    @Test
    void audioLongerThanAWavHoldsIsRefusedBeforeWriting() throws Exception {
        // Seven hours of stereo 16-bit audio are 4.4 GB: the 32-bit RIFF size would wrap.
        NoteSequence seven = NoteSequence.of(java.util.List.of(org.synvae.music.note.Note.piano(60, 80, 0, 25_200)), 120);
        Path wav = dir.resolve("long/seven.wav");
        assertThatThrownBy(() -> WavRenderer.render(seven, wav, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than a WAV file holds");
        assertThat(dir.resolve("long")).doesNotExist();
    }

    @Test
    void rendersWithTheBuiltInSoundbank() throws Exception {
        Path wav = dir.resolve("out/melody.wav");
        WavRenderer.render(melody(), wav, null);
        double[] r = rmsAndSeconds(wav, 2);
        assertThat(r[0]).isGreaterThan(0.005);
        assertThat(r[1]).isCloseTo(4.0 + WavRenderer.TAIL_SECONDS, within(0.01));
    }

    @Test
    void rendersMonoWithASoundFont() throws Exception {
        Path sf2 = SharedData.path("data/soundfont/TimGM6mb.sf2");
        Path wav = dir.resolve("melody-sf2.wav");
        WavRenderer.render(melody(), wav, sf2, 1);
        double[] r = rmsAndSeconds(wav, 1);
        assertThat(r[0]).isGreaterThan(0.005);
        assertThat(r[1]).isCloseTo(5.0, within(0.01));
    }

    @Test
    void aFileThatIsNoSoundFontNamesTheFile() throws Exception {
        Path fake = dir.resolve("fake.sf2");
        Files.writeString(fake, "not a soundfont");
        assertThatThrownBy(() -> WavRenderer.render(melody(), dir.resolve("x.wav"), fake))
                .isInstanceOf(InvalidDataException.class).hasMessageStartingWith(fake + ": ");
        assertThat(dir.resolve("x.wav")).doesNotExist();
    }

    @Test
    void melodyFilesRenderWithTheSystemsGeneralMidiSoundFontWhenNoneIsGiven() throws Exception {
        java.util.Optional<Path> system = SoundFonts.systemDefault();
        RequiredTool.require(system.isPresent(), "a General MIDI SoundFont (Debian package timgm6mb-soundfont)");
        org.synvae.music.MelodyFiles files = new org.synvae.music.MelodyFiles(0, false, true, null);
        assertThat(files.soundFont()).isEqualTo(system.get());
        int[] tokens = new OneHotMelodyCodec().indices(Melody.of(new int[] {60, Melody.NO_EVENT, 64, Melody.NO_EVENT, 67, Melody.NOTE_OFF,
                Melody.NO_EVENT, Melody.NO_EVENT}));
        files.write(tokens, dir, "default");
        WavRenderer.render(new OneHotMelodyCodec().toNoteSequence(new OneHotMelodyCodec().decodeIndices(tokens)), dir.resolve("thin.wav"), null);
        // Not the emergency soundbank's sound.
        assertThat(Files.readAllBytes(dir.resolve("default.wav"))).isNotEqualTo(Files.readAllBytes(dir.resolve("thin.wav")));
        assertThat(rmsAndSeconds(dir.resolve("default.wav"), 2)[0]).isGreaterThan(0.005);
        // Without wav the SoundFont is not looked for.
        assertThat(new org.synvae.music.MelodyFiles(0, false, false, null).soundFont()).isNull();
    }
}
