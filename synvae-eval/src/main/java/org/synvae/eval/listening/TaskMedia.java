package org.synvae.eval.listening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.Set;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.AtomicFiles;

/** Copies the media a task set refers to from an export into the task set's data folder. */
public final class TaskMedia {
    private TaskMedia() {
    }

    /**
     * Copies {@code ID_orig.png}, {@code ID_audio.wav} and {@code ID_audio.mid} of every example and
     * option into {@code dataDir}; returns how many items were copied.
     *
     * @throws InvalidDataException if an image or WAV is missing (the MIDI is optional: only the
     *                              machine listener needs it)
     */
    public static int copy(EvalExport export, TaskSet set, Path dataDir) throws IOException {
        Set<Integer> ids = new LinkedHashSet<>(set.examples());
        set.tasks().forEach(t -> ids.addAll(t.options()));
        Files.createDirectories(dataDir);
        for (int id : ids) {
            copyRequired(export.image(id), dataDir.resolve(TaskSet.imageName(id)));
            copyRequired(export.melody(id, "wav"), dataDir.resolve(TaskSet.wavName(id)));
            Path mid = export.melody(id, "mid");
            if (Files.isRegularFile(mid)) {
                copyRequired(mid, dataDir.resolve(TaskSet.midiName(id)));
            }
        }
        return ids.size();
    }

    private static void copyRequired(Path from, Path to) throws IOException {
        if (!Files.isRegularFile(from)) {
            throw InvalidDataException.of(from, "no such file (export with --export-data --wav)");
        }
        Path tmp = to.resolveSibling("." + to.getFileName() + ".tmp");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.moveIntoPlace(tmp, to);
    }
}
