package org.synvae.models.visual;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.data.Batches;
import org.synvae.data.ImageBatch;
import org.synvae.data.ImageDataset;
import org.synvae.models.train.AdamConfig;
import org.synvae.models.train.GraphModel;
import org.synvae.models.train.TrainingTask;

/** Training a {@link VisualVae} on images: the seed's VisVAE experiment. */
public final class VisualVaeTraining implements TrainingTask<ImageBatch> {
    private final VisualVae vae;
    private final GraphModel model;
    private final ImageDataset train;
    private final ImageDataset valid;
    private final int batchSize;
    private final long seed;

    /**
     * @param seed seed of the batch order and augmentation (the sampling noise comes from the trainer)
     */
    public VisualVaeTraining(VisualVae vae, ImageDataset train, ImageDataset valid, int batchSize, long seed) {
        if (!train.shape().equals(vae.inputShape()) || !valid.shape().equals(vae.inputShape())) {
            throw new IllegalArgumentException("data set images are " + train.shape() + ", the model takes " + vae.inputShape());
        }
        this.vae = vae;
        this.model = new GraphModel(vae.graph(), AdamConfig.of(vae.config().learningRate()));
        this.train = train;
        this.valid = valid;
        this.batchSize = batchSize;
        this.seed = seed;
        // Fail now, not after an epoch, if validation cannot fill a batch.
        Batches.training(train, batchSize, seed);
    }

    public VisualVae vae() {
        return vae;
    }

    @Override
    public GraphModel model() {
        return model;
    }

    @Override
    public List<String> losses() {
        return VisualVae.LOSSES;
    }

    @Override
    public Iterable<ImageBatch> trainBatches(int epoch) {
        return Batches.training(train, batchSize, seed * 1_000_003L + epoch);
    }

    @Override
    public int trainBatchCount() {
        return train.size() / batchSize;
    }

    @Override
    public Iterable<ImageBatch> validBatches() {
        return Batches.evaluation(valid, batchSize);
    }

    @Override
    public int validBatchCount() {
        return Batches.evaluation(valid, batchSize).count();
    }

    @Override
    public int size(ImageBatch batch) {
        return batch.size();
    }

    @Override
    public Map<String, INDArray> feeds(ImageBatch batch, SplittableRandom noise) {
        return Map.of(VisualVae.IMAGES, batch.images(), VisualVae.EPSILON, vae.epsilon(batch.size(), noise));
    }

    @Override
    public List<String> validationOutputs() {
        return List.of(VisualVae.RECONSTRUCTIONS);
    }
}
