package org.synvae.cli;

import java.util.stream.IntStream;
import org.synvae.data.ImageDataset;
import org.synvae.data.Split;

/** The data choices a vis-train run records, replayed identically by vis-eval. */
final class TrainingData {
    /** The seed's MNIST split: 10,000 of the 60,000 training images (one in six) validate. */
    static final String MNIST_SPLIT = "mnist";

    private TrainingData() {
    }

    /** The first {@code max} images, or all when {@code max <= 0}. */
    static ImageDataset limit(ImageDataset data, int max) {
        if (max <= 0 || max >= data.size()) {
            return data;
        }
        return data.subset(data.name() + "[:" + max + "]", IntStream.range(0, max).toArray());
    }

    /** The train/validation split recorded as {@code validFraction} ("mnist" or a fraction). */
    static Split split(ImageDataset data, String validFraction, long seed) {
        if (MNIST_SPLIT.equals(validFraction)) {
            // 50k/10k on the full set, the same share on smaller (--max-images) runs.
            return Split.ofFraction(data.size(), 1.0 / 6, seed);
        }
        return Split.ofFraction(data.size(), Double.parseDouble(validFraction), seed);
    }
}
