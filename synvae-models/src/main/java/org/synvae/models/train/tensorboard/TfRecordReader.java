package org.synvae.models.train.tensorboard;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.synvae.data.InvalidDataException;

/**
 * Reads the records of a TFRecord file one by one, checking both checksums of each. Any damage,
 * including a record cut short at the end of the file, raises {@link InvalidDataException}.
 */
final class TfRecordReader implements AutoCloseable {
    private final Path file;
    private final long fileSize;
    private final DataInputStream in;
    private final boolean growing;
    private long offset;

    TfRecordReader(Path file) {
        this(file, false);
    }

    /**
     * @param growing the file may still be written to: a record cut short at its end is where it
     *                ends for now, not damage
     */
    TfRecordReader(Path file, boolean growing) {
        this.file = file;
        this.growing = growing;
        try {
            this.fileSize = Files.size(file);
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        } catch (IOException e) {
            throw InvalidDataException.of(file, "cannot read event file: " + e.getMessage(), e);
        }
    }

    /** The data of the next record, or {@code null} at the end of the file. */
    byte[] next() {
        long start = offset;
        try {
            byte[] header = new byte[TfRecord.HEADER_BYTES];
            int first = in.read(header);
            if (first < 0) {
                return null;
            }
            in.readFully(header, first, header.length - first);
            ByteBuffer hb = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            long length = hb.getLong(0);
            if (hb.getInt(8) != TfRecord.maskedCrc32c(header, 0, 8)) {
                throw corrupt(start, "length checksum mismatch");
            }
            // Checked against the file size so that a damaged length cannot request a huge array.
            long remaining = fileSize - start - TfRecord.HEADER_BYTES - TfRecord.FOOTER_BYTES;
            if (growing && length >= 0 && length > remaining && length <= Integer.MAX_VALUE - 16) {
                return null;
            }
            if (length < 0 || length > remaining || length > Integer.MAX_VALUE - 16) {
                throw corrupt(start, "record length " + Long.toUnsignedString(length) + " runs past the end of the file");
            }
            byte[] data = new byte[(int) length];
            in.readFully(data);
            int storedCrc = Integer.reverseBytes(in.readInt());
            if (storedCrc != TfRecord.maskedCrc32c(data, 0, data.length)) {
                throw corrupt(start, "data checksum mismatch");
            }
            offset = start + TfRecord.HEADER_BYTES + length + TfRecord.FOOTER_BYTES;
            return data;
        } catch (EOFException e) {
            if (growing) {
                return null;
            }
            throw corrupt(start, "truncated record");
        } catch (IOException e) {
            throw InvalidDataException.of(file, "cannot read event file: " + e.getMessage(), e);
        }
    }

    /** Builds the error for a damaged record, naming the file and the record's byte offset. */
    InvalidDataException corrupt(long recordOffset, String problem) {
        return InvalidDataException.of(file, "corrupted record at byte " + recordOffset + ": " + problem);
    }

    /** The byte offset of the next record, for error messages about the one just read. */
    long offset() {
        return offset;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
