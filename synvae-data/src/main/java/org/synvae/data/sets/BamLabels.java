package org.synvae.data.sets;

import java.nio.file.Path;
import java.util.List;
import org.synvae.data.ImageShape;

/**
 * The images of a BAM directory that have a label in one {@link BamLabelGroup}, in MID order, with
 * both views of their labels: one class per image (the multiclass view the seed trains on) and the
 * present/absent matrix of the group's columns (for a multi-label classifier). Made by
 * {@link Bam#labels}; holds paths and labels only, no pixels.
 */
public final class BamLabels {
    private final Path dir;
    private final BamLabelGroup group;
    private final long[] mids;
    private final List<Path> files;
    private final int[] classes;
    private final boolean[][] present;
    private final int dropped;

    BamLabels(Path dir, BamLabelGroup group, long[] mids, List<Path> files, int[] classes, boolean[][] present, int dropped) {
        this.dir = dir;
        this.group = group;
        this.mids = mids;
        this.files = List.copyOf(files);
        this.classes = classes;
        this.present = present;
        this.dropped = dropped;
    }

    /** The BAM directory these labels came from. */
    public Path dir() {
        return dir;
    }

    /** The label group. */
    public BamLabelGroup group() {
        return group;
    }

    /** Number of kept images (those with at least one present label in the group). */
    public int size() {
        return classes.length;
    }

    /** Number of images left out because no label of the group was present. */
    public int dropped() {
        return dropped;
    }

    /** The MIDs of the kept images, ascending. */
    public long[] mids() {
        return mids.clone();
    }

    /** The image files of the kept images, in MID order (unmodifiable). */
    public List<Path> files() {
        return files;
    }

    /** The group's class names, indexed by class. */
    public List<String> classNames() {
        return group.classNames();
    }

    /** One class per kept image: its present column with the highest value (ties: the first). */
    public int[] classes() {
        return classes.clone();
    }

    /**
     * The multi-label view: {@code [size()][group().columnCount()]}, true where the column's value
     * is above 0.5; every row has at least one true. A copy.
     */
    public boolean[][] present() {
        boolean[][] out = new boolean[present.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = present[i].clone();
        }
        return out;
    }

    /** The multi-label view as a row-major 0/1 float matrix {@code [size() * group().columnCount()]}. */
    public float[] presentAsFloats() {
        int width = group.columnCount();
        float[] out = new float[present.length * width];
        for (int i = 0; i < present.length; i++) {
            for (int c = 0; c < width; c++) {
                out[i * width + c] = present[i][c] ? 1f : 0f;
            }
        }
        return out;
    }

    /** The kept images as a streamed data set with the multiclass labels, named {@code bam:<dir>/<group>}. */
    public FileImages images(ImageShape shape) {
        Path dirName = dir.toAbsolutePath().normalize().getFileName();
        return new FileImages("bam:" + (dirName == null ? dir : dirName) + "/" + group, shape, files, classes, group.classNames());
    }
}
