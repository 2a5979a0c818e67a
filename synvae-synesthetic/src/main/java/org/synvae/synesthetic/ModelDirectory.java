package org.synvae.synesthetic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.AtomicFiles;
import org.synvae.data.io.NdArrays;
import org.synvae.data.io.Npz;
import org.synvae.models.train.GraphModel;

/**
 * A trained SynVAE as a directory that {@code translate} and the library load: {@code model.json}
 * (the {@link SynestheticVaeConfig} and a free-form {@code about} block saying how it was trained)
 * and {@code weights.npz} (every variable by graph name, NumPy-readable, no optimizer state).
 */
public final class ModelDirectory {
    /** The config file of a model directory. */
    public static final String CONFIG = "model.json";
    /** The weights file of a model directory. */
    public static final String WEIGHTS = "weights.npz";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int FORMAT = 1;

    private ModelDirectory() {
    }

    /** Writes {@code vae}'s config and current weights to {@code dir} (each file atomically). */
    public static void save(SynestheticVae vae, Path dir, Map<String, Object> about) throws IOException {
        Files.createDirectories(dir);
        ObjectNode json = JSON.createObjectNode();
        json.put("format", FORMAT);
        json.set("config", JSON.valueToTree(vae.config()));
        json.set("about", JSON.valueToTree(about));
        Map<String, INDArray> weights = GraphModel.weights(vae.graph());
        Npz.write(dir.resolve(WEIGHTS), NdArrays.toNpy(weights));
        AtomicFiles.write(dir.resolve(CONFIG), JSON.writeValueAsBytes(json));
    }

    /** The config stored in {@code dir}. */
    public static SynestheticVaeConfig config(Path dir) {
        Path file = dir.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            throw InvalidDataException.of(dir, "not a SynVAE model directory (no " + CONFIG + ")");
        }
        try {
            JsonNode json = JSON.readTree(file.toFile());
            if (json == null || json.path("format").asInt(-1) != FORMAT) {
                throw InvalidDataException.of(file, "not a SynVAE model config of format " + FORMAT);
            }
            return JSON.treeToValue(json.get("config"), SynestheticVaeConfig.class);
        } catch (IOException | IllegalArgumentException e) {
            throw InvalidDataException.of(file, "not a valid SynVAE model config ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")", e);
        }
    }

    /** The {@code about} block stored in {@code dir} (how the model was trained). */
    public static Map<String, Object> about(Path dir) {
        try {
            JsonNode about = JSON.readTree(dir.resolve(CONFIG).toFile()).path("about");
            @SuppressWarnings("unchecked")
            Map<String, Object> map = JSON.convertValue(about, LinkedHashMap.class);
            return map == null ? Map.of() : map;
        } catch (IOException e) {
            throw InvalidDataException.of(dir.resolve(CONFIG), "unreadable (" + e.getMessage() + ")", e);
        }
    }

    /** Loads the SynVAE of {@code dir}; a weights file that does not fit the config fails naming the variable. */
    public static SynestheticVae load(Path dir) {
        SynestheticVaeConfig config = config(dir);
        Path file = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(file)) {
            throw InvalidDataException.of(dir, "not a SynVAE model directory (no " + WEIGHTS + ")");
        }
        Map<String, INDArray> weights = NdArrays.fromNpy(Npz.read(file));
        try {
            SynestheticVae vae = SynestheticVae.build(config, weights);
            vae.setVisualWeights(weights);
            return vae;
        } catch (IllegalArgumentException e) {
            throw InvalidDataException.of(file, e.getMessage(), e);
        }
    }
}
