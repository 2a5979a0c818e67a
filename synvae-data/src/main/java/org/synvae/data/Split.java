package org.synvae.data;

import java.util.Arrays;

/**
 * A seeded train/validation split of {@code n} items: a permutation drawn from {@code seed}, whose
 * first part trains and whose rest validates. The seed is kept so the split can be recorded and
 * replayed.
 *
 * @param train indices of training items
 * @param valid indices of validation items
 * @param seed  the seed of the permutation
 */
public record Split(int[] train, int[] valid, long seed) {

    /** The fraction of items that validate by default (the seed's 80/20 split). */
    public static final double DEFAULT_VALID_FRACTION = 0.2;

    public Split {
        train = train.clone();
        valid = valid.clone();
    }

    /** Splits off {@code validCount} items for validation. */
    public static Split ofCount(int n, int validCount, long seed) {
        if (validCount < 1 || validCount >= n) {
            throw new IllegalArgumentException("cannot split " + validCount + " validation items off " + n);
        }
        int[] perm = Shuffle.permutation(n, seed);
        return new Split(Arrays.copyOfRange(perm, 0, n - validCount), Arrays.copyOfRange(perm, n - validCount, n), seed);
    }

    /** Splits off {@code round(n * validFraction)} items (at least one) for validation. */
    public static Split ofFraction(int n, double validFraction, long seed) {
        if (!(validFraction > 0 && validFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validFraction);
        }
        return ofCount(n, Math.max(1, (int) Math.round(n * validFraction)), seed);
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] valid() {
        return valid.clone();
    }

    /** The training side of {@code dataset}. */
    public ImageDataset trainOf(ImageDataset dataset) {
        return dataset.subset(dataset.name() + "[train]", train);
    }

    /** The validation side of {@code dataset}. */
    public ImageDataset validOf(ImageDataset dataset) {
        return dataset.subset(dataset.name() + "[valid]", valid);
    }
}
