package org.synvae.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A labelled set of images of one shape. Images are read on demand as floats in [0, 1], row-major
 * HWC, so a data set can live on disk (BAM, image folders) or in memory (MNIST, CIFAR-10).
 */
public interface ImageDataset {

    /** A short description for logs and provenance, e.g. {@code mnist/train}. */
    String name();

    /** Shape of every image this data set yields. */
    ImageShape shape();

    /** Number of images. */
    int size();

    /** Class index of image {@code index}, in {@code [0, classNames().size())}. */
    int label(int index);

    /** Readable class names, indexed by label. */
    List<String> classNames();

    /**
     * Writes image {@code index} into {@code dst} from {@code offset} ({@link ImageShape#size()} floats).
     *
     * @param augment random source for training-time augmentation (a random crop where the source is
     *                larger than the shape); {@code null} gives the deterministic evaluation view
     *                (a centre crop)
     * @throws InvalidDataException if the image cannot be read
     */
    void readImage(int index, float[] dst, int offset, SplittableRandom augment);

    /** All labels, in order. */
    default int[] labels() {
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = label(i);
        }
        return out;
    }

    /** A view on the images at {@code indices}, in that order. */
    default ImageDataset subset(String name, int[] indices) {
        return new SubsetDataset(this, name, indices);
    }
}
