package org.synvae.music.melody;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.synvae.data.SharedData;
import org.synvae.music.midi.MidiReader;
import org.synvae.music.note.NoteSequence;

/**
 * Every Nottingham MIDI file (shared data, next to the project) parses, and most give melodies.
 * Skipped when {@code ../shared} is absent.
 */
class NottinghamTest {
    private static final Logger LOG = LogManager.getLogger(NottinghamTest.class);

    private static List<Path> midiFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().toLowerCase().endsWith(".mid")).sorted().toList();
        }
    }

    private static void check(String folder, int minFiles) throws IOException {
        List<Path> files = midiFiles(SharedData.path("data/melodies/nottingham/" + folder));
        assertThat(files).hasSizeGreaterThanOrEqualTo(minFiles);
        int withMelodies = 0;
        int melodies = 0;
        int windows = 0;
        Map<String, Integer> skipped = new TreeMap<>();
        for (Path file : files) {
            NoteSequence seq = MidiReader.read(file);
            assertThat(seq.notes()).as(file.toString()).isNotEmpty();
            MelodyExtractor.unsupportedReason(seq)
                    .ifPresent(r -> skipped.merge(r.replaceAll("[\\d.]+ qpm|\\(.*\\)", "…"), 1, Integer::sum));
            List<Melody> found = MelodyExtractor.extract(seq);
            if (!found.isEmpty()) {
                withMelodies++;
            }
            melodies += found.size();
            for (Melody m : found) {
                windows += MelodyExtractor.windows(m, 32, 16).size();
            }
        }
        LOG.info("Nottingham {}: {} files parsed, {} with melodies, {} melodies, {} two-bar windows; skipped: {}",
                folder, files.size(), withMelodies, melodies, windows, skipped);
        assertThat(withMelodies).isGreaterThan(files.size() / 2);
        assertThat(windows).isGreaterThan(withMelodies);
    }

    @Test
    void melodyFilesParseAndGiveMelodies() throws IOException {
        check("midi-melody", 1000);
    }

    @Test
    void fullArrangementsParseAndGiveMelodies() throws IOException {
        check("midi-full", 1000);
    }
}
