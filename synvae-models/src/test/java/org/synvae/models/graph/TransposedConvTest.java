package org.synvae.models.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/** The matmul + overlap-add transposed convolution must equal libnd4j's deconv2d (TF semantics). */
class TransposedConvTest {

    @ParameterizedTest(name = "k={0} s={1} in={2}x{3}x{4} out={5}")
    @CsvSource({"3,2,5,4,3,2", "3,2,7,7,4,1", "3,1,6,5,2,3", "1,1,4,4,3,3", "5,2,4,6,2,2", "4,2,3,3,2,2"})
    void matchesDeconv2dValuesAndGradients(int k, int s, int h, int w, int inC, int outC) {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, h, w, inC);
        INDArray wt = Nd4j.randn(DataType.FLOAT, k, k, outC, inC);
        INDArray b = Nd4j.randn(DataType.FLOAT, outC);
        INDArray target = Nd4j.randn(DataType.FLOAT, 2, h * s, w * s, outC);
        ConvSpec spec = new ConvSpec(outC, k, s, true);

        SameDiff ours = SameDiff.create();
        // TransposedConv works in CBHW layout: permute in and out.
        SDVariable oy = TransposedConv.apply(ours, "t", ours.var("x", x.dup()).permute(3, 0, 1, 2), ours.var("w", wt.dup()),
                ours.var("b", b.dup()), h, w, inC, spec).permute(1, 2, 3, 0);
        ours.setLossVariables(oy.sub(ours.constant(target)).mul(oy).sum());

        SameDiff ref = SameDiff.create();
        DeConv2DConfig cfg = DeConv2DConfig.builder().kH(k).kW(k).sH(s).sW(s).isSameMode(true)
                .dataFormat(DeConv2DConfig.NHWC).build();
        SDVariable ry = ref.cnn().deconv2d(ref.var("x", x.dup()), ref.var("w", wt.dup()), ref.var("b", b.dup()), cfg);
        ref.setLossVariables(ry.sub(ref.constant(target)).mul(ry).sum());

        INDArray expected = ry.eval();
        assertThat(expected.shape()).containsExactly(2, h * s, w * s, outC);
        INDArray actual = oy.eval();
        assertThat(actual.shape()).containsExactly(expected.shape());
        assertThat(maxAbsDiff(actual, expected)).isLessThan(1e-4);

        Map<String, INDArray> og = ours.calculateGradients(Map.of(), "x", "w", "b");
        Map<String, INDArray> rg = ref.calculateGradients(Map.of(), "x", "w", "b");
        for (String v : new String[] {"x", "w", "b"}) {
            double scale = Math.max(1.0, rg.get(v).amaxNumber().doubleValue());
            assertThat(maxAbsDiff(og.get(v), rg.get(v)) / scale).as("gradient of " + v).isLessThan(1e-4);
        }
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }
}
