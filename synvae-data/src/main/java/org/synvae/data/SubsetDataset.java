package org.synvae.data;

import java.util.List;
import java.util.SplittableRandom;

/** A view on some images of another data set, e.g. one side of a train/validation split. */
final class SubsetDataset implements ImageDataset {
    private final ImageDataset base;
    private final String name;
    private final int[] indices;

    SubsetDataset(ImageDataset base, String name, int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= base.size()) {
                throw new IndexOutOfBoundsException("index " + i + " outside data set of " + base.size());
            }
        }
        this.base = base;
        this.name = name;
        this.indices = indices.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ImageShape shape() {
        return base.shape();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public int label(int index) {
        return base.label(indices[index]);
    }

    @Override
    public List<String> classNames() {
        return base.classNames();
    }

    @Override
    public void readImage(int index, float[] dst, int offset, SplittableRandom augment) {
        base.readImage(indices[index], dst, offset, augment);
    }
}
