package org.synvae.music.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The checkpoint variable names and shapes of magenta's MusicVAE, as its TensorFlow graph names
 * them: flat (categorical) models and hierarchical ones ({@code hierdec-*}: a conductor under
 * {@code decoder/hierarchical_level_0/}, its core decoder under {@code core_decoder/decoder/}, names as
 * magenta's {@code HierarchicalLstmDecoder} creates them and magenta.js reads them). One place for the
 * strings, used by import, export and training.
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

    /** Prefix of the hierarchical core decoder's variables (its flat counterpart is "decoder/"). */
    public static final String CORE_PREFIX = "core_decoder/";
    private static final String CONDUCTOR = "decoder/hierarchical_level_0/";
    public static final String CONDUCTOR_INITIAL_STATE_KERNEL = CONDUCTOR + "initial_state/kernel";
    public static final String CONDUCTOR_INITIAL_STATE_BIAS = CONDUCTOR + "initial_state/bias";
    public static final String CORE_INITIAL_STATE_KERNEL = CORE_PREFIX + INITIAL_STATE_KERNEL;
    public static final String CORE_INITIAL_STATE_BIAS = CORE_PREFIX + INITIAL_STATE_BIAS;
    public static final String CORE_OUTPUT_KERNEL = CORE_PREFIX + OUTPUT_KERNEL;
    public static final String CORE_OUTPUT_BIAS = CORE_PREFIX + OUTPUT_BIAS;

    /** Kernel of conductor layer {@code layer} (no multi_rnn_cell scope: magenta passes its own scope to the cell). */
    public static String conductorKernel(int layer) {
        return CONDUCTOR + "cell_" + layer + "/lstm_cell/kernel";
    }

    /** Bias of conductor layer {@code layer}. */
    public static String conductorBias(int layer) {
        return CONDUCTOR + "cell_" + layer + "/lstm_cell/bias";
    }

    /** Kernel of core decoder layer {@code layer} (hierarchical configs). */
    public static String coreKernel(int layer) {
        return CORE_PREFIX + decoderKernel(layer);
    }

    /** Bias of core decoder layer {@code layer} (hierarchical configs). */
    public static String coreBias(int layer) {
        return CORE_PREFIX + decoderBias(layer);
    }

    /** Checks that {@code weights} hold every variable of {@code config} in its shape; a missing or mis-shaped one fails naming it. */
    public static void requireAll(MusicVaeConfig config, Map<String, INDArray> weights) {
        shapes(config).forEach((name, shape) -> {
            INDArray w = weights.get(name);
            if (w == null) {
                throw new IllegalArgumentException("missing variable '" + name + "'");
            }
            if (!java.util.Arrays.equals(w.shape(), shape)) {
                throw new IllegalArgumentException("variable '" + name + "' has shape " + java.util.Arrays.toString(w.shape())
                        + " but config " + config.name() + " needs " + java.util.Arrays.toString(shape));
            }
        });
    }

    /**
     * Every variable of a config with its shape, in a stable order. Hierarchical configs: the
     * conductor's first layer reads a zero input of width 1 (magenta's disable_autoregression), the
     * core decoder's first layer reads [one-hot, conductor embedding].
     */
    public static Map<String, long[]> shapes(MusicVaeConfig c) {
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
        if (c.hierarchical()) {
            long below = 1;
            long conductorState = 0;
            for (int l = 0; l < c.conductorSizes().size(); l++) {
                long n = c.conductorSizes().get(l);
                m.put(conductorKernel(l), new long[] {below + n, 4 * n});
                m.put(conductorBias(l), new long[] {4 * n});
                below = n;
                conductorState += 2 * n;
            }
            m.put(CONDUCTOR_INITIAL_STATE_KERNEL, new long[] {c.zSize(), conductorState});
            m.put(CONDUCTOR_INITIAL_STATE_BIAS, new long[] {conductorState});
            long embedding = below;
            below = c.depth() + embedding;
            long coreState = 0;
            for (int l = 0; l < c.decoderSizes().size(); l++) {
                long n = c.decoderSizes().get(l);
                m.put(coreKernel(l), new long[] {below + n, 4 * n});
                m.put(coreBias(l), new long[] {4 * n});
                below = n;
                coreState += 2 * n;
            }
            m.put(CORE_INITIAL_STATE_KERNEL, new long[] {embedding, coreState});
            m.put(CORE_INITIAL_STATE_BIAS, new long[] {coreState});
            m.put(CORE_OUTPUT_KERNEL, new long[] {below, c.depth()});
            m.put(CORE_OUTPUT_BIAS, new long[] {c.depth()});
            return m;
        }
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
