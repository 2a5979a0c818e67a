package org.synvae.music.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.models.train.GraphModel;

/**
 * The hand-written passes of the frozen MusicVAE compute what the SameDiff graph computes: decoded
 * logits and melodies, the posterior, and the gradient of z through decoder and encoder (the
 * path a SynVAE trains through), for one- and two-layer encoders and at a sampling temperature.
 */
class MusicVaePassesTest {
    private static final MusicVaeConfig TWO_LAYERS = new MusicVaeConfig("tiny2", 3, List.of(4, 5), List.of(5, 6), List.of(), 0, 6, 7,
            0.2, 0.99999, 0, "inverse_sigmoid", 1000, 1e-3, 0.9999, 1e-5, 8, 4, 16);
    private static final int BATCH = 5;

    @Test
    void oneLayerEncoderMatchesTheGraph() {
        compare(MusicVaeTest.TINY, MusicVaeTest.randomWeights(MusicVaeTest.TINY, 31), 1.0, 1e-5);
    }

    @Test
    void twoLayerEncoderAtATemperatureMatchesTheGraph() {
        compare(TWO_LAYERS, MusicVaeTest.randomWeights(TWO_LAYERS, 31), 0.5, 1e-5);
    }

    /** At cat-mel_2bar_small's sizes, with a fresh model's (Glorot) weights. */
    @Test
    void smallConfigMatchesTheGraph() {
        MusicVaeConfig small = MusicVaeConfigs.CAT_MEL_2BAR_SMALL;
        compare(small, org.synvae.music.train.MusicVaeTraining.initialWeights(small, 31), 1.0, 1e-4);
    }

    private static void compare(MusicVaeConfig config, Map<String, INDArray> w, double temperature, double tolerance) {
        assumeThat(MusicVaePasses.available()).as("CPU backend with OpenBLAS").isTrue();
        int z = config.zSize();
        int steps = config.steps();
        int depth = config.depth();
        INDArray latent = MusicVae.standardNormal(BATCH, z, 4);
        INDArray noise = MusicVaeGraph.gumbelNoise(BATCH, steps, depth, new SplittableRandom(9));
        INDArray meanWeights = MusicVae.standardNormal(BATCH, z, 5);
        INDArray sigmaWeights = MusicVae.standardNormal(BATCH, z, 6);

        SameDiff sd = SameDiff.create();
        MusicVaeGraph graph = MusicVaeGraph.create(sd, config, w);
        SDVariable zVar = sd.var("z", latent.dup());
        SDVariable noiseIn = sd.placeHolder("noise", DataType.FLOAT, -1, steps, depth);
        SDVariable logits = graph.decodeWithFeedback(zVar, noiseIn, temperature).rename("logits");
        SDVariable[] post = graph.encode(logits);
        post[0].rename("mu");
        post[1].rename("sigma");
        SDVariable loss = post[0].mul(sd.constant(meanWeights)).sum().add(post[1].mul(sd.constant(sigmaWeights)).sum());
        sd.setLossVariables(loss.rename("loss"));
        Map<String, INDArray> feeds = Map.of("noise", noise);
        Map<String, INDArray> out = GraphModel.output(sd, feeds, List.of("logits", "mu", "sigma"));
        INDArray expectedGradient = sd.calculateGradients(feeds, List.of("z")).get("z");

        MusicVaePass pass = new MusicVaePasses(config, w).newPass(BATCH);
        pass.decode(floats(latent), floats(noise), temperature);
        assertClose(pass.logits(), out.get("logits"), tolerance, "logits");
        float[] expectedLogits = floats(out.get("logits"));
        float[] g = floats(noise);
        for (int row = 0; row < BATCH * steps; row++) {
            int best = 0;
            for (int d = 1; d < depth; d++) {
                if (score(expectedLogits, g, row * depth + d, temperature) > score(expectedLogits, g, row * depth + best, temperature)) {
                    best = d;
                }
            }
            assertThat(pass.tokens()[row]).as("token %d", row).isEqualTo(best);
        }
        pass.encode(pass.logits().clone());
        assertClose(pass.mean(), out.get("mu"), tolerance, "mu");
        assertClose(pass.sigma(), out.get("sigma"), tolerance, "sigma");
        float[] dLogits = pass.inputGradient(floats(meanWeights), floats(sigmaWeights));
        float[] dz = pass.latentGradient(dLogits);
        assertThat(expectedGradient.amaxNumber().doubleValue()).isGreaterThan(1e-3);
        assertClose(dz, expectedGradient, tolerance, "dz");
    }

    @Test
    void aPassGivesTheSameResultsWhenReused() {
        assumeThat(MusicVaePasses.available()).isTrue();
        MusicVaeConfig config = TWO_LAYERS;
        MusicVaePass pass = new MusicVaePasses(config, MusicVaeTest.randomWeights(config, 2)).newPass(3);
        float[] z = floats(MusicVae.standardNormal(3, config.zSize(), 1));
        float[] noise = floats(MusicVaeGraph.gumbelNoise(3, config.steps(), config.depth(), new SplittableRandom(2)));
        float[][] first = run(pass, z, noise);
        run(pass, floats(MusicVae.standardNormal(3, config.zSize(), 7)), noise);
        float[][] again = run(pass, z, noise);
        for (int k = 0; k < first.length; k++) {
            assertThat(again[k]).isEqualTo(first[k]);
        }
    }

    @Test
    void weightsChangedInPlaceAreSeenAndOtherArraysAreCopied() {
        assumeThat(MusicVaePasses.available()).isTrue();
        MusicVaeConfig config = TWO_LAYERS;
        Map<String, INDArray> live = MusicVaeTest.randomWeights(config, 2);
        MusicVaePass pass = new MusicVaePasses(config, live).newPass(3);
        Map<String, INDArray> doubles = new java.util.HashMap<>();
        live.forEach((k, v) -> doubles.put(k, v.castTo(DataType.DOUBLE)));
        MusicVaePass copied = new MusicVaePasses(config, doubles).newPass(3);
        float[] z = floats(MusicVae.standardNormal(3, config.zSize(), 1));
        float[] noise = floats(MusicVaeGraph.gumbelNoise(3, config.steps(), config.depth(), new SplittableRandom(2)));
        float[][] before = run(pass, z, noise);
        assertThat(run(copied, z, noise)[2]).isEqualTo(before[2]);

        // A restored checkpoint writes into the graph's arrays: the next pass must use the new values.
        live.values().forEach(w -> w.muli(0.9));
        float[][] after = run(pass, z, noise);
        Map<String, INDArray> fresh = new java.util.HashMap<>();
        live.forEach((k, v) -> fresh.put(k, v.dup()));
        assertThat(after[2]).isEqualTo(run(new MusicVaePasses(config, fresh).newPass(3), z, noise)[2]);
        assertThat(after[2]).isNotEqualTo(before[2]);
        assertThat(run(copied, z, noise)[2]).as("the copy keeps the old weights").isEqualTo(before[2]);
    }

    private static float[][] run(MusicVaePass pass, float[] z, float[] noise) {
        pass.decode(z, noise, 1.0);
        float[] logits = pass.logits().clone();
        pass.encode(logits);
        float[] mean = pass.mean().clone();
        float[] ones = new float[mean.length];
        java.util.Arrays.fill(ones, 1f);
        float[] dz = pass.latentGradient(pass.inputGradient(ones, ones));
        return new float[][] {logits, mean, dz};
    }

    private static float score(float[] logits, float[] noise, int k, double temperature) {
        return (temperature == 1.0 ? logits[k] : logits[k] / (float) temperature) + noise[k];
    }

    private static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    private static void assertClose(float[] actual, INDArray expected, double tolerance, String what) {
        float[] e = floats(expected);
        assertThat(actual).as(what).hasSize(e.length);
        double worst = 0;
        double scale = 0;
        for (int k = 0; k < e.length; k++) {
            worst = Math.max(worst, Math.abs(actual[k] - e[k]));
            scale = Math.max(scale, Math.abs(e[k]));
        }
        assertThat(worst).as(what).isLessThan(tolerance * Math.max(1, scale));
    }
}
