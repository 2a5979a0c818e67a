package org.synvae.synesthetic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.models.graph.Init;
import org.synvae.models.graph.Layers;
import org.synvae.models.train.GraphModel;
import org.synvae.models.visual.GaussianLatent;
import org.synvae.models.visual.VisualArchitecture;
import org.synvae.models.visual.VisualDecoder;
import org.synvae.models.visual.VisualEncoder;
import org.synvae.models.visual.VisualVae;
import org.synvae.music.model.FrozenMusicPass;
import org.synvae.music.model.FrozenMusicVae;
import org.synvae.music.model.MusicVaeConfig;

/**
 * A SynVAE training step's losses and visual gradients when the MusicVAE is frozen, computed in
 * parts rather than by SameDiff's backward pass over the whole unrolled graph (whose 32 decoder and
 * encoder steps cost thousands of small operations):
 * <ol>
 *   <li>visual encoder (a SameDiff graph over the SynVAE's own encoder weights): z;
 *   <li>MusicVAE forward with {@link FrozenMusicVae}: melody, relaxation, audio posterior and sample;
 *   <li>visual decoder (a SameDiff graph over the SynVAE's decoder weights): the reconstruction
 *       loss, its gradients, and the gradient of the audio latent;
 *   <li>MusicVAE backward: the gradient of z;
 *   <li>visual encoder again, with {@code beta KL + sum(z * dz)} as its objective: its gradients.
 * </ol>
 * The numbers are those of the SynVAE graph (same noises, same equations; tested to float
 * rounding). Parts of the batch run the MusicVAE on separate cores. The MusicVAE's weights are read
 * at the first step, so a checkpoint restored before training is honoured.
 */
final class FrozenMusicGradients implements GraphModel.GradientSource {
    private static final String LATENT_GRADIENT = "latent_gradient";
    private static final List<String> OUTPUTS = SynestheticVae.LOSSES;

    private final SynestheticVaeConfig config;
    private final Map<String, INDArray> liveMusicWeights;
    private final SameDiff encoder;
    private final SameDiff decoder;
    private final List<String> encoderVariables;
    private final List<String> decoderVariables;
    private final Map<Integer, FrozenMusicPass[]> passes = new HashMap<>();
    private FrozenMusicVae music;

    /**
     * @param visualWeights    the SynVAE graph's visual variables (live arrays: the graphs here use the same memory)
     * @param liveMusicWeights the SynVAE graph's MusicVAE variables (live arrays)
     */
    FrozenMusicGradients(SynestheticVaeConfig config, Map<String, INDArray> visualWeights, Map<String, INDArray> liveMusicWeights) {
        this.config = config;
        this.liveMusicWeights = Map.copyOf(liveMusicWeights);
        VisualArchitecture arch = config.arch();
        int z = config.latentDim();

        encoder = SameDiff.create();
        Layers encLayers = new Layers(encoder, new Init(config.seed()), visualWeights);
        SDVariable images = encoder.placeHolder(SynestheticVae.IMAGES, DataType.FLOAT, -1, arch.height(), arch.width(), arch.channels());
        SDVariable epsilon = encoder.placeHolder(SynestheticVae.EPSILON, DataType.FLOAT, -1, z);
        SDVariable latentGradient = encoder.placeHolder(LATENT_GRADIENT, DataType.FLOAT, -1, z);
        GaussianLatent posterior = VisualEncoder.build(encLayers, arch, z, images);
        SDVariable latent = posterior.sample(SynestheticVae.LATENT, epsilon);
        SDVariable kl = posterior.klPerItem().mean().rename(SynestheticVae.KL);
        // Its gradient is the SynVAE loss's for the encoder: beta KL directly, the rest through z.
        encoder.setLossVariables(kl.mul(config.beta()).add("encoder_objective", latent.mul(latentGradient).sum()));
        encoderVariables = GraphModel.variableNames(encoder);

        decoder = SameDiff.create();
        Layers decLayers = new Layers(decoder, new Init(config.seed()), visualWeights);
        SDVariable target = decoder.placeHolder(SynestheticVae.IMAGES, DataType.FLOAT, -1, arch.height(), arch.width(), arch.channels());
        SDVariable audioLatent = decoder.placeHolder(SynestheticVae.AUDIO_LATENT, DataType.FLOAT, -1, z);
        SDVariable recon = VisualDecoder.build(decLayers, arch, z, audioLatent);
        decoder.setLossVariables(VisualVae.reconstructionLoss(target, recon));
        decoderVariables = GraphModel.variableNames(decoder);
        for (String name : encoderVariables) {
            requireShared(name, encoder, visualWeights);
        }
        for (String name : decoderVariables) {
            requireShared(name, decoder, visualWeights);
        }
    }

    private static void requireShared(String name, SameDiff sd, Map<String, INDArray> weights) {
        if (sd.getVariable(name).getArr() != weights.get(name)) {
            throw new IllegalStateException("visual variable '" + name + "' is not the SynVAE's own array");
        }
    }

    @Override
    public OutAndGrad compute(Map<String, INDArray> feeds, List<String> outputs, List<String> trainable) {
        if (!OUTPUTS.containsAll(outputs)) {
            throw new IllegalArgumentException("a frozen-MusicVAE training step computes only " + OUTPUTS + ", not " + outputs);
        }
        Set<String> known = new java.util.HashSet<>(encoderVariables);
        known.addAll(decoderVariables);
        if (!known.containsAll(trainable)) {
            throw new IllegalArgumentException("a frozen-MusicVAE training step trains only the visual variables");
        }
        INDArray images = feeds.get(SynestheticVae.IMAGES);
        INDArray epsilon = feeds.get(SynestheticVae.EPSILON);
        int b = Math.toIntExact(images.size(0));
        MusicVaeConfig mc = config.music();
        int z = config.latentDim();
        int perRow = mc.steps() * mc.depth();
        float[] gumbel = floats(feeds.get(SynestheticVae.GUMBEL));
        float[] audioEpsilon = floats(feeds.get(SynestheticVae.AUDIO_EPSILON));

        float[] latent = floats(GraphModel.output(encoder, Map.of(SynestheticVae.IMAGES, images, SynestheticVae.EPSILON, epsilon),
                List.of(SynestheticVae.LATENT)).get(SynestheticVae.LATENT));

        FrozenMusicPass[] parts = passesFor(b);
        int[] from = bounds(b, parts.length);
        float[] audio = new float[b * z];
        // Per part: the relaxed music and the scores it was sampled from, kept for the backward pass.
        float[][] logits = new float[parts.length][];
        float[][] scores = new float[parts.length][];
        IntStream.range(0, parts.length).parallel().forEach(p -> {
            FrozenMusicPass pass = parts[p];
            int r0 = from[p];
            int rows = from[p + 1] - r0;
            pass.decode(slice(latent, r0 * z, rows * z), slice(gumbel, r0 * perRow, rows * perRow), config.samplingTemperature());
            logits[p] = pass.logits().clone();
            scores[p] = scores(logits[p], gumbel, r0 * perRow);
            pass.encode(config.relaxation().value(logits[p], pass.tokens(), mc.depth()));
            float[] mean = pass.mean();
            float[] sigma = pass.sigma();
            for (int k = 0; k < rows * z; k++) {
                audio[r0 * z + k] = mean[k] + sigma[k] * audioEpsilon[r0 * z + k];
            }
        });

        List<String> decoderWrt = new ArrayList<>(decoderVariables);
        decoderWrt.add(SynestheticVae.AUDIO_LATENT);
        OutAndGrad dec = decoder.calculateGradientsAndOutputs(
                Map.of(SynestheticVae.IMAGES, images, SynestheticVae.AUDIO_LATENT, Nd4j.create(audio, new long[] {b, z}, 'c')),
                List.of(SynestheticVae.RECON_LOSS), decoderWrt);
        float[] audioGradient = floats(dec.getGradients().get(SynestheticVae.AUDIO_LATENT));

        float[] latentGradient = new float[b * z];
        IntStream.range(0, parts.length).parallel().forEach(p -> {
            FrozenMusicPass pass = parts[p];
            int r0 = from[p];
            int n = (from[p + 1] - r0) * z;
            float[] dMean = slice(audioGradient, r0 * z, n);
            float[] dSigma = new float[n];
            for (int k = 0; k < n; k++) {
                dSigma[k] = dMean[k] * audioEpsilon[r0 * z + k];
            }
            float[] dValue = pass.inputGradient(dMean, dSigma);
            float[] dLogits = config.relaxation().logitsGradient(dValue, logits[p], scores[p], config.gumbelTemperature(),
                    config.samplingTemperature(), mc.depth());
            System.arraycopy(pass.latentGradient(dLogits), 0, latentGradient, r0 * z, n);
        });

        OutAndGrad enc = encoder.calculateGradientsAndOutputs(Map.of(SynestheticVae.IMAGES, images, SynestheticVae.EPSILON, epsilon,
                LATENT_GRADIENT, Nd4j.create(latentGradient, new long[] {b, z}, 'c')), List.of(SynestheticVae.KL), encoderVariables);

        float recon = dec.getOutputs().get(SynestheticVae.RECON_LOSS).getFloat(0);
        float kl = enc.getOutputs().get(SynestheticVae.KL).getFloat(0);
        Map<String, INDArray> values = new LinkedHashMap<>();
        values.put(SynestheticVae.LOSS, Nd4j.scalar(recon + kl * (float) config.beta()));
        values.put(SynestheticVae.RECON_LOSS, Nd4j.scalar(recon));
        values.put(SynestheticVae.KL, Nd4j.scalar(kl));
        Map<String, INDArray> wanted = new LinkedHashMap<>();
        for (String o : outputs) {
            wanted.put(o, values.get(o));
        }
        Map<String, INDArray> gradients = new LinkedHashMap<>();
        for (String name : trainable) {
            INDArray g = enc.getGradients().get(name);
            gradients.put(name, g != null ? g : dec.getGradients().get(name));
        }
        return new OutAndGrad(wanted, gradients);
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

    /** One pass per part of a batch of {@code b} (a part per free core), made once per batch size. */
    private synchronized FrozenMusicPass[] passesFor(int b) {
        if (music == null) {
            music = new FrozenMusicVae(config.music(), liveMusicWeights);
        }
        return passes.computeIfAbsent(b, size -> {
            int parts = FrozenMusicVae.parallelParts(size);
            int[] from = bounds(size, parts);
            FrozenMusicPass[] made = new FrozenMusicPass[parts];
            for (int p = 0; p < parts; p++) {
                made[p] = music.newPass(from[p + 1] - from[p]);
            }
            return made;
        });
    }

    private static int[] bounds(int b, int parts) {
        int[] from = new int[parts + 1];
        for (int p = 0; p <= parts; p++) {
            from[p] = (int) ((long) b * p / parts);
        }
        return from;
    }

    private static float[] slice(float[] a, int from, int length) {
        return java.util.Arrays.copyOfRange(a, from, from + length);
    }

    private static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
