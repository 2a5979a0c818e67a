package org.synvae.models.graph;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras-like layers on a SameDiff graph; convolutions run in CBHW layout ([channels, batch, h, w]). Weights are named {@code <scope>/W} and
 * {@code <scope>/b}, so checkpoints and weight transfers can address them by name.
 */
public final class Layers {
    private final SameDiff sd;
    private final Init init;
    private final Map<String, INDArray> shared;

    public Layers(SameDiff sd, Init init) {
        this(sd, init, Map.of());
    }

    /**
     * Layers whose weights named in {@code shared} are those very arrays (same memory, not copies),
     * e.g. a second graph over part of another graph's live weights; the others are initialised
     * from {@code init}. A shared array of the wrong shape fails naming it.
     */
    public Layers(SameDiff sd, Init init, Map<String, INDArray> shared) {
        this.sd = sd;
        this.init = init;
        this.shared = Map.copyOf(shared);
    }

    public SameDiff sameDiff() {
        return sd;
    }

    /** Dense layer {@code x W + b} with Glorot-uniform W [in, out] and zero bias. */
    public SDVariable dense(String scope, SDVariable x, long in, long out) {
        SDVariable w = variable(scope + "/W", () -> init.glorotUniform(in, out, in, out));
        SDVariable b = variable(scope + "/b", () -> Init.zeros(out));
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
        SDVariable w = variable(scope + "/W", () -> init.glorotUniform(fanIn, fanOut, k, k, inChannels, spec.filters()));
        SDVariable b = variable(scope + "/b", () -> Init.zeros(spec.filters()));
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
        SDVariable w = variable(scope + "/W", () -> init.glorotUniform(fanIn, fanOut, k, k, spec.filters(), inChannels));
        SDVariable b = variable(scope + "/b", () -> Init.zeros(spec.filters()));
        return TransposedConv.apply(sd, scope, x, w, b, height, width, inChannels, spec);
    }

    /** A new variable: the shared array of that name, else a fresh one (always drawn, so the initialiser's sequence stays the same). */
    private SDVariable variable(String name, Supplier<INDArray> fresh) {
        INDArray initial = fresh.get();
        INDArray given = shared.get(name);
        if (given == null) {
            return sd.var(name, initial);
        }
        if (!Arrays.equals(given.shape(), initial.shape())) {
            throw new IllegalArgumentException("shared weight '" + name + "' has shape " + Arrays.toString(given.shape())
                    + ", the layer needs " + Arrays.toString(initial.shape()));
        }
        return sd.var(name, given);
    }
}
