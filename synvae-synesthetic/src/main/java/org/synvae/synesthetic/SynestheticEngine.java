package org.synvae.synesthetic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.data.io.NdArrays;
import org.synvae.models.graph.Init;
import org.synvae.models.graph.Layers;
import org.synvae.models.train.GraphModel;
import org.synvae.models.visual.GaussianLatent;
import org.synvae.models.visual.VisualArchitecture;
import org.synvae.models.visual.VisualDecoder;
import org.synvae.models.visual.VisualEncoder;
import org.synvae.models.visual.VisualVae;
import org.synvae.music.model.MusicVaePass;
import org.synvae.music.model.MusicVaePassCache;
import org.synvae.music.model.MusicVaePasses;
import org.synvae.music.model.MusicVaeConfig;

/**
 * The SynVAE computed in parts around the MusicVAE rather than as one SameDiff graph, whose 32
 * decoder and 32 encoder steps cost thousands of small operations each pass:
 * <ol>
 *   <li>visual encoder (a SameDiff graph over the SynVAE's own encoder weights): z;
 *   <li>MusicVAE forward with {@link MusicVaePasses}: melody, relaxation, audio posterior and sample;
 *   <li>visual decoder (a SameDiff graph over the SynVAE's decoder weights): the reconstruction and
 *       its loss; in a training step also their gradients and that of the audio latent;
 *   <li>training step only: the MusicVAE backward, giving the gradient of z (and, if the MusicVAE
 *       trains, of its weights); then the visual encoder again with {@code beta KL + sum(z * dz)}
 *       as its objective, whose gradients are the SynVAE loss's.
 * </ol>
 * The numbers are those of the SynVAE graph (same noises, same equations; tested to float
 * rounding). Every part reads the graph's current weights, so optimizer updates and restored
 * checkpoints are seen. Parts of the batch run the MusicVAE on separate cores. One call at a time
 * (calls are serialised).
 */
final class SynestheticEngine implements GraphModel.Engine {
    private static final String LATENT_GRADIENT = "latent_gradient";
    private static final Set<String> ENCODER_OUTPUTS = Set.of(SynestheticVae.LATENT_MEAN, SynestheticVae.LATENT, SynestheticVae.KL);
    private static final Set<String> MUSIC_OUTPUTS = Set.of(SynestheticVae.LOGITS, SynestheticVae.TOKENS, SynestheticVae.AUDIO_MEAN,
            SynestheticVae.AUDIO_SIGMA, SynestheticVae.AUDIO_LATENT);
    private static final Set<String> DECODER_OUTPUTS = Set.of(SynestheticVae.RECONSTRUCTIONS, SynestheticVae.RECON_LOSS, SynestheticVae.LOSS);

    private final SynestheticVaeConfig config;
    private final SameDiff whole;
    private final SameDiff encoder;
    private final SameDiff decoder;
    private final List<String> encoderVariables;
    private final List<String> decoderVariables;
    private final Set<String> musicVariables;
    private final MusicVaePassCache passes;

    /**
     * @param whole         the SynVAE graph, for outputs this path does not compute
     * @param visualWeights the graph's visual variables (live arrays: the graphs here use the same memory)
     * @param musicWeights  the graph's MusicVAE variables (live arrays, read in place)
     */
    SynestheticEngine(SynestheticVaeConfig config, SameDiff whole, Map<String, INDArray> visualWeights, Map<String, INDArray> musicWeights) {
        this(config, whole, visualWeights, musicWeights, MusicVaePasses::parallelParts);
    }

    /** @param partsFor into how many parts a batch of a size is cut for the MusicVAE (tests force a split with it) */
    SynestheticEngine(SynestheticVaeConfig config, SameDiff whole, Map<String, INDArray> visualWeights, Map<String, INDArray> musicWeights,
                      IntUnaryOperator partsFor) {
        this.config = config;
        this.whole = whole;
        this.passes = new MusicVaePassCache(new MusicVaePasses(config.music(), musicWeights), partsFor);
        this.musicVariables = Set.copyOf(musicWeights.keySet());
        VisualArchitecture arch = config.arch();
        int z = config.latentDim();

        encoder = SameDiff.create();
        Layers encLayers = new Layers(encoder, new Init(config.seed()), visualWeights);
        SDVariable images = encoder.placeHolder(SynestheticVae.IMAGES, DataType.FLOAT, -1, arch.height(), arch.width(), arch.channels());
        SDVariable epsilon = encoder.placeHolder(SynestheticVae.EPSILON, DataType.FLOAT, -1, z);
        SDVariable latentGradient = encoder.placeHolder(LATENT_GRADIENT, DataType.FLOAT, -1, z);
        GaussianLatent posterior = VisualEncoder.build(encLayers, arch, z, images);
        posterior.mean().rename(SynestheticVae.LATENT_MEAN);
        SDVariable latent = posterior.sample(SynestheticVae.LATENT, epsilon);
        SDVariable kl = posterior.klPerItem().mean().rename(SynestheticVae.KL);
        // Its gradient is the SynVAE loss's for the encoder: beta KL directly, the rest through z.
        encoder.setLossVariables(kl.mul(config.beta()).add("encoder_objective", latent.mul(latentGradient).sum()));
        encoderVariables = GraphModel.variableNames(encoder);

        decoder = SameDiff.create();
        Layers decLayers = new Layers(decoder, new Init(config.seed()), visualWeights);
        SDVariable target = decoder.placeHolder(SynestheticVae.IMAGES, DataType.FLOAT, -1, arch.height(), arch.width(), arch.channels());
        SDVariable audioLatent = decoder.placeHolder(SynestheticVae.AUDIO_LATENT, DataType.FLOAT, -1, z);
        SDVariable recon = VisualDecoder.build(decLayers, arch, z, audioLatent).rename(SynestheticVae.RECONSTRUCTIONS);
        decoder.setLossVariables(VisualVae.reconstructionLoss(target, recon));
        decoderVariables = GraphModel.variableNames(decoder);
        for (String name : encoderVariables) {
            requireShared(name, encoder, visualWeights);
        }
        for (String name : decoderVariables) {
            requireShared(name, decoder, visualWeights);
        }
    }

    /** Whether this machine can run the path (the MusicVAE passes need the CPU backend). */
    static boolean available() {
        return MusicVaePasses.available();
    }

    private static void requireShared(String name, SameDiff sd, Map<String, INDArray> weights) {
        if (sd.getVariable(name).getArr() != weights.get(name)) {
            throw new IllegalStateException("visual variable '" + name + "' is not the SynVAE's own array");
        }
    }

    @Override
    public synchronized OutAndGrad step(Map<String, INDArray> feeds, List<String> outputs, List<String> trainable) {
        if (!SynestheticVae.LOSSES.containsAll(outputs)) {
            throw new IllegalArgumentException("a SynVAE training step computes only " + SynestheticVae.LOSSES + ", not " + outputs);
        }
        Set<String> known = new java.util.HashSet<>(encoderVariables);
        known.addAll(decoderVariables);
        known.addAll(musicVariables);
        if (!known.containsAll(trainable)) {
            throw new IllegalArgumentException("unknown trainable variables in " + trainable);
        }
        boolean trainMusic = trainable.stream().anyMatch(musicVariables::contains);
        Forward f = forward(feeds);
        int b = f.batch();
        int z = config.latentDim();
        List<String> decoderWrt = new ArrayList<>(decoderVariables);
        decoderWrt.add(SynestheticVae.AUDIO_LATENT);
        OutAndGrad dec = decoder.calculateGradientsAndOutputs(
                Map.of(SynestheticVae.IMAGES, feeds.get(SynestheticVae.IMAGES), SynestheticVae.AUDIO_LATENT, matrix(f.audio, b, z)),
                List.of(SynestheticVae.RECON_LOSS), decoderWrt);
        float[] audioGradient = NdArrays.floats(dec.getGradients().get(SynestheticVae.AUDIO_LATENT));

        float[] latentGradient = new float[b * z];
        int depth = config.music().depth();
        int perRow = config.music().steps() * depth;
        List<Map<String, INDArray>> musicGradients = IntStream.range(0, f.parts.length).parallel().mapToObj(p -> {
            MusicVaePass pass = f.parts[p];
            int r0 = f.from[p];
            int n = (f.from[p + 1] - r0) * z;
            float[] dMean = slice(audioGradient, r0 * z, n);
            float[] dSigma = new float[n];
            for (int k = 0; k < n; k++) {
                dSigma[k] = dMean[k] * f.audioEpsilon[r0 * z + k];
            }
            float[] dValue = pass.inputGradient(dMean, dSigma);
            Map<String, INDArray> weights = new HashMap<>();
            if (trainMusic) {
                weights.putAll(pass.encoderWeightGradients());
            }
            float[] scores = scores(f.logits[p], f.gumbel, r0 * perRow);
            float[] dLogits = config.relaxation().logitsGradient(dValue, f.logits[p], scores, config.gumbelTemperature(),
                    config.samplingTemperature(), depth);
            System.arraycopy(pass.latentGradient(dLogits), 0, latentGradient, r0 * z, n);
            if (trainMusic) {
                weights.putAll(pass.decoderWeightGradients());
            }
            return weights;
        }).toList();

        OutAndGrad enc = encoder.calculateGradientsAndOutputs(Map.of(SynestheticVae.IMAGES, feeds.get(SynestheticVae.IMAGES),
                SynestheticVae.EPSILON, feeds.get(SynestheticVae.EPSILON), LATENT_GRADIENT, matrix(latentGradient, b, z)),
                List.of(SynestheticVae.KL), encoderVariables);

        Map<String, INDArray> values = losses(dec.getOutputs().get(SynestheticVae.RECON_LOSS), enc.getOutputs().get(SynestheticVae.KL));
        Map<String, INDArray> gradients = new LinkedHashMap<>();
        for (String name : trainable) {
            INDArray g = enc.getGradients().get(name);
            if (g == null) {
                g = dec.getGradients().get(name);
            }
            if (g == null) {
                // A MusicVAE weight: the sum over the parts of the batch.
                for (Map<String, INDArray> part : musicGradients) {
                    g = g == null ? part.get(name) : g.addi(part.get(name));
                }
            }
            gradients.put(name, g);
        }
        return new OutAndGrad(select(values, outputs), gradients);
    }

    @Override
    public synchronized Map<String, INDArray> outputs(Map<String, INDArray> feeds, List<String> outputs) {
        Set<String> supported = new java.util.HashSet<>(ENCODER_OUTPUTS);
        supported.addAll(MUSIC_OUTPUTS);
        supported.addAll(DECODER_OUTPUTS);
        if (!supported.containsAll(outputs)) {
            return GraphModel.output(whole, feeds, outputs);
        }
        if (ENCODER_OUTPUTS.containsAll(outputs)) {
            return GraphModel.output(encoder, Map.of(SynestheticVae.IMAGES, feeds.get(SynestheticVae.IMAGES),
                    SynestheticVae.EPSILON, feeds.get(SynestheticVae.EPSILON)), outputs);
        }
        Forward f = forward(feeds);
        int b = f.batch();
        int z = config.latentDim();
        MusicVaeConfig mc = config.music();
        Map<String, INDArray> values = new HashMap<>();
        values.put(SynestheticVae.LATENT_MEAN, f.latentMean);
        values.put(SynestheticVae.LATENT, matrix(f.latent, b, z));
        values.put(SynestheticVae.KL, f.kl);
        values.put(SynestheticVae.LOGITS, Nd4j.create(concat(f.logits), new long[] {b, mc.steps(), mc.depth()}, 'c'));
        INDArray tokens = Nd4j.create(DataType.INT64, b, mc.steps());
        for (int p = 0; p < f.parts.length; p++) {
            int[] t = f.parts[p].tokens();
            for (int k = 0; k < t.length; k++) {
                tokens.putScalar(f.from[p] * mc.steps() + k, t[k]);
            }
        }
        values.put(SynestheticVae.TOKENS, tokens);
        values.put(SynestheticVae.AUDIO_MEAN, matrix(f.mean, b, z));
        values.put(SynestheticVae.AUDIO_SIGMA, matrix(f.sigma, b, z));
        values.put(SynestheticVae.AUDIO_LATENT, matrix(f.audio, b, z));
        if (outputs.stream().anyMatch(DECODER_OUTPUTS::contains)) {
            Map<String, INDArray> dec = GraphModel.output(decoder, Map.of(SynestheticVae.IMAGES, feeds.get(SynestheticVae.IMAGES),
                    SynestheticVae.AUDIO_LATENT, matrix(f.audio, b, z)), List.of(SynestheticVae.RECONSTRUCTIONS, SynestheticVae.RECON_LOSS));
            values.put(SynestheticVae.RECONSTRUCTIONS, dec.get(SynestheticVae.RECONSTRUCTIONS));
            values.putAll(losses(dec.get(SynestheticVae.RECON_LOSS), f.kl));
        }
        return select(values, outputs);
    }

    /** {@code names}' values, in that order. */
    private static Map<String, INDArray> select(Map<String, INDArray> values, List<String> names) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, values.get(n));
        }
        return out;
    }

    /** What the forward pass up to the audio latent leaves for the rest of a call. */
    private record Forward(INDArray latentMean, float[] latent, INDArray kl, MusicVaePass[] parts, int[] from,
                           float[][] logits, float[] gumbel, float[] mean, float[] sigma, float[] audio, float[] audioEpsilon) {
        int batch() {
            return from[from.length - 1];
        }
    }

    /** Visual encoder, then the MusicVAE on each part of the batch: the audio posterior and its sample. */
    private Forward forward(Map<String, INDArray> feeds) {
        INDArray images = feeds.get(SynestheticVae.IMAGES);
        int b = Math.toIntExact(images.size(0));
        MusicVaeConfig mc = config.music();
        int z = config.latentDim();
        int perRow = mc.steps() * mc.depth();
        float[] gumbel = NdArrays.floats(feeds.get(SynestheticVae.GUMBEL));
        float[] audioEpsilon = NdArrays.floats(feeds.get(SynestheticVae.AUDIO_EPSILON));
        Map<String, INDArray> enc = GraphModel.output(encoder, Map.of(SynestheticVae.IMAGES, images,
                SynestheticVae.EPSILON, feeds.get(SynestheticVae.EPSILON)), List.of(SynestheticVae.LATENT_MEAN, SynestheticVae.LATENT, SynestheticVae.KL));
        float[] latent = NdArrays.floats(enc.get(SynestheticVae.LATENT));

        MusicVaePass[] parts = passes.forBatch(b);
        int[] from = MusicVaePasses.partBounds(b, parts.length);
        float[][] logits = new float[parts.length][];
        float[] mean = new float[b * z];
        float[] sigma = new float[b * z];
        float[] audio = new float[b * z];
        IntStream.range(0, parts.length).parallel().forEach(p -> {
            MusicVaePass pass = parts[p];
            int r0 = from[p];
            int rows = from[p + 1] - r0;
            pass.decode(slice(latent, r0 * z, rows * z), slice(gumbel, r0 * perRow, rows * perRow), config.samplingTemperature());
            logits[p] = pass.logits().clone();
            pass.encode(config.relaxation().value(logits[p], pass.tokens(), mc.depth()));
            System.arraycopy(pass.mean(), 0, mean, r0 * z, rows * z);
            System.arraycopy(pass.sigma(), 0, sigma, r0 * z, rows * z);
            for (int k = r0 * z; k < (r0 + rows) * z; k++) {
                audio[k] = mean[k] + sigma[k] * audioEpsilon[k];
            }
        });
        return new Forward(enc.get(SynestheticVae.LATENT_MEAN), latent, enc.get(SynestheticVae.KL), parts, from, logits, gumbel,
                mean, sigma, audio, audioEpsilon);
    }

    /** The graph's three losses from its reconstruction loss and KL (scalars). */
    private Map<String, INDArray> losses(INDArray reconLoss, INDArray klValue) {
        float recon = reconLoss.getFloat(0);
        float kl = klValue.getFloat(0);
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(SynestheticVae.LOSS, Nd4j.scalar(recon + kl * (float) config.beta()));
        out.put(SynestheticVae.RECON_LOSS, Nd4j.scalar(recon));
        out.put(SynestheticVae.KL, Nd4j.scalar(kl));
        return out;
    }

    /** {@code logits / T + gumbel} for rows starting at {@code offset} of the noise, as the graph computes the sampling scores. */
    private float[] scores(float[] logits, float[] gumbel, int offset) {
        float t = (float) config.samplingTemperature();
        float[] out = new float[logits.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = logits[k] / t + gumbel[offset + k];
        }
        return out;
    }

    private static float[] concat(float[][] parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static INDArray matrix(float[] values, int rows, int cols) {
        return Nd4j.create(values, new long[] {rows, cols}, 'c');
    }

    private static float[] slice(float[] a, int from, int length) {
        return java.util.Arrays.copyOfRange(a, from, from + length);
    }
}
