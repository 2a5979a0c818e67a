package org.synvae.music.model;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A flat MusicVAE whose weights do not train, with hand-written backward passes: the gradient of
 * the feedback decoder's logits with respect to z, and of the encoder's posterior with respect to
 * its input sequences. That is what a SynVAE with a frozen MusicVAE needs from it, and no weight
 * gradient: computed here with one BLAS product per layer and step plus batched products over all
 * steps, it costs a fraction of the same path as an unrolled SameDiff graph (see
 * docs/architecture.md). The math is {@link MusicVaeGraph}'s, to float rounding.
 *
 * <p>Immutable and thread-safe; each thread works through its own {@link FrozenMusicPass}.
 * Available on the CPU backend only ({@link #available()}).
 */
public final class FrozenMusicVae {
    private final MusicVaeConfig config;
    // Decoder.
    final NativeMatrix[] decHidden;
    final NativeMatrix[] decInput; // layers >= 1: [n_{l-1}, 4n]; index 0 unused
    final float[][] decBias;
    final float[][] feedbackRows; // layer 0's kernel rows acting on the one-hot input, [depth][4n]
    final NativeMatrix latentKernel; // layer 0's rows acting on z, [z, 4n]
    final NativeMatrix initialKernel;
    final float[] initialBias;
    final NativeMatrix outKernel;
    final float[] outBias;
    // Encoder: [layer][direction 0 = forward, 1 = backward].
    final NativeMatrix[][] encInput;
    final NativeMatrix[][] encHidden;
    final float[][][] encBias;
    final NativeMatrix muKernel;
    final float[] muBias;
    final NativeMatrix sigmaKernel;
    final float[] sigmaBias;

    /** Copies the weights (checkpoint names, as {@link MusicVaeVariables}) of a flat config; a missing or mis-shaped one fails naming it. */
    public FrozenMusicVae(MusicVaeConfig config, Map<String, INDArray> weights) {
        if (config.hierarchical()) {
            throw new IllegalArgumentException(config.name() + " is hierarchical; only flat MusicVAEs");
        }
        MusicVaeVariables.requireAll(config, weights);
        this.config = config;
        int depth = config.depth();
        int z = config.zSize();
        List<Integer> dec = config.decoderSizes();
        decHidden = new NativeMatrix[dec.size()];
        decInput = new NativeMatrix[dec.size()];
        decBias = new float[dec.size()][];
        NativeMatrix latent = null;
        float[][] feedback = null;
        for (int l = 0; l < dec.size(); l++) {
            INDArray k = weights.get(MusicVaeVariables.decoderKernel(l));
            long in = k.size(0) - dec.get(l);
            decHidden[l] = NativeMatrix.rowsOf(k, in, k.size(0));
            decBias[l] = floats(weights.get(MusicVaeVariables.decoderBias(l)));
            if (l == 0) {
                feedback = NativeMatrix.rowsOf(k, 0, depth).toRows();
                latent = NativeMatrix.rowsOf(k, depth, depth + z);
            } else {
                decInput[l] = NativeMatrix.rowsOf(k, 0, in);
            }
        }
        feedbackRows = feedback;
        latentKernel = latent;
        initialKernel = NativeMatrix.copyOf(weights.get(MusicVaeVariables.INITIAL_STATE_KERNEL));
        initialBias = floats(weights.get(MusicVaeVariables.INITIAL_STATE_BIAS));
        outKernel = NativeMatrix.copyOf(weights.get(MusicVaeVariables.OUTPUT_KERNEL));
        outBias = floats(weights.get(MusicVaeVariables.OUTPUT_BIAS));
        List<Integer> enc = config.encoderSizes();
        encInput = new NativeMatrix[enc.size()][2];
        encHidden = new NativeMatrix[enc.size()][2];
        encBias = new float[enc.size()][2][];
        for (int l = 0; l < enc.size(); l++) {
            for (int d = 0; d < 2; d++) {
                String dir = d == 0 ? "fw" : "bw";
                INDArray k = weights.get(MusicVaeVariables.encoderKernel(l, dir));
                long in = k.size(0) - enc.get(l);
                encInput[l][d] = NativeMatrix.rowsOf(k, 0, in);
                encHidden[l][d] = NativeMatrix.rowsOf(k, in, k.size(0));
                encBias[l][d] = floats(weights.get(MusicVaeVariables.encoderBias(l, dir)));
            }
        }
        muKernel = NativeMatrix.copyOf(weights.get(MusicVaeVariables.MU_KERNEL));
        muBias = floats(weights.get(MusicVaeVariables.MU_BIAS));
        sigmaKernel = NativeMatrix.copyOf(weights.get(MusicVaeVariables.SIGMA_KERNEL));
        sigmaBias = floats(weights.get(MusicVaeVariables.SIGMA_BIAS));
    }

    /** Whether the passes can run here: they call the CPU backend's OpenBLAS directly. */
    public static boolean available() {
        return NativeMatrix.BLAS;
    }

    /**
     * Into how many parts a batch of {@code batch} is best cut, each on its own core: the policy of
     * {@link MusicVae#decode(INDArray, Sampling)} (a part per core ND4J's threads leave free, 16 rows at least).
     */
    public static int parallelParts(int batch) {
        return MusicVae.decodeParts(batch);
    }

    public MusicVaeConfig config() {
        return config;
    }

    /** Buffers for batches of {@code batch} sequences (reused from call to call; one per thread). */
    public FrozenMusicPass newPass(int batch) {
        if (!available()) {
            throw new IllegalStateException("the frozen MusicVAE passes need the CPU backend's OpenBLAS");
        }
        return new FrozenMusicPass(this, batch);
    }

    private static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
