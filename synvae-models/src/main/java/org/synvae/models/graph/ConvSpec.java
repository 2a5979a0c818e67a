package org.synvae.models.graph;

/**
 * One convolution (or transposed convolution) layer: filters, square kernel, stride, padding.
 *
 * @param filters output channels
 * @param kernel  kernel height and width
 * @param stride  stride in both directions
 * @param same    "same" padding (output = ceil(input / stride)) rather than "valid"
 */
public record ConvSpec(int filters, int kernel, int stride, boolean same) {
    public ConvSpec {
        if (filters < 1 || kernel < 1 || stride < 1) {
            throw new IllegalArgumentException("filters, kernel and stride must be positive: " + this);
        }
    }

    /** A 3x3, stride-2, same-padded layer, the seed's usual building block. */
    public static ConvSpec down(int filters) {
        return new ConvSpec(filters, 3, 2, true);
    }

    /** Spatial size after this layer as a forward convolution. */
    public int convOutput(int input) {
        return same ? (input + stride - 1) / stride : (input - kernel) / stride + 1;
    }

    /** Spatial size after this layer as a transposed convolution (as Keras' Conv2DTranspose). */
    public int deconvOutput(int input) {
        return same ? input * stride : (input - 1) * stride + kernel;
    }
}
