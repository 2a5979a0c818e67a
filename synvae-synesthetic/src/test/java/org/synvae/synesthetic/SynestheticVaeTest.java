package org.synvae.synesthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.data.InvalidDataException;
import org.synvae.models.train.GraphModel;
import org.synvae.models.visual.VisualVae;
import org.synvae.models.visual.VisualVaeConfig;
import org.synvae.music.melody.OneHotMelodyCodec;
import org.synvae.music.model.Decoded;
import org.synvae.music.model.MusicVaeConfig;
import org.synvae.music.model.Sampling;
import org.synvae.music.train.MusicVaeTraining;

class SynestheticVaeTest {
    /** z 8, encoder [16], decoder [16, 16], 32 steps of 90 classes: the real melody shapes, tiny layers. */
    static final MusicVaeConfig TINY = new MusicVaeConfig("tiny-mel_2bar", 8, List.of(16), List.of(16, 16), List.of(), 0, 32,
            OneHotMelodyCodec.DEPTH, 0.2, 0.99999, 0, "inverse_sigmoid", 1000, 1e-3, 0.9999, 1e-5, 8, 4, 16);

    static SynestheticVae tiny(MusicRelaxation relaxation, boolean trainMusic) {
        SynestheticVaeConfig config = new SynestheticVaeConfig("mnist", TINY, 1.0, 1e-3, relaxation, 0.5, 1.0, trainMusic, 3);
        return SynestheticVae.build(config, MusicVaeTraining.initialWeights(TINY, 11));
    }

    static INDArray images(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n * 28 * 28];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble() < 0.2 ? 1f : 0f;
        }
        return Nd4j.create(v, new long[] {n, 28, 28, 1}, 'c');
    }

    @Test
    void frozenMusicVaeKeepsItsWeightsWhileTheVisualOnesLearn() {
        SynestheticVae vae = tiny(MusicRelaxation.LOGITS, false);
        GraphModel model = vae.model();
        assertThat(model.trainable()).isNotEmpty().doesNotContainAnyElementsOf(vae.musicVariables());
        Map<String, INDArray> musicBefore = copies(vae.musicWeights());
        Map<String, INDArray> visualBefore = copies(model.parameters());
        INDArray x = images(8, 1);
        SplittableRandom noise = new SplittableRandom(5);
        double first = model.trainStep(vae.feeds(x, noise), SynestheticVae.LOSSES).get(SynestheticVae.LOSS).getDouble(0);
        for (int i = 0; i < 15; i++) {
            model.trainStep(vae.feeds(x, noise), SynestheticVae.LOSSES);
        }
        double later = model.trainStep(vae.feeds(x, new SplittableRandom(5)), SynestheticVae.LOSSES).get(SynestheticVae.LOSS).getDouble(0);
        assertThat(later).isLessThan(first);
        musicBefore.forEach((name, w) -> assertThat(vae.musicWeights().get(name)).as(name).isEqualTo(w));
        visualBefore.forEach((name, w) -> assertThat(model.parameters().get(name).equalsWithEps(w, 0)).as(name).isFalse());
    }

    @Test
    void trainableMusicVaeGetsGradients() {
        SynestheticVae vae = tiny(MusicRelaxation.SOFTMAX, true);
        GraphModel model = vae.model();
        assertThat(model.trainable()).containsAll(vae.musicVariables());
        Map<String, INDArray> musicBefore = copies(vae.musicWeights());
        model.trainStep(vae.feeds(images(4, 2), new SplittableRandom(1)), SynestheticVae.LOSSES);
        assertThat(vae.musicWeights().get("decoder/output_projection/kernel").equalsWithEps(musicBefore.get("decoder/output_projection/kernel"), 0))
                .isFalse();
    }

    @Test
    void deterministicPathDecodesWhatTheInferenceEngineDecodes() {
        SynestheticVae vae = tiny(MusicRelaxation.LOGITS, false);
        INDArray x = images(5, 3);
        Map<String, INDArray> out = vae.infer(x);
        Decoded engine = vae.musicVae().decode(out.get(SynestheticVae.LATENT_MEAN), Sampling.argmax());
        INDArray tokens = out.get(SynestheticVae.TOKENS);
        for (int i = 0; i < 5; i++) {
            for (int t = 0; t < TINY.steps(); t++) {
                assertThat(tokens.getInt(i, t)).isEqualTo(engine.tokens()[i][t]);
            }
        }
        assertThat(out.get(SynestheticVae.LOGITS).equalsWithEps(engine.logits(), 1e-4)).isTrue();
        assertThat(out.get(SynestheticVae.RECONSTRUCTIONS).shape()).containsExactly(5, 28, 28, 1);
        // The translator is that same path.
        List<Translator.Translation> t = new Translator(vae).translate(List.of(
                org.synvae.data.image.Images.fromFloats(x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).dup().data().asFloat(), 0, vae.inputShape())), Sampling.argmax());
        assertThat(t.get(0).tokens()).containsExactly(engine.tokens()[0]);
    }

    @Test
    void gumbelRelaxationHearsTheMelodyPlayedAndPassesGradientsToTheVisualEncoder() {
        SynestheticVae vae = tiny(MusicRelaxation.GUMBEL, false);
        INDArray x = images(4, 4);
        Map<String, INDArray> feeds = vae.feeds(x, new SplittableRandom(9));
        List<String> wanted = new java.util.ArrayList<>(vae.model().trainable());
        OutAndGrad og = vae.graph().calculateGradientsAndOutputs(feeds, List.of(SynestheticVae.LOSS, SynestheticVae.TOKENS), wanted);
        INDArray encGrad = og.getGradients().get("vis_enc/mean/W");
        assertThat(encGrad).as("gradient of the visual encoder").isNotNull();
        assertThat(encGrad.norm2Number().doubleValue()).isGreaterThan(0);
        // The encoder reads the one-hot of the played tokens: re-encoding them gives the same audio mean.
        Map<String, INDArray> out = GraphModel.output(vae.graph(), feeds, List.of(SynestheticVae.TOKENS, SynestheticVae.AUDIO_MEAN));
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, 4, TINY.steps(), TINY.depth());
        for (int i = 0; i < 4; i++) {
            for (int t = 0; t < TINY.steps(); t++) {
                oneHot.putScalar(new int[] {i, t, out.get(SynestheticVae.TOKENS).getInt(i, t)}, 1f);
            }
        }
        INDArray reEncoded = vae.musicVae().encode(oneHot).mu();
        assertThat(out.get(SynestheticVae.AUDIO_MEAN).equalsWithEps(reEncoded, 1e-4)).isTrue();
    }

    @Test
    void visualWeightsOfAnotherLatentSizeAreRefusedNamingTheVariable() {
        SynestheticVae vae = tiny(MusicRelaxation.LOGITS, false);
        VisualVae other = VisualVae.build(new VisualVaeConfig("mnist", 50, 1.0, 1e-3, 1));
        Map<String, INDArray> weights = GraphModel.weights(other.graph());
        assertThatThrownBy(() -> vae.setVisualWeights(weights)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("visual variable 'vis_").hasMessageContaining("latent size is the MusicVAE's z, 8");
        VisualVae same = VisualVae.build(new VisualVaeConfig("mnist", 8, 1.0, 1e-3, 1));
        Map<String, INDArray> fitting = GraphModel.weights(same.graph());
        vae.setVisualWeights(fitting);
        assertThat(vae.graph().getVariable("vis_enc/mean/W").getArr()).isEqualTo(fitting.get("vis_enc/mean/W"));
    }

    @Test
    void modelDirectoryRoundTripsAndNamesBrokenFiles(@TempDir Path dir) throws Exception {
        SynestheticVae vae = tiny(MusicRelaxation.GUMBEL, false);
        Path model = dir.resolve("model");
        ModelDirectory.save(vae, model, Map.of("data", "random"));
        SynestheticVae loaded = ModelDirectory.load(model);
        assertThat(loaded.config()).isEqualTo(vae.config());
        assertThat(ModelDirectory.about(model)).containsEntry("data", "random");
        INDArray x = images(3, 6);
        assertThat(loaded.infer(x).get(SynestheticVae.TOKENS)).isEqualTo(vae.infer(x).get(SynestheticVae.TOKENS));

        assertThatThrownBy(() -> ModelDirectory.load(dir.resolve("missing"))).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("no model.json");
        Files.writeString(model.resolve(ModelDirectory.CONFIG), "{\"format\": 1, \"config\": {\"architecture\": 3");
        assertThatThrownBy(() -> ModelDirectory.load(model)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("not a valid SynVAE model config");
    }

    private static Map<String, INDArray> copies(Map<String, INDArray> arrays) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        arrays.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }
}
