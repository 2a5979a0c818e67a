package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.music.midi.MidiReader;
import org.synvae.music.note.NoteSequence;

/** The main job: {@code translate} with the embedded default model, on the README's example image. */
class TranslateDefaultModelTest {
    private static final Path EXAMPLE = Path.of("..", "docs", "examples", "apple.jpg");

    @Test
    void theReadmeExampleBecomesAMelodyAndNonSilentAudio(@TempDir Path out) throws Exception {
        CliRun run = CliRun.of("translate", EXAMPLE.toString(), "--wav", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("apple.mid").contains("notes, pitches");
        NoteSequence melody = MidiReader.read(out.resolve("apple.mid"));
        assertThat(melody.notes()).isNotEmpty();
        assertThat(peak(out.resolve("apple.wav"))).isGreaterThan(100);

        // Deterministic: the same image gives the same file.
        Path again = out.resolve("again");
        assertThat(CliRun.of("translate", EXAMPLE.toString(), "--out", again.toString()).code()).isZero();
        assertThat(Files.readAllBytes(again.resolve("apple.mid"))).isEqualTo(Files.readAllBytes(out.resolve("apple.mid")));
    }

    /** The largest absolute 16-bit sample of a WAV file. */
    private static int peak(Path wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            byte[] bytes = in.readAllBytes();
            boolean bigEndian = in.getFormat().isBigEndian();
            int peak = 0;
            for (int i = 0; i + 1 < bytes.length; i += 2) {
                int s = bigEndian ? (short) ((bytes[i] << 8) | (bytes[i + 1] & 0xff)) : (short) ((bytes[i + 1] << 8) | (bytes[i] & 0xff));
                peak = Math.max(peak, Math.abs(s));
            }
            return peak;
        }
    }
}
