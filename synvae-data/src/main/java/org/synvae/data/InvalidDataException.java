package org.synvae.data;

import java.nio.file.Path;

/**
 * Input data that cannot be used: a missing or unreadable file, a wrong format, a shape or count
 * that does not match. The message is one line that names the file and the problem, fit to show
 * to a user as it is.
 */
public class InvalidDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidDataException(String message) {
        super(message);
    }

    public InvalidDataException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem with one file: the message reads {@code "<file>: <problem>"}. */
    public static InvalidDataException of(Path file, String problem) {
        return new InvalidDataException(file + ": " + problem);
    }

    /** A problem with one file, caused by a lower-level exception. */
    public static InvalidDataException of(Path file, String problem, Throwable cause) {
        return new InvalidDataException(file + ": " + problem, cause);
    }
}
