package org.synvae.music.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.synvae.data.io.AtomicFiles;
import org.synvae.data.io.NpyArray;
import org.synvae.data.io.NpyDType;

/**
 * Writes a MusicVAE as a magenta.js checkpoint directory, the form {@code new mm.MusicVAE(url)}
 * loads in a browser: {@code weights_manifest.json} (one weight group, float32, unquantized),
 * shards of at most {@link #SHARD_BYTES} bytes named as TensorFlow.js's converter names them
 * ({@code group1-shard1of3}, ...), and {@code config.json} naming the data converter. Variable
 * names are magenta's TensorFlow ones, which magenta.js reads. The directory is built beside the
 * target and renamed into place, so a reader never sees half of one.
 */
public final class MagentaJsCheckpointWriter {
    /** TensorFlow.js's converter's default shard size. */
    public static final int SHARD_BYTES = 4 * 1024 * 1024;
    /** The config file magenta.js reads before the weights. */
    public static final String CONFIG = "config.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MagentaJsCheckpointWriter() {
    }

    /**
     * The {@code config.json} of a melody model: magenta.js's {@code MelodyConverter} over
     * {@code steps} steps and the codec's pitch range.
     */
    public static String melodyConfig(int steps, int minPitch, int maxPitch) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "MusicVAE");
        ObjectNode converter = root.putObject("dataConverter");
        converter.put("type", "MelodyConverter");
        ObjectNode args = converter.putObject("args");
        args.put("numSteps", steps);
        args.put("minPitch", minPitch);
        args.put("maxPitch", maxPitch);
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes {@code tensors} (float32, in the given order) and {@code configJson} as a checkpoint
     * directory {@code dir}, replacing one that is there.
     *
     * @throws IllegalArgumentException for a tensor that is not float32
     */
    public static void write(Path dir, Map<String, NpyArray> tensors, String configJson) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.createDirectory(tmp);
        try {
            ArrayNode weights = JSON.createArrayNode();
            long total = 0;
            for (Map.Entry<String, NpyArray> e : tensors.entrySet()) {
                NpyArray a = e.getValue();
                if (a.dtype() != NpyDType.FLOAT32) {
                    throw new IllegalArgumentException("weight '" + e.getKey() + "' is " + a.dtype() + "; magenta.js exports hold float32");
                }
                ObjectNode w = weights.addObject();
                w.put("name", e.getKey());
                ArrayNode shape = w.putArray("shape");
                for (long d : a.shape()) {
                    shape.add(d);
                }
                w.put("dtype", "float32");
                total += a.size() * 4;
            }
            int shards = (int) Math.max(1, (total + SHARD_BYTES - 1) / SHARD_BYTES);
            List<String> names = new ArrayList<>();
            for (int s = 1; s <= shards; s++) {
                names.add(String.format(Locale.ROOT, "group1-shard%dof%d", s, shards));
            }
            writeShards(tmp, names, tensors);
            ArrayNode manifest = JSON.createArrayNode();
            ObjectNode group = manifest.addObject();
            ArrayNode paths = group.putArray("paths");
            names.forEach(paths::add);
            group.set("weights", weights);
            Files.writeString(tmp.resolve(MagentaJsCheckpoint.MANIFEST), JSON.writeValueAsString(manifest));
            Files.writeString(tmp.resolve(CONFIG), configJson);
            // The old directory steps aside before the new one moves in, and goes only once it has.
            Path old = parent.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".old");
            boolean replacing = Files.exists(target);
            if (replacing) {
                Files.move(target, old);
            }
            AtomicFiles.moveIntoPlace(tmp, target);
            if (replacing) {
                deleteTree(old);
            }
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
    }

    /** The tensors' little-endian bytes, in order, cut into the named shards. */
    private static void writeShards(Path dir, List<String> names, Map<String, NpyArray> tensors) throws IOException {
        int shard = 0;
        long inShard = 0;
        OutputStream out = Files.newOutputStream(dir.resolve(names.get(0)));
        try {
            for (NpyArray a : tensors.values()) {
                ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(a.size() * 4)).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(a.toFloatArray());
                byte[] b = bytes.array();
                int off = 0;
                while (off < b.length) {
                    if (inShard == SHARD_BYTES) {
                        out.close();
                        out = Files.newOutputStream(dir.resolve(names.get(++shard)));
                        inShard = 0;
                    }
                    int n = (int) Math.min(b.length - off, SHARD_BYTES - inShard);
                    out.write(b, off, n);
                    off += n;
                    inShard += n;
                }
            }
        } finally {
            out.close();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
