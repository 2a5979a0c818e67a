package org.synvae.synesthetic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.data.ImageDataset;
import org.synvae.data.ImageShape;
import org.synvae.models.graph.Init;
import org.synvae.models.graph.Layers;
import org.synvae.models.train.AdamConfig;
import org.synvae.models.train.GraphModel;
import org.synvae.models.visual.GaussianLatent;
import org.synvae.models.visual.ImageTraining;
import org.synvae.models.visual.VisualArchitecture;
import org.synvae.models.visual.VisualDecoder;
import org.synvae.models.visual.VisualEncoder;
import org.synvae.models.visual.VisualVae;
import org.synvae.music.model.MusicVae;
import org.synvae.music.model.MusicVaeConfig;
import org.synvae.music.model.MusicVaeGraph;

/**
 * The Synesthetic VAE as one SameDiff graph: the visual encoder's posterior sample z is decoded by
 * the MusicVAE into a 2-bar melody (each step's sampled output fed back), the MusicVAE encoder
 * reads that music back (as {@link MusicRelaxation} says) into an audio latent, and the visual
 * decoder rebuilds the image from a sample of it. The loss is the visual VAE's loss on that
 * reconstruction, so the music has to carry the image.
 *
 * <p>All randomness comes in through placeholders the caller fills from seeded generators:
 * {@link #EPSILON} (visual posterior), {@link #GUMBEL} (the decoder's sampling) and
 * {@link #AUDIO_EPSILON} (audio posterior). Zeros in all three give the deterministic path: the
 * visual mean, argmax melodies, the audio mean. Visual variables live under {@code vis_enc/} and
 * {@code vis_dec/} (as in {@link VisualVae}), MusicVAE variables under their checkpoint names.
 */
public final class SynestheticVae {
    public static final String IMAGES = VisualVae.IMAGES;
    public static final String EPSILON = VisualVae.EPSILON;
    /** Placeholder [B, steps, depth]: Gumbel noise of the decoder's sampled feedback (zeros: argmax). */
    public static final String GUMBEL = "gumbel";
    /** Placeholder [B, z]: standard normal noise of the audio posterior sample (zeros: its mean). */
    public static final String AUDIO_EPSILON = "audio_epsilon";
    public static final String LATENT_MEAN = VisualVae.LATENT_MEAN;
    public static final String LATENT = VisualVae.LATENT;
    /** Per-step decoder logits [B, steps, depth]. */
    public static final String LOGITS = "music_logits";
    /** The melody played: per-step class indices [B, steps] (the fed-back samples). */
    public static final String TOKENS = "music_tokens";
    /** Audio posterior mean [B, z]: the MusicVAE encoder's reading of the relaxed music. */
    public static final String AUDIO_MEAN = "audio_mean";
    public static final String AUDIO_SIGMA = "audio_sigma";
    public static final String AUDIO_LATENT = "audio_latent";
    public static final String RECONSTRUCTIONS = VisualVae.RECONSTRUCTIONS;
    public static final String LOSS = VisualVae.LOSS;
    public static final String RECON_LOSS = VisualVae.RECON_LOSS;
    public static final String KL = VisualVae.KL;
    /** Losses in report order; the first is the one optimised. */
    public static final List<String> LOSSES = VisualVae.LOSSES;

    private final SynestheticVaeConfig config;
    private final SameDiff sd;
    private final List<String> musicVariables;
    private SynestheticEngine engine;

    private SynestheticVae(SynestheticVaeConfig config, SameDiff sd, List<String> musicVariables) {
        this.config = config;
        this.sd = sd;
        this.musicVariables = List.copyOf(musicVariables);
    }

    /**
     * Builds the graph with freshly initialised visual weights and the given MusicVAE weights
     * (checkpoint names; a missing or mis-shaped one fails naming it).
     */
    public static SynestheticVae build(SynestheticVaeConfig config, Map<String, INDArray> musicWeights) {
        VisualArchitecture arch = config.arch();
        MusicVaeConfig music = config.music();
        int z = config.latentDim();
        SameDiff sd = SameDiff.create();
        Layers layers = new Layers(sd, new Init(config.seed()));
        SDVariable images = sd.placeHolder(IMAGES, DataType.FLOAT, -1, arch.height(), arch.width(), arch.channels());
        SDVariable epsilon = sd.placeHolder(EPSILON, DataType.FLOAT, -1, z);
        SDVariable gumbel = sd.placeHolder(GUMBEL, DataType.FLOAT, -1, music.steps(), music.depth());
        SDVariable audioEpsilon = sd.placeHolder(AUDIO_EPSILON, DataType.FLOAT, -1, z);

        GaussianLatent visual = VisualEncoder.build(layers, arch, z, images);
        visual.mean().rename(LATENT_MEAN);
        SDVariable latent = visual.sample(LATENT, epsilon);

        MusicVaeGraph mvae = MusicVaeGraph.create(sd, music, musicWeights);
        SDVariable logits = mvae.decodeWithFeedback(latent, gumbel, config.samplingTemperature()).rename(LOGITS);
        // The argmax of these scores is what the decoder fed back, i.e. the melody played.
        SDVariable scores = logits.div(config.samplingTemperature()).add(gumbel);
        sd.argmax(TOKENS, scores, 2);
        SDVariable heard = config.relaxation().apply(sd, logits, scores, config.gumbelTemperature(), music.steps(), music.depth());
        SDVariable[] audio = mvae.encode(heard);
        audio[0].rename(AUDIO_MEAN);
        audio[1].rename(AUDIO_SIGMA);
        SDVariable audioLatent = audio[0].add(AUDIO_LATENT, audio[1].mul(audioEpsilon));

        SDVariable recon = VisualDecoder.build(layers, arch, z, audioLatent).rename(RECONSTRUCTIONS);
        VisualVae.addLoss(sd, images, recon, visual, config.beta());
        return new SynestheticVae(config, sd, mvae.variableNames());
    }

    public SynestheticVaeConfig config() {
        return config;
    }

    public SameDiff graph() {
        return sd;
    }

    /**
     * A {@link GraphModel} that trains the visual variables, and the MusicVAE's too if the config
     * says so. On the CPU backend its training steps and forward passes run on
     * {@link SynestheticEngine}: the same numbers as {@link #graphModel()}'s, without SameDiff's
     * passes through the unrolled MusicVAE (about 3x faster).
     */
    public GraphModel model() {
        SynestheticEngine engine = engine();
        return engine == null ? graphModel() : new GraphModel(sd, AdamConfig.of(config.learningRate()), trainableVariables(), engine);
    }

    /** As {@link #model()}, always with SameDiff's backward pass over the whole graph (the reference). */
    public GraphModel graphModel() {
        return new GraphModel(sd, AdamConfig.of(config.learningRate()), trainableVariables());
    }

    /** The visual variables, and the MusicVAE's if the config trains them. */
    private List<String> trainableVariables() {
        List<String> trainable = new ArrayList<>(GraphModel.variableNames(sd));
        if (!config.trainMusic()) {
            trainable.removeAll(musicVariables);
        }
        return trainable;
    }

    /** The seed's syn_training on images: the loss of {@link #model()} with this graph's noises. */
    public ImageTraining training(ImageDataset train, ImageDataset valid, int batchSize, long seed) {
        return new ImageTraining(model(), inputShape(), this::feeds, LOSSES, List.of(RECONSTRUCTIONS, TOKENS),
                train, valid, batchSize, seed);
    }

    /** Names of the MusicVAE's variables in this graph (checkpoint names). */
    public List<String> musicVariables() {
        return musicVariables;
    }

    /**
     * Copies visual weights into this graph: every {@code vis_enc/} and {@code vis_dec/} variable
     * from {@code weights} (e.g. a trained visual VAE's checkpoint), which must match in shape.
     */
    public void setVisualWeights(Map<String, INDArray> weights) {
        for (String name : GraphModel.variableNames(sd)) {
            if (musicVariables.contains(name)) {
                continue;
            }
            INDArray value = weights.get(name);
            INDArray current = sd.getVariable(name).getArr();
            if (value == null) {
                throw new IllegalArgumentException("the visual weights have no variable '" + name + "'");
            }
            if (!java.util.Arrays.equals(value.shape(), current.shape())) {
                throw new IllegalArgumentException("visual variable '" + name + "' has shape " + java.util.Arrays.toString(value.shape())
                        + " but the SynVAE needs " + java.util.Arrays.toString(current.shape())
                        + " (its latent size is the MusicVAE's z, " + config.latentDim() + ")");
            }
            current.assign(value.castTo(current.dataType()));
        }
    }

    /** The MusicVAE's current weights (checkpoint names), e.g. to build the inference engine. */
    public Map<String, INDArray> musicWeights() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String name : musicVariables) {
            out.put(name, sd.getVariable(name).getArr());
        }
        return out;
    }

    /** The MusicVAE inside this SynVAE as an inference engine (copies of the current weights). */
    public MusicVae musicVae() {
        Map<String, INDArray> copies = new LinkedHashMap<>();
        musicWeights().forEach((k, v) -> copies.put(k, v.dup()));
        return MusicVae.fromTensors(config.music(), copies);
    }

    /** The shape of images this model takes. */
    public ImageShape inputShape() {
        VisualArchitecture a = config.arch();
        return new ImageShape(a.height(), a.width(), a.channels());
    }

    /**
     * Placeholders for {@code images}: with {@code noise} the three noises are drawn from it (training,
     * sampled melodies); with {@code null} they are zeros (visual mean, argmax melody, audio mean).
     */
    public Map<String, INDArray> feeds(INDArray images, SplittableRandom noise) {
        int n = (int) images.size(0);
        int z = config.latentDim();
        MusicVaeConfig music = config.music();
        Map<String, INDArray> feeds = new LinkedHashMap<>();
        feeds.put(IMAGES, images);
        if (noise == null) {
            feeds.put(EPSILON, Nd4j.zeros(DataType.FLOAT, n, z));
            feeds.put(GUMBEL, Nd4j.zeros(DataType.FLOAT, n, music.steps(), music.depth()));
            feeds.put(AUDIO_EPSILON, Nd4j.zeros(DataType.FLOAT, n, z));
        } else {
            feeds.put(EPSILON, GaussianLatent.standardNormal(n, z, noise));
            feeds.put(GUMBEL, MusicVaeGraph.gumbelNoise(n, music.steps(), music.depth(), noise));
            feeds.put(AUDIO_EPSILON, GaussianLatent.standardNormal(n, z, noise));
        }
        return feeds;
    }

    /**
     * The deterministic path over {@code images}: visual means, logits, argmax melodies, audio means
     * and reconstructions, by the names of this class.
     */
    public Map<String, INDArray> infer(INDArray images) {
        List<String> wanted = List.of(LATENT_MEAN, LOGITS, TOKENS, AUDIO_MEAN, RECONSTRUCTIONS);
        SynestheticEngine engine = engine();
        return engine != null ? engine.outputs(feeds(images, null), wanted) : GraphModel.output(sd, feeds(images, null), wanted);
    }

    /** The split computation of this graph ({@link SynestheticEngine}), made at first use; null off the CPU backend. */
    private synchronized SynestheticEngine engine() {
        if (engine == null && SynestheticEngine.available()) {
            Map<String, INDArray> visual = new LinkedHashMap<>();
            for (String name : GraphModel.variableNames(sd)) {
                if (!musicVariables.contains(name)) {
                    visual.put(name, sd.getVariable(name).getArr());
                }
            }
            engine = new SynestheticEngine(config, sd, visual, musicWeights());
        }
        return engine;
    }
}
