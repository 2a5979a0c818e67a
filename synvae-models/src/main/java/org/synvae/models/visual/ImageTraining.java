package org.synvae.models.visual;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.data.Batches;
import org.synvae.data.ImageBatch;
import org.synvae.data.ImageDataset;
import org.synvae.data.ImageShape;
import org.synvae.models.train.GraphModel;
import org.synvae.models.train.TrainingTask;

/**
 * Training an image model (the visual VAE, the SynVAE) on an image data set: seeded batches with
 * augmentation for training, the validation images in order, and the model's own placeholders.
 */
public final class ImageTraining implements TrainingTask<ImageBatch> {

    /** How a batch of images [B, H, W, C] becomes the model's placeholders, noise drawn from {@code noise}. */
    @FunctionalInterface
    public interface Feeds {
        Map<String, INDArray> of(INDArray images, SplittableRandom noise);
    }

    private final GraphModel model;
    private final Feeds feeds;
    private final List<String> losses;
    private final List<String> validationOutputs;
    private final ImageDataset train;
    private final ImageDataset valid;
    private final int batchSize;
    private final long seed;

    /**
     * @param inputShape        the images the model takes (the data sets must match)
     * @param losses            reported losses, the optimised one first
     * @param validationOutputs outputs validation listeners need (reconstructions, melodies)
     * @param seed              seed of the batch order and augmentation (the sampling noise comes from the trainer)
     */
    public ImageTraining(GraphModel model, ImageShape inputShape, Feeds feeds, List<String> losses, List<String> validationOutputs,
                         ImageDataset train, ImageDataset valid, int batchSize, long seed) {
        if (!train.shape().equals(inputShape) || !valid.shape().equals(inputShape)) {
            throw new IllegalArgumentException("data set images are " + train.shape() + ", the model takes " + inputShape);
        }
        this.model = model;
        this.feeds = feeds;
        this.losses = List.copyOf(losses);
        this.validationOutputs = List.copyOf(validationOutputs);
        this.train = train;
        this.valid = valid;
        this.batchSize = batchSize;
        this.seed = seed;
        // Fail now, not after an epoch, if the training data cannot fill a batch.
        Batches.training(train, batchSize, seed);
    }

    /** The seed's VisVAE experiment: all of {@code vae} trains with Adam at its learning rate. */
    public static ImageTraining of(VisualVae vae, ImageDataset train, ImageDataset valid, int batchSize, long seed) {
        return new ImageTraining(new GraphModel(vae.graph(), org.synvae.models.train.AdamConfig.of(vae.config().learningRate())),
                vae.inputShape(), vae::feeds, VisualVae.LOSSES, List.of(VisualVae.RECONSTRUCTIONS), train, valid, batchSize, seed);
    }

    @Override
    public GraphModel model() {
        return model;
    }

    @Override
    public List<String> losses() {
        return losses;
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
        return feeds.of(batch.images(), noise);
    }

    @Override
    public List<String> validationOutputs() {
        return validationOutputs;
    }
}
