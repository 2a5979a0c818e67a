package org.synvae.music.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An LSTM state: cell c and output h, both [B, n].
 *
 * @param c cell state
 * @param h hidden state (the cell's output)
 */
public record LstmState(INDArray c, INDArray h) {

    /** Zero state for a batch. */
    public static LstmState zeros(long batch, int units) {
        return new LstmState(Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, batch, units),
                Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, batch, units));
    }
}
