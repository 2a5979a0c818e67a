package org.synvae.music.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
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
 * The lean cells compute the basic-op LSTMBlockCell's values and gradients in every
 * decoding mode, including the gradients that flow through the LSTMs to their inputs (the SynVAE
 * trains through a frozen MusicVAE).
 */
class LeanCellsTest {
    private static final MusicVaeConfig TINY = MusicVaeTest.TINY;
    /** TINY with a two-layer encoder: the second layer reads both directions' outputs per step. */
    private static final MusicVaeConfig TWO_LAYERS = new MusicVaeConfig("tiny2", 3, List.of(4, 5), List.of(5, 6), List.of(), 0, 6, 7,
            0.2, 0.99999, 0, "inverse_sigmoid", 1000, 1e-3, 0.9999, 1e-5, 8, 4, 16);
    private static final List<String> OUTPUTS = List.of("mu", "sigma", "forced", "scheduled", "feedback");

    @Test
    void leanCellsMatchBasicOpCellsInValuesAndGradients() {
        compare(TINY);
    }

    @Test
    void aTwoLayerLeanEncoderMatchesTheBasicOpOne() {
        compare(TWO_LAYERS);
    }

    private static void compare(MusicVaeConfig config) {
        Map<String, INDArray> w = MusicVaeTest.randomWeights(config, 21);
        Map<String, INDArray> feeds = feeds();
        Built lean = build(config, MusicVaeGraph.Cells.LEAN, w);
        Built basic = build(config, MusicVaeGraph.Cells.BASIC_OPS, w);

        Map<String, INDArray> leanOut = GraphModel.output(lean.sd, feeds, OUTPUTS);
        Map<String, INDArray> basicOut = GraphModel.output(basic.sd, feeds, OUTPUTS);
        for (String o : OUTPUTS) {
            assertThat(leanOut.get(o).shape()).as(o).isEqualTo(basicOut.get(o).shape());
            assertThat(maxDiff(leanOut.get(o), basicOut.get(o))).as(o).isLessThan(1e-5);
        }

        Map<String, INDArray> leanGrads = lean.sd.calculateGradients(feeds, lean.wrt);
        Map<String, INDArray> basicGrads = basic.sd.calculateGradients(feeds, basic.wrt);
        for (String v : lean.wrt) {
            INDArray expected = basicGrads.get(v);
            assertThat(expected.amaxNumber().doubleValue()).as(v).isGreaterThan(0.0);
            assertThat(maxDiff(leanGrads.get(v), expected)).as(v)
                    .isLessThan(1e-4 * Math.max(1.0, expected.amaxNumber().doubleValue()));
        }
    }

    /** One graph with every decoding mode; the sequence and z are variables so their gradients can be compared. */
    private static Built build(MusicVaeConfig config, MusicVaeGraph.Cells cells, Map<String, INDArray> w) {
        SameDiff sd = SameDiff.create();
        MusicVaeGraph graph = MusicVaeGraph.create(sd, config, w, cells);
        SDVariable seq = sd.var("seq", softSequences());
        SDVariable z = sd.var("z", MusicVae.standardNormal(2, 3, 4));
        SDVariable target = sd.placeHolder("target", DataType.FLOAT, -1, 6, 7);
        SDVariable mask = sd.placeHolder("mask", DataType.FLOAT, -1, 6);
        SDVariable noise = sd.placeHolder("noise", DataType.FLOAT, -1, 6, 7);
        SDVariable[] post = graph.encode(seq);
        post[0].rename("mu");
        post[1].rename("sigma");
        SDVariable forced = graph.decodeTeacherForced(z, target).rename("forced");
        SDVariable scheduled = graph.decodeScheduled(z, target, mask, noise).rename("scheduled");
        SDVariable feedback = graph.decodeWithFeedback(z, noise, 0.5).rename("feedback");
        SDVariable loss = sd.loss().softmaxCrossEntropy("ce1", target.reshape(-1, 7), forced.reshape(-1, 7), null)
                .add(sd.loss().softmaxCrossEntropy("ce2", target.reshape(-1, 7), scheduled.reshape(-1, 7), null))
                .add(sd.loss().softmaxCrossEntropy("ce3", target.reshape(-1, 7), feedback.reshape(-1, 7), null))
                .add(post[0].mul(post[0]).sum()).add(post[1].sum());
        sd.setLossVariables(loss.rename("loss"));
        List<String> wrt = new ArrayList<>(graph.variableNames());
        wrt.add("seq");
        wrt.add("z");
        return new Built(sd, wrt);
    }

    private record Built(SameDiff sd, List<String> wrt) {
    }

    private static Map<String, INDArray> feeds() {
        INDArray target = Nd4j.zeros(DataType.FLOAT, 2, 6, 7);
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 6; t++) {
                target.putScalar(new long[] {b, t, (b + 3 * t) % 7}, 1f);
            }
        }
        INDArray mask = Nd4j.create(new float[] {0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1}, new long[] {2, 6}, 'c');
        Map<String, INDArray> feeds = new HashMap<>();
        feeds.put("target", target);
        feeds.put("mask", mask);
        feeds.put("noise", MusicVaeGraph.gumbelNoise(2, 6, 7, new SplittableRandom(8)));
        return feeds;
    }

    private static INDArray softSequences() {
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[2 * 6 * 7];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        return Nd4j.create(x, new long[] {2, 6, 7}, 'c');
    }

    private static double maxDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.FLOAT).sub(b.castTo(DataType.FLOAT)).amaxNumber().doubleValue();
    }
}
