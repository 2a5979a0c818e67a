package org.synvae.models.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.synvae.data.InvalidDataException;

/**
 * The layout of an experiment's output directory, as the seed's: {@code checkpoints/} (latest and
 * best), {@code output/} (validation exports), {@code tensorboard/}, {@code experiment.log} and
 * {@code provenance.json}. A new experiment refuses a directory that already holds one, so results
 * are never overwritten by accident; only resuming opens an existing one.
 */
public final class ExperimentDir {
    private final Path root;

    private ExperimentDir(Path root) {
        this.root = root;
    }

    /** Creates a new experiment directory; fails if {@code root} already holds an experiment or other files. */
    public static ExperimentDir create(Path root) throws IOException {
        requireFresh(root);
        ExperimentDir dir = new ExperimentDir(root);
        Files.createDirectories(dir.checkpoints());
        Files.createDirectories(dir.output());
        Files.createDirectories(dir.tensorboard());
        return dir;
    }

    /**
     * Fails unless {@code root} could become a new experiment (absent or an empty directory); lets a
     * command refuse early, before loading data, without creating anything.
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
                if (s.findAny().isPresent()) {
                    throw InvalidDataException.of(root, "is not empty; choose a new or empty directory");
                }
            }
        }
    }

    /** Opens an existing experiment (one with a provenance file), e.g. to resume or evaluate it. */
    public static ExperimentDir open(Path root) {
        if (!Files.isRegularFile(root.resolve(Provenance.FILE))) {
            throw InvalidDataException.of(root, "is not an experiment directory (no " + Provenance.FILE + ")");
        }
        return new ExperimentDir(root);
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
