package org.synvae.data.sets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.synvae.data.ImageShape;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;

/**
 * The Behance Artistic Media data set in the seed's layout: {@code <dir>/img/<MID>.jpg} (MID a
 * non-negative integer) and {@code <dir>/labels.npy}, a numeric [N, 15] array whose rows follow the
 * images sorted numerically by MID (so {@code 2.jpg} comes before {@code 10.jpg}) and whose columns
 * are {@link #COLUMNS}.
 *
 * <p><b>Uncertain labels.</b> BAM scores each attribute as a probability, with 0.5 meaning
 * "uncertain". A label counts as present only when its value is <em>above</em> 0.5; 0.5 itself
 * counts as absent. (The seed was not consistent here: some of its scripts rounded 0.5 up, others
 * down; this is the one rule used throughout SynVAE for the JVM.)
 *
 * <p><b>One class per image.</b> Within the chosen {@link BamLabelGroup}, an image's class is its
 * present column with the highest value, the first such column on ties. Images with no present
 * label in the group are left out (the count is logged), as the seed trains only on labelled images.
 *
 * <p><b>Files in img/.</b> Only files ending in {@code .jpg} or {@code .jpeg} (any case) are images;
 * each must be named by an integer MID, else loading fails naming the file. Other files are ignored
 * with a warning (hidden ones silently), since a stray {@code Thumbs.db} should not stop training; an
 * image missing from img/ is still caught, as the row count of labels.npy would then differ.
 */
public final class Bam {
    private static final Logger LOG = LogManager.getLogger(Bam.class);

    /** The 15 columns of {@code labels.npy}, in the seed's order. */
    public static final List<String> COLUMNS = Arrays.stream(BamLabelGroup.values())
            .flatMap(g -> g.columnNames().stream()).toList();
    /** A label is present when its value is strictly above this; 0.5 is BAM's "uncertain". */
    public static final double PRESENT_ABOVE = 0.5;

    private Bam() {
    }

    /**
     * The images of {@code dir} with a label in {@code group}, streamed from disk, each fitted to
     * {@code shape} (a random crop when a training pass augments, else a centred one).
     *
     * @throws InvalidDataException naming the offending file (see {@link #labels})
     */
    public static FileImages load(Path dir, BamLabelGroup group, ImageShape shape) {
        return labels(dir, group).images(shape);
    }

    /**
     * Lists img/ and reads labels.npy for {@code group}; decodes no image.
     *
     * @throws InvalidDataException naming the file if img/ or labels.npy is missing, an image is not
     *                              named {@code <MID>.jpg}, labels.npy is not a numeric [N, 15] array
     *                              with one row per image and finite values, or no image has a
     *                              present label in {@code group}
     */
    public static BamLabels labels(Path dir, BamLabelGroup group) {
        if (!Files.isDirectory(dir)) {
            throw InvalidDataException.of(dir, "no such directory (expected BAM's img/ and labels.npy)");
        }
        Path imgDir = dir.resolve("img");
        if (!Files.isDirectory(imgDir)) {
            throw InvalidDataException.of(imgDir, "no such directory (expected the <MID>.jpg images)");
        }
        Path labelsFile = dir.resolve("labels.npy");
        if (!Files.isRegularFile(labelsFile)) {
            throw InvalidDataException.of(labelsFile, "no such file (expected BAM's [N, 15] label array)");
        }
        List<Image> images = listImages(imgDir);
        double[] values = readLabels(labelsFile, images.size());

        int first = group.firstColumn();
        int width = group.columnCount();
        List<Integer> kept = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        List<boolean[]> present = new ArrayList<>();
        for (int row = 0; row < images.size(); row++) {
            boolean[] p = new boolean[width];
            int best = -1;
            for (int c = 0; c < width; c++) {
                double v = values[row * COLUMNS.size() + first + c];
                p[c] = v > PRESENT_ABOVE;
                // Strictly greater, so the first of equal values wins.
                if (p[c] && (best < 0 || v > values[row * COLUMNS.size() + first + best])) {
                    best = c;
                }
            }
            if (best >= 0) {
                kept.add(row);
                classes.add(best);
                present.add(p);
            }
        }
        int dropped = images.size() - kept.size();
        if (kept.isEmpty()) {
            throw InvalidDataException.of(labelsFile, "none of the " + images.size() + " images has a " + group
                    + " label above " + PRESENT_ABOVE + " (columns " + first + "-" + (first + width - 1) + ")");
        }
        if (dropped > 0) {
            LOG.info("{}: {} of {} images have no {} label above {} and are left out", dir, dropped, images.size(),
                    group, PRESENT_ABOVE);
        }
        long[] mids = kept.stream().mapToLong(i -> images.get(i).mid).toArray();
        List<Path> files = kept.stream().map(i -> images.get(i).file).toList();
        return new BamLabels(dir, group, mids, files, classes.stream().mapToInt(Integer::intValue).toArray(),
                present.toArray(new boolean[0][]), dropped);
    }

    private record Image(long mid, Path file) {
    }

    /** The JPEGs of img/, sorted by MID. */
    private static List<Image> listImages(Path imgDir) {
        List<Image> images = new ArrayList<>();
        Map<Long, Path> seen = new HashMap<>();
        int ignored = 0;
        Path example = null;
        try (Stream<Path> s = Files.list(imgDir)) {
            for (Path file : (Iterable<Path>) s.sorted()::iterator) {
                String name = file.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                boolean jpeg = lower.endsWith(".jpg") || lower.endsWith(".jpeg");
                if (name.startsWith(".")) {
                    continue;
                }
                if (!jpeg || !Files.isRegularFile(file)) {
                    ignored++;
                    example = example == null ? file : example;
                    continue;
                }
                long mid = parseMid(file, name.substring(0, name.lastIndexOf('.')));
                Path other = seen.putIfAbsent(mid, file);
                if (other != null) {
                    throw InvalidDataException.of(file, "MID " + mid + " appears twice (also " + other.getFileName() + ")");
                }
                images.add(new Image(mid, file));
            }
        } catch (IOException e) {
            throw InvalidDataException.of(imgDir, "cannot list directory (" + e.getMessage() + ")", e);
        }
        if (ignored > 0) {
            LOG.warn("{}: ignored {} entries that are not <MID>.jpg files, e.g. {}", imgDir, ignored, example.getFileName());
        }
        if (images.isEmpty()) {
            throw InvalidDataException.of(imgDir, "no <MID>.jpg images");
        }
        images.sort(Comparator.comparingLong(Image::mid));
        return images;
    }

    private static long parseMid(Path file, String stem) {
        if (stem.isEmpty() || stem.length() > 18 || !stem.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw InvalidDataException.of(file, "not named <MID>.jpg with an integer MID, as BAM images must be");
        }
        return Long.parseLong(stem);
    }

    /** The values of labels.npy, row-major [rows, 15], checked against the image count. */
    private static double[] readLabels(Path labelsFile, int imageCount) {
        NpyArray labels;
        try {
            labels = Npy.read(labelsFile);
        } catch (NoSuchFileException e) {
            throw InvalidDataException.of(labelsFile, "no such file", e);
        } catch (IOException e) {
            throw InvalidDataException.of(labelsFile, "cannot read (" + e.getMessage() + ")", e);
        }
        // Every NpyDType is numeric (bool, integer or float), so any array Npy reads is acceptable here.
        long[] shape = labels.shape();
        if (shape.length != 2 || shape[1] != COLUMNS.size()) {
            throw InvalidDataException.of(labelsFile, "shape " + Arrays.toString(shape) + " of " + labels.dtype()
                    + " is not [N, " + COLUMNS.size() + "] (BAM's content, emotion and media columns)");
        }
        if (shape[0] != imageCount) {
            throw InvalidDataException.of(labelsFile, "has " + shape[0] + " rows for " + imageCount
                    + " images in img/ (one row per image, sorted by MID)");
        }
        double[] values = labels.toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw InvalidDataException.of(labelsFile, "value " + values[i] + " at row " + i / COLUMNS.size()
                        + ", column " + COLUMNS.get(i % COLUMNS.size()) + " is not finite");
            }
        }
        return values;
    }
}
