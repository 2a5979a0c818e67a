package org.synvae.models.visual;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.synvae.models.graph.ConvSpec;
import org.synvae.models.graph.Layers;

/**
 * The visual encoder: images [B, H, W, C] to a Gaussian posterior over the latent. Its variables
 * live under {@value #SCOPE}, so it can be wired into other graphs (the SynVAE) on its own.
 */
public final class VisualEncoder {
    /** Name scope of the encoder's variables. */
    public static final String SCOPE = "vis_enc";

    private VisualEncoder() {
    }

    /** Adds the encoder for {@code arch} with {@code latentDim} latents to the graph of {@code layers}. */
    public static GaussianLatent build(Layers layers, VisualArchitecture arch, int latentDim, SDVariable images) {
        SDVariable flat = features(layers, arch, SCOPE, images);
        long features = arch.encoderFeatures();
        SDVariable mean = layers.dense(SCOPE + "/mean", flat, features, latentDim);
        SDVariable logVar = layers.dense(SCOPE + "/log_var", flat, features, latentDim);
        return new GaussianLatent(mean, logVar);
    }

    /**
     * The encoder's convolution stack alone (ReLU after each), its variables under {@code scope}:
     * images [B, H, W, C] to flattened features [B, {@link VisualArchitecture#encoderFeatures()}].
     * The seed's classifiers follow the same stack, so they share this.
     */
    public static SDVariable features(Layers layers, VisualArchitecture arch, String scope, SDVariable images) {
        SameDiff sd = layers.sameDiff();
        // Convolutions run in CBHW layout (see Layers#conv2d); flatten in NHWC order as Keras does.
        SDVariable h = images.permute(3, 0, 1, 2);
        long height = arch.height();
        long width = arch.width();
        long channels = arch.channels();
        List<ConvSpec> convs = arch.encoder();
        for (int i = 0; i < convs.size(); i++) {
            ConvSpec spec = convs.get(i);
            h = sd.nn().relu(layers.conv2d(scope + "/conv" + i, h, height, width, channels, spec), 0);
            height = spec.convOutput((int) height);
            width = spec.convOutput((int) width);
            channels = spec.filters();
        }
        long features = arch.encoderFeatures();
        return h.permute(1, 2, 3, 0).reshape(sd.constant(scope + "/flat_shape",
                org.nd4j.linalg.factory.Nd4j.createFromArray(-1L, features)));
    }
}
