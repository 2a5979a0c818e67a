package org.synvae.music.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.synvae.data.io.AtomicFiles;
import org.synvae.data.io.NpyArray;

/**
 * Writes TensorFlow V2 checkpoints that TensorFlow (and {@link TfCheckpointReader}) read, byte for
 * byte as TensorFlow's SaveV2 writes the same tensors: one data file with the tensors in the order
 * given, and an index with the variables sorted by name.
 */
public final class TfCheckpointWriter {
    private static final String STATE_FILE = "checkpoint";
    private static final int CHUNK = 1 << 16;

    private TfCheckpointWriter() {
    }

    /**
     * Writes {@code <prefix>.data-00000-of-00001} and then {@code <prefix>.index}, each atomically,
     * so that a reader never sees an index whose data is missing. Every {@code NpyDType} is saved as
     * its TensorFlow type (float16 as half, bool as bool, ...).
     *
     * @param prefix  the checkpoint prefix, e.g. {@code dir/model.ckpt-1000}; the directory is created
     * @param tensors variables by name; the data file follows the map's iteration order (TensorFlow
     *                keeps the order given to SaveV2), so pass a LinkedHashMap for a chosen order
     * @throws IllegalArgumentException if a name is empty (that key is the header's) or a value null
     * @throws IOException              if a file cannot be written
     */
    public static void write(Path prefix, Map<String, NpyArray> tensors) throws IOException {
        for (Map.Entry<String, NpyArray> e : tensors.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw new IllegalArgumentException("variable names must be non-empty (the empty key holds the header)");
            }
            Objects.requireNonNull(e.getValue(), () -> "no tensor for variable '" + e.getKey() + "'");
        }
        Map<String, BundleEntry> entries = new HashMap<>();
        AtomicFiles.write(TfCheckpoint.shardPath(prefix, 0, 1), out -> {
            byte[] chunk = new byte[CHUNK];
            long offset = 0;
            for (Map.Entry<String, NpyArray> e : tensors.entrySet()) {
                NpyArray array = e.getValue();
                ByteBuffer bytes = array.asReadOnlyBuffer();
                long size = bytes.remaining();
                CRC32C crc = new CRC32C();
                // Streamed in chunks: the tensor's bytes are never copied whole.
                while (bytes.hasRemaining()) {
                    int n = Math.min(chunk.length, bytes.remaining());
                    bytes.get(chunk, 0, n);
                    crc.update(chunk, 0, n);
                    out.write(chunk, 0, n);
                }
                entries.put(e.getKey(), new BundleEntry(TfDataType.forNpy(array.dtype()).code(), array.shape(), false, 0,
                        offset, size, Crc32c.mask((int) crc.getValue()), 0));
                offset += size;
            }
        });
        AtomicFiles.write(TfCheckpointReader.indexOf(prefix), indexBytes(BundleHeader.singleShard(), entries));
    }

    /** The index table: the header under the empty key, then the entries ascending by UTF-8 bytes. */
    static byte[] indexBytes(BundleHeader header, Map<String, BundleEntry> entries) {
        List<TableEntry> rows = new ArrayList<>();
        for (Map.Entry<String, BundleEntry> e : entries.entrySet()) {
            rows.add(new TableEntry(e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue().encode()));
        }
        rows.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
        SsTableWriter table = new SsTableWriter();
        table.add(new byte[0], header.encode());
        for (TableEntry row : rows) {
            table.add(row.key(), row.value());
        }
        return table.finish();
    }

    /**
     * Writes TensorFlow's {@code checkpoint} state file in {@code dir}, naming {@code prefixName}
     * (a file name in {@code dir}, e.g. {@code model.ckpt-1000}) as the latest checkpoint, so that
     * {@code tf.train.latest_checkpoint(dir)} and {@link TfCheckpointReader#resolvePrefix} find it.
     *
     * @throws IOException if the file cannot be written
     */
    public static void writeCheckpointStateFile(Path dir, String prefixName) throws IOException {
        String quoted = "\"" + prefixName.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        String text = "model_checkpoint_path: " + quoted + "\nall_model_checkpoint_paths: " + quoted + "\n";
        AtomicFiles.write(dir.resolve(STATE_FILE), text.getBytes(StandardCharsets.UTF_8));
    }
}
