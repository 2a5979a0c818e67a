package org.synvae.models.classify;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.data.Batches;
import org.synvae.data.ImageBatch;
import org.synvae.data.ImageDataset;
import org.synvae.models.train.AdamConfig;
import org.synvae.models.train.GraphModel;
import org.synvae.models.train.TrainingTask;

/**
 * Training a {@link VisualClassifier} (the seed's classifier training): cross-entropy on shuffled,
 * augmented batches; the trainer keeps the checkpoint with the lowest validation loss as best.
 */
public final class ClassifierTraining implements TrainingTask<ClassifierBatch> {
    private final VisualClassifier classifier;
    private final GraphModel model;
    private final ImageDataset train;
    private final ImageDataset valid;
    private final float[][] trainTargets;
    private final float[][] validTargets;
    private final int batchSize;
    private final long seed;

    /** Single-label training: targets are the data sets' labels, one-hot. */
    public ClassifierTraining(VisualClassifier classifier, ImageDataset train, ImageDataset valid, int batchSize, long seed) {
        this(classifier, train, valid, null, null, batchSize, seed);
    }

    /**
     * @param trainTargets multi-hot rows per training image (by position in {@code train}), or null for one-hot labels
     * @param validTargets the same for {@code valid}
     * @param seed         seed of the batch order and augmentation
     */
    public ClassifierTraining(VisualClassifier classifier, ImageDataset train, ImageDataset valid,
                              float[][] trainTargets, float[][] validTargets, int batchSize, long seed) {
        if (!train.shape().equals(classifier.inputShape()) || !valid.shape().equals(classifier.inputShape())) {
            throw new IllegalArgumentException("data set images are " + train.shape() + ", the model takes " + classifier.inputShape());
        }
        int classes = classifier.config().classes();
        if (trainTargets == null && train.classNames().size() != classes) {
            throw new IllegalArgumentException("the data has " + train.classNames().size() + " classes, the model " + classes);
        }
        if ((trainTargets == null) != (validTargets == null)) {
            throw new IllegalArgumentException("give targets for both training and validation, or for neither");
        }
        if (trainTargets != null && (trainTargets.length != train.size() || validTargets.length != valid.size())) {
            throw new IllegalArgumentException("one target row per image is needed");
        }
        if (classifier.config().multiLabel() != (trainTargets != null)) {
            throw new IllegalArgumentException(classifier.config().multiLabel()
                    ? "a multi-label classifier needs multi-hot targets" : "a single-label classifier takes its targets from the labels");
        }
        if (trainTargets != null) {
            for (float[][] rows : List.of(trainTargets, validTargets)) {
                for (float[] row : rows) {
                    if (row.length != classes) {
                        throw new IllegalArgumentException("target rows must have " + classes + " entries, found " + row.length);
                    }
                }
            }
        }
        this.classifier = classifier;
        this.model = new GraphModel(classifier.graph(), AdamConfig.of(classifier.config().learningRate()));
        this.train = train;
        this.valid = valid;
        this.trainTargets = trainTargets;
        this.validTargets = validTargets;
        this.batchSize = batchSize;
        this.seed = seed;
        Batches.training(train, batchSize, seed);
    }

    public VisualClassifier classifier() {
        return classifier;
    }

    @Override
    public GraphModel model() {
        return model;
    }

    @Override
    public List<String> losses() {
        return List.of(VisualClassifier.LOSS);
    }

    @Override
    public Iterable<ClassifierBatch> trainBatches(int epoch) {
        // Same per-epoch seeding as the VAE: a resumed run sees the same batches.
        return withTargets(Batches.training(train, batchSize, seed * 1_000_003L + epoch), trainTargets);
    }

    @Override
    public int trainBatchCount() {
        return train.size() / batchSize;
    }

    @Override
    public Iterable<ClassifierBatch> validBatches() {
        return withTargets(Batches.evaluation(valid, batchSize), validTargets);
    }

    @Override
    public int validBatchCount() {
        return Batches.evaluation(valid, batchSize).count();
    }

    @Override
    public int size(ClassifierBatch batch) {
        return batch.size();
    }

    @Override
    public Map<String, INDArray> feeds(ClassifierBatch batch, SplittableRandom noise) {
        return Map.of(VisualClassifier.IMAGES, batch.images().images(), VisualClassifier.TARGETS, batch.targets());
    }

    @Override
    public List<String> validationOutputs() {
        return List.of(VisualClassifier.PROBABILITIES);
    }

    private Iterable<ClassifierBatch> withTargets(Batches batches, float[][] rows) {
        int classes = classifier.config().classes();
        return () -> new Iterator<>() {
            private final Iterator<ImageBatch> it = batches.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public ClassifierBatch next() {
                ImageBatch b = it.next();
                if (rows == null) {
                    return new ClassifierBatch(b, VisualClassifier.oneHot(b.labels(), classes));
                }
                float[] values = new float[b.size() * classes];
                for (int i = 0; i < b.size(); i++) {
                    System.arraycopy(rows[b.indices()[i]], 0, values, i * classes, classes);
                }
                return new ClassifierBatch(b, Nd4j.create(values, new long[] {b.size(), classes}, 'c'));
            }
        };
    }
}
