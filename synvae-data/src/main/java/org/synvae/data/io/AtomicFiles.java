package org.synvae.data.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes files so that readers never see a half-written one: the content goes to a temporary file
 * in the same directory, which is then renamed over the target.
 */
public final class AtomicFiles {
    /** The names {@link #write} gives its temporary files: {@code .NAME.<uuid>.tmp}. */
    private static final Pattern TEMP_NAME = Pattern.compile("\\..+\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

    private AtomicFiles() {
    }

    /** Whether {@code file} is named like a temporary file of {@link #write} (one a killed write leaves behind). */
    public static boolean isTempFile(Path file) {
        Path name = file.getFileName();
        return name != null && TEMP_NAME.matcher(name.toString()).matches();
    }

    /**
     * Deletes the temporary files that writes killed mid-way left under {@code dir} (recursively);
     * call it only where no other process is writing.
     *
     * @return the files deleted
     */
    public static List<Path> removeTempFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> stale;
        try (Stream<Path> s = Files.walk(dir)) {
            stale = s.filter(f -> isTempFile(f) && Files.isRegularFile(f)).toList();
        }
        for (Path f : stale) {
            Files.deleteIfExists(f);
        }
        return stale;
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code target} atomically; parent directories are created. */
    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: its files are private (0600); outputs should get the usual permissions.
        Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(openTemporary(tmp, target), 1 << 16)) {
                writer.write(out);
            }
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Opens the temporary file; a refusal names the target the user asked for, not the hidden file. */
    private static OutputStream openTemporary(Path tmp, Path target) throws IOException {
        try {
            return Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            AccessDeniedException named = new AccessDeniedException(target.toString(), null,
                    "cannot write (permission denied in " + tmp.getParent() + ")");
            named.initCause(e);
            throw named;
        }
    }

    /** Writes bytes to {@code target} atomically. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    /** Renames {@code source} over {@code target}, atomically where the file system can. */
    public static void moveIntoPlace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
