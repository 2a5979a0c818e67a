package org.synvae.models.classify;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.data.ImageShape;
import org.synvae.models.graph.Init;
import org.synvae.models.graph.Layers;
import org.synvae.models.train.AdamConfig;
import org.synvae.models.train.Checkpoints;
import org.synvae.models.train.GraphModel;
import org.synvae.models.visual.VisualArchitecture;
import org.synvae.models.visual.VisualEncoder;

/**
 * The seed's VisualCnn (MnistCnn, CifarCnn, BamCnn): the visual encoder's convolution stack of an
 * architecture, then one dense layer to class logits.
 *
 * <p>Single-label: softmax cross-entropy, applied once to the logits. The seed passed an already
 * softmaxed output into TensorFlow's {@code softmax_cross_entropy}, i.e. applied softmax twice,
 * which squashes the gradients; this does not reproduce that. Multi-label: a sigmoid per class
 * with binary cross-entropy summed over classes. Both losses are averaged over the batch.
 */
public final class VisualClassifier {
    public static final String IMAGES = "images";
    /** Targets [B, classes]: one-hot (single-label) or multi-hot (multi-label) floats. */
    public static final String TARGETS = "targets";
    public static final String LOGITS = "logits";
    /** Softmax (single-label) or per-class sigmoid (multi-label) probabilities. */
    public static final String PROBABILITIES = "probabilities";
    public static final String LOSS = "loss";
    /** Variable scope of the classifier's layers. */
    public static final String SCOPE = "cls";

    private final VisualClassifierConfig config;
    private final SameDiff sd;

    private VisualClassifier(VisualClassifierConfig config, SameDiff sd) {
        this.config = config;
        this.sd = sd;
    }

    /** Builds a freshly initialised classifier. */
    public static VisualClassifier build(VisualClassifierConfig config) {
        VisualArchitecture arch = config.arch();
        SameDiff sd = SameDiff.create();
        Layers layers = new Layers(sd, new Init(config.seed()));
        SDVariable images = sd.placeHolder(IMAGES, DataType.FLOAT, -1, arch.height(), arch.width(), arch.channels());
        SDVariable targets = sd.placeHolder(TARGETS, DataType.FLOAT, -1, config.classes());
        SDVariable features = VisualEncoder.features(layers, arch, SCOPE, images);
        SDVariable logits = layers.dense(SCOPE + "/logits", features, arch.encoderFeatures(), config.classes()).rename(LOGITS);
        SDVariable loss;
        if (config.multiLabel()) {
            sd.nn().sigmoid(PROBABILITIES, logits);
            // Stable binary cross-entropy: max(x, 0) - x*z + log(1 + exp(-|x|)).
            SDVariable perEntry = sd.nn().relu(logits, 0).sub(logits.mul(targets))
                    .add(sd.nn().softplus(sd.math().abs(logits).neg()));
            loss = perEntry.sum(1).mean().rename(LOSS);
        } else {
            sd.nn().softmax(PROBABILITIES, logits, 1);
            // logSoftmax without a dimension argument: the dimension form breaks gradients (platform notes).
            SDVariable logProb = sd.nn().logSoftmax(logits);
            loss = logProb.mul(targets).sum(1).neg().mean().rename(LOSS);
        }
        sd.setLossVariables(loss);
        return new VisualClassifier(config, sd);
    }

    /** A classifier for {@code config} with the weights of a checkpoint. */
    public static VisualClassifier fromCheckpoint(VisualClassifierConfig config, Path checkpoint) {
        VisualClassifier c = build(config);
        Checkpoints.restore(checkpoint, new GraphModel(c.graph(), AdamConfig.of(config.learningRate())));
        return c;
    }

    /** One-hot rows [n, classes] for single labels. */
    public static INDArray oneHot(int[] labels, int classes) {
        float[] values = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            values[i * classes + labels[i]] = 1f;
        }
        return Nd4j.create(values, new long[] {labels.length, classes}, 'c');
    }

    /** Class probabilities [n, classes] of {@code images} [n, H, W, C]. */
    public INDArray probabilities(INDArray images) {
        int n = (int) images.size(0);
        // The targets do not influence the probabilities; the loss needs a value fed.
        Map<String, INDArray> out = GraphModel.output(sd, Map.of(IMAGES, images,
                TARGETS, Nd4j.zeros(DataType.FLOAT, n, config.classes())), List.of(PROBABILITIES));
        return out.get(PROBABILITIES);
    }

    /** The most probable class of each image. */
    public int[] predict(INDArray images) {
        INDArray p = probabilities(images);
        return p.argMax(1).toIntVector();
    }

    /** The shape of images this model takes. */
    public ImageShape inputShape() {
        VisualArchitecture a = config.arch();
        return new ImageShape(a.height(), a.width(), a.channels());
    }

    public VisualClassifierConfig config() {
        return config;
    }

    public SameDiff graph() {
        return sd;
    }
}
