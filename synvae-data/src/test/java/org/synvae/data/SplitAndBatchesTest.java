package org.synvae.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.synvae.data.sets.InMemoryImages;

class SplitAndBatchesTest {

    private static InMemoryImages numbered(int n) {
        ImageShape shape = new ImageShape(1, 1, 1);
        byte[] px = new byte[n];
        for (int i = 0; i < n; i++) {
            px[i] = (byte) i;
        }
        return new InMemoryImages("numbers", shape, px, new int[n], List.of("only"), false);
    }

    @Test
    void splitIsASeededPartition() {
        Split a = Split.ofFraction(100, 0.2, 7);
        Split b = Split.ofFraction(100, 0.2, 7);
        assertThat(a.train()).hasSize(80).containsExactly(b.train());
        assertThat(a.valid()).hasSize(20);
        int[] all = IntStream.concat(Arrays.stream(a.train()), Arrays.stream(a.valid())).sorted().toArray();
        assertThat(all).containsExactly(IntStream.range(0, 100).toArray());
        assertThat(Split.ofFraction(100, 0.2, 8).train()).isNotEqualTo(a.train());
        assertThatThrownBy(() -> Split.ofCount(10, 10, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trainingBatchesShuffleBySeedAndDropTheRemainder() {
        InMemoryImages data = numbered(10);
        Batches batches = Batches.training(data, 3, 5);
        assertThat(batches.count()).isEqualTo(3);
        List<Integer> seen = new ArrayList<>();
        for (ImageBatch b : batches) {
            assertThat(b.images().shape()).containsExactly(3, 1, 1, 1);
            Arrays.stream(b.indices()).forEach(seen::add);
            for (int i = 0; i < 3; i++) {
                assertThat(b.images().getFloat(i, 0, 0, 0)).isEqualTo(b.indices()[i] / 255f);
            }
        }
        assertThat(seen).hasSize(9).doesNotHaveDuplicates();
        List<Integer> again = new ArrayList<>();
        Batches.training(data, 3, 5).forEach(b -> Arrays.stream(b.indices()).forEach(again::add));
        assertThat(again).isEqualTo(seen);
        assertThatThrownBy(() -> Batches.training(data, 11, 1)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("fewer than one batch");
    }

    @Test
    void evaluationBatchesKeepOrderAndEveryImage() {
        Batches batches = Batches.evaluation(numbered(10), 4);
        assertThat(batches.count()).isEqualTo(3);
        List<Integer> seen = new ArrayList<>();
        batches.forEach(b -> Arrays.stream(b.indices()).forEach(seen::add));
        assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }
}
