package org.synvae.music.checkpoint;

import java.util.zip.CRC32C;

/** CRC-32C as LevelDB and TensorFlow store it: masked, so that a CRC of data that holds CRCs stays well mixed. */
final class Crc32c {
    private static final int MASK_DELTA = 0xa282ead8;

    private Crc32c() {
    }

    /** The masked CRC-32C of {@code length} bytes of {@code bytes} from {@code offset}. */
    static int masked(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return mask((int) crc.getValue());
    }

    /** LevelDB's mask: rotate right by 15 bits and add a constant. */
    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }
}
