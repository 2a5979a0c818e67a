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
                tensors.put(name, requireFinite(NdArrays.fromNpy(t), name, checkpoint));
            });
        } else {
            TfCheckpoint ckpt = TfCheckpointReader.read(checkpoint);
            // One tensor at a time: the big model is 538 MB and should not be held twice over.
            shapes.forEach((name, shape) -> tensors.put(name, requireFinite(ckpt.requireArray(name, shape), name, checkpoint)));
        }
        return tensors;
    }

    /**
     * Refuses weights with NaN or infinite values (saved after training diverged, or corrupt), which
     * would otherwise decode into empty melodies with exit code 0. One sum per variable finds them;
     * only then is the variable scanned for the first bad value.
     *
     * @throws InvalidDataException naming the checkpoint, the variable and the first bad value
     */
    private static INDArray requireFinite(INDArray weights, String name, Path checkpoint) {
        if (weights.isEmpty() || Double.isFinite(weights.sumNumber().doubleValue())) {
            return weights;
        }
        float[] values = weights.dup('c').data().asFloat();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw InvalidDataException.of(checkpoint, "variable '" + name + "' holds " + values[i] + " at flat index " + i
                        + " (weights must be finite numbers; was the checkpoint saved after training diverged?)");
            }
        }
        return weights; // finite values whose sum overflowed
    }
}
