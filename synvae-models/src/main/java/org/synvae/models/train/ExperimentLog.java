package org.synvae.models.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The experiment's own log, {@code experiment.log}: timestamped lines appended and flushed as they
 * happen (a killed run keeps everything up to its end), mirrored to log4j2.
 */
public final class ExperimentLog implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(ExperimentLog.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final Writer out;

    public ExperimentLog(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Appends one line. */
    public synchronized void info(String message) {
        LOG.info(message);
        try {
            out.write(LocalDateTime.now().format(TIME) + " " + message + System.lineSeparator());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
