package org.synvae.music.note;

/**
 * A tempo that holds from {@code time} until the next one.
 *
 * @param time seconds from the start of the sequence
 * @param qpm  quarter notes per minute, positive
 */
public record Tempo(double time, double qpm) {

    /** MIDI's tempo when none is given. */
    public static final double DEFAULT_QPM = 120.0;

    /** Checks ranges. */
    public Tempo {
        if (!(time >= 0) || !(qpm > 0) || Double.isInfinite(qpm)) {
            throw new IllegalArgumentException("tempo " + qpm + " qpm at " + time + " s is not valid");
        }
    }
}
