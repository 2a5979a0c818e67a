package org.synvae.data;

/**
 * Height, width and channels of an image tensor in NHWC layout.
 *
 * @param height   rows
 * @param width    columns
 * @param channels 1 (grey) or 3 (RGB)
 */
public record ImageShape(int height, int width, int channels) {
    public ImageShape {
        if (height < 1 || width < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException("invalid image shape " + height + "x" + width + "x" + channels);
        }
    }

    /** Number of floats in one image. */
    public int size() {
        return height * width * channels;
    }

    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}
