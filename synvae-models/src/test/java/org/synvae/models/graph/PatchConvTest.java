package org.synvae.models.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/** The patch + matmul convolution must equal libnd4j's conv2d (TF semantics) in values and gradients. */
class PatchConvTest {

    @ParameterizedTest(name = "k={0} s={1} same={2} in={3}x{4}x{5} out={6}")
    @CsvSource({"3,2,false,28,28,1,4", "3,2,false,13,13,3,2", "3,2,true,8,8,3,2", "3,2,true,7,5,2,3",
            "3,1,true,6,6,2,2", "1,1,true,4,4,3,1", "5,2,true,9,9,2,2", "2,2,false,6,6,2,2"})
    void matchesConv2dValuesAndGradients(int k, int s, boolean same, int h, int w, int inC, int outC) {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, h, w, inC);
        INDArray wt = Nd4j.randn(DataType.FLOAT, k, k, inC, outC);
        INDArray b = Nd4j.randn(DataType.FLOAT, outC);
        ConvSpec spec = new ConvSpec(outC, k, s, same);
        int oh = spec.convOutput(h);
        int ow = spec.convOutput(w);
        INDArray target = Nd4j.randn(DataType.FLOAT, 2, oh, ow, outC);

        SameDiff ours = SameDiff.create();
        SDVariable oy = PatchConv.apply(ours, "c", ours.var("x", x.dup()).permute(3, 0, 1, 2), ours.var("w", wt.dup()),
                ours.var("b", b.dup()), h, w, inC, spec).permute(1, 2, 3, 0);
        ours.setLossVariables(oy.sub(ours.constant(target)).mul(oy).sum());

        SameDiff ref = SameDiff.create();
        Conv2DConfig cfg = Conv2DConfig.builder().kH(k).kW(k).sH(s).sW(s)
                .paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID).dataFormat(Conv2DConfig.NHWC).build();
        SDVariable ry = ref.cnn().conv2d(ref.var("x", x.dup()), ref.var("w", wt.dup()), ref.var("b", b.dup()), cfg);
        ref.setLossVariables(ry.sub(ref.constant(target)).mul(ry).sum());

        INDArray expected = ry.eval();
        assertThat(expected.shape()).containsExactly(2, oh, ow, outC);
        assertThat(oy.eval().sub(expected).amaxNumber().doubleValue()).isLessThan(1e-4);

        Map<String, INDArray> og = ours.calculateGradients(Map.of(), "x", "w", "b");
        Map<String, INDArray> rg = ref.calculateGradients(Map.of(), "x", "w", "b");
        for (String v : new String[] {"x", "w", "b"}) {
            double scale = Math.max(1.0, rg.get(v).amaxNumber().doubleValue());
            assertThat(og.get(v).sub(rg.get(v)).amaxNumber().doubleValue() / scale).as("gradient of " + v).isLessThan(1e-4);
        }
    }
}
