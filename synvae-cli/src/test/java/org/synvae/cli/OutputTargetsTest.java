package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.InvalidDataException;

class OutputTargetsTest {
    @TempDir
    Path dir;

    @Test
    void directoriesThatExistOrCanBeCreatedPass() throws Exception {
        assertThat(OutputTargets.directory(dir)).isEqualTo(dir);
        assertThat(OutputTargets.directory(dir.resolve("new/deeper"))).isEqualTo(dir.resolve("new/deeper"));
        assertThat(dir.resolve("new")).doesNotExist(); // checking creates nothing
        assertThat(OutputTargets.file(dir.resolve("new/mu.npy"))).isEqualTo(dir.resolve("new/mu.npy"));
        Path existing = Files.writeString(dir.resolve("old.npy"), "x");
        assertThat(OutputTargets.file(existing)).isEqualTo(existing); // replaced atomically later
    }

    @Test
    void aFileWhereADirectoryShouldBeIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("c000.mid"), "x");
        assertThatThrownBy(() -> OutputTargets.directory(file)).isInstanceOf(InvalidDataException.class)
                .hasMessage(file + ": exists and is not a directory");
        assertThatThrownBy(() -> OutputTargets.directory(file.resolve("sub"))).isInstanceOf(InvalidDataException.class)
                .hasMessage(file.resolve("sub") + ": cannot create the directory: " + file.toAbsolutePath() + " is not a directory");
        assertThatThrownBy(() -> OutputTargets.file(file.resolve("mu.npy"))).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(file.resolve("mu.npy") + ": cannot be written: ");
        assertThatThrownBy(() -> OutputTargets.file(file.resolve("sub/mu.npy"))).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(file.resolve("sub/mu.npy") + ": cannot create its directory: ");
    }

    @Test
    void aDirectoryWhereAFileShouldBeIsNamed() {
        assertThatThrownBy(() -> OutputTargets.file(dir)).isInstanceOf(InvalidDataException.class)
                .hasMessage(dir + ": is a directory; give a file name");
    }

    @Test
    void aReadOnlyDirectoryIsNamed() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(locked), "permissions do not bind this user (root)");
            assertThatThrownBy(() -> OutputTargets.directory(locked)).hasMessage(locked + ": directory is not writable");
            assertThatThrownBy(() -> OutputTargets.directory(locked.resolve("out"))).hasMessageEndingWith(locked + " is not writable");
            assertThatThrownBy(() -> OutputTargets.file(locked.resolve("c000.mid"))).hasMessageContaining("is not writable");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
