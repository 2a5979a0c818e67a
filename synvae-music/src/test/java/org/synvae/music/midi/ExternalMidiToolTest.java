package org.synvae.music.midi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.synvae.data.RequiredTool;
import org.junit.jupiter.api.io.TempDir;

/** What MidiWriter writes opens in another tool: Debian's {@code midicsv}, when installed. */
class ExternalMidiToolTest {
    @TempDir
    Path dir;

    @Test
    void midicsvParsesWrittenFile() throws Exception {
        Path midicsv = Path.of("/usr/bin/midicsv");
        RequiredTool.require(Files.isExecutable(midicsv), "midicsv (Debian package midicsv)");
        Path mid = dir.resolve("song.mid");
        MidiWriter.write(MidiRoundTripTest.sample(), mid);
        Path csv = dir.resolve("song.csv");
        Process p = new ProcessBuilder(midicsv.toString(), mid.toString(), csv.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        String text = Files.readString(csv);
        assertThat(text).contains("Header, 1, 5, 480"); // type 1, conductor + 4 instrument tracks
        assertThat(text.lines().filter(l -> l.contains("Note_on_c"))).hasSize(6);
        assertThat(text).contains("Tempo, 600000").contains("Time_signature, 3, 2").contains("Program_c, 9, 0");
        assertThat(text.lines().filter(l -> l.contains("End_of_file"))).hasSize(1);
    }
}
