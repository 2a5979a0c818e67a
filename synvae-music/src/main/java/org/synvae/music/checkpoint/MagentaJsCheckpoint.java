package org.synvae.music.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.NpyArray;
import org.synvae.data.io.NpyDType;

/**
 * Reads magenta.js (TensorFlow.js) checkpoints: a {@code weights_manifest.json} listing groups of
 * weights, each group stored in shard files that are concatenated in the order listed. A weight is
 * {@code float32} or {@code int32}, optionally quantized: {@code uint8}/{@code uint16} values
 * {@code q} stand for {@code q * scale + min} (rounded for int32, as TensorFlow.js does), and
 * {@code float16} values are half floats widened to float32. Bytes after the last weight of a group
 * (padding some exporters add) are ignored, as magenta.js ignores them.
 */
public final class MagentaJsCheckpoint {
    private static final Logger LOG = LogManager.getLogger(MagentaJsCheckpoint.class);
    /** The manifest's file name in a checkpoint directory. */
    public static final String MANIFEST = "weights_manifest.json";

    private MagentaJsCheckpoint() {
    }

    /**
     * One weight as the manifest lists it.
     *
     * @param name         the variable name
     * @param dtype        float32 or int32, as the weight is used
     * @param quantization how it is stored (uint8, uint16, float16), or {@code null} when stored as {@code dtype}
     * @param shape        its dimensions
     * @param bytes        the bytes it takes in the shards
     */
    public record Weight(String name, String dtype, String quantization, long[] shape, long bytes) {
    }

    /**
     * The manifest of {@code checkpoint} if it is a magenta.js checkpoint (a directory holding
     * {@value #MANIFEST}, or that file itself); empty for anything else, e.g. a TensorFlow one.
     */
    public static Optional<Path> manifestOf(Path checkpoint) {
        Path manifest = Files.isDirectory(checkpoint) ? checkpoint.resolve(MANIFEST) : checkpoint;
        boolean named = manifest.getFileName() != null && manifest.getFileName().toString().equals(MANIFEST);
        return named && Files.isRegularFile(manifest) ? Optional.of(manifest) : Optional.empty();
    }

    /**
     * The weights the manifest lists, in order, without reading the shards (only their sizes are
     * checked, so that a listing never passes a checkpoint that {@link #read} refuses for them).
     *
     * @param dirOrManifest the checkpoint directory, or its manifest file
     * @throws InvalidDataException as {@link #read}, for the manifest and the shards' sizes
     */
    public static List<Weight> list(Path dirOrManifest) {
        Path manifest = Files.isDirectory(dirOrManifest) ? dirOrManifest.resolve(MANIFEST) : dirOrManifest;
        Path dir = manifest.toAbsolutePath().getParent();
        List<Weight> out = new ArrayList<>();
        List<Group> groups = groups(manifest);
        for (int g = 0; g < groups.size(); g++) {
            requireShardBytes(groups.get(g), g, dir, manifest);
        }
        for (Group group : groups) {
            for (WeightSpec w : group.weights()) {
                out.add(new Weight(w.name(), w.dtype(), w.quantDtype(), w.shape().clone(), w.byteCount()));
            }
        }
        return out;
    }

    /** The number of shard files the manifest lists. */
    public static int shardCount(Path dirOrManifest) {
        Path manifest = Files.isDirectory(dirOrManifest) ? dirOrManifest.resolve(MANIFEST) : dirOrManifest;
        return groups(manifest).stream().mapToInt(g -> g.paths().size()).sum();
    }

    /**
     * Reads every weight, in manifest order, streaming each group's shards so that no shard is held
     * whole in memory.
     *
     * @param dirOrManifest the checkpoint directory, or its manifest file
     * @throws InvalidDataException naming the file when the manifest or a shard is missing, malformed,
     *                              or the shards' size differs from what the weights need
     */
    public static Map<String, NpyArray> read(Path dirOrManifest) {
        Path manifest = Files.isDirectory(dirOrManifest) ? dirOrManifest.resolve(MANIFEST) : dirOrManifest;
        Path dir = manifest.toAbsolutePath().getParent();
        Map<String, NpyArray> out = new LinkedHashMap<>();
        List<Group> groups = groups(manifest);
        for (int g = 0; g < groups.size(); g++) {
            readGroup(groups.get(g), g, dir, manifest, out);
        }
        return out;
    }

    /** A weight group of the manifest: its shard paths and weights. */
    private record Group(List<String> paths, List<WeightSpec> weights) {
    }

    private static List<Group> groups(Path manifest) {
        JsonNode root = parseManifest(manifest);
        if (!root.isArray()) {
            throw InvalidDataException.of(manifest, "must hold a JSON array of weight groups");
        }
        List<Group> groups = new ArrayList<>();
        for (int g = 0; g < root.size(); g++) {
            JsonNode group = root.get(g);
            String where = "weight group " + g;
            JsonNode paths = group.path("paths");
            JsonNode weights = group.path("weights");
            if (!paths.isArray() || !weights.isArray()) {
                throw InvalidDataException.of(manifest, where + " needs the arrays 'paths' and 'weights'");
            }
            List<String> shardPaths = new ArrayList<>();
            for (JsonNode p : paths) {
                if (!p.isTextual()) {
                    throw InvalidDataException.of(manifest, where + " has a path that is not a string");
                }
                shardPaths.add(p.asText());
            }
            List<WeightSpec> specs = new ArrayList<>();
            for (JsonNode w : weights) {
                specs.add(WeightSpec.parse(w, manifest, where));
            }
            groups.add(new Group(shardPaths, specs));
        }
        return groups;
    }

    private static JsonNode parseManifest(Path manifest) {
        try {
            return new ObjectMapper().readTree(manifest.toFile());
        } catch (JsonProcessingException e) {
            throw InvalidDataException.of(manifest, "not valid JSON (" + Messages.oneLine(e.getOriginalMessage()) + ")", e);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw InvalidDataException.of(manifest, "no such file (a magenta.js checkpoint directory holds " + MANIFEST + ")", e);
        } catch (IOException e) {
            throw InvalidDataException.of(manifest, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static void readGroup(Group group, int g, Path dir, Path manifest, Map<String, NpyArray> out) {
        String where = "weight group " + g;
        List<Path> shards = requireShardBytes(group, g, dir, manifest);
        try (InputStream in = concatenated(shards)) {
            for (WeightSpec spec : group.weights()) {
                if (out.containsKey(spec.name())) {
                    throw InvalidDataException.of(manifest, "weight '" + Messages.oneLine(spec.name()) + "' is listed twice");
                }
                byte[] bytes = in.readNBytes((int) spec.byteCount());
                if (bytes.length != spec.byteCount()) {
                    throw InvalidDataException.of(shards.get(0), where + " ended early (a shard changed while reading?)");
                }
                out.put(spec.name(), spec.decode(bytes));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw InvalidDataException.of(manifest, "cannot read the shards of " + where + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The shard files of group {@code g}, which must exist and hold at least the bytes its weights
     * need (more is padding, ignored).
     */
    private static List<Path> requireShardBytes(Group group, int g, Path dir, Path manifest) {
        String where = "weight group " + g;
        List<Path> shards = new ArrayList<>();
        long available = 0;
        for (String p : group.paths()) {
            Path shard = dir.resolve(p);
            available += shardSize(shard);
            shards.add(shard);
        }
        List<WeightSpec> specs = group.weights();
        long needed = 0;
        for (WeightSpec spec : specs) {
            needed += spec.byteCount();
            if (needed < 0) {
                throw InvalidDataException.of(manifest, where + " needs more than 2^63 bytes");
            }
        }
        if (needed > available) {
            throw InvalidDataException.of(shards.isEmpty() ? manifest : shards.get(0), where + ": its " + shards.size()
                    + " shard file(s) hold " + available + " bytes but its " + specs.size() + " weights need " + needed);
        }
        if (needed < available) {
            LOG.debug("{}: {} bytes after the last weight of {} ignored", manifest, available - needed, where);
        }
        return shards;
    }

    private static long shardSize(Path shard) {
        try {
            return Files.size(shard);
        } catch (NoSuchFileException e) {
            throw InvalidDataException.of(shard, "missing weight shard listed in " + MANIFEST, e);
        } catch (IOException e) {
            throw InvalidDataException.of(shard, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** The shards as one stream, each opened only when the previous one is used up. */
    private static InputStream concatenated(List<Path> shards) {
        Iterator<Path> it = shards.iterator();
        return new SequenceInputStream(new java.util.Enumeration<InputStream>() {
            @Override
            public boolean hasMoreElements() {
                return it.hasNext();
            }

            @Override
            public InputStream nextElement() {
                try {
                    return Files.newInputStream(it.next());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
    }

    /** One entry of a group's {@code weights}. */
    private record WeightSpec(String name, long[] shape, String dtype, String quantDtype, double scale, double min,
                              long elements) {
        static WeightSpec parse(JsonNode w, Path manifest, String where) {
            String name = w.path("name").isTextual() ? w.path("name").asText() : null;
            if (name == null) {
                throw InvalidDataException.of(manifest, where + " has a weight without a 'name'");
            }
            String what = "weight '" + Messages.oneLine(name) + "'";
            JsonNode shapeNode = w.path("shape");
            if (!shapeNode.isArray()) {
                throw InvalidDataException.of(manifest, what + " has no 'shape' array");
            }
            long[] shape = new long[shapeNode.size()];
            long elements = 1;
            for (int i = 0; i < shape.length; i++) {
                JsonNode d = shapeNode.get(i);
                if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
                    throw InvalidDataException.of(manifest, what + " has an invalid dimension " + Messages.oneLine(d.toString()));
                }
                shape[i] = d.asLong();
                elements = shape[i] == 0 || elements <= (Integer.MAX_VALUE - 8) / 4 / shape[i] ? elements * shape[i] : -1;
                if (elements < 0) {
                    throw InvalidDataException.of(manifest, what + " is too large for one Java array (dimensions "
                            + Messages.oneLine(shapeNode.toString()) + ")");
                }
            }
            String dtype = w.path("dtype").asText("");
            if (!dtype.equals("float32") && !dtype.equals("int32")) {
                throw InvalidDataException.of(manifest, what + " has dtype '" + Messages.oneLine(dtype)
                        + "'; only float32 and int32 are supported");
            }
            JsonNode q = w.path("quantization");
            if (q.isMissingNode() || q.isNull()) {
                return new WeightSpec(name, shape, dtype, null, 0, 0, elements);
            }
            String qDtype = q.path("dtype").asText("");
            switch (qDtype) {
                case "uint8", "uint16" -> {
                    if (!q.path("scale").isNumber() || !q.path("min").isNumber()) {
                        throw InvalidDataException.of(manifest, what + " is quantized to " + qDtype + " without numeric 'scale' and 'min'");
                    }
                    return new WeightSpec(name, shape, dtype, qDtype, q.path("scale").asDouble(), q.path("min").asDouble(), elements);
                }
                case "float16" -> {
                    if (!dtype.equals("float32")) {
                        throw InvalidDataException.of(manifest, what + " is int32 quantized to float16, which TensorFlow.js does not define");
                    }
                    return new WeightSpec(name, shape, dtype, qDtype, 0, 0, elements);
                }
                default -> throw InvalidDataException.of(manifest, what + " has quantization dtype '" + Messages.oneLine(qDtype)
                        + "'; only uint8, uint16 and float16 are supported");
            }
        }

        long byteCount() {
            int item = quantDtype == null ? 4 : quantDtype.equals("uint8") ? 1 : 2;
            return elements * item;
        }

        NpyArray decode(byte[] bytes) {
            if (quantDtype == null) {
                return NpyArray.ofRaw(dtype.equals("float32") ? NpyDType.FLOAT32 : NpyDType.INT32, ByteOrder.LITTLE_ENDIAN, bytes, shape);
            }
            if (quantDtype.equals("float16")) {
                return NpyArray.ofFloats(NpyArray.ofRaw(NpyDType.FLOAT16, ByteOrder.LITTLE_ENDIAN, bytes, shape).toFloatArray(), shape);
            }
            boolean wide = quantDtype.equals("uint16");
            int n = (int) elements;
            if (dtype.equals("float32")) {
                float[] values = new float[n];
                for (int i = 0; i < n; i++) {
                    values[i] = (float) (quantized(bytes, i, wide) * scale + min);
                }
                return NpyArray.ofFloats(values, shape);
            }
            int[] values = new int[n];
            for (int i = 0; i < n; i++) {
                // JavaScript's Math.round: halves round up.
                values[i] = (int) Math.floor(quantized(bytes, i, wide) * scale + min + 0.5);
            }
            return NpyArray.ofInts(values, shape);
        }

        private static int quantized(byte[] b, int i, boolean wide) {
            return wide ? (b[2 * i] & 0xFF) | (b[2 * i + 1] & 0xFF) << 8 : b[i] & 0xFF;
        }
    }
}
