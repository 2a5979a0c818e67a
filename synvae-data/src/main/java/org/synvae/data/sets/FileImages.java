package org.synvae.data.sets;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.synvae.data.LabelledImages;
import org.synvae.data.ImageShape;
import org.synvae.data.image.Images;

/**
 * Images streamed from files: each read decodes one file and fits it to the shape (shorter side
 * scaled, then a random crop when augmenting, else a centred one). Nothing is decoded up front, so
 * a folder of 100,000 JPEGs costs only its list of paths.
 */
public final class FileImages extends LabelledImages {
    private final List<Path> files;

    /**
     * @param files      one file per image
     * @param labels     class index per file, in {@code [0, classNames.size())}
     * @param classNames readable class names, indexed by label
     * @throws IllegalArgumentException if the counts differ or a label is out of range
     */
    public FileImages(String name, ImageShape shape, List<Path> files, int[] labels, List<String> classNames) {
        super(name, shape, labels, classNames);
        if (files.size() != labels.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels for " + files.size() + " files");
        }
        this.files = List.copyOf(files);
    }

    /** The file of image {@code index}. */
    public Path file(int index) {
        return files.get(index);
    }

    /** All files, in order (unmodifiable). */
    public List<Path> files() {
        return files;
    }

    @Override
    public void readImage(int index, float[] dst, int offset, SplittableRandom augment) {
        Images.fit(Images.read(files.get(index)), shape(), augment, dst, offset);
    }
}
