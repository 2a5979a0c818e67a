package org.synvae.music.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckpointInspectorTest {
    @Test
    void describesTheFixture() {
        String table = CheckpointInspector.describe(TfCheckpointReader.read(Fixture.dir()));
        assertThat(table).isEqualTo("""
                name                                            dtype    shape    bytes
                decoder/multi_rnn_cell/cell_0/lstm_cell/bias    float32  [12]        48
                decoder/multi_rnn_cell/cell_0/lstm_cell/kernel  float32  [8, 12]    384
                decoder/output_projection/kernel                float32  [3, 90]  1,080
                global_step                                     int64    []           8
                4 variables, 1,520 bytes in 1 data file
                """);
    }
}
