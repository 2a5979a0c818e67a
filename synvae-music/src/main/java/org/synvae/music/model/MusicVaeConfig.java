package org.synvae.music.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.synvae.data.InvalidDataException;

/**
 * A MusicVAE configuration as data (magenta's {@code configs.py} entries): sizes of the latent,
 * encoder and decoder, sequence length, the KL schedule and the data converter's settings.
 *
 * @param name                 registry name, e.g. {@code cat-mel_2bar_small}
 * @param zSize                latent size
 * @param encoderSizes         units per bidirectional encoder layer (per direction)
 * @param decoderSizes         units per decoder LSTM layer (for hierarchical configs: the core decoder)
 * @param conductorSizes       units per conductor layer; empty for flat (categorical) decoders
 * @param conductorLength      number of conductor steps (bars); 0 for flat decoders
 * @param steps                output steps (max_seq_len)
 * @param depth                one-hot classes per step (90 for melodies)
 * @param maxBeta              upper bound of the KL weight
 * @param betaRate             KL weight schedule: beta = (1 - betaRate^step) * maxBeta
 * @param freeBits             nats of KL not penalised
 * @param samplingSchedule     scheduled sampling schedule: "inverse_sigmoid" or "constant"
 * @param samplingRate         the schedule's rate (k = 1000 for inverse sigmoid; the probability for constant)
 * @param learningRate         initial Adam learning rate
 * @param decayRate            learning-rate decay per step (magenta: 0.9999)
 * @param minLearningRate      floor of the decayed learning rate
 * @param batchSize            magenta's training batch size
 * @param stepsPerQuarter      melody resolution (4: sixteenth notes)
 * @param slicesPerBar          window hop in steps (one bar)
 */
public record MusicVaeConfig(String name, int zSize, List<Integer> encoderSizes, List<Integer> decoderSizes,
                             List<Integer> conductorSizes, int conductorLength, int steps, int depth,
                             double maxBeta, double betaRate, double freeBits, String samplingSchedule,
                             double samplingRate, double learningRate, double decayRate, double minLearningRate,
                             int batchSize, int stepsPerQuarter, int slicesPerBar) {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    public MusicVaeConfig {
        encoderSizes = List.copyOf(encoderSizes);
        decoderSizes = List.copyOf(decoderSizes);
        conductorSizes = conductorSizes == null ? List.of() : List.copyOf(conductorSizes);
        if (zSize < 1 || steps < 1 || depth < 2 || encoderSizes.isEmpty() || decoderSizes.isEmpty()) {
            throw new IllegalArgumentException(name + ": z size, steps, depth and layer sizes must be positive");
        }
        if (!conductorSizes.isEmpty() && (conductorLength < 1 || steps % conductorLength != 0)) {
            throw new IllegalArgumentException(name + ": " + steps + " steps do not split into " + conductorLength + " conductor steps");
        }
    }

    /** Whether the decoder is hierarchical (a conductor over bars feeding a core decoder). */
    public boolean hierarchical() {
        return !conductorSizes.isEmpty();
    }

    /**
     * Reads a config from a JSON file with this record's field names. magenta.js's own
     * {@code config.json} (a {@code type} and a {@code dataConverter}) is refused with a message that
     * says so: it lacks the layer sizes, which only the checkpoint's shapes would tell.
     *
     * @throws InvalidDataException naming {@code file} when it is not such a config, or lacks fields
     */
    public static MusicVaeConfig fromJson(Path file) {
        JsonNode tree;
        try {
            tree = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw InvalidDataException.of(file, "not a valid MusicVAE config (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")", e);
        }
        if (tree == null || !tree.isObject()) {
            throw InvalidDataException.of(file, "not a valid MusicVAE config (expected a JSON object)");
        }
        if (tree.has("dataConverter") || tree.has("type")) {
            JsonNode converter = tree.path("dataConverter");
            throw InvalidDataException.of(file, "is a magenta.js config (" + tree.path("type").asText("?") + ", "
                    + converter.path("type").asText("no converter") + (converter.path("args").has("numSteps")
                    ? " of " + converter.path("args").path("numSteps").asText() + " steps" : "")
                    + "), which lacks the layer sizes; give --config as a synvae config instead: one of "
                    + MusicVaeConfigs.names() + " (e.g. cat-mel_2bar_big for magenta's mel_2bar_big), or a JSON file "
                    + "of synvae's config fields (see configs/*.json)");
        }
        List<String> missing = new java.util.ArrayList<>();
        for (java.lang.reflect.RecordComponent c : MusicVaeConfig.class.getRecordComponents()) {
            if (!tree.has(c.getName()) && !c.getName().equals("conductorSizes")) {
                missing.add(c.getName());
            }
        }
        if (!missing.isEmpty()) {
            throw InvalidDataException.of(file, "not a complete MusicVAE config: missing " + String.join(", ", missing));
        }
        try {
            return JSON.treeToValue(tree, MusicVaeConfig.class);
        } catch (IOException e) {
            throw InvalidDataException.of(file, "not a valid MusicVAE config (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")", e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw InvalidDataException.of(file, "not a valid MusicVAE config (" + e.getMessage() + ")", e);
        }
    }

    /** Writes this config as JSON (the format {@link #fromJson} reads). */
    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
