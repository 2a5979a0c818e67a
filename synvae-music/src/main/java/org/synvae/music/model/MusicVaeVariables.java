package org.synvae.music.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checkpoint variable names and shapes of magenta's flat (categorical) MusicVAE, as its
 * TensorFlow graph names them. One place for the strings, used by import, export and training.
 */
public final class MusicVaeVariables {
    private MusicVaeVariables() {
    }

    /** Kernel of encoder layer {@code layer}, direction "fw" or "bw". */
    public static String encoderKernel(int layer, String direction) {
        return "encoder/cell_" + layer + "/bidirectional_rnn/" + direction + "/multi_rnn_cell/cell_0/lstm_cell/kernel";
    }

    /** Bias of encoder layer {@code layer}, direction "fw" or "bw". */
    public static String encoderBias(int layer, String direction) {
        return "encoder/cell_" + layer + "/bidirectional_rnn/" + direction + "/multi_rnn_cell/cell_0/lstm_cell/bias";
    }

    public static final String MU_KERNEL = "encoder/mu/kernel";
    public static final String MU_BIAS = "encoder/mu/bias";
    public static final String SIGMA_KERNEL = "encoder/sigma/kernel";
    public static final String SIGMA_BIAS = "encoder/sigma/bias";
    public static final String INITIAL_STATE_KERNEL = "decoder/z_to_initial_state/kernel";
    public static final String INITIAL_STATE_BIAS = "decoder/z_to_initial_state/bias";
    public static final String OUTPUT_KERNEL = "decoder/output_projection/kernel";
    public static final String OUTPUT_BIAS = "decoder/output_projection/bias";

    /** Kernel of decoder layer {@code layer}. */
    public static String decoderKernel(int layer) {
        return "decoder/multi_rnn_cell/cell_" + layer + "/lstm_cell/kernel";
    }

    /** Bias of decoder layer {@code layer}. */
    public static String decoderBias(int layer) {
        return "decoder/multi_rnn_cell/cell_" + layer + "/lstm_cell/bias";
    }

    /** Every variable of a flat config with its shape, in a stable order. */
    public static Map<String, long[]> shapes(MusicVaeConfig c) {
        if (c.hierarchical()) {
            throw new IllegalArgumentException(c.name() + ": hierarchical decoders are not supported by this importer yet");
        }
        Map<String, long[]> m = new LinkedHashMap<>();
        long in = c.depth();
        for (int l = 0; l < c.encoderSizes().size(); l++) {
            long n = c.encoderSizes().get(l);
            for (String dir : new String[] {"fw", "bw"}) {
                m.put(encoderKernel(l, dir), new long[] {in + n, 4 * n});
                m.put(encoderBias(l, dir), new long[] {4 * n});
            }
            in = 2 * n;
        }
        m.put(MU_KERNEL, new long[] {in, c.zSize()});
        m.put(MU_BIAS, new long[] {c.zSize()});
        m.put(SIGMA_KERNEL, new long[] {in, c.zSize()});
        m.put(SIGMA_BIAS, new long[] {c.zSize()});
        long stateSize = 0;
        long below = c.depth() + c.zSize();
        for (int l = 0; l < c.decoderSizes().size(); l++) {
            long n = c.decoderSizes().get(l);
            m.put(decoderKernel(l), new long[] {below + n, 4 * n});
            m.put(decoderBias(l), new long[] {4 * n});
            below = n;
            stateSize += 2 * n;
        }
        m.put(INITIAL_STATE_KERNEL, new long[] {c.zSize(), stateSize});
        m.put(INITIAL_STATE_BIAS, new long[] {stateSize});
        m.put(OUTPUT_KERNEL, new long[] {below, c.depth()});
        m.put(OUTPUT_BIAS, new long[] {c.depth()});
        return m;
    }
}
