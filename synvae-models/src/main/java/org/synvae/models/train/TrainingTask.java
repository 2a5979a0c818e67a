package org.synvae.models.train;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The model-specific half of a training run: the graph, its losses, the batches, and how a batch
 * becomes the graph's placeholders. {@link Trainer} owns the loop; side jobs (exports, TensorBoard
 * images) are {@link TrainingListener}s.
 *
 * @param <B> the batch type (images, melodies, latent pairs)
 */
public interface TrainingTask<B> {

    /** The graph and its optimizer. */
    GraphModel model();

    /** Loss outputs to report; the first is the one optimised and compared for "best". */
    List<String> losses();

    /** Training batches of {@code epoch} (1-based); a seeded order so a resumed run sees the same. */
    Iterable<B> trainBatches(int epoch);

    /** Number of training batches per epoch. */
    int trainBatchCount();

    /** Validation batches, in a fixed order. */
    Iterable<B> validBatches();

    /** Number of validation batches. */
    int validBatchCount();

    /** Number of items in {@code batch}, to weight averages. */
    int size(B batch);

    /** The placeholders for {@code batch}; any sampling noise is drawn from {@code noise}. */
    Map<String, INDArray> feeds(B batch, SplittableRandom noise);

    /** Outputs besides the losses that validation listeners need (e.g. reconstructions). */
    default List<String> validationOutputs() {
        return List.of();
    }
}
