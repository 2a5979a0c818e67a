package org.synvae.music.model;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.LSTMLayer;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDataFormat;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDirectionMode;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMLayerConfig;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.weights.LSTMLayerWeights;

/**
 * TensorFlow's LSTMBlockCell (see {@link LstmCell}) run by libnd4j's fused {@code lstmLayer} op:
 * one graph operation (and one gradient operation) for a whole bidirectional sequence, where the
 * cell written from basic operations costs ~15 forward and ~30 backward operations per step, and
 * SameDiff's per-operation bookkeeping dominated the MusicVAE graphs.
 *
 * <p>Only from zero initial states: with initial states given, ND4J 1.0.0-M2.1's lstmLayer computes
 * the right values but wrong gradients (for the weights as well as the states, in either order of
 * its swapped (h, c) arguments; measured against the basic-op cell). The encoder starts from zeros;
 * the decoder, which starts from tanh(dense(z)), keeps the basic-op cell.
 *
 * <p>The checkpoint variables stay in TensorFlow's layout (kernel [in + n, 4n], gates i, j, f, o,
 * forget bias added at run time); {@link #weights} converts them in the graph, once per pass:
 * lstmLayer wants separate input and recurrent kernels, gates in the order i, f, j, o and no
 * forget bias, so the rows are split, the gate columns permuted and the +1 folded into the bias.
 * Gradients flow back through the conversion to the TensorFlow-layout variables.
 */
final class FusedLstm {
    private static final double FORGET_BIAS = 1.0;
    /** Both directions' h for every step, concatenated; no final states (they are read off the sequence). */
    private static final LSTMLayerConfig BIDIRECTIONAL = LSTMLayerConfig.builder()
            .lstmdataformat(LSTMDataFormat.NTS)
            .directionMode(LSTMDirectionMode.BIDIR_CONCAT)
            .gateAct(LSTMActivations.SIGMOID)
            .cellAct(LSTMActivations.TANH)
            .outAct(LSTMActivations.TANH)
            .retFullSequence(true)
            .retLastH(false)
            .retLastC(false)
            .cellClip(0.0)
            .build();

    private final SameDiff sd;

    FusedLstm(SameDiff sd) {
        this.sd = sd;
    }

    /** lstmLayer's {inputKernel [in, 4n], recurrentKernel [n, 4n], bias [4n]} from a TF kernel and bias. */
    SDVariable[] weights(String kernel, String bias, long n) {
        SDVariable k = sd.getVariable(kernel);
        SDVariable b = sd.getVariable(bias);
        long in = k.getShape()[0] - n;
        SDVariable permuted = sd.concat(1, cols(k, 0, n), cols(k, 2 * n, 3 * n), cols(k, n, 2 * n), cols(k, 3 * n, 4 * n));
        SDVariable inputKernel = permuted.get(SDIndex.interval(0L, in), SDIndex.all());
        SDVariable recurrentKernel = permuted.get(SDIndex.interval(in, in + n), SDIndex.all());
        SDVariable fusedBias = sd.concat(0, range(b, 0, n), range(b, 2 * n, 3 * n).add(FORGET_BIAS), range(b, n, 2 * n),
                range(b, 3 * n, 4 * n));
        return new SDVariable[] {inputKernel, recurrentKernel, fusedBias};
    }

    /**
     * A bidirectional layer over {@code x} [B, T, in] from zero states.
     *
     * @return [B, T, 2n]: the forward direction's h in columns [0, n), the backward one's in [n, 2n)
     */
    SDVariable bidirectional(SDVariable x, SDVariable[] fw, SDVariable[] bw) {
        LSTMLayerWeights w = LSTMLayerWeights.builder()
                .weights(sd.stack(0, fw[0], bw[0]))
                .rWeights(sd.stack(0, fw[1], bw[1]))
                .bias(sd.stack(0, fw[2], bw[2]))
                .build();
        return new LSTMLayer(sd, x, null, null, null, w, BIDIRECTIONAL).outputVariables()[0];
    }

    private static SDVariable cols(SDVariable x, long from, long to) {
        return x.get(SDIndex.all(), SDIndex.interval(from, to));
    }

    private static SDVariable range(SDVariable x, long from, long to) {
        return x.get(SDIndex.interval(from, to));
    }
}
