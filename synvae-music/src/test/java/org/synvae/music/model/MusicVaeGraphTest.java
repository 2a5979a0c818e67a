package org.synvae.music.model;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The SameDiff graph computes what the inference engine computes, and it has gradients. */
class MusicVaeGraphTest {
    private static final MusicVaeConfig TINY = MusicVaeTest.TINY;

    @Test
    void encoderAndArgmaxDecoderMatchTheEngine() {
        Map<String, INDArray> w = MusicVaeTest.randomWeights(TINY, 11);
        MusicVae engine = MusicVae.fromTensors(TINY, w);
        SameDiff sd = SameDiff.create();
        MusicVaeGraph graph = MusicVaeGraph.create(sd, TINY, w);
        SDVariable seq = sd.placeHolder("seq", DataType.FLOAT, -1, 6, 7);
        SDVariable z = sd.placeHolder("z", DataType.FLOAT, -1, 3);
        SDVariable noise = sd.placeHolder("noise", DataType.FLOAT, -1, 6, 7);
        SDVariable[] post = graph.encode(seq);
        post[0].rename("mu");
        post[1].rename("sigma");
        graph.decodeWithFeedback(z, noise, 1.0).rename("logits");

        SplittableRandom r = new SplittableRandom(2);
        float[] x = new float[2 * 6 * 7];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        INDArray xs = Nd4j.create(x, new long[] {2, 6, 7}, 'c');
        INDArray zs = MusicVae.standardNormal(2, 3, 4);
        Map<String, INDArray> out = GraphModel.output(sd, Map.of("seq", xs, "z", zs, "noise", Nd4j.zeros(DataType.FLOAT, 2, 6, 7)),
                List.of("mu", "sigma", "logits"));
        Posterior p = engine.encode(xs);
        assertThat(maxDiff(out.get("mu"), p.mu())).isLessThan(1e-5);
        assertThat(maxDiff(out.get("sigma"), p.sigma())).isLessThan(1e-5);
        assertThat(maxDiff(out.get("logits"), engine.decode(zs, Sampling.argmax()).logits())).isLessThan(1e-5);
    }

    @Test
    void teacherForcedLossHasGradientsForEveryVariable() {
        Map<String, INDArray> w = MusicVaeTest.randomWeights(TINY, 12);
        SameDiff sd = SameDiff.create();
        MusicVaeGraph graph = MusicVaeGraph.create(sd, TINY, w);
        SDVariable seq = sd.placeHolder("seq", DataType.FLOAT, -1, 6, 7);
        SDVariable[] post = graph.encode(seq);
        SDVariable logits = graph.decodeTeacherForced(post[0], seq);
        SDVariable ce = sd.loss().softmaxCrossEntropy("ce", seq.reshape(-1, 7), logits.reshape(-1, 7), null);
        // KL(N(mu, sigma) || N(0, 1)) brings sigma into the loss, as in training.
        SDVariable kl = post[0].mul(post[0]).add(post[1].mul(post[1])).sub(1.0).mul(0.5).sub(sd.math().log(post[1])).sum();
        SDVariable loss = ce.add("loss", kl);
        sd.setLossVariables(loss);
        INDArray onehot = Nd4j.zeros(DataType.FLOAT, 2, 6, 7);
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 6; t++) {
                onehot.putScalar(new long[] {b, t, (b + t) % 7}, 1f);
            }
        }
        Map<String, INDArray> grads = sd.calculateGradients(Map.of("seq", onehot), graph.variableNames());
        for (String v : graph.variableNames()) {
            assertThat(grads.get(v)).as(v).isNotNull();
            assertThat(grads.get(v).amaxNumber().doubleValue()).as(v).isGreaterThan(0.0);
        }
    }

    @Test
    void scheduledSamplingSpansTeacherForcingAndFeedback() {
        Map<String, INDArray> w = MusicVaeTest.randomWeights(TINY, 13);
        SameDiff sd = SameDiff.create();
        MusicVaeGraph graph = MusicVaeGraph.create(sd, TINY, w);
        SDVariable seq = sd.placeHolder("seq", DataType.FLOAT, -1, 6, 7);
        SDVariable z = sd.placeHolder("z", DataType.FLOAT, -1, 3);
        SDVariable mask = sd.placeHolder("mask", DataType.FLOAT, -1, 6);
        SDVariable noise = sd.placeHolder("noise", DataType.FLOAT, -1, 6, 7);
        graph.decodeScheduled(z, seq, mask, noise).rename("scheduled");
        graph.decodeTeacherForced(z, seq).rename("forced");
        graph.decodeWithFeedback(z, noise, 1.0).rename("feedback");
        SDVariable target = seq.reshape(-1, 7);
        sd.setLossVariables(sd.loss().softmaxCrossEntropy("ce", target, sd.getVariable("scheduled").reshape(-1, 7), null));
        INDArray onehot = Nd4j.zeros(DataType.FLOAT, 2, 6, 7);
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 6; t++) {
                onehot.putScalar(new long[] {b, t, (b + 2 * t) % 7}, 1f);
            }
        }
        INDArray zs = MusicVae.standardNormal(2, 3, 4);
        INDArray gumbel = MusicVaeGraph.gumbelNoise(2, 6, 7, new SplittableRandom(5));
        List<String> names = List.of("scheduled", "forced", "feedback");
        Map<String, INDArray> none = GraphModel.output(sd, Map.of("seq", onehot, "z", zs, "noise", gumbel,
                "mask", Nd4j.zeros(DataType.FLOAT, 2, 6)), names);
        assertThat(maxDiff(none.get("scheduled"), none.get("forced"))).isLessThan(1e-6);
        Map<String, INDArray> all = GraphModel.output(sd, Map.of("seq", onehot, "z", zs, "noise", gumbel,
                "mask", Nd4j.ones(DataType.FLOAT, 2, 6)), names);
        assertThat(maxDiff(all.get("scheduled"), all.get("feedback"))).isLessThan(1e-6);
        Map<String, INDArray> grads = sd.calculateGradients(Map.of("seq", onehot, "z", zs, "noise", gumbel,
                "mask", Nd4j.ones(DataType.FLOAT, 2, 6)), graph.variableNames());
        assertThat(grads.get(MusicVaeVariables.OUTPUT_KERNEL).amaxNumber().doubleValue()).isGreaterThan(0.0);
    }

    private static double maxDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.FLOAT).sub(b.castTo(DataType.FLOAT)).amaxNumber().doubleValue();
    }
}
