package org.synvae.synesthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.models.train.GraphModel;
import org.synvae.music.model.MusicVaePasses;

/**
 * With a frozen MusicVAE, a SynVAE's training steps and forward passes run on the split
 * computation ({@link SynestheticEngine}); they must give the numbers of SameDiff over the whole
 * graph, for every relaxation, and stay so as the weights change.
 */
class SynestheticEngineTest {

    @ParameterizedTest
    @EnumSource(MusicRelaxation.class)
    void lossesAndGradientsAreThoseOfTheWholeGraph(MusicRelaxation relaxation) {
        assumeThat(MusicVaePasses.available()).as("CPU backend with OpenBLAS").isTrue();
        compareStep(SynestheticVaeTest.tiny(relaxation, false));
    }

    /** With the MusicVAE training too, its weights' gradients come from the hand-written passes. */
    @ParameterizedTest
    @EnumSource(MusicRelaxation.class)
    void trainableMusicGradientsAreThoseOfTheWholeGraph(MusicRelaxation relaxation) {
        assumeThat(MusicVaePasses.available()).isTrue();
        SynestheticVae vae = SynestheticVaeTest.tiny(relaxation, true);
        assertThat(vae.model().trainable()).containsAll(vae.musicVariables());
        compareStep(vae);
    }

    /** Other hyper-parameters reach the split path too: beta, sampling temperature, Gumbel temperature. */
    @Test
    void hyperParametersAreThoseOfTheWholeGraph() {
        assumeThat(MusicVaePasses.available()).isTrue();
        SynestheticVaeConfig config = new SynestheticVaeConfig("mnist", SynestheticVaeTest.TINY, 0.37, 1e-3, MusicRelaxation.GUMBEL,
                0.7, 0.6, false, 3);
        compareStep(SynestheticVae.build(config, org.synvae.music.train.MusicVaeTraining.initialWeights(SynestheticVaeTest.TINY, 11)));
    }

    private static void compareStep(SynestheticVae vae) {
        GraphModel fast = vae.model();
        GraphModel reference = vae.graphModel();
        assertThat(fast.trainable()).isEqualTo(reference.trainable());
        // 40 rows in three parts (on machines with free cores the MusicVAE runs in parts).
        Map<String, INDArray> feeds = vae.feeds(SynestheticVaeTest.images(40, 3), new SplittableRandom(4));
        SynestheticEngine split = new SynestheticEngine(vae.config(), vae.graph(), fast.parameters(), vae.musicWeights(), size -> 3);
        OutAndGrad actual = split.step(feeds, SynestheticVae.LOSSES, fast.trainable());
        OutAndGrad expected = vae.graph().calculateGradientsAndOutputs(feeds, SynestheticVae.LOSSES, reference.trainable());
        for (String loss : SynestheticVae.LOSSES) {
            double e = expected.getOutputs().get(loss).getDouble(0);
            assertThat(actual.getOutputs().get(loss).getDouble(0)).as(loss).isCloseTo(e, org.assertj.core.data.Offset.offset(1e-5 * Math.abs(e) + 1e-6));
        }
        for (String name : reference.trainable()) {
            INDArray e = expected.getGradients().get(name);
            INDArray a = actual.getGradients().get(name);
            double scale = e.amaxNumber().doubleValue();
            assertThat(scale).as(name).isGreaterThan(0.0);
            assertThat(a.sub(e).amaxNumber().doubleValue()).as(name).isLessThan(1e-4 * scale + 1e-7);
        }
    }

    @ParameterizedTest
    @EnumSource(MusicRelaxation.class)
    void forwardPassesGiveTheWholeGraphsOutputs(MusicRelaxation relaxation) {
        assumeThat(MusicVaePasses.available()).isTrue();
        SynestheticVae vae = SynestheticVaeTest.tiny(relaxation, false);
        List<String> names = List.of(SynestheticVae.LOSS, SynestheticVae.RECON_LOSS, SynestheticVae.KL, SynestheticVae.LATENT_MEAN,
                SynestheticVae.LATENT, SynestheticVae.LOGITS, SynestheticVae.TOKENS, SynestheticVae.AUDIO_MEAN, SynestheticVae.AUDIO_SIGMA,
                SynestheticVae.AUDIO_LATENT, SynestheticVae.RECONSTRUCTIONS);
        Map<String, INDArray> feeds = vae.feeds(SynestheticVaeTest.images(40, 7), new SplittableRandom(8));
        Map<String, INDArray> fast = vae.model().output(feeds, names);
        Map<String, INDArray> whole = GraphModel.output(vae.graph(), feeds, names);
        for (String name : names) {
            INDArray e = whole.get(name);
            INDArray a = fast.get(name);
            assertThat(a.shape()).as(name).isEqualTo(e.shape());
            if (name.equals(SynestheticVae.TOKENS)) {
                assertThat(a.castTo(e.dataType())).as(name).isEqualTo(e);
            } else {
                double tolerance = 1e-5 * Math.max(1, e.amaxNumber().doubleValue());
                assertThat(a.castTo(e.dataType()).sub(e).amaxNumber().doubleValue()).as(name).isLessThan(tolerance);
            }
        }
        // A name the path does not compute (here a MusicVAE variable) is answered by the whole graph.
        String variable = "decoder/output_projection/bias";
        assertThat(vae.model().output(feeds, List.of(SynestheticVae.LOSS, variable)).get(variable))
                .isEqualTo(vae.graph().getVariable(variable).getArr());
        // Encoder outputs alone need only the images and the visual noise.
        Map<String, INDArray> encoderOnly = vae.model().output(Map.of(SynestheticVae.IMAGES, feeds.get(SynestheticVae.IMAGES),
                SynestheticVae.EPSILON, feeds.get(SynestheticVae.EPSILON)), List.of(SynestheticVae.LATENT_MEAN));
        assertThat(encoderOnly.get(SynestheticVae.LATENT_MEAN).sub(whole.get(SynestheticVae.LATENT_MEAN)).amaxNumber().doubleValue())
                .isLessThan(1e-6);
    }

    @Test
    void stepsOfTheFastModelFollowTheReference() {
        MusicRelaxation relaxation = MusicRelaxation.GUMBEL;
        assumeThat(MusicVaePasses.available()).isTrue();
        SynestheticVae a = SynestheticVaeTest.tiny(relaxation, false);
        SynestheticVae b = SynestheticVaeTest.tiny(relaxation, false);
        GraphModel fast = a.model();
        GraphModel reference = b.graphModel();
        INDArray x = SynestheticVaeTest.images(8, 5);
        for (int step = 0; step < 3; step++) {
            double lf = fast.trainStep(a.feeds(x, new SplittableRandom(step)), SynestheticVae.LOSSES).get(SynestheticVae.LOSS).getDouble(0);
            double lr = reference.trainStep(b.feeds(x, new SplittableRandom(step)), SynestheticVae.LOSSES).get(SynestheticVae.LOSS).getDouble(0);
            assertThat(lf).as("loss at step %d", step).isCloseTo(lr, org.assertj.core.data.Offset.offset(1e-4 * Math.abs(lr)));
        }
        for (String name : reference.trainable()) {
            // Adam moves each weight by about the learning rate (1e-3) per step whatever its
            // gradient's size, so where a gradient is ~0 float rounding can flip that step: single
            // weights may differ by a step or two, the average not.
            INDArray d = org.nd4j.linalg.ops.transforms.Transforms.abs(fast.parameters().get(name).sub(reference.parameters().get(name)));
            assertThat(d.meanNumber().doubleValue()).as(name).isLessThan(3e-5);
            assertThat(d.amaxNumber().doubleValue()).as(name).isLessThan(3 * 2e-3);
        }
    }
}
