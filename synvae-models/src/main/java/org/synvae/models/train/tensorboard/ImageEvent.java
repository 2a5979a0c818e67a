package org.synvae.models.train.tensorboard;

import java.util.Arrays;

/**
 * One image read back from an event file.
 *
 * @param tag the image's name
 * @param step the training step
 * @param height the height in pixels
 * @param width the width in pixels
 * @param colorspace 1 gray, 2 gray with alpha, 3 RGB, 4 RGBA
 * @param encodedImage the encoded image, PNG for images this package writes
 */
public record ImageEvent(String tag, long step, int height, int width, int colorspace, byte[] encodedImage) {

    /** Keeps a copy, so the event stays as it was read. */
    public ImageEvent {
        encodedImage = encodedImage.clone();
    }

    /** A copy of the encoded image. */
    @Override
    public byte[] encodedImage() {
        return encodedImage.clone();
    }

    // Records compare arrays by reference; the image bytes are compared by content instead.
    @Override
    public boolean equals(Object o) {
        return o instanceof ImageEvent e && tag.equals(e.tag) && step == e.step && height == e.height
                && width == e.width && colorspace == e.colorspace && Arrays.equals(encodedImage, e.encodedImage);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * tag.hashCode() + Long.hashCode(step)) + Arrays.hashCode(encodedImage);
    }

    @Override
    public String toString() {
        return "ImageEvent[tag=" + tag + ", step=" + step + ", height=" + height + ", width=" + width
                + ", colorspace=" + colorspace + ", encodedImage=" + encodedImage.length + " bytes]";
    }
}
