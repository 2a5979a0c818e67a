package org.synvae.models.visual;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.models.graph.ConvSpec;
import org.synvae.models.graph.Layers;

/**
 * The visual decoder: latents [B, latent] to images [B, H, W, C] in [0, 1]. Its variables live under
 * {@value #SCOPE}, so the SynVAE can feed it the audio latent instead of the visual one.
 */
public final class VisualDecoder {
    /** Name scope of the decoder's variables. */
    public static final String SCOPE = "vis_dec";

    private VisualDecoder() {
    }

    /** Adds the decoder for {@code arch} reading {@code latents} of size {@code latentDim}. */
    public static SDVariable build(Layers layers, VisualArchitecture arch, int latentDim, SDVariable latents) {
        SameDiff sd = layers.sameDiff();
        int[] grid = arch.decoderGrid();
        long gridSize = (long) grid[0] * grid[1] * grid[2];
        SDVariable h = sd.nn().relu(layers.dense(SCOPE + "/grid", latents, latentDim, gridSize), 0);
        h = h.reshape(sd.constant(SCOPE + "/grid_shape", Nd4j.createFromArray(-1L, grid[0], grid[1], grid[2])));
        // The transposed convolutions run in CBHW layout (see Layers#deconv2d); NHWC again at the end.
        h = h.permute(3, 0, 1, 2);
        long height = grid[0];
        long width = grid[1];
        long channels = grid[2];
        List<ConvSpec> deconvs = arch.decoder();
        for (int i = 0; i < deconvs.size(); i++) {
            ConvSpec spec = deconvs.get(i);
            h = sd.nn().relu(layers.deconv2d(SCOPE + "/deconv" + i, h, height, width, channels, spec), 0);
            height = spec.deconvOutput((int) height);
            width = spec.deconvOutput((int) width);
            channels = spec.filters();
        }
        SDVariable out = sd.nn().sigmoid(layers.deconv2d(SCOPE + "/output", h, height, width, channels, arch.output()));
        return out.permute(1, 2, 3, 0);
    }
}
