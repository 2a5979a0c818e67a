package org.synvae.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batches over an {@link ImageDataset}. Training batches come in a seeded shuffled order with
 * augmentation and drop the remainder (as the seed's {@code drop_remainder=True}); evaluation
 * batches keep the data set's order and include a last, smaller batch so every image is seen.
 */
public final class Batches implements Iterable<ImageBatch> {
    private final ImageDataset dataset;
    private final int batchSize;
    private final int[] order;
    private final boolean dropRemainder;
    private final long augmentSeed;
    private final boolean augment;

    private Batches(ImageDataset dataset, int batchSize, int[] order, boolean dropRemainder, boolean augment, long augmentSeed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.order = order;
        this.dropRemainder = dropRemainder;
        this.augment = augment;
        this.augmentSeed = augmentSeed;
    }

    /**
     * Shuffled, augmented batches without remainder. The order and the augmentation depend only on
     * {@code seed}, so a run resumed at an epoch sees the same batches as an uninterrupted one.
     */
    public static Batches training(ImageDataset dataset, int batchSize, long seed) {
        if (dataset.size() < batchSize) {
            throw new InvalidDataException(dataset.name() + ": " + dataset.size()
                    + " images are fewer than one batch of " + batchSize);
        }
        long orderSeed = new SplittableRandom(seed).nextLong();
        return new Batches(dataset, batchSize, Shuffle.permutation(dataset.size(), orderSeed), true, true, seed);
    }

    /** All images in order, without augmentation, the last batch possibly smaller. */
    public static Batches evaluation(ImageDataset dataset, int batchSize) {
        int[] order = new int[dataset.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return new Batches(dataset, batchSize, order, false, false, 0);
    }

    /** Number of batches. */
    public int count() {
        return dropRemainder ? order.length / batchSize : (order.length + batchSize - 1) / batchSize;
    }

    @Override
    public Iterator<ImageBatch> iterator() {
        SplittableRandom random = augment ? new SplittableRandom(augmentSeed ^ 0x5DEECE66DL) : null;
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count();
            }

            @Override
            public ImageBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int start = next++ * batchSize;
                int n = Math.min(batchSize, order.length - start);
                ImageShape shape = dataset.shape();
                float[] pixels = new float[n * shape.size()];
                int[] labels = new int[n];
                int[] indices = new int[n];
                for (int i = 0; i < n; i++) {
                    int index = order[start + i];
                    dataset.readImage(index, pixels, i * shape.size(), random);
                    labels[i] = dataset.label(index);
                    indices[i] = index;
                }
                return new ImageBatch(Nd4j.create(pixels, new long[] {n, shape.height(), shape.width(), shape.channels()}, 'c'),
                        labels, indices);
            }
        };
    }
}
