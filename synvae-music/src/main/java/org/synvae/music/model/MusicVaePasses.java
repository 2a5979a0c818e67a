package org.synvae.music.model;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A flat MusicVAE's forward and backward passes written by hand over its weights: decoding with
 * feedback or scheduled sampling, encoding, the gradients of z and of the input sequences, and
 * those of every weight (for training the MusicVAE itself). One BLAS product per layer and step on
 * the recurrence, one product over all steps for everything else: a fraction of the time and
 * memory of the same computation as an unrolled SameDiff graph (see docs/architecture.md). The
 * math is {@link MusicVaeGraph}'s, to float rounding. Used by the SynVAE ({@code
 * SynestheticEngine}) and by {@code music train}.
 *
 * <p>Thread-safe; each thread works through its own {@link MusicVaePass}. Available on the CPU
 * backend only ({@link #available()}).
 */
public final class MusicVaePasses {
    private final MusicVaeConfig config;
    // Decoder. Weight matrices are the given arrays' memory where they allow (see the constructor).
    final NativeMatrix[] decHidden;
    final NativeMatrix[] decInput; // layers >= 1: [n_{l-1}, 4n]; index 0 unused
    final NativeMatrix[] decBias;
    final NativeMatrix feedbackKernel; // layer 0's rows acting on the one-hot input, [depth, 4n]
    final NativeMatrix latentKernel; // layer 0's rows acting on z, [z, 4n]
    final NativeMatrix initialKernel;
    final NativeMatrix initialBias;
    final NativeMatrix outKernel;
    final NativeMatrix outBias;
    // Encoder: [layer][direction 0 = forward, 1 = backward].
    final NativeMatrix[][] encInput;
    final NativeMatrix[][] encHidden;
    final NativeMatrix[][] encBias;
    final NativeMatrix muKernel;
    final NativeMatrix muBias;
    final NativeMatrix sigmaKernel;
    final NativeMatrix sigmaBias;

    /**
     * The MusicVAE of a flat config with {@code weights} (checkpoint names, as
     * {@link MusicVaeVariables}); a missing or mis-shaped one fails naming it. Dense float32
     * C-order arrays (a SameDiff graph's variables, for one) are used in place, not copied, so each
     * pass sees values written into them, e.g. a checkpoint restored with {@code assign}; others
     * are copied once. (An array replaced by another, rather than written into, is not seen.)
     */
    public MusicVaePasses(MusicVaeConfig config, Map<String, INDArray> weights) {
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
        decBias = new NativeMatrix[dec.size()];
        NativeMatrix feedback = null;
        NativeMatrix latent = null;
        for (int l = 0; l < dec.size(); l++) {
            NativeMatrix k = NativeMatrix.over(weights.get(MusicVaeVariables.decoderKernel(l)));
            int in = k.rows - dec.get(l);
            decHidden[l] = k.rows(in, k.rows);
            decBias[l] = NativeMatrix.over(weights.get(MusicVaeVariables.decoderBias(l)));
            if (l == 0) {
                feedback = k.rows(0, depth);
                latent = k.rows(depth, depth + z);
            } else {
                decInput[l] = k.rows(0, in);
            }
        }
        feedbackKernel = feedback;
        latentKernel = latent;
        initialKernel = NativeMatrix.over(weights.get(MusicVaeVariables.INITIAL_STATE_KERNEL));
        initialBias = NativeMatrix.over(weights.get(MusicVaeVariables.INITIAL_STATE_BIAS));
        outKernel = NativeMatrix.over(weights.get(MusicVaeVariables.OUTPUT_KERNEL));
        outBias = NativeMatrix.over(weights.get(MusicVaeVariables.OUTPUT_BIAS));
        List<Integer> enc = config.encoderSizes();
        encInput = new NativeMatrix[enc.size()][2];
        encHidden = new NativeMatrix[enc.size()][2];
        encBias = new NativeMatrix[enc.size()][2];
        for (int l = 0; l < enc.size(); l++) {
            for (int d = 0; d < 2; d++) {
                String dir = d == 0 ? "fw" : "bw";
                NativeMatrix k = NativeMatrix.over(weights.get(MusicVaeVariables.encoderKernel(l, dir)));
                int in = k.rows - enc.get(l);
                encInput[l][d] = k.rows(0, in);
                encHidden[l][d] = k.rows(in, k.rows);
                encBias[l][d] = NativeMatrix.over(weights.get(MusicVaeVariables.encoderBias(l, dir)));
            }
        }
        muKernel = NativeMatrix.over(weights.get(MusicVaeVariables.MU_KERNEL));
        muBias = NativeMatrix.over(weights.get(MusicVaeVariables.MU_BIAS));
        sigmaKernel = NativeMatrix.over(weights.get(MusicVaeVariables.SIGMA_KERNEL));
        sigmaBias = NativeMatrix.over(weights.get(MusicVaeVariables.SIGMA_BIAS));
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

    /** The first row of each of {@code parts} near-equal parts of {@code batch} rows, then {@code batch}: [parts + 1]. */
    public static int[] partBounds(int batch, int parts) {
        int[] from = new int[parts + 1];
        for (int p = 0; p <= parts; p++) {
            from[p] = (int) ((long) batch * p / parts);
        }
        return from;
    }

    public MusicVaeConfig config() {
        return config;
    }

    /** Buffers for batches of {@code batch} sequences (reused from call to call; one per thread). */
    public MusicVaePass newPass(int batch) {
        if (!available()) {
            throw new IllegalStateException("the MusicVAE passes need the CPU backend's OpenBLAS");
        }
        return new MusicVaePass(this, batch);
    }
}
