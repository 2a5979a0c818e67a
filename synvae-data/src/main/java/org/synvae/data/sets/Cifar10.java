package org.synvae.data.sets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.synvae.data.ImageShape;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.InputFiles;
import org.synvae.data.io.NpyArray;
import org.synvae.data.io.NpyDType;
import org.synvae.data.io.Pickle;

/**
 * CIFAR-10 from its python-version pickled batches (the seed's format) or its binary batches
 * (3,073-byte records: label, then the R, G and B planes). Either a single batch file, or a
 * directory: all {@code *.pkl} files in it (the seed's layout), else the official batch names of
 * the requested part ({@code data_batch_*} or {@code test_batch}, with or without {@code .bin}).
 */
public final class Cifar10 {
    /** CIFAR-10's class names, used when no {@code batches.meta} is found. */
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer",
            "dog", "frog", "horse", "ship", "truck");
    private static final ImageShape SHAPE = new ImageShape(32, 32, 3);
    private static final int PLANE = 32 * 32;
    private static final int RECORD = 1 + 3 * PLANE;

    private Cifar10() {
    }

    /** Loads the batches of {@code part} under {@code path} (a batch file or a directory). */
    public static InMemoryImages load(Path path, Part part) {
        List<Path> files = batchFiles(path, part);
        List<byte[]> pixelChunks = new ArrayList<>();
        List<int[]> labelChunks = new ArrayList<>();
        for (Path f : files) {
            byte[] head = readHead(f);
            if (head.length > 0 && (head[0] & 0xFF) == 0x80) {
                readPickle(f, pixelChunks, labelChunks);
            } else {
                readBinary(f, pixelChunks, labelChunks);
            }
        }
        int n = labelChunks.stream().mapToInt(a -> a.length).sum();
        byte[] pixels = new byte[n * SHAPE.size()];
        int[] labels = new int[n];
        int at = 0;
        for (int c = 0; c < labelChunks.size(); c++) {
            int[] l = labelChunks.get(c);
            System.arraycopy(pixelChunks.get(c), 0, pixels, at * SHAPE.size(), l.length * SHAPE.size());
            System.arraycopy(l, 0, labels, at, l.length);
            at += l.length;
        }
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        return new InMemoryImages("cifar10/" + part.name().toLowerCase(Locale.ROOT), SHAPE, pixels, labels, classNames(dir), false);
    }

    /**
     * Writes images as a CIFAR-10 binary batch atomically: per image one label byte, then the R, G
     * and B planes of 1,024 bytes each ({@link #load} reads it back).
     *
     * @param hwcPixels images in row-major HWC order, 3,072 bytes each
     * @param labels    one label in 0..255 per image
     */
    public static void writeBinary(Path file, byte[] hwcPixels, int[] labels) throws java.io.IOException {
        if (hwcPixels.length != labels.length * SHAPE.size()) {
            throw new IllegalArgumentException(hwcPixels.length + " bytes do not hold " + labels.length + " 32x32x3 images");
        }
        byte[] raw = new byte[labels.length * RECORD];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) {
                throw new IllegalArgumentException("label " + labels[i] + " does not fit a byte");
            }
            int at = i * RECORD;
            raw[at] = (byte) labels[i];
            int from = i * SHAPE.size();
            for (int p = 0; p < PLANE; p++) {
                raw[at + 1 + p] = hwcPixels[from + 3 * p];
                raw[at + 1 + PLANE + p] = hwcPixels[from + 3 * p + 1];
                raw[at + 1 + 2 * PLANE + p] = hwcPixels[from + 3 * p + 2];
            }
        }
        org.synvae.data.io.AtomicFiles.write(file, raw);
    }

    private static List<Path> batchFiles(Path path, Part part) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw InvalidDataException.of(path, "no such file or directory (expected CIFAR-10 batches)");
        }
        try (Stream<Path> s = Files.list(path)) {
            List<Path> all = s.filter(Files::isRegularFile).sorted().toList();
            List<Path> pkl = all.stream().filter(p -> p.getFileName().toString().endsWith(".pkl")).toList();
            if (!pkl.isEmpty()) {
                return pkl;
            }
            String prefix = part == Part.TRAIN ? "data_batch" : "test_batch";
            List<Path> named = all.stream().filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix) && !n.endsWith(".txt") && !n.endsWith(".html");
            }).toList();
            if (named.isEmpty()) {
                throw InvalidDataException.of(path, "no CIFAR-10 batches (" + prefix + "* or *.pkl) in this directory");
            }
            return named;
        } catch (IOException e) {
            throw InvalidDataException.of(path, "cannot list directory (" + e.getMessage() + ")", e);
        }
    }

    private static void readBinary(Path f, List<byte[]> pixelChunks, List<int[]> labelChunks) {
        byte[] raw = InputFiles.readAllBytes(f);
        if (raw.length == 0 || raw.length % RECORD != 0) {
            throw InvalidDataException.of(f, "size " + raw.length + " is not a multiple of the 3073-byte CIFAR-10 record (truncated or not a batch)");
        }
        int n = raw.length / RECORD;
        byte[] pixels = new byte[n * SHAPE.size()];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = raw[i * RECORD] & 0xFF;
            planesToHwc(raw, i * RECORD + 1, pixels, i * SHAPE.size());
        }
        IdxImages.checkLabels(f, labels, CLASSES.size());
        pixelChunks.add(pixels);
        labelChunks.add(labels);
    }

    private static void readPickle(Path f, List<byte[]> pixelChunks, List<int[]> labelChunks) {
        Object root;
        try {
            root = Pickle.load(f);
        } catch (IOException e) {
            throw InvalidDataException.of(f, "cannot read (" + e.getMessage() + ")", e);
        }
        if (!(root instanceof Map<?, ?> dict)) {
            throw InvalidDataException.of(f, "expected a pickled dict with 'data' and 'labels'");
        }
        if (!(Pickle.lookup(dict, "data") instanceof NpyArray data) || data.dtype() != NpyDType.UINT8
                || data.ndim() != 2 || data.shape(1) != 3 * PLANE) {
            throw InvalidDataException.of(f, "'data' must be a uint8 array [N, 3072]");
        }
        Object labelsObj = Pickle.lookup(dict, "labels");
        int n = Math.toIntExact(data.shape(0));
        int[] labels = toLabels(f, labelsObj, n);
        byte[] raw = new byte[Math.toIntExact(data.size())];
        data.asReadOnlyBuffer().get(raw);
        byte[] pixels = new byte[n * SHAPE.size()];
        for (int i = 0; i < n; i++) {
            planesToHwc(raw, i * 3 * PLANE, pixels, i * SHAPE.size());
        }
        IdxImages.checkLabels(f, labels, CLASSES.size());
        pixelChunks.add(pixels);
        labelChunks.add(labels);
    }

    private static int[] toLabels(Path f, Object labelsObj, int n) {
        int[] labels;
        if (labelsObj instanceof List<?> list) {
            labels = new int[list.size()];
            for (int i = 0; i < labels.length; i++) {
                if (!(list.get(i) instanceof Number num)) {
                    throw InvalidDataException.of(f, "'labels' must hold integers");
                }
                labels[i] = num.intValue();
            }
        } else if (labelsObj instanceof NpyArray arr && arr.ndim() == 1) {
            labels = arr.toIntArray();
        } else {
            throw InvalidDataException.of(f, "missing 'labels' list");
        }
        if (labels.length != n) {
            throw InvalidDataException.of(f, labels.length + " labels for " + n + " images");
        }
        return labels;
    }

    /** CIFAR stores R, G, B planes of 1024 bytes; the models want HWC. */
    private static void planesToHwc(byte[] src, int from, byte[] dst, int to) {
        for (int p = 0; p < PLANE; p++) {
            dst[to + 3 * p] = src[from + p];
            dst[to + 3 * p + 1] = src[from + PLANE + p];
            dst[to + 3 * p + 2] = src[from + 2 * PLANE + p];
        }
    }

    private static byte[] readHead(Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            return in.readNBytes(1);
        } catch (IOException e) {
            throw InvalidDataException.of(f, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Names from {@code batches.meta} (pickle) or {@code batches.meta.txt}, else the standard ones. */
    private static List<String> classNames(Path dir) {
        try {
            Path txt = dir.resolve("batches.meta.txt");
            if (Files.isRegularFile(txt)) {
                List<String> names = Files.readAllLines(txt, StandardCharsets.UTF_8).stream()
                        .map(String::trim).filter(s -> !s.isEmpty()).toList();
                if (names.size() == CLASSES.size()) {
                    return names;
                }
            }
            Path meta = dir.resolve("batches.meta");
            if (Files.isRegularFile(meta) && Pickle.load(meta) instanceof Map<?, ?> m
                    && Pickle.lookup(m, "label_names") instanceof List<?> l && l.size() == CLASSES.size()) {
                return l.stream().map(o -> o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o)).toList();
            }
        } catch (IOException | InvalidDataException e) {
            // The names are cosmetic; the standard ones are right for every CIFAR-10 copy.
        }
        return CLASSES;
    }
}
