package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;

/** Output targets are checked before any work: exit 2 and one line naming the path the user gave. */
class OutputTargetCommandsTest {
    @TempDir
    static Path dir;
    static Path config;
    static Path checkpoint;
    static Path z;
    static Path file;

    @BeforeAll
    static void writeModel() throws Exception {
        config = Files.writeString(dir.resolve("test.json"), MusicCommandsTest.SMALL.toJson());
        checkpoint = MusicCommandsTest.writeCheckpoint(dir.resolve("model.ckpt-7"), MusicCommandsTest.SMALL, 1);
        z = dir.resolve("z.npy");
        Npy.write(z, NpyArray.ofFloats(new float[] {0, 1, -1, 0.5f}, 1, 4));
        file = Files.writeString(dir.resolve("c000.mid"), "an existing regular file");
    }

    private static void assertOneLine(CliRun r, String command, Path named, String problem) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString()
                .isEqualTo("synvae " + command + ": " + named + ": " + problem);
    }

    @Test
    void anExistingFileAsOutDirectory() {
        String problem = "exists and is not a directory";
        assertOneLine(CliRun.of("translate", "../docs/examples/apple.jpg", "--out", file.toString()), "translate", file, problem);
        assertOneLine(CliRun.of("music", "render", file.toString(), "--out", file.toString()), "music render", file, problem);
        assertOneLine(CliRun.of("music", "sample", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                "--out", file.toString()), "music sample", file, problem);
        assertOneLine(CliRun.of("music", "decode", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                "--z", z.toString(), "--out", file.toString()), "music decode", file, problem);
        assertOneLine(CliRun.of("music", "interpolate", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                "--z", z.toString(), "--out", file.toString()), "music interpolate", file, problem);
    }

    @Test
    void aDirectoryUnderAFileIsNamedWithItsParent() {
        Path under = file.resolve("melodies");
        CliRun r = CliRun.of("music", "sample", "--config", config.toString(), "--checkpoint", checkpoint.toString(), "--out", under.toString());
        assertOneLine(r, "music sample", under, "cannot create the directory: " + file + " is not a directory");
    }

    @Test
    void aBadLogitsOutFailsBeforeAnyMelodyIsWritten() throws Exception {
        Path out = dir.resolve("decoded");
        Path logitsDir = Files.createDirectories(dir.resolve("logits.npy"));
        CliRun r = CliRun.of("music", "decode", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                "--z", z.toString(), "--out", out.toString(), "--logits-out", logitsDir.toString());
        assertOneLine(r, "music decode", logitsDir, "is a directory; give a file name");
        assertThat(out).doesNotExist();
        Path tokens = file.resolve("tokens.npy");
        CliRun t = CliRun.of("music", "decode", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                "--z", z.toString(), "--out", out.toString(), "--tokens-out", tokens.toString());
        assertOneLine(t, "music decode", tokens, "cannot be written: " + file + " is not a directory");
        assertThat(out).doesNotExist();
    }

    @Test
    void encodeOutputsAreCheckedBeforeTheInputsAreRead() {
        Path sigmaDir = dir;
        CliRun r = CliRun.of("music", "encode", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                "--input", dir.resolve("absent.npy").toString(), "--mu-out", dir.resolve("mu.npy").toString(), "--sigma-out", sigmaDir.toString());
        assertOneLine(r, "music encode", sigmaDir, "is a directory; give a file name");
    }
}
