package org.synvae.models.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.AtomicFiles;
import org.synvae.data.io.NdArrays;
import org.synvae.data.io.NpyArray;
import org.synvae.data.io.Npz;

/**
 * The {@code latest} and {@code best} checkpoints of an experiment, as {@code .npz} archives that
 * NumPy opens directly. Each archive is self-describing (weights, optimizer state and {@code meta/*}
 * entries for epoch and losses) and replaced atomically, so a run killed at any moment leaves the
 * last complete checkpoint intact.
 */
public final class Checkpoints {
    /** File name of the checkpoint after the most recent epoch. */
    public static final String LATEST = "latest.npz";
    /** File name of the checkpoint with the lowest validation loss. */
    public static final String BEST = "best.npz";
    private static final String META = "meta/";

    private final Path dir;

    public Checkpoints(Path dir) {
        this.dir = dir;
    }

    public Path latestFile() {
        return dir.resolve(LATEST);
    }

    public Path bestFile() {
        return dir.resolve(BEST);
    }

    /** Saves {@code model} (weights and optimizer state) as the latest checkpoint; also as best if {@code best}. */
    public void save(GraphModel model, CheckpointInfo info, boolean best) throws IOException {
        Files.createDirectories(dir);
        Map<String, NpyArray> arrays = new LinkedHashMap<>(NdArrays.toNpy(model.checkpointArrays()));
        arrays.put(META + "epoch", NpyArray.ofLongs(new long[] {info.epoch()}));
        arrays.put(META + "train_loss", NpyArray.ofDoubles(new double[] {info.trainLoss()}));
        arrays.put(META + "valid_loss", NpyArray.ofDoubles(new double[] {info.validLoss()}));
        arrays.put(META + "best_valid_loss", NpyArray.ofDoubles(new double[] {info.bestValidLoss()}));
        arrays.put(META + "best_epoch", NpyArray.ofLongs(new long[] {info.bestEpoch()}));
        Npz.write(latestFile(), arrays);
        if (best) {
            AtomicFiles.write(bestFile(), out -> Files.copy(latestFile(), out));
        }
    }

    /** The latest checkpoint's info, if there is one. */
    public Optional<CheckpointInfo> latestInfo() {
        if (!Files.isRegularFile(latestFile())) {
            return Optional.empty();
        }
        return Optional.of(info(latestFile(), Npz.read(latestFile())));
    }

    /** Restores weights and optimizer state from the latest checkpoint. */
    public CheckpointInfo restoreLatest(GraphModel model) {
        if (!Files.isRegularFile(latestFile())) {
            throw InvalidDataException.of(latestFile(), "no such checkpoint: nothing to resume; run the command that made the experiment again (without --init-epoch) to start it afresh");
        }
        return restore(latestFile(), model);
    }

    /** Restores weights and optimizer state from {@code file}, naming the file in any mismatch. */
    public static CheckpointInfo restore(Path file, GraphModel model) {
        Map<String, NpyArray> arrays = Npz.read(file);
        try {
            model.restore(NdArrays.fromNpy(arrays));
        } catch (IllegalArgumentException e) {
            throw InvalidDataException.of(file, e.getMessage(), e);
        }
        return info(file, arrays);
    }

    /** The model arrays (weights, optimizer state) of a checkpoint file, without its meta entries. */
    public static Map<String, INDArray> readArrays(Path file) {
        Map<String, NpyArray> arrays = new LinkedHashMap<>(Npz.read(file));
        arrays.keySet().removeIf(k -> k.startsWith(META));
        return NdArrays.fromNpy(arrays);
    }

    private static CheckpointInfo info(Path file, Map<String, NpyArray> arrays) {
        try {
            return new CheckpointInfo(
                    (int) arrays.get(META + "epoch").toLongArray()[0],
                    arrays.get(META + "train_loss").toDoubleArray()[0],
                    arrays.get(META + "valid_loss").toDoubleArray()[0],
                    arrays.get(META + "best_valid_loss").toDoubleArray()[0],
                    (int) arrays.get(META + "best_epoch").toLongArray()[0]);
        } catch (NullPointerException | ArithmeticException e) {
            throw InvalidDataException.of(file, "not a synvae checkpoint (missing meta/ entries)", e);
        }
    }
}
