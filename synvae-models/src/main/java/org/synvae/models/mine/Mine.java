package org.synvae.models.mine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.models.graph.Init;
import org.synvae.models.train.AdamConfig;
import org.synvae.models.train.Checkpoints;
import org.synvae.models.train.GraphModel;

/**
 * The seed's MINE critic {@code T(x, y)}: {@code concat(x, y) -> 128 -> 64 -> 1} with ReLU, applied
 * with the same weights to joint pairs {@code (x_i, y_i)} and to marginal pairs
 * {@code (x_i, y_pi(i))}. The graph's loss is the negated bound of the config (in nats, per batch).
 *
 * <p>DV in the graph: {@code log mean exp(T)} is written as {@code c + log mean exp(T - c)} with
 * {@code c = max(T)}. That is the same function for every {@code c}, so its gradient is the true
 * one whatever flows through {@code c}, and it avoids both overflow and SameDiff's broken
 * {@code logSumExp} gradient (platform notes).
 */
public final class Mine {
    public static final String X = "x";
    public static final String Y = "y";
    /** The y rows re-paired by a derangement: {@code y_pi(i)} next to {@code x_i}. */
    public static final String Y_MARGINAL = "y_marginal";
    public static final String T_JOINT = "t_joint";
    public static final String T_MARGINAL = "t_marginal";
    /** The bound on this batch (nats). */
    public static final String BOUND = "bound";
    /** {@code -BOUND}, minimised. */
    public static final String LOSS = "loss";
    /** Losses in report order; the first is optimised and picks the best checkpoint. */
    public static final List<String> LOSSES = List.of(LOSS, BOUND);

    private final MineConfig config;
    private final SameDiff sd;

    private Mine(MineConfig config, SameDiff sd) {
        this.config = config;
        this.sd = sd;
    }

    /** A freshly initialised critic. */
    public static Mine build(MineConfig config) {
        SameDiff sd = SameDiff.create();
        Init init = new Init(config.seed());
        int in = config.xDim() + config.yDim();
        SDVariable w1 = sd.var("mine/fc1/W", init.glorotUniform(in, config.hidden1(), in, config.hidden1()));
        SDVariable b1 = sd.var("mine/fc1/b", Init.zeros(config.hidden1()));
        SDVariable w2 = sd.var("mine/fc2/W", init.glorotUniform(config.hidden1(), config.hidden2(), config.hidden1(), config.hidden2()));
        SDVariable b2 = sd.var("mine/fc2/b", Init.zeros(config.hidden2()));
        SDVariable w3 = sd.var("mine/out/W", init.glorotUniform(config.hidden2(), 1, config.hidden2(), 1));
        SDVariable b3 = sd.var("mine/out/b", Init.zeros(1));
        SDVariable x = sd.placeHolder(X, DataType.FLOAT, -1, config.xDim());
        SDVariable y = sd.placeHolder(Y, DataType.FLOAT, -1, config.yDim());
        SDVariable yMarginal = sd.placeHolder(Y_MARGINAL, DataType.FLOAT, -1, config.yDim());
        SDVariable tJoint = critic(sd, sd.concat(1, x, y), w1, b1, w2, b2, w3, b3).rename(T_JOINT);
        SDVariable tMarginal = critic(sd, sd.concat(1, x, yMarginal), w1, b1, w2, b2, w3, b3).rename(T_MARGINAL);
        SDVariable marginalTerm = switch (config.bound()) {
            case NWJ -> sd.math().exp(tMarginal.sub(1.0)).mean();
            case DV -> {
                SDVariable c = tMarginal.max();
                yield sd.math().log(sd.math().exp(tMarginal.sub(c)).mean()).add(c);
            }
        };
        SDVariable bound = tJoint.mean().sub(marginalTerm).rename(BOUND);
        SDVariable loss = bound.neg().rename(LOSS);
        sd.setLossVariables(loss);
        return new Mine(config, sd);
    }

    /** A critic for {@code config} with a checkpoint's weights. */
    public static Mine fromCheckpoint(MineConfig config, Path checkpoint) {
        Mine mine = build(config);
        Checkpoints.restore(checkpoint, new GraphModel(mine.graph(), AdamConfig.of(config.learningRate())));
        return mine;
    }

    private static SDVariable critic(SameDiff sd, SDVariable in, SDVariable w1, SDVariable b1, SDVariable w2,
                                     SDVariable b2, SDVariable w3, SDVariable b3) {
        SDVariable h1 = sd.nn().relu(in.mmul(w1).add(b1), 0);
        SDVariable h2 = sd.nn().relu(h1.mmul(w2).add(b2), 0);
        return h2.mmul(w3).add(b3).reshape(-1);
    }

    /** Critic scores {@code T(x_i, y_i)} of {@code n} row-major pairs. */
    public double[] scores(float[] x, float[] y, int n) {
        INDArray xs = Nd4j.create(x, new long[] {n, config.xDim()}, 'c');
        INDArray ys = Nd4j.create(y, new long[] {n, config.yDim()}, 'c');
        Map<String, INDArray> out = GraphModel.output(sd, Map.of(X, xs, Y, ys, Y_MARGINAL, ys), List.of(T_JOINT));
        return out.get(T_JOINT).toDoubleVector();
    }

    public MineConfig config() {
        return config;
    }

    public SameDiff graph() {
        return sd;
    }
}
