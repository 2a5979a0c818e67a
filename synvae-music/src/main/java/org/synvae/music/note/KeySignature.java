package org.synvae.music.note;

/**
 * A key signature that holds from {@code time} until the next one, numbered as in magenta.
 *
 * @param time seconds from the start of the sequence
 * @param key  tonic pitch class, 0 = C .. 11 = B
 * @param mode 0 = major, 1 = minor (magenta also names 2..7: unspecified and church modes)
 */
public record KeySignature(double time, int key, int mode) {

    /** Major mode. */
    public static final int MAJOR = 0;
    /** Minor mode. */
    public static final int MINOR = 1;

    /** Checks ranges. */
    public KeySignature {
        if (!(time >= 0) || key < 0 || key > 11 || mode < 0 || mode > 7) {
            throw new IllegalArgumentException("key signature " + key + "/" + mode + " at " + time + " s is not valid");
        }
    }
}
