package org.synvae.data;

import java.util.List;

/**
 * The common part of data sets that own their labels: name, shape, labels and class names, checked
 * once at construction. Subclasses say only how an image is read.
 */
public abstract class LabelledImages implements ImageDataset {
    private final String name;
    private final ImageShape shape;
    private final int[] labels;
    private final List<String> classNames;

    /**
     * @throws IllegalArgumentException if a label is outside {@code [0, classNames.size())}
     */
    protected LabelledImages(String name, ImageShape shape, int[] labels, List<String> classNames) {
        for (int label : labels) {
            if (label < 0 || label >= classNames.size()) {
                throw new IllegalArgumentException(name + ": label " + label + " outside the " + classNames.size() + " classes");
            }
        }
        this.name = name;
        this.shape = shape;
        this.labels = labels.clone();
        this.classNames = List.copyOf(classNames);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final ImageShape shape() {
        return shape;
    }

    @Override
    public final int size() {
        return labels.length;
    }

    @Override
    public final int label(int index) {
        return labels[index];
    }

    @Override
    public final List<String> classNames() {
        return classNames;
    }
}
