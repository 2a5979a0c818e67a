package org.synvae.models.visual;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.data.ImageShape;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.synvae.models.graph.Init;
import org.synvae.models.train.AdamConfig;
import org.synvae.models.train.Checkpoints;
import org.synvae.models.train.GraphModel;
import org.synvae.models.graph.Layers;

/**
 * The visual VAE of the SynVAE seed: encoder, reparametrised sample, decoder, and the loss
 * {@code mean_B(sum_pixels (x - x')^2) + beta * mean_B(KL)}.
 *
 * <p>Graph names are the constants below. The latent sample takes its noise from the placeholder
 * {@link #EPSILON}, which the caller fills from a seeded generator, so every draw is reproducible.
 */
public final class VisualVae {
    public static final String IMAGES = "images";
    public static final String EPSILON = "epsilon";
    public static final String LATENT_MEAN = "latent_mean";
    public static final String LATENT_LOG_VAR = "latent_log_var";
    public static final String LATENT = "latent";
    public static final String RECONSTRUCTIONS = "reconstructions";
    public static final String RECON_LOSS = "recon_loss";
    public static final String KL = "kl";
    public static final String LOSS = "loss";
    /** Losses in report order; the first is the one optimised. */
    public static final List<String> LOSSES = List.of(LOSS, RECON_LOSS, KL);

    private final VisualVaeConfig config;
    private final SameDiff sd;

    private VisualVae(VisualVaeConfig config, SameDiff sd) {
        this.config = config;
        this.sd = sd;
    }

    /** Builds a freshly initialised graph for {@code config}. */
    public static VisualVae build(VisualVaeConfig config) {
        VisualArchitecture arch = config.arch();
        SameDiff sd = SameDiff.create();
        Layers layers = new Layers(sd, new Init(config.seed()));
        SDVariable images = sd.placeHolder(IMAGES, DataType.FLOAT, -1, arch.height(), arch.width(), arch.channels());
        SDVariable epsilon = sd.placeHolder(EPSILON, DataType.FLOAT, -1, config.latentDim());
        GaussianLatent posterior = VisualEncoder.build(layers, arch, config.latentDim(), images);
        posterior.mean().rename(LATENT_MEAN);
        posterior.logVar().rename(LATENT_LOG_VAR);
        SDVariable z = posterior.sample(LATENT, epsilon);
        SDVariable recon = VisualDecoder.build(layers, arch, config.latentDim(), z).rename(RECONSTRUCTIONS);
        addLoss(sd, images, recon, posterior, config.beta());
        return new VisualVae(config, sd);
    }

    /**
     * A model for {@code config} with the weights of a checkpoint ({@code latest.npz}, {@code best.npz});
     * a checkpoint of another architecture or size fails naming the variable and both shapes.
     */
    public static VisualVae fromCheckpoint(VisualVaeConfig config, Path checkpoint) {
        VisualVae vae = build(config);
        Checkpoints.restore(checkpoint, new GraphModel(vae.graph(), AdamConfig.of(config.learningRate())));
        return vae;
    }

    /**
     * Adds the seed's VAE loss to {@code sd}: per-image summed squared error plus beta times KL,
     * both averaged over the batch. Also used by the SynVAE, whose reconstruction comes through music.
     */
    public static SDVariable addLoss(SameDiff sd, SDVariable images, SDVariable recon, GaussianLatent posterior, double beta) {
        SDVariable reconLoss = reconstructionLoss(images, recon);
        SDVariable kl = posterior.klPerItem().mean().rename(KL);
        SDVariable loss = reconLoss.add(LOSS, kl.mul(beta));
        sd.setLossVariables(loss);
        return loss;
    }

    /** The seed's reconstruction loss, {@code mean_B(sum_pixels (x - x')^2)}, named {@link #RECON_LOSS}. */
    public static SDVariable reconstructionLoss(SDVariable images, SDVariable recon) {
        SDVariable diff = images.sub(recon);
        return diff.mul(diff).sum(1, 2, 3).mean().rename(RECON_LOSS);
    }

    /** The placeholders for {@code images}, the latent noise drawn from {@code noise}. */
    public Map<String, INDArray> feeds(INDArray images, SplittableRandom noise) {
        return Map.of(IMAGES, images, EPSILON, epsilon((int) images.size(0), noise));
    }

    /** Standard-normal noise [n, latent] for the {@link #EPSILON} placeholder. */
    public INDArray epsilon(int n, SplittableRandom noise) {
        return GaussianLatent.standardNormal(n, config.latentDim(), noise);
    }

    /** The shape of images this model takes. */
    public ImageShape inputShape() {
        VisualArchitecture a = config.arch();
        return new ImageShape(a.height(), a.width(), a.channels());
    }

    /**
     * Runs the encoder (and decoder) over {@code images}: latent means, latent samples (noise from
     * {@code noise}) and reconstructions from the means, as [n, latent], [n, latent] and [n, H, W, C].
     */
    public Map<String, INDArray> infer(INDArray images, SplittableRandom noise) {
        int n = (int) images.size(0);
        Map<String, INDArray> sampled = GraphModel.output(sd, Map.of(IMAGES, images, EPSILON, epsilon(n, noise)),
                List.of(LATENT_MEAN, LATENT));
        // Reconstructions from the means: zero noise makes the sample the mean.
        INDArray recon = GraphModel.output(sd, Map.of(IMAGES, images, EPSILON, Nd4j.zeros(DataType.FLOAT, n, config.latentDim())),
                List.of(RECONSTRUCTIONS)).get(RECONSTRUCTIONS);
        INDArray means = sampled.get(LATENT_MEAN);
        INDArray samples = sampled.get(LATENT);
        return Map.of(LATENT_MEAN, means, LATENT, samples, RECONSTRUCTIONS, recon);
    }

    public VisualVaeConfig config() {
        return config;
    }

    public SameDiff graph() {
        return sd;
    }
}
