package org.synvae.music.note;

/**
 * A time signature that holds from {@code time} until the next one.
 *
 * @param time        seconds from the start of the sequence
 * @param numerator   beats per bar
 * @param denominator beat unit (4 = quarter note)
 */
public record TimeSignature(double time, int numerator, int denominator) {

    /** Checks ranges. */
    public TimeSignature {
        if (!(time >= 0) || numerator <= 0 || denominator <= 0) {
            throw new IllegalArgumentException("time signature " + numerator + "/" + denominator + " at " + time
                    + " s is not valid");
        }
    }

    /** Whether this is common time, 4/4. */
    public boolean isFourFour() {
        return numerator == 4 && denominator == 4;
    }

    /** Quarter notes per bar ({@code 4 * numerator / denominator}). */
    public double quartersPerBar() {
        return 4.0 * numerator / denominator;
    }
}
