package org.synvae.data.sets;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.synvae.data.ImageDataset;
import org.synvae.data.ImageShape;
import org.synvae.data.image.Images;

/**
 * Images streamed from files: each read decodes one file and fits it to the shape (shorter side
 * scaled, then a random crop when augmenting, else a centred one). Nothing is decoded up front, so
 * a folder of 100,000 JPEGs costs only its list of paths.
 */
public final class FileImages implements ImageDataset {
    private final String name;
    private final ImageShape shape;
    private final List<Path> files;
    private final int[] labels;
    private final List<String> classNames;

    /**
     * @param files      one file per image
     * @param labels     class index per file, in {@code [0, classNames.size())}
     * @param classNames readable class names, indexed by label
     * @throws IllegalArgumentException if the counts differ or a label is out of range
     */
    public FileImages(String name, ImageShape shape, List<Path> files, int[] labels, List<String> classNames) {
        if (files.size() != labels.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels for " + files.size() + " files");
        }
        for (int label : labels) {
            if (label < 0 || label >= classNames.size()) {
                throw new IllegalArgumentException(name + ": label " + label + " outside the " + classNames.size() + " classes");
            }
        }
        this.name = name;
        this.shape = shape;
        this.files = List.copyOf(files);
        this.labels = labels.clone();
        this.classNames = List.copyOf(classNames);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ImageShape shape() {
        return shape;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public List<String> classNames() {
        return classNames;
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
        Images.fit(Images.read(files.get(index)), shape, augment, dst, offset);
    }
}
