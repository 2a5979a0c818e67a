package org.synvae.data.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.synvae.data.InvalidDataException;

/**
 * Reads the idx format of the MNIST and Fashion-MNIST distributions: a 4-byte magic
 * {@code 00 00 <type> <ndims>}, {@code ndims} big-endian 32-bit dimensions, then the data. Files
 * may be gzip-compressed (recognised by their content, not their name). Only type {@code 0x08}
 * (unsigned byte), the type of every MNIST file, is supported.
 *
 * @see <a href="http://yann.lecun.com/exdb/mnist/">the MNIST database</a>
 */
public final class IdxFile {
    private static final int TYPE_UNSIGNED_BYTE = 0x08;
    /** Deflate cannot compress better than about 1032:1; anything claiming more is corrupt. */
    private static final long MAX_DEFLATE_RATIO = 1100;

    private IdxFile() {
    }

    /**
     * Reads an idx file, gzip-compressed or raw.
     *
     * @throws InvalidDataException naming the file if it is not a valid idx file of unsigned bytes
     * @throws IOException if the file cannot be read
     */
    public static IdxArray read(Path file) throws IOException {
        long fileLength = Files.size(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            if (!gzip) {
                return read(raw, fileLength, true, file);
            }
            try (InputStream in = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16)) {
                return read(in, fileLength, false, file);
            } catch (ZipException | EOFException e) {
                // Malformed or cut-off compressed content is a data problem, not an I/O failure.
                throw InvalidDataException.of(file, "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
            }
        }
    }

    /**
     * @param length the file length: exactly the idx size when raw, the compressed size when gzip
     */
    private static IdxArray read(InputStream in, long length, boolean raw, Path file) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw InvalidDataException.of(file, "not an idx file (only " + magic.length + " bytes)");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw InvalidDataException.of(file, String.format("not an idx file (magic 0x%02x%02x%02x%02x)",
                    magic[0], magic[1], magic[2], magic[3]));
        }
        int type = magic[2] & 0xFF;
        int ndims = magic[3] & 0xFF;
        if (type != TYPE_UNSIGNED_BYTE) {
            throw InvalidDataException.of(file, String.format(
                    "unsupported idx data type 0x%02x (only 0x08, unsigned byte, is supported)", type));
        }
        if (ndims == 0) {
            throw InvalidDataException.of(file, "idx file declares no dimensions");
        }
        byte[] dimBytes = in.readNBytes(4 * ndims);
        if (dimBytes.length < 4 * ndims) {
            throw InvalidDataException.of(file, "truncated idx header (" + ndims + " dimensions declared)");
        }
        int[] dims = new int[ndims];
        long count = 1;
        for (int i = 0; i < ndims; i++) {
            int o = 4 * i;
            dims[i] = (dimBytes[o] & 0xFF) << 24 | (dimBytes[o + 1] & 0xFF) << 16 | (dimBytes[o + 2] & 0xFF) << 8
                    | (dimBytes[o + 3] & 0xFF);
            if (dims[i] < 0) {
                throw InvalidDataException.of(file, "idx dimension " + i + " is negative: " + dims[i]);
            }
            count *= dims[i];
            if (count > NpyArray.MAX_ARRAY_LENGTH) {
                throw InvalidDataException.of(file, "idx file declares over 2 GiB of data");
            }
        }
        long headerLength = 4 + 4L * ndims;
        // Check the declared size against what the file can hold before allocating anything.
        if (raw && headerLength + count != length) {
            throw InvalidDataException.of(file, "declared sizes " + dimsString(dims) + " need " + (headerLength + count)
                    + " bytes but the file has " + length);
        }
        if (!raw && count > MAX_DEFLATE_RATIO * length + (1 << 16)) {
            throw InvalidDataException.of(file, "declared sizes " + dimsString(dims)
                    + " are larger than the compressed file can hold");
        }
        byte[] data = new byte[(int) count];
        int got = in.readNBytes(data, 0, data.length);
        if (got < data.length) {
            throw InvalidDataException.of(file, "declared sizes " + dimsString(dims) + " need " + count
                    + " data bytes but the file has " + got);
        }
        if (in.read() >= 0) {
            throw InvalidDataException.of(file, "declared sizes " + dimsString(dims)
                    + " do not match the file length: unexpected bytes after the data");
        }
        return new IdxArray(dims, data);
    }

    /**
     * Writes an uncompressed idx file of unsigned bytes (type {@code 0x08}) atomically, as MNIST's
     * files are laid out: magic, big-endian dimensions, the data in row-major order.
     *
     * @throws IllegalArgumentException if {@code data} does not hold exactly the product of {@code dims}
     */
    public static void write(Path file, int[] dims, byte[] data) throws IOException {
        if (dims.length == 0 || dims.length > 255) {
            throw new IllegalArgumentException("an idx file has 1 to 255 dimensions, got " + dims.length);
        }
        long count = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension " + d);
            }
            count *= d;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("dimensions " + dimsString(dims) + " need " + count + " bytes, got " + data.length);
        }
        AtomicFiles.write(file, out -> {
            java.io.DataOutputStream w = new java.io.DataOutputStream(out);
            w.writeInt(TYPE_UNSIGNED_BYTE << 8 | dims.length);
            for (int d : dims) {
                w.writeInt(d);
            }
            w.write(data);
            w.flush();
        });
    }

    private static String dimsString(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int d : dims) {
            sb.append(sb.length() == 0 ? "" : "x").append(d);
        }
        return sb.toString();
    }
}
