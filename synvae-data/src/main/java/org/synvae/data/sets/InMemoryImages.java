package org.synvae.data.sets;

import java.util.List;
import java.util.SplittableRandom;
import org.synvae.data.LabelledImages;
import org.synvae.data.ImageShape;

/**
 * Images held as unsigned bytes (one byte per pixel and channel, HWC), converted to floats on read:
 * MNIST's 60,000 training images take 47 MB this way rather than 188 MB as floats.
 */
public final class InMemoryImages extends LabelledImages {
    private final byte[] pixels;
    private final boolean binarize;

    /**
     * @param pixels   {@code labels.length * shape.size()} bytes, HWC per image
     * @param binarize map pixel values to 0 or 1 at 0.5 (the seed's MNIST preprocessing)
     */
    public InMemoryImages(String name, ImageShape shape, byte[] pixels, int[] labels, List<String> classNames, boolean binarize) {
        super(name, shape, labels, classNames);
        if ((long) labels.length * shape.size() != pixels.length) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixel bytes do not hold "
                    + labels.length + " images of " + shape);
        }
        this.pixels = pixels;
        this.binarize = binarize;
    }

    /** Whether pixels are binarised at 0.5. */
    public boolean binarized() {
        return binarize;
    }

    @Override
    public void readImage(int index, float[] dst, int offset, SplittableRandom augment) {
        int n = shape().size();
        int base = index * n;
        for (int i = 0; i < n; i++) {
            float v = (pixels[base + i] & 0xFF) / 255f;
            dst[offset + i] = binarize ? (v >= 0.5f ? 1f : 0f) : v;
        }
    }
}
