package org.synvae.synesthetic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.synvae.models.train.EpochResult;
import org.synvae.models.train.TrainingListener;
import org.synvae.data.ImageBatch;

/**
 * Keeps a model directory ({@link ModelDirectory}) with the weights of the best epoch so far, the
 * form {@code translate} and {@code syn-eval} load.
 */
public final class BestModelExport implements TrainingListener<ImageBatch> {
    private final SynestheticVae vae;
    private final Path dir;
    private final Map<String, Object> about;

    /** @param about how the model is trained (data, settings), stored in model.json */
    public BestModelExport(SynestheticVae vae, Path dir, Map<String, Object> about) {
        this.vae = vae;
        this.dir = dir;
        this.about = Map.copyOf(about);
    }

    @Override
    public void onEpochEnd(EpochResult result) throws IOException {
        if (result.best()) {
            Map<String, Object> withEpoch = new LinkedHashMap<>(about);
            withEpoch.put("epoch", result.epoch());
            withEpoch.put("valid_loss", result.validLosses());
            ModelDirectory.save(vae, dir, withEpoch);
        }
    }
}
