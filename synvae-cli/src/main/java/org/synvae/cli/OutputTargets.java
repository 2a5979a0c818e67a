package org.synvae.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.synvae.data.InvalidDataException;

/**
 * Checks, before a command does any work, that the outputs it was asked for can be written: a bad
 * {@code --out} then fails at once with exit 2 and one line naming the path the user gave, not
 * after the work with a bare path or the name of a hidden temporary file. (The problem is with an
 * argument, like bad input data, so it is reported as an {@link InvalidDataException}, whose
 * message reads "{@code <path>: <problem>}".)
 */
final class OutputTargets {
    private OutputTargets() {
    }

    /**
     * An output directory: an existing writable directory, or one that can be created.
     *
     * @return {@code dir}
     * @throws InvalidDataException naming {@code dir} and the problem
     */
    static Path directory(Path dir) {
        Path abs = dir.toAbsolutePath();
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) {
                throw InvalidDataException.of(dir, "exists and is not a directory");
            }
            if (!Files.isWritable(abs)) {
                throw InvalidDataException.of(dir, "directory is not writable");
            }
            return dir;
        }
        whyNotCreatable(abs).ifPresent(why -> {
            throw InvalidDataException.of(dir, "cannot create the directory: " + why);
        });
        return dir;
    }

    /**
     * An output file: not a directory, in a directory that is writable or can be created (files are
     * written atomically, by renaming a new file in that directory over the target).
     *
     * @return {@code file}
     * @throws InvalidDataException naming {@code file} and the problem
     */
    static Path file(Path file) {
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw InvalidDataException.of(file, "is a directory; give a file name");
        }
        Path parent = abs.getParent();
        if (Files.exists(parent)) {
            if (!Files.isDirectory(parent)) {
                throw InvalidDataException.of(file, "cannot be written: " + parent + " is not a directory");
            }
            if (!Files.isWritable(parent)) {
                throw InvalidDataException.of(file, "cannot be written: directory " + parent + " is not writable");
            }
            return file;
        }
        whyNotCreatable(parent).ifPresent(why -> {
            throw InvalidDataException.of(file, "cannot create its directory: " + why);
        });
        return file;
    }

    /** Why the missing directory {@code abs} could not be created: its nearest existing ancestor is a file or read-only. */
    private static Optional<String> whyNotCreatable(Path abs) {
        Path ancestor = abs.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            return Optional.empty();
        }
        if (!Files.isDirectory(ancestor)) {
            return Optional.of(ancestor + " is not a directory");
        }
        if (!Files.isWritable(ancestor)) {
            return Optional.of(ancestor + " is not writable");
        }
        return Optional.empty();
    }
}
