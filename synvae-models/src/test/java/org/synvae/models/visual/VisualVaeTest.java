package org.synvae.models.visual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.models.train.AdamConfig;
import org.synvae.models.train.GraphModel;

class VisualVaeTest {

    @ParameterizedTest
    @ValueSource(strings = {"mnist", "cifar", "bam"})
    void shapesFollowTheArchitecture(String name) {
        VisualVaeConfig config = VisualVaeConfig.defaults(name, 1).withLatentDim(16);
        VisualVae vae = VisualVae.build(config);
        VisualArchitecture a = config.arch();
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, a.height(), a.width(), a.channels());
        Map<String, INDArray> out = vae.infer(x, new SplittableRandom(1));
        assertThat(out.get(VisualVae.LATENT_MEAN).shape()).containsExactly(3, 16);
        assertThat(out.get(VisualVae.LATENT).shape()).containsExactly(3, 16);
        assertThat(out.get(VisualVae.RECONSTRUCTIONS).shape()).containsExactly(3, a.height(), a.width(), a.channels());
        assertThat(out.get(VisualVae.RECONSTRUCTIONS).minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0);
        assertThat(out.get(VisualVae.RECONSTRUCTIONS).maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void lossIsSummedSquaredErrorPlusBetaKlAveragedOverTheBatch() {
        VisualVaeConfig config = VisualVaeConfig.defaults("mnist", 3).withLatentDim(8).withBeta(0.5);
        VisualVae vae = VisualVae.build(config);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 28, 28, 1);
        INDArray eps = vae.epsilon(4, new SplittableRandom(5));
        Map<String, INDArray> out = vae.graph().output(Map.of(VisualVae.IMAGES, x, VisualVae.EPSILON, eps),
                VisualVae.LOSS, VisualVae.RECON_LOSS, VisualVae.KL, VisualVae.RECONSTRUCTIONS, VisualVae.LATENT_MEAN, VisualVae.LATENT_LOG_VAR);
        double[] xs = x.dup().data().asDouble();
        double[] rs = out.get(VisualVae.RECONSTRUCTIONS).dup().data().asDouble();
        double sse = 0;
        for (int i = 0; i < xs.length; i++) {
            sse += (xs[i] - rs[i]) * (xs[i] - rs[i]);
        }
        double[] mu = out.get(VisualVae.LATENT_MEAN).dup().data().asDouble();
        double[] lv = out.get(VisualVae.LATENT_LOG_VAR).dup().data().asDouble();
        double kl = 0;
        for (int i = 0; i < mu.length; i++) {
            kl += -0.5 * (1 + lv[i] - mu[i] * mu[i] - Math.exp(lv[i]));
        }
        double recon = sse / 4;
        kl /= 4;
        assertThat(out.get(VisualVae.RECON_LOSS).getDouble(0)).isCloseTo(recon, within(1e-3 * recon));
        assertThat(out.get(VisualVae.KL).getDouble(0)).isCloseTo(kl, within(1e-4 + 1e-3 * kl));
        assertThat(out.get(VisualVae.LOSS).getDouble(0)).isCloseTo(recon + 0.5 * kl, within(1e-3 * recon));
    }

    @Test
    void sameSeedGivesSameWeightsAndTrainingLowersTheLoss() {
        VisualVaeConfig config = VisualVaeConfig.defaults("mnist", 9).withLatentDim(8);
        VisualVae a = VisualVae.build(config);
        VisualVae b = VisualVae.build(config);
        GraphModel ma = new GraphModel(a.graph(), AdamConfig.of(1e-3));
        GraphModel mb = new GraphModel(b.graph(), AdamConfig.of(1e-3));
        ma.weights().forEach((name, w) -> assertThat(w).as(name).isEqualTo(mb.weights().get(name)));

        INDArray x = org.synvae.data.Batches.evaluation(org.synvae.models.train.TrainerTest.images(16, 1), 16).iterator().next().images();
        SplittableRandom noise = new SplittableRandom(2);
        double first = 0;
        double last = 0;
        for (int i = 0; i < 30; i++) {
            double loss = ma.trainStep(Map.of(VisualVae.IMAGES, x, VisualVae.EPSILON, a.epsilon(16, noise)), VisualVae.LOSSES)
                    .get(VisualVae.LOSS).getDouble(0);
            if (i == 0) {
                first = loss;
            }
            last = loss;
        }
        assertThat(last).isLessThan(first * 0.7);
    }
}
