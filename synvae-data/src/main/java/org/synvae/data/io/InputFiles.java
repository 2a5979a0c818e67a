package org.synvae.data.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.synvae.data.InvalidDataException;

/** Reading input files whole, with the project's one-line errors naming the file. */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * All bytes of {@code file}.
     *
     * @throws InvalidDataException if the file is missing, a directory, or cannot be read
     */
    public static byte[] readAllBytes(Path file) {
        if (Files.isDirectory(file)) {
            throw InvalidDataException.of(file, "is a directory, not a file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw InvalidDataException.of(file, "no such file", e);
        } catch (IOException e) {
            throw InvalidDataException.of(file, "cannot read (" + e.getMessage() + ")", e);
        }
    }
}
