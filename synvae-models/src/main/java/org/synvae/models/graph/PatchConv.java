package org.synvae.models.graph;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2-D convolution (TensorFlow's {@code conv2d}, "same" or "valid") written as patch extraction
 * by strided slices followed by one matrix product, in CBHW layout ({@code [channels, batch,
 * height, width]}, as {@link TransposedConv}).
 *
 * <p>Why not {@code sd.cnn().conv2d}: on the CPU backend its forward and backward passes took
 * several times longer than the sgemm they amount to. Strided slices, a stack and one matmul are
 * all fast ops with fast gradients.
 */
final class PatchConv {
    private PatchConv() {
    }

    /**
     * @param x       input [inC, B, h, w]
     * @param weights kernel [k, k, inC, outC] (TensorFlow's layout)
     * @param bias    [outC]
     * @return output [outC, B, oh, ow]
     */
    static SDVariable apply(SameDiff sd, String scope, SDVariable x, SDVariable weights, SDVariable bias,
                            long h, long w, long inC, ConvSpec spec) {
        int k = spec.kernel();
        int s = spec.stride();
        long outC = spec.filters();
        long oh = spec.convOutput((int) h);
        long ow = spec.convOutput((int) w);
        SDVariable in = x;
        if (spec.same()) {
            long padH = Math.max((oh - 1) * s + k - h, 0);
            long padW = Math.max((ow - 1) * s + k - w, 0);
            if (padH > 0 || padW > 0) {
                int[][] pad = {{0, 0}, {0, 0}, {(int) padH / 2, (int) (padH - padH / 2)}, {(int) padW / 2, (int) (padW - padW / 2)}};
                in = sd.nn().pad(x, sd.constant(Nd4j.createFromArray(pad)), 0.0);
            }
        }
        // One strided slice per tap: [inC, B, oh, ow] each, stacked in (dh, dw) order -> [k*k*inC, B*oh*ow].
        SDVariable[] patches = new SDVariable[k * k];
        for (int dh = 0; dh < k; dh++) {
            for (int dw = 0; dw < k; dw++) {
                patches[dh * k + dw] = in.get(SDIndex.all(), SDIndex.all(),
                        SDIndex.interval((long) dh, (long) s, dh + (oh - 1) * s + 1),
                        SDIndex.interval((long) dw, (long) s, dw + (ow - 1) * s + 1));
            }
        }
        SDVariable cols = sd.stack(0, patches).reshape(sd.constant(Nd4j.createFromArray((long) k * k * inC, -1L)));
        // [k, k, inC, outC] is the matrix [k*k*inC, outC]; transpose it to [outC, k*k*inC].
        SDVariable wm = weights.reshape((long) k * k * inC, outC).permute(1, 0);
        SDVariable out = wm.mmul(cols).reshape(sd.constant(Nd4j.createFromArray(outC, -1L, oh, ow)));
        return out.add(scope + "/out", bias.reshape(outC, 1, 1, 1));
    }
}
