package org.synvae.data.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.synvae.data.InvalidDataException;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) holding one numeric
 * array in C order.
 *
 * <p>Files are written exactly as {@code numpy.save} writes them (version 1.0, little endian, header
 * padded with spaces so that the data starts at a multiple of 64 bytes), so Python sees no
 * difference. Any problem with a file's content is an {@link InvalidDataException} naming the file.
 *
 * @see <a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">the .npy format</a>
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Magic plus the two version bytes: NumPy's MAGIC_LEN. */
    private static final int PREAMBLE = MAGIC.length + 2;
    private static final int ARRAY_ALIGN = 64;
    /** NumPy leaves room for the first axis to grow to this many digits when appending in place. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** NumPy itself refuses headers over 10000 bytes by default; allow more, but not unbounded. */
    private static final long MAX_HEADER_LENGTH = 1 << 20;
    private static final Set<Object> HEADER_KEYS = Set.of("descr", "fortran_order", "shape");

    private Npy() {
    }

    /**
     * Reads an array from a {@code .npy} file.
     *
     * @throws InvalidDataException naming the file if it is not a valid {@code .npy} file of a supported dtype
     * @throws IOException if the file cannot be read
     */
    public static NpyArray read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            // Opening a directory succeeds and only the first read fails, with a bare "Is a directory".
            throw InvalidDataException.of(file, "is a directory, not a .npy file");
        }
        long length = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, length, file);
        }
    }

    /**
     * Parses the bytes of a whole {@code .npy} file; {@code source} only names it in error messages.
     *
     * @throws InvalidDataException naming {@code source} if the bytes are not a valid {@code .npy} file
     */
    public static NpyArray parse(byte[] npyBytes, Path source) {
        try {
            return read(new ByteArrayInputStream(npyBytes), npyBytes.length, source);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayInputStream does not fail
        }
    }

    /**
     * Writes {@code array} to {@code file} as {@code numpy.save} would, atomically (see {@link AtomicFiles}).
     */
    public static void write(Path file, NpyArray array) throws IOException {
        byte[] head = header(array);
        byte[] data = array.rawLittleEndian();
        AtomicFiles.write(file, out -> {
            out.write(head);
            out.write(data);
        });
    }

    /** The bytes of a whole {@code .npy} file for {@code array}, as {@link #write} writes it. */
    public static byte[] toBytes(NpyArray array) {
        byte[] head = header(array);
        byte[] data = array.rawLittleEndian();
        byte[] all = new byte[head.length + data.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(data, 0, all, head.length, data.length);
        return all;
    }

    // ---- writing ---------------------------------------------------------------------------

    /** Magic, version, header length and the padded header, mirroring numpy.lib.format._wrap_header. */
    private static byte[] header(NpyArray array) {
        long[] shape = array.shape();
        StringBuilder dict = new StringBuilder()
                .append("{'descr': '").append(array.dtype().descr())
                .append("', 'fortran_order': False, 'shape': ").append(NpyArray.shapeString(shape)).append(", }");
        if (shape.length > 0) {
            dict.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length())));
        }
        // Version 1.0 unless the header does not fit its 16-bit length field (only for absurd ranks).
        int major = 1;
        int lengthBytes = 2;
        int hlen = dict.length() + 1; // + the final '\n'
        int padlen = ARRAY_ALIGN - ((PREAMBLE + lengthBytes + hlen) % ARRAY_ALIGN);
        if (hlen + padlen > 0xFFFF) {
            major = 2;
            lengthBytes = 4;
            padlen = ARRAY_ALIGN - ((PREAMBLE + lengthBytes + hlen) % ARRAY_ALIGN);
        }
        dict.append(" ".repeat(padlen)).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[PREAMBLE + lengthBytes + text.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = (byte) major;
        out[7] = 0;
        for (int i = 0; i < lengthBytes; i++) {
            out[PREAMBLE + i] = (byte) (text.length >>> (8 * i));
        }
        System.arraycopy(text, 0, out, PREAMBLE + lengthBytes, text.length);
        return out;
    }

    // ---- reading ---------------------------------------------------------------------------

    private static NpyArray read(InputStream in, long totalLength, Path source) throws IOException {
        byte[] pre = in.readNBytes(PREAMBLE);
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= pre.length || pre[i] != MAGIC[i]) {
                throw InvalidDataException.of(source, "not a .npy file (bad magic; expected \\x93NUMPY)");
            }
        }
        if (pre.length < PREAMBLE) {
            throw InvalidDataException.of(source, "truncated .npy header");
        }
        int major = pre[6] & 0xFF;
        int minor = pre[7] & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw InvalidDataException.of(source, "unsupported .npy format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lenField = in.readNBytes(lengthBytes);
        if (lenField.length < lengthBytes) {
            throw InvalidDataException.of(source, "truncated .npy header");
        }
        long headerLength = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            headerLength = (headerLength << 8) | (lenField[i] & 0xFF);
        }
        long dataOffset = PREAMBLE + lengthBytes + headerLength;
        if (headerLength > MAX_HEADER_LENGTH || dataOffset > totalLength) {
            throw InvalidDataException.of(source, "truncated .npy header (declares " + headerLength
                    + " header bytes, file has " + totalLength + " bytes)");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw InvalidDataException.of(source, "truncated .npy header");
        }
        // Version 3.0 exists only to allow UTF-8 in (structured) field names.
        String headerText = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = parseHeader(headerText, source);

        int byteCount;
        try {
            byteCount = NpyArray.byteCount(h.dtype, h.shape);
        } catch (IllegalArgumentException e) {
            throw InvalidDataException.of(source, e.getMessage());
        }
        long available = totalLength - dataOffset;
        if (available < byteCount) {
            throw InvalidDataException.of(source, "truncated data: shape " + NpyArray.shapeString(h.shape) + " of "
                    + h.dtype + " needs " + byteCount + " bytes, file has " + available);
        }
        if (available > byteCount) {
            throw InvalidDataException.of(source, (available - byteCount)
                    + " unexpected bytes after the array data (shape " + NpyArray.shapeString(h.shape) + ")");
        }
        byte[] data = new byte[byteCount];
        if (in.readNBytes(data, 0, byteCount) < byteCount) {
            throw InvalidDataException.of(source, "truncated data (the file shrank while being read)");
        }
        if (h.order == ByteOrder.BIG_ENDIAN) {
            NpyArray.swapInPlace(data, h.dtype.itemSize());
        }
        return NpyArray.wrap(h.dtype, h.shape, data);
    }

    private record Header(NpyDType dtype, ByteOrder order, long[] shape) {
    }

    private static Header parseHeader(String text, Path source) {
        Object parsed;
        try {
            parsed = PyLiteral.parse(text);
        } catch (IllegalArgumentException e) {
            throw InvalidDataException.of(source, "malformed .npy header: " + Text.oneLine(e.getMessage()));
        }
        if (!(parsed instanceof Map<?, ?> dict) || !dict.keySet().equals(HEADER_KEYS)) {
            throw InvalidDataException.of(source, "malformed .npy header: expected a dict with keys "
                    + "'descr', 'fortran_order' and 'shape', got " + abbreviate(text));
        }
        Object descr = dict.get("descr");
        if (!(descr instanceof String descrText)) {
            throw InvalidDataException.of(source, "unsupported dtype " + abbreviate(String.valueOf(descr))
                    + " (structured arrays are not supported)");
        }
        NpyDType dtype;
        try {
            dtype = NpyDType.fromDescr(descrText);
        } catch (IllegalArgumentException e) {
            throw InvalidDataException.of(source, e.getMessage());
        }
        Object fortran = dict.get("fortran_order");
        if (!(fortran instanceof Boolean isFortran)) {
            throw InvalidDataException.of(source, "malformed .npy header: fortran_order is not True or False");
        }
        if (isFortran) {
            throw InvalidDataException.of(source,
                    "Fortran-ordered arrays are not supported; save with np.ascontiguousarray");
        }
        if (!(dict.get("shape") instanceof List<?> dims)) {
            throw InvalidDataException.of(source, "malformed .npy header: shape is not a tuple");
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0) {
                throw InvalidDataException.of(source, "malformed .npy header: bad dimension "
                        + abbreviate(String.valueOf(dims.get(i))) + " in shape");
            }
            shape[i] = d;
        }
        return new Header(dtype, NpyDType.byteOrderOf(descrText), shape);
    }

    private static String abbreviate(String s) {
        return Text.oneLine(s.strip().replaceAll("\\s+", " "));
    }
}
