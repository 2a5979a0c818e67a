package org.synvae.eval.listening;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Answers as JSON lines, one per answer, appended. Each append writes one whole line under a file
 * lock and forces it to disk, so concurrent listeners (threads or processes) never interleave and
 * a crash loses at most the answer being written. A listener who answers a task again appends a
 * new line; readers take the last line per listener and task ({@link #latest}).
 */
public final class AnswersFile {
    private static final Logger LOG = LogManager.getLogger(AnswersFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    /** Answers kept in {@code file} (created on the first append). */
    public AnswersFile(Path file) {
        this.file = file;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** Appends one answer as one line. */
    public synchronized void append(Answer answer) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] line = (JSON.writeValueAsString(answer) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
             FileLock lock = ch.lock()) {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
        }
    }

    /**
     * Every answer in file order; an absent file has none. A last line without its newline (a write
     * cut short) is skipped, and so is any line that is not an answer (with a warning naming it):
     * one damaged line must not cost every other listener's answers.
     */
    public List<Answer> readAll() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<Answer> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        // The element after the last '\n' is "" for a complete file, or a partial line.
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                Answer a = JSON.readValue(lines[i], Answer.class);
                if (a == null || a.listener() == null) {
                    throw new IllegalArgumentException("no listener");
                }
                out.add(a);
            } catch (com.fasterxml.jackson.core.JacksonException | IllegalArgumentException e) {
                LOG.warn("{}: line {} is not an answer and is skipped ({})", file, i + 1,
                        e instanceof com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage() : e.getMessage());
            }
        }
        return out;
    }

    /** The last answer of each listener to each task, in order of first appearance. */
    public static List<Answer> latest(List<Answer> answers) {
        java.util.LinkedHashMap<String, Answer> last = new java.util.LinkedHashMap<>();
        for (Answer a : answers) {
            last.put(a.listener() + "\u0000" + a.task(), a);
        }
        return List.copyOf(last.values());
    }
}
