package org.synvae.data.sets;

/** Which half of a data set's official split to load. */
public enum Part {
    /** The training images (split further into train and validation by {@link org.synvae.data.Split}). */
    TRAIN,
    /** The held-out test images. */
    TEST
}
