package org.synvae.music.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.NdArrays;
import org.synvae.data.io.NpyArray;
import org.synvae.music.checkpoint.MagentaJsCheckpoint;
import org.synvae.music.checkpoint.TfCheckpoint;
import org.synvae.music.checkpoint.TfCheckpointReader;

/**
 * Loads a {@link MusicVae} from magenta's published formats: a TensorFlow V2 checkpoint (prefix,
 * {@code .index} file or directory) or a magenta.js checkpoint directory
 * ({@code weights_manifest.json}). Variables are taken by name and checked against the config's
 * shapes; extra variables (global_step, optimizer slots) are ignored.
 */
public final class MusicVaeLoader {
    private MusicVaeLoader() {
    }

    /**
     * @throws InvalidDataException naming the checkpoint and, for a missing or mis-shaped variable,
     *                              the variable with both shapes
     */
    public static MusicVae load(MusicVaeConfig config, Path checkpoint) {
        return MusicVae.fromTensors(config, tensors(config, checkpoint));
    }

    /**
     * The config's variables from {@code checkpoint} (either format), by checkpoint name, checked
     * against the config's shapes: the starting weights of a fine-tuning run.
     *
     * @throws InvalidDataException as {@link #load}
     */
    public static Map<String, INDArray> tensors(MusicVaeConfig config, Path checkpoint) {
        Map<String, long[]> shapes = MusicVaeVariables.shapes(config);
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        java.util.Optional<Path> magentaJs = MagentaJsCheckpoint.manifestOf(checkpoint);
        if (magentaJs.isPresent()) {
            Path manifest = magentaJs.get();
            Map<String, NpyArray> all = MagentaJsCheckpoint.read(manifest);
            shapes.forEach((name, shape) -> {
                NpyArray t = all.get(name);
                if (t == null) {
                    throw InvalidDataException.of(manifest, "no variable '" + name + "' (config " + config.name() + ")");
                }
                if (!java.util.Arrays.equals(t.shape(), shape)) {
                    throw InvalidDataException.of(manifest, "variable '" + name + "' has shape " + java.util.Arrays.toString(t.shape())
                            + " but config " + config.name() + " needs " + java.util.Arrays.toString(shape));
                }
                tensors.put(name, NdArrays.fromNpy(t));
            });
        } else {
            TfCheckpoint ckpt = TfCheckpointReader.read(checkpoint);
            // One tensor at a time: the big model is 538 MB and should not be held twice over.
            shapes.forEach((name, shape) -> tensors.put(name, ckpt.requireArray(name, shape)));
        }
        return tensors;
    }
}
