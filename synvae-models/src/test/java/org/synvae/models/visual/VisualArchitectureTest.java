package org.synvae.models.visual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.synvae.models.graph.ConvSpec;

class VisualArchitectureTest {

    @Test
    void seedArchitecturesHaveTheirFeatureSizes() {
        assertThat(VisualArchitecture.MNIST.encoderFeatures()).isEqualTo(6 * 6 * 64);
        assertThat(VisualArchitecture.CIFAR.encoderFeatures()).isEqualTo(4 * 4 * 256);
        assertThat(VisualArchitecture.BAM.encoderFeatures()).isEqualTo(256);
        assertThat(VisualArchitecture.MNIST.defaultLatent()).isEqualTo(50);
        assertThat(VisualArchitecture.byName("CIFAR")).isSameAs(VisualArchitecture.CIFAR);
        assertThat(VisualArchitecture.names()).containsExactly("bam", "cifar", "mnist");
    }

    @Test
    void decoderThatMissesTheInputSizeIsRejected() {
        assertThatThrownBy(() -> new VisualArchitecture("bad", 28, 28, 1, 8, List.of(ConvSpec.down(4)),
                new int[] {7, 7, 4}, List.of(ConvSpec.down(4)), new ConvSpec(1, 3, 1, true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("14x14x1");
    }

    @Test
    void unknownArchitectureListsTheKnownOnes() {
        assertThatThrownBy(() -> VisualArchitecture.byName("imagenet"))
                .hasMessageContaining("imagenet").hasMessageContaining("mnist");
    }
}
