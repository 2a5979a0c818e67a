package org.synvae.models.classify;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.models.train.TrainingListener;

/**
 * Top-1 accuracy of a single-label classifier on the validation batches of each epoch, from the
 * probabilities the trainer computes anyway ({@link ClassifierTraining#validationOutputs()}).
 */
public final class ValidationAccuracy implements TrainingListener<ClassifierBatch> {
    private final Map<Integer, long[]> counts = new HashMap<>();

    @Override
    public void onValidationBatch(int epoch, int batchIndex, ClassifierBatch batch, Map<String, INDArray> outputs) {
        int[] predicted = outputs.get(VisualClassifier.PROBABILITIES).argMax(1).toIntVector();
        int[] labels = batch.images().labels();
        long[] c = counts.computeIfAbsent(epoch, e -> new long[2]);
        for (int i = 0; i < labels.length; i++) {
            c[0] += predicted[i] == labels[i] ? 1 : 0;
        }
        c[1] += labels.length;
    }

    /** Validation accuracy after {@code epoch}, or NaN if that epoch was not validated here. */
    public double accuracy(int epoch) {
        long[] c = counts.get(epoch);
        return c == null || c[1] == 0 ? Double.NaN : (double) c[0] / c[1];
    }
}
