package org.synvae.models.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.AtomicFiles;

/**
 * The layout of an experiment's output directory, as the seed's: {@code checkpoints/} (latest and
 * best), {@code output/} (validation exports), {@code tensorboard/}, {@code experiment.log} and
 * {@code provenance.json}. A new experiment refuses a directory that already holds one, so results
 * are never overwritten by accident; only resuming opens an existing one. Temporary files of writes
 * killed mid-way ({@link AtomicFiles}) are no obstacle: {@link #create} and {@link #removeTempFiles}
 * delete them.
 */
public final class ExperimentDir {
    /** The sub-directories {@link #create} makes; empty ones do not make a directory "not empty". */
    private static final Set<String> LAYOUT = Set.of("checkpoints", "output", "tensorboard");
    private final Path root;

    private ExperimentDir(Path root) {
        this.root = root;
    }

    /** Creates a new experiment directory; fails if {@code root} already holds an experiment or other files. */
    public static ExperimentDir create(Path root) throws IOException {
        requireFresh(root);
        AtomicFiles.removeTempFiles(root);
        ExperimentDir dir = new ExperimentDir(root);
        Files.createDirectories(dir.checkpoints());
        Files.createDirectories(dir.output());
        Files.createDirectories(dir.tensorboard());
        return dir;
    }

    /**
     * Fails unless {@code root} could become a new experiment (absent, or a directory holding nothing
     * but what a killed {@link #create} leaves: empty layout directories and temporary files); lets a
     * command refuse early, before loading data, without changing anything.
     */
    public static void requireFresh(Path root) throws IOException {
        if (Files.exists(root)) {
            if (!Files.isDirectory(root)) {
                throw InvalidDataException.of(root, "exists and is not a directory");
            }
            if (Files.exists(root.resolve(Provenance.FILE))) {
                throw InvalidDataException.of(root, "already holds an experiment; resume it with --init-epoch or choose a new directory");
            }
            try (Stream<Path> s = Files.list(root)) {
                if (s.anyMatch(p -> !leftOverByCreate(p))) {
                    throw InvalidDataException.of(root, "is not empty; choose a new or empty directory");
                }
            }
        }
    }

    /** Whether {@code root} holds an experiment (a provenance file). */
    public static boolean holdsExperiment(Path root) {
        return Files.isRegularFile(root.resolve(Provenance.FILE));
    }

    private static boolean leftOverByCreate(Path p) {
        if (AtomicFiles.isTempFile(p)) {
            return true;
        }
        if (!LAYOUT.contains(p.getFileName().toString()) || !Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.allMatch(AtomicFiles::isTempFile);
        } catch (IOException e) {
            return false;
        }
    }

    /** Opens an existing experiment (one with a provenance file), e.g. to resume or evaluate it. */
    public static ExperimentDir open(Path root) {
        if (!Files.exists(root)) {
            throw InvalidDataException.of(root, "no such experiment directory");
        }
        if (!Files.isDirectory(root)) {
            throw InvalidDataException.of(root, "is a file, not an experiment directory");
        }
        if (!Files.isRegularFile(root.resolve(Provenance.FILE))) {
            throw InvalidDataException.of(root, "is not an experiment directory (no " + Provenance.FILE + ")");
        }
        return new ExperimentDir(root);
    }

    /**
     * Deletes the temporary files that writes killed mid-way left in this experiment; call it before
     * a run starts or resumes here.
     *
     * @return the files deleted
     */
    public List<Path> removeTempFiles() throws IOException {
        return AtomicFiles.removeTempFiles(root);
    }

    /**
     * Empties the checkpoint, output and TensorBoard directories, so a run can start here afresh
     * (the log and provenance stay; the new run appends to and rewrites them).
     */
    public void clearRun() throws IOException {
        for (Path dir : List.of(checkpoints(), output(), tensorboard())) {
            if (Files.exists(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
        }
    }

    public Path root() {
        return root;
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path output() {
        return root.resolve("output");
    }

    public Path tensorboard() {
        return root.resolve("tensorboard");
    }

    public Path log() {
        return root.resolve("experiment.log");
    }

    /** The experiment's provenance. */
    public Provenance provenance() {
        return Provenance.read(root);
    }
}
