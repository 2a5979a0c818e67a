package org.synvae.music.checkpoint;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.NdArrays;
import org.synvae.data.io.NpyArray;

/**
 * A TensorFlow V2 checkpoint opened by {@link TfCheckpointReader}: its index is in memory, and each
 * tensor is read from its data file when asked for, so a caller that converts one variable at a
 * time never holds more than the variables it keeps (plus one transient copy of the largest).
 *
 * <p>Every variable of the index is listed, whatever its type: extra keys such as
 * {@code global_step} or optimizer slots ({@code .../Adam}) are simply available. Reading a
 * variable of a type this package does not convert (string, complex, ...) or a partitioned
 * (sliced) variable fails with a message naming it. Instances are immutable and thread-safe.
 */
public final class TfCheckpoint {
    private static final int NEAR_NAMES = 3;

    private final Path prefix;
    private final BundleHeader header;
    private final Map<String, BundleEntry> entries; // index order: ascending by UTF-8 bytes

    TfCheckpoint(Path prefix, BundleHeader header, Map<String, BundleEntry> entries) {
        this.prefix = prefix;
        this.header = header;
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** The checkpoint prefix: the path that {@code .index} and {@code .data-*} are appended to. */
    public Path prefix() {
        return prefix;
    }

    /** The number of data files ({@code <prefix>.data-0000S-of-0000N}). */
    public int shardCount() {
        return header.numShards();
    }

    /** The variable names, in index order (ascending by their UTF-8 bytes); unmodifiable. */
    public Set<String> names() {
        return entries.keySet();
    }

    /** Whether the checkpoint has a variable of this name. */
    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /**
     * What the index says about one variable, without reading its data.
     *
     * @throws InvalidDataException naming the variable, and a few near names, when it is missing
     */
    public TensorInfo info(String name) {
        BundleEntry e = entry(name);
        return new TensorInfo(name, TfDataType.nameOf(e.dtype()), e.shape(), e.shardId(), e.offset(), e.size());
    }

    /**
     * Reads one variable, verifying its checksum. Big-endian checkpoints are byte-swapped; bfloat16
     * variables are widened (exactly) to float32, since {@code NpyDType} has no bfloat16.
     *
     * @throws InvalidDataException if the variable is missing, partitioned, of an unsupported type,
     *                              or its bytes are unreadable or fail their checksum
     */
    public NpyArray tensor(String name) {
        BundleEntry e = entry(name);
        if (e.sliceCount() > 0) {
            throw InvalidDataException.of(prefix, "variable '" + Messages.oneLine(name) + "' is partitioned into "
                    + e.sliceCount() + " slices; only whole (unpartitioned) variables are supported");
        }
        TfDataType type = TfDataType.ofCode(e.dtype());
        if (type == null || !type.isSupported()) {
            throw InvalidDataException.of(prefix, "variable '" + Messages.oneLine(name) + "' has dtype "
                    + TfDataType.nameOf(e.dtype()) + ", which is not supported (supported: " + TfDataType.SUPPORTED + ")");
        }
        Path shard = shardPath(prefix, e.shardId(), header.numShards());
        byte[] bytes = readRange(shard, e.offset(), e.size(), name);
        if (Crc32c.masked(bytes, 0, bytes.length) != e.maskedCrc()) {
            throw InvalidDataException.of(shard, "checksum mismatch for variable '" + Messages.oneLine(name) + "' (bytes "
                    + e.offset() + " to " + (e.offset() + e.size()) + "): the data file is corrupt");
        }
        return type.toArray(bytes, header.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, e.shape());
    }

    /** Reads several variables (see {@link #tensor}), in the order given. */
    public Map<String, NpyArray> tensors(Collection<String> names) {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        for (String name : names) {
            out.put(name, tensor(name));
        }
        return out;
    }

    /**
     * Reads a variable that a model needs, checking its shape before reading any data.
     *
     * @param expectedShape the shape the model needs; empty for a scalar
     * @throws InvalidDataException naming the variable and both shapes when they differ, or naming
     *                              the variable and a few near names when it is missing
     */
    public NpyArray require(String name, long... expectedShape) {
        long[] shape = entry(name).shape();
        if (!Arrays.equals(shape, expectedShape)) {
            throw InvalidDataException.of(prefix, "variable '" + Messages.oneLine(name) + "' has shape "
                    + Messages.shape(shape) + " but " + Messages.shape(expectedShape) + " is needed");
        }
        return tensor(name);
    }

    /**
     * As {@link #require}, as an ND4J array: a little-endian float32 variable is read from its data
     * file straight into the array's native memory (no Java-heap copy, so loading a model needs about
     * its own size, not three times it); other types and byte orders are converted via {@link #require}.
     *
     * @throws InvalidDataException as {@link #require} and {@link #tensor}
     */
    public INDArray requireArray(String name, long... expectedShape) {
        BundleEntry e = entry(name);
        long count = Arrays.stream(expectedShape).reduce(1, (a, b) -> a * b);
        // The general path names a shape mismatch and converts other types, byte orders and
        // partitions (or rejects them); an empty array has no native buffer to read into.
        if (!Arrays.equals(e.shape(), expectedShape) || e.sliceCount() > 0 || TfDataType.ofCode(e.dtype()) != TfDataType.FLOAT
                || header.bigEndian() || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN || count == 0) {
            return NdArrays.fromNpy(require(name, expectedShape));
        }
        Path shard = shardPath(prefix, e.shardId(), header.numShards());
        if (e.size() != 4 * count) {
            throw InvalidDataException.of(shard, "variable '" + Messages.oneLine(name) + "' has " + e.size()
                    + " bytes of data but shape " + Messages.shape(expectedShape) + " needs " + 4 * count);
        }
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, expectedShape, 'c');
        ByteBuffer dst = out.data().asNio();
        readInto(shard, e.offset(), dst, name);
        CRC32C crc = new CRC32C();
        crc.update(dst.flip());
        if (Crc32c.mask((int) crc.getValue()) != e.maskedCrc()) {
            throw InvalidDataException.of(shard, "checksum mismatch for variable '" + Messages.oneLine(name) + "' (bytes "
                    + e.offset() + " to " + (e.offset() + e.size()) + "): the data file is corrupt");
        }
        return out;
    }

    @Override
    public String toString() {
        return "TfCheckpoint[" + prefix + ", " + entries.size() + " variables]";
    }

    /** The data file of one shard: {@code <prefix>.data-00000-of-00001}, as TensorFlow names it. */
    static Path shardPath(Path prefix, int shard, int shardCount) {
        return prefix.resolveSibling(prefix.getFileName() + String.format(Locale.ROOT, ".data-%05d-of-%05d", shard, shardCount));
    }

    private BundleEntry entry(String name) {
        BundleEntry e = entries.get(name);
        if (e == null) {
            String near = entries.isEmpty() ? "it has no variables"
                    : "near names: " + String.join(", ", Messages.nearest(name, entries.keySet(), NEAR_NAMES));
            throw InvalidDataException.of(prefix, "no variable '" + Messages.oneLine(name) + "' in the checkpoint ("
                    + Messages.oneLine(near) + ")");
        }
        return e;
    }

    /** Reads straight into the tensor's own array with positional reads: no whole-file buffer. */
    private static byte[] readRange(Path shard, long offset, long size, String name) {
        if (size > Integer.MAX_VALUE - 8) {
            throw InvalidDataException.of(shard, "variable '" + Messages.oneLine(name) + "' takes " + size
                    + " bytes, more than one Java array holds (2 GiB)");
        }
        byte[] bytes = new byte[(int) size];
        readInto(shard, offset, ByteBuffer.wrap(bytes), name);
        return bytes;
    }

    /** Fills {@code buf} (from its position) with the shard's bytes from {@code offset}. */
    private static void readInto(Path shard, long offset, ByteBuffer buf, String name) {
        int start = buf.position();
        try (FileChannel channel = FileChannel.open(shard, StandardOpenOption.READ)) {
            while (buf.hasRemaining()) {
                if (channel.read(buf, offset + buf.position() - start) < 0) {
                    throw new EOFException();
                }
            }
        } catch (NoSuchFileException e) {
            throw InvalidDataException.of(shard, "missing data file of the checkpoint", e);
        } catch (EOFException e) {
            throw InvalidDataException.of(shard, "data file ends before variable '" + Messages.oneLine(name) + "' does", e);
        } catch (IOException e) {
            throw InvalidDataException.of(shard, "cannot read (" + e.getMessage() + ")", e);
        }
    }
}
