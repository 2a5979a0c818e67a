package org.synvae.eval.listening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;

/**
 * An evaluation export directory as {@code syn-eval --export-latents --export-data --wav} writes
 * it: {@code vis_latents.npy} [N, z], {@code labels.npy} [N], {@code originals/<class>/<NNNNNN>.png}
 * and {@code melodies/<class>/<NNNNNN>.mid|.wav} (NNNNNN: the item index, 6 digits). Class names
 * come from the folder names: the label of any item found in a class folder names that class.
 *
 * @param dir        the directory
 * @param latents    visual latents, row-major [n, dim]
 * @param n          items
 * @param dim        latent size
 * @param labels     class label per item
 * @param classNames folder name per label (index = label); labels without a folder get "class-L"
 */
public record EvalExport(Path dir, float[] latents, int n, int dim, int[] labels, List<String> classNames) {

    /** Reads and checks an export directory. */
    public static EvalExport read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw InvalidDataException.of(dir, "no such directory");
        }
        Path latentFile = dir.resolve("vis_latents.npy");
        Path labelFile = dir.resolve("labels.npy");
        NpyArray z = readNpy(latentFile);
        NpyArray l = readNpy(labelFile);
        if (z.ndim() != 2 || !z.dtype().isFloatingPoint()) {
            throw InvalidDataException.of(latentFile, "latents must be float [N, z], found " + z.dtype() + " " + Arrays.toString(z.shape()));
        }
        if (l.ndim() != 1 || l.shape(0) != z.shape(0) || l.dtype().isFloatingPoint()) {
            throw InvalidDataException.of(labelFile, "labels must be integer [" + z.shape(0) + "], found " + l.dtype() + " "
                    + Arrays.toString(l.shape()));
        }
        int[] labels = l.toIntArray();
        int classes = Arrays.stream(labels).max().orElse(-1) + 1;
        if (Arrays.stream(labels).anyMatch(v -> v < 0)) {
            throw InvalidDataException.of(labelFile, "labels must not be negative");
        }
        return new EvalExport(dir, z.toFloatArray(), (int) z.shape(0), (int) z.shape(1), labels, classNames(dir, labels, classes));
    }

    private static NpyArray readNpy(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw InvalidDataException.of(file, "no such file (export with --export-latents)");
        }
        return Npy.read(file);
    }

    private static List<String> classNames(Path dir, int[] labels, int classes) throws IOException {
        Path originals = dir.resolve("originals");
        if (!Files.isDirectory(originals)) {
            throw InvalidDataException.of(originals, "no such directory (export with --export-data)");
        }
        TreeMap<Integer, String> names = new TreeMap<>();
        try (Stream<Path> folders = Files.list(originals)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.map(f -> f.getFileName().toString()).filter(f -> f.matches("\\d+\\.png")).findFirst().ifPresent(f -> {
                        int item = Integer.parseInt(f.substring(0, f.length() - 4));
                        if (item < labels.length) {
                            names.putIfAbsent(labels[item], folder.getFileName().toString());
                        }
                    });
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            out.add(names.getOrDefault(c, "class-" + c));
        }
        return List.copyOf(out);
    }

    /** Latent row {@code i}. */
    public float[] latent(int i) {
        return Arrays.copyOfRange(latents, i * dim, (i + 1) * dim);
    }

    /** The original image of item {@code i}. */
    public Path image(int i) {
        return dir.resolve("originals").resolve(classNames.get(labels[i])).resolve(itemName(i) + ".png");
    }

    /** The melody of item {@code i} with extension {@code ext} ("mid" or "wav"). */
    public Path melody(int i, String ext) {
        return dir.resolve("melodies").resolve(classNames.get(labels[i])).resolve(itemName(i) + "." + ext);
    }

    private static String itemName(int i) {
        return String.format(Locale.ROOT, "%06d", i);
    }

    /** Per-class means of the latents [classes][dim]; classes without items get NaN rows. */
    public double[][] classMeans() {
        return ClassMeans.of(latents, n, dim, labels, classNames.size());
    }
}
