package org.synvae.models.train.tensorboard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, the container format of TensorBoard event files. Each record is
 * <pre>
 *   uint64 length           (little-endian)
 *   uint32 masked_crc32c(length bytes)
 *   byte   data[length]
 *   uint32 masked_crc32c(data)
 * </pre>
 */
final class TfRecord {
    /** Bytes before the data: the length and its checksum. */
    static final int HEADER_BYTES = 12;
    /** Bytes after the data: its checksum. */
    static final int FOOTER_BYTES = 4;

    // TensorFlow masks the CRC because checksumming data that itself contains CRCs is weak.
    private static final int MASK_DELTA = 0xa282ead8;

    private TfRecord() {
    }

    /** The plain CRC-32C (Castagnoli) of {@code len} bytes of {@code data} from {@code off}. */
    static int crc32c(byte[] data, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(data, off, len);
        return (int) crc.getValue();
    }

    /** The CRC-32C of the bytes, masked as TFRecord stores it. */
    static int maskedCrc32c(byte[] data, int off, int len) {
        return mask(crc32c(data, off, len));
    }

    /** Applies TensorFlow's CRC mask: rotate right by 15 bits, then add a constant (mod 2^32). */
    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    /** Frames {@code data} as one complete record. */
    static byte[] frame(byte[] data) {
        ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + data.length + FOOTER_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        record.putLong(data.length);
        record.putInt(maskedCrc32c(record.array(), 0, 8));
        record.put(data);
        record.putInt(maskedCrc32c(data, 0, data.length));
        return record.array();
    }
}
