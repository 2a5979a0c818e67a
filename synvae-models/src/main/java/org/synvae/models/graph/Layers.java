package org.synvae.models.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Keras-like layers on a SameDiff graph; convolutions run in CBHW layout ([channels, batch, h, w]). Weights are named {@code <scope>/W} and
 * {@code <scope>/b}, so checkpoints and weight transfers can address them by name.
 */
public final class Layers {
    private final SameDiff sd;
    private final Init init;

    public Layers(SameDiff sd, Init init) {
        this.sd = sd;
        this.init = init;
    }

    public SameDiff sameDiff() {
        return sd;
    }

    /** Dense layer {@code x W + b} with Glorot-uniform W [in, out] and zero bias. */
    public SDVariable dense(String scope, SDVariable x, long in, long out) {
        SDVariable w = sd.var(scope + "/W", init.glorotUniform(in, out, in, out));
        SDVariable b = sd.var(scope + "/b", Init.zeros(out));
        return x.mmul(w).add(scope + "/out", b);
    }

    /**
     * 2-D convolution, weights [kH, kW, inC, outC] as TensorFlow's. Input and output are in CBHW
     * layout (see {@link PatchConv}); {@code height} and {@code width} are the input's static size.
     */
    public SDVariable conv2d(String scope, SDVariable x, long height, long width, long inChannels, ConvSpec spec) {
        long k = spec.kernel();
        long fanIn = k * k * inChannels;
        long fanOut = k * k * spec.filters();
        SDVariable w = sd.var(scope + "/W", init.glorotUniform(fanIn, fanOut, k, k, inChannels, spec.filters()));
        SDVariable b = sd.var(scope + "/b", Init.zeros(spec.filters()));
        return PatchConv.apply(sd, scope, x, w, b, height, width, inChannels, spec);
    }

    /**
     * Transposed 2-D convolution with "same" padding, weights [kH, kW, outC, inC] as TensorFlow's
     * Conv2DTranspose. Input and output are in CBHW layout ({@code [channels, batch, height, width]},
     * see {@link TransposedConv}); {@code height} and {@code width} are the input's static size.
     */
    public SDVariable deconv2d(String scope, SDVariable x, long height, long width, long inChannels, ConvSpec spec) {
        long k = spec.kernel();
        long fanIn = k * k * spec.filters();
        long fanOut = k * k * inChannels;
        SDVariable w = sd.var(scope + "/W", init.glorotUniform(fanIn, fanOut, k, k, spec.filters(), inChannels));
        SDVariable b = sd.var(scope + "/b", Init.zeros(spec.filters()));
        return TransposedConv.apply(sd, scope, x, w, b, height, width, inChannels, spec);
    }
}
