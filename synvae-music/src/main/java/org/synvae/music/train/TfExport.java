package org.synvae.music.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.synvae.data.io.NdArrays;
import org.synvae.data.io.NpyArray;
import org.synvae.models.train.EpochResult;
import org.synvae.models.train.TrainingListener;
import org.synvae.music.checkpoint.TfCheckpointWriter;

/**
 * Writes the MusicVAE's weights as a TensorFlow checkpoint after every epoch (keeping the latest few),
 * {@code <dir>/model.ckpt-<step>} with magenta's variable names, and points the directory's
 * {@code checkpoint} file at it, in the layout of magenta's checkpoints (for {@code synvae music
 * sample} and the other music commands; loading in magenta itself is untested).
 */
public final class TfExport implements TrainingListener<MelodyBatch> {
    /** TensorFlow's step counter variable. */
    public static final String GLOBAL_STEP = "global_step";
    /** How many exports {@link #TfExport(MusicVaeTraining, Path)} keeps: TensorFlow's Saver default. */
    public static final int KEEP = 5;
    private static final Pattern FILE = Pattern.compile("model\\.ckpt-(\\d+)\\.(index|data-\\d+-of-\\d+)");
    private final MusicVaeTraining training;
    private final Path dir;
    private final int keep;

    /** Keeps the last {@link #KEEP} exports. */
    public TfExport(MusicVaeTraining training, Path dir) {
        this(training, dir, KEEP);
    }

    /** Keeps the last {@code keep} exports, deleting older ones (as the Saver's max_to_keep). */
    public TfExport(MusicVaeTraining training, Path dir, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep " + keep + " exports? at least 1");
        }
        this.training = training;
        this.dir = dir;
        this.keep = keep;
    }

    /** The checkpoint prefix for {@code step}. */
    public static Path prefix(Path dir, long step) {
        return dir.resolve("model.ckpt-" + step);
    }

    @Override
    public void onEpochEnd(EpochResult result) throws IOException {
        Path prefix = prefix(dir, result.step());
        // As magenta's Saver writes them: variables in name order, then the int64 scalar global_step,
        // which magenta's TrainedModel restores along with the weights.
        Map<String, NpyArray> tensors = new LinkedHashMap<>(NdArrays.toNpy(new TreeMap<>(training.musicVaeWeights())));
        tensors.put(GLOBAL_STEP, NpyArray.ofLongs(new long[] {result.step()}));
        TfCheckpointWriter.write(prefix, tensors);
        TfCheckpointWriter.writeCheckpointStateFile(dir, prefix.getFileName().toString());
        prune();
    }

    /** Deletes the files of all but the {@code keep} latest steps. */
    private void prune() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> FILE.matcher(f.getFileName().toString()).matches()).toList();
        }
        TreeSet<Long> steps = new TreeSet<>();
        files.forEach(f -> steps.add(step(f)));
        while (steps.size() > keep) {
            long old = steps.pollFirst();
            for (Path f : files) {
                if (step(f) == old) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static long step(Path file) {
        Matcher m = FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalStateException(file.toString());
        }
        return Long.parseLong(m.group(1));
    }
}
