package org.synvae.music.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.synvae.data.InvalidDataException;

/**
 * Opens TensorFlow V2 checkpoints ({@code <prefix>.index} + {@code <prefix>.data-0000S-of-0000N},
 * as written by SaveV2 / {@code tf.train.Saver} / {@code tf.train.Checkpoint}) without TensorFlow.
 *
 * <p>The index is a LevelDB table (uncompressed or Snappy blocks) whose every block checksum is
 * verified; the empty key holds the {@code BundleHeaderProto}, every other key a variable's
 * {@code BundleEntryProto}. Opening checks that every entry lies inside its data file; the tensor
 * bytes are read, and their checksums verified, by {@link TfCheckpoint#tensor}.
 */
public final class TfCheckpointReader {
    private static final String INDEX_SUFFIX = ".index";
    private static final String STATE_FILE = "checkpoint";
    private static final Pattern DATA_FILE = Pattern.compile("(.+)\\.data-\\d{5,}-of-\\d{5,}");
    private static final Pattern STEP = Pattern.compile(".*-(\\d{1,18})");
    private static final Pattern STATE_LINE = Pattern.compile("\\s*model_checkpoint_path\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");

    private TfCheckpointReader() {
    }

    /**
     * Opens a checkpoint.
     *
     * @param prefixOrIndexOrDir the prefix ({@code .../model.ckpt-0}), its {@code .index} file, one
     *                           of its data files, or a directory (see {@link #resolvePrefix})
     * @throws InvalidDataException naming the file and the problem when the checkpoint is missing,
     *                              corrupt or of an unsupported kind
     */
    public static TfCheckpoint read(Path prefixOrIndexOrDir) {
        Path prefix = resolvePrefix(prefixOrIndexOrDir);
        Path index = indexOf(prefix);
        List<TableEntry> table = SsTableReader.readAll(readIndex(index), index);
        if (table.isEmpty() || table.get(0).key().length != 0) {
            throw InvalidDataException.of(index, "not a TensorFlow checkpoint index (no bundle header under the empty key)");
        }
        BundleHeader header = BundleHeader.parse(table.get(0).value(), index);
        Map<String, BundleEntry> entries = new LinkedHashMap<>();
        for (TableEntry t : table.subList(1, table.size())) {
            String name = decodeName(t.key(), index);
            BundleEntry e = BundleEntry.parse(t.value(), index, name);
            check(e, name, header, index);
            entries.put(name, e);
        }
        checkDataFiles(prefix, header, entries);
        return new TfCheckpoint(prefix, header, entries);
    }

    /**
     * The checkpoint prefix that a path names. A directory must hold one checkpoint ({@code *.index}
     * file); when it holds several, the one named by TensorFlow's {@code checkpoint} state file
     * ({@code model_checkpoint_path: "..."}; a relative path is taken from the directory, and an
     * absolute one that no longer exists, as in a copied directory, by its file name there) is
     * taken, and without that file the one with the highest step number (the {@code -N} suffix of
     * {@code model.ckpt-N}).
     *
     * @throws InvalidDataException when no checkpoint, or no single one, is found
     */
    public static Path resolvePrefix(Path prefixOrIndexOrDir) {
        Path p = prefixOrIndexOrDir;
        if (Files.isDirectory(p)) {
            return prefixInDirectory(p);
        }
        String file = p.getFileName() == null ? "" : p.getFileName().toString();
        if (file.endsWith(INDEX_SUFFIX) && Files.isRegularFile(p)) {
            return p.resolveSibling(file.substring(0, file.length() - INDEX_SUFFIX.length()));
        }
        Matcher data = DATA_FILE.matcher(file);
        if (data.matches() && Files.isRegularFile(p) && Files.isRegularFile(p.resolveSibling(data.group(1) + INDEX_SUFFIX))) {
            return p.resolveSibling(data.group(1));
        }
        if (!file.isEmpty() && Files.isRegularFile(indexOf(p))) {
            return p;
        }
        throw InvalidDataException.of(p, "no TensorFlow checkpoint here (not a directory, an .index file, or a prefix with "
                + file + INDEX_SUFFIX + " beside it)");
    }

    private static Path prefixInDirectory(Path dir) {
        List<Path> prefixes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(INDEX_SUFFIX) && Files.isRegularFile(f)).sorted()
                    .forEach(f -> prefixes.add(stripIndex(f)));
        } catch (IOException e) {
            throw InvalidDataException.of(dir, "cannot list directory (" + e.getMessage() + ")", e);
        }
        if (prefixes.isEmpty()) {
            throw InvalidDataException.of(dir, "no TensorFlow checkpoint (*.index file) in this directory");
        }
        if (prefixes.size() == 1) {
            return prefixes.get(0);
        }
        Path state = dir.resolve(STATE_FILE);
        if (Files.isRegularFile(state)) {
            return prefixFromStateFile(state, dir);
        }
        long best = -1;
        List<Path> newest = new ArrayList<>();
        for (Path prefix : prefixes) {
            Matcher m = STEP.matcher(prefix.getFileName().toString());
            long step = m.matches() ? Long.parseLong(m.group(1)) : -1;
            if (step > best) {
                best = step;
                newest.clear();
            }
            if (step == best) {
                newest.add(prefix);
            }
        }
        if (newest.size() != 1) {
            throw InvalidDataException.of(dir, prefixes.size() + " checkpoints (" + names(prefixes)
                    + ") and no 'checkpoint' file or single highest step number to choose one; pass a prefix");
        }
        return newest.get(0);
    }

    private static Path prefixFromStateFile(Path state, Path dir) {
        List<String> lines;
        try {
            lines = Files.readAllLines(state, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InvalidDataException.of(state, "cannot read (" + e.getMessage() + ")", e);
        }
        for (String line : lines) {
            Matcher m = STATE_LINE.matcher(line);
            if (m.matches()) {
                String named = unescape(m.group(1));
                Path candidate = dir.resolve(named);
                if (!Files.isRegularFile(indexOf(candidate)) && candidate.getFileName() != null) {
                    candidate = dir.resolve(candidate.getFileName().toString());
                }
                if (!Files.isRegularFile(indexOf(candidate))) {
                    throw InvalidDataException.of(state, "names checkpoint '" + Messages.oneLine(named)
                            + "', which has no .index file in " + dir);
                }
                return candidate;
            }
        }
        throw InvalidDataException.of(state, "has no model_checkpoint_path line");
    }

    /** Undoes the C escapes of a protobuf text-format string that paths can contain. */
    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String names(List<Path> prefixes) {
        List<String> names = new ArrayList<>();
        for (Path p : prefixes) {
            names.add(p.getFileName().toString());
        }
        return Messages.oneLine(String.join(", ", names));
    }

    static Path indexOf(Path prefix) {
        return prefix.resolveSibling(prefix.getFileName() + INDEX_SUFFIX);
    }

    private static Path stripIndex(Path index) {
        String f = index.getFileName().toString();
        return index.resolveSibling(f.substring(0, f.length() - INDEX_SUFFIX.length()));
    }

    private static byte[] readIndex(Path index) {
        try {
            if (Files.size(index) > Integer.MAX_VALUE - 8) {
                throw InvalidDataException.of(index, "checkpoint index over 2 GiB");
            }
            return Files.readAllBytes(index);
        } catch (NoSuchFileException e) {
            throw InvalidDataException.of(index, "no such file", e);
        } catch (IOException e) {
            throw InvalidDataException.of(index, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static String decodeName(byte[] key, Path index) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(key)).toString();
        } catch (CharacterCodingException e) {
            throw InvalidDataException.of(index, "corrupt checkpoint index: a variable name is not UTF-8", e);
        }
    }

    /** What must hold for any entry, whatever its type: a real shard, a sane range, a shape that fits the bytes. */
    private static void check(BundleEntry e, String name, BundleHeader header, Path index) {
        String var = "variable '" + Messages.oneLine(name) + "'";
        if (e.shardId() < 0 || e.shardId() >= header.numShards()) {
            throw InvalidDataException.of(index, var + " is in data file " + e.shardId() + " but the checkpoint has "
                    + header.numShards());
        }
        if (e.offset() < 0 || e.size() < 0 || e.offset() > Long.MAX_VALUE - e.size()) {
            throw InvalidDataException.of(index, var + " has an invalid byte range (offset " + e.offset() + ", size "
                    + e.size() + ")");
        }
        if (e.unknownRank()) {
            throw InvalidDataException.of(index, var + " has a shape of unknown rank");
        }
        long elements = 1;
        for (long d : e.shape()) {
            if (d < 0) {
                throw InvalidDataException.of(index, var + " has a negative dimension in shape " + Messages.shape(e.shape()));
            }
            elements = d == 0 || elements <= Long.MAX_VALUE / d ? elements * d : -1;
            if (elements < 0) {
                throw InvalidDataException.of(index, var + " has a shape too large to hold: " + Messages.shape(e.shape()));
            }
        }
        TfDataType type = TfDataType.ofCode(e.dtype());
        // Only whole variables of fixed-size types have a known byte count (slices and strings do not).
        if (type != null && type.isSupported() && e.sliceCount() == 0) {
            int item = type.fileItemSize();
            if (elements > Long.MAX_VALUE / item || elements * item != e.size()) {
                throw InvalidDataException.of(index, var + " holds " + e.size() + " bytes but dtype " + type.displayName()
                        + " and shape " + Messages.shape(e.shape()) + " need " + (elements > Long.MAX_VALUE / item
                        ? "more than 2^63" : String.valueOf(elements * item)));
            }
        }
    }

    /** Every data file an entry uses must exist and be long enough: a truncated copy fails at open, not mid-way. */
    private static void checkDataFiles(Path prefix, BundleHeader header, Map<String, BundleEntry> entries) {
        Map<Integer, Long> sizes = new HashMap<>();
        for (Map.Entry<String, BundleEntry> me : entries.entrySet()) {
            BundleEntry e = me.getValue();
            Path shard = TfCheckpoint.shardPath(prefix, e.shardId(), header.numShards());
            long length = sizes.computeIfAbsent(e.shardId(), s -> fileSize(shard));
            if (e.offset() + e.size() > length) {
                throw InvalidDataException.of(shard, "variable '" + Messages.oneLine(me.getKey()) + "' ends at byte "
                        + (e.offset() + e.size()) + " but the data file has only " + length + " bytes (truncated?)");
            }
        }
    }

    private static long fileSize(Path shard) {
        try {
            return Files.size(shard);
        } catch (NoSuchFileException e) {
            throw InvalidDataException.of(shard, "missing data file of the checkpoint", e);
        } catch (IOException e) {
            throw InvalidDataException.of(shard, "cannot read (" + e.getMessage() + ")", e);
        }
    }
}
