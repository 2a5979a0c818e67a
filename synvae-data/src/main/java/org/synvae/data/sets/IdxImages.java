package org.synvae.data.sets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.synvae.data.ImageShape;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.IdxArray;
import org.synvae.data.io.IdxFile;
import org.synvae.data.io.NpyArray;
import org.synvae.data.io.NpyDType;
import org.synvae.data.io.Pickle;

/**
 * MNIST and Fashion-MNIST: the idx files ({@code train-images-idx3-ubyte[.gz]}, ...) of a directory,
 * or a pickled {@code (images, labels)} tuple as the seed reads reconstructions from.
 */
public final class IdxImages {
    /** MNIST's class names. */
    public static final List<String> DIGITS = IntStream.range(0, 10).mapToObj(Integer::toString).toList();
    /** Fashion-MNIST's class names. */
    public static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    private static final ImageShape SHAPE = new ImageShape(28, 28, 1);

    private IdxImages() {
    }

    /** MNIST from the idx files in {@code dir}, binarised at 0.5 as the seed does. */
    public static InMemoryImages mnist(Path dir, Part part) {
        return load(dir, part, "mnist", DIGITS, true);
    }

    /** Fashion-MNIST from the idx files in {@code dir}, in grey levels. */
    public static InMemoryImages fashionMnist(Path dir, Part part) {
        return load(dir, part, "fashion-mnist", FASHION, false);
    }

    /**
     * A pickled {@code (images, labels)} tuple (protocols 2-5): images uint8 [N, 28, 28] or
     * [N, 28, 28, 1] in 0..255, or floats in [0, 1]; labels integers [N].
     */
    public static InMemoryImages pickle(Path file, List<String> classNames, boolean binarize) {
        Object root;
        try {
            root = Pickle.load(file);
        } catch (IOException e) {
            throw InvalidDataException.of(file, "cannot read (" + e.getMessage() + ")", e);
        }
        if (!(root instanceof List<?> tuple) || tuple.size() != 2
                || !(tuple.get(0) instanceof NpyArray images) || !(tuple.get(1) instanceof NpyArray labels)) {
            throw InvalidDataException.of(file, "expected a pickled (images, labels) tuple of numpy arrays");
        }
        long[] shape = images.shape();
        boolean shapeOk = shape.length >= 3 && shape[1] == 28 && shape[2] == 28 && (shape.length == 3 || (shape.length == 4 && shape[3] == 1));
        if (!shapeOk) {
            throw InvalidDataException.of(file, "images have shape " + java.util.Arrays.toString(shape) + ", expected [N, 28, 28] or [N, 28, 28, 1]");
        }
        if (labels.ndim() != 1 || labels.size() != shape[0]) {
            throw InvalidDataException.of(file, labels.size() + " labels for " + shape[0] + " images");
        }
        byte[] pixels = toBytes(file, images);
        int[] y = labels.toIntArray();
        checkLabels(file, y, classNames.size());
        return new InMemoryImages(file.getFileName().toString(), SHAPE, pixels, y, classNames, binarize);
    }

    private static InMemoryImages load(Path dir, Part part, String name, List<String> classNames, boolean binarize) {
        if (!Files.isDirectory(dir)) {
            throw InvalidDataException.of(dir, "no such directory (expected the " + name + " idx files)");
        }
        String prefix = part == Part.TRAIN ? "train" : "t10k";
        Path imagesFile = find(dir, prefix + "-images-idx3-ubyte");
        Path labelsFile = find(dir, prefix + "-labels-idx1-ubyte");
        IdxArray images = read(imagesFile);
        IdxArray labels = read(labelsFile);
        int[] dims = images.dims();
        if (dims.length != 3 || dims[1] != 28 || dims[2] != 28) {
            throw InvalidDataException.of(imagesFile, "expected images of 28x28, found dimensions " + java.util.Arrays.toString(dims));
        }
        if (labels.dims().length != 1 || labels.count() != images.count()) {
            throw InvalidDataException.of(labelsFile, labels.count() + " labels for " + images.count() + " images in " + imagesFile.getFileName());
        }
        int[] y = new int[labels.count()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.getUnsigned(i);
        }
        checkLabels(labelsFile, y, classNames.size());
        return new InMemoryImages(name + "/" + part.name().toLowerCase(java.util.Locale.ROOT), SHAPE, images.data(), y, classNames, binarize);
    }

    private static Path find(Path dir, String base) {
        for (String candidate : List.of(base + ".gz", base, base.replace("-idx", ".idx"))) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw InvalidDataException.of(dir.resolve(base + ".gz"), "no such file (nor without .gz)");
    }

    private static IdxArray read(Path file) {
        try {
            return IdxFile.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] toBytes(Path file, NpyArray images) {
        int n = Math.toIntExact(images.size());
        byte[] out = new byte[n];
        if (images.dtype() == NpyDType.UINT8) {
            images.asReadOnlyBuffer().get(out);
            return out;
        }
        if (images.dtype() == NpyDType.FLOAT32 || images.dtype() == NpyDType.FLOAT64) {
            for (int i = 0; i < n; i++) {
                float v = images.getFloat(i);
                if (!(v >= 0f && v <= 1f)) {
                    throw InvalidDataException.of(file, "float image values must lie in [0, 1], found " + v);
                }
                out[i] = (byte) Math.round(v * 255f);
            }
            return out;
        }
        throw InvalidDataException.of(file, "images have dtype " + images.dtype() + ", expected uint8 or float");
    }

    static void checkLabels(Path file, int[] labels, int classes) {
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw InvalidDataException.of(file, "label " + label + " outside 0.." + (classes - 1));
            }
        }
    }
}
