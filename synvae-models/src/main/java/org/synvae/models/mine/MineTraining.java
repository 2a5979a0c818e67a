package org.synvae.models.mine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.data.Shuffle;
import org.synvae.data.sets.LatentPairs;
import org.synvae.models.train.AdamConfig;
import org.synvae.models.train.GraphModel;
import org.synvae.models.train.TrainingTask;

/**
 * Training a {@link Mine} critic on latent pairs: shuffled batches of joint pairs, each with its
 * marginal pairs from a random derangement within the batch (drawn from the trainer's seeded
 * per-batch noise). Validation runs on held-out pairs in fixed batches, so the trainer's best
 * checkpoint is the one with the highest held-out bound.
 */
public final class MineTraining implements TrainingTask<PairBatch> {
    private final Mine mine;
    private final GraphModel model;
    private final LatentPairs train;
    private final LatentPairs valid;
    private final int batchSize;
    private final long seed;

    /**
     * @param seed seed of the batch order
     * @throws IllegalArgumentException if the dimensions do not match the critic, or a set cannot fill a batch of 2
     */
    public MineTraining(Mine mine, LatentPairs train, LatentPairs valid, int batchSize, long seed) {
        MineConfig c = mine.config();
        for (LatentPairs p : List.of(train, valid)) {
            if (p.visualDim() != c.xDim() || p.auditiveDim() != c.yDim()) {
                throw new IllegalArgumentException("pairs of " + p.visualDim() + " and " + p.auditiveDim()
                        + " dimensions, the critic takes " + c.xDim() + " and " + c.yDim());
            }
        }
        if (batchSize < 2 || train.count() < batchSize || valid.count() < 2) {
            throw new IllegalArgumentException("need a batch size of at least 2, at least one full training batch ("
                    + train.count() + " pairs, batch " + batchSize + ") and 2 held-out pairs (" + valid.count() + ")");
        }
        this.mine = mine;
        this.model = new GraphModel(mine.graph(), AdamConfig.of(c.learningRate()));
        this.train = train;
        this.valid = valid;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    public Mine mine() {
        return mine;
    }

    @Override
    public GraphModel model() {
        return model;
    }

    @Override
    public List<String> losses() {
        return Mine.LOSSES;
    }

    @Override
    public Iterable<PairBatch> trainBatches(int epoch) {
        int[] order = Shuffle.permutation(train.count(), seed * 1_000_003L + epoch);
        return batches(train, order, true);
    }

    @Override
    public int trainBatchCount() {
        return train.count() / batchSize;
    }

    @Override
    public Iterable<PairBatch> validBatches() {
        int[] order = new int[valid.count()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return batches(valid, order, false);
    }

    @Override
    public int validBatchCount() {
        int n = valid.count();
        // A trailing single pair joins the previous batch (see batches).
        return n / batchSize + (n % batchSize > 1 || n < batchSize ? 1 : 0);
    }

    @Override
    public int size(PairBatch batch) {
        return batch.size();
    }

    @Override
    public Map<String, INDArray> feeds(PairBatch batch, SplittableRandom noise) {
        int[] pi = Derangement.random(batch.size(), noise);
        INDArray yMarginal = batch.y().getRows(pi);
        return Map.of(Mine.X, batch.x(), Mine.Y, batch.y(), Mine.Y_MARGINAL, yMarginal);
    }

    /**
     * Training drops the remainder; evaluation keeps it unless it is a single pair (a lone pair has
     * no derangement), which then joins the previous batch.
     */
    private List<PairBatch> batches(LatentPairs pairs, int[] order, boolean dropRemainder) {
        List<int[]> groups = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            if (end - start < batchSize && dropRemainder) {
                break;
            }
            if (end - start == 1 && !groups.isEmpty()) {
                int[] last = groups.remove(groups.size() - 1);
                int[] merged = java.util.Arrays.copyOf(last, last.length + 1);
                merged[last.length] = order[start];
                groups.add(merged);
                break;
            }
            groups.add(java.util.Arrays.copyOfRange(order, start, end));
        }
        List<PairBatch> out = new ArrayList<>(groups.size());
        for (int[] g : groups) {
            LatentPairs sub = pairs.subset(g);
            out.add(new PairBatch(Nd4j.create(sub.visual(), new long[] {g.length, sub.visualDim()}, 'c'),
                    Nd4j.create(sub.auditive(), new long[] {g.length, sub.auditiveDim()}, 'c')));
        }
        return out;
    }
}
