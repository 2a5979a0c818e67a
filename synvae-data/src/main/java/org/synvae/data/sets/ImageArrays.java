package org.synvae.data.sets;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.synvae.data.ImageShape;
import org.synvae.data.InvalidDataException;
import org.synvae.data.image.Images;
import org.synvae.data.io.IdxFile;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;
import org.synvae.data.io.NpyDType;

/**
 * Labelled images held as bytes (0..255, row-major HWC), e.g. reconstructions exported by
 * {@code vis-eval --export-data}, with writers to the formats the loaders read: MNIST idx files,
 * CIFAR-10 binary batches and image folders. Immutable: accessors return copies.
 */
public final class ImageArrays {
    private final ImageShape shape;
    private final byte[] pixels;
    private final int[] labels;

    /**
     * @param pixels {@code labels.length} images of {@code shape}, HWC bytes; copied
     * @param labels non-negative labels; copied
     */
    public ImageArrays(ImageShape shape, byte[] pixels, int[] labels) {
        if (pixels.length != (long) labels.length * shape.size()) {
            throw new IllegalArgumentException(pixels.length + " bytes do not hold " + labels.length + " images of " + shape);
        }
        for (int l : labels) {
            if (l < 0) {
                throw new IllegalArgumentException("negative label " + l);
            }
        }
        this.shape = shape;
        this.pixels = pixels.clone();
        this.labels = labels.clone();
    }

    /**
     * Reads images [N, H, W, C] (float in [0, 1], or uint8) and labels [N] (integers) from two
     * {@code .npy} files, as vis-eval writes {@code reconstructions.npy} and {@code labels.npy}.
     * Floats are rounded to the nearest of 256 levels.
     *
     * @throws InvalidDataException naming the file on a wrong dtype, shape, count or value
     */
    public static ImageArrays fromNpy(Path imagesNpy, Path labelsNpy) {
        NpyArray images = read(imagesNpy);
        NpyArray labels = read(labelsNpy);
        long[] s = images.shape();
        if (s.length != 4 || s[3] < 1 || s[3] > 4) {
            throw InvalidDataException.of(imagesNpy, "images have shape " + Arrays.toString(s) + ", expected [N, H, W, C]");
        }
        if (labels.ndim() != 1 || labels.shape(0) != s[0]) {
            throw InvalidDataException.of(labelsNpy, "labels have shape " + Arrays.toString(labels.shape()) + ", expected [" + s[0] + "]");
        }
        if (labels.dtype() == NpyDType.FLOAT32 || labels.dtype() == NpyDType.FLOAT64) {
            throw InvalidDataException.of(labelsNpy, "labels have dtype " + labels.dtype() + ", expected integers");
        }
        byte[] bytes = new byte[Math.toIntExact(images.size())];
        if (images.dtype() == NpyDType.UINT8) {
            images.asReadOnlyBuffer().get(bytes);
        } else if (images.dtype() == NpyDType.FLOAT32 || images.dtype() == NpyDType.FLOAT64) {
            for (int i = 0; i < bytes.length; i++) {
                float v = images.getFloat(i);
                if (!(v >= 0f && v <= 1f)) {
                    throw InvalidDataException.of(imagesNpy, "value " + v + " at flat index " + i + " is outside [0, 1]");
                }
                bytes[i] = (byte) Math.round(v * 255f);
            }
        } else {
            throw InvalidDataException.of(imagesNpy, "images have dtype " + images.dtype() + ", expected float32, float64 or uint8");
        }
        int[] y = labels.toIntArray();
        for (int l : y) {
            if (l < 0) {
                throw InvalidDataException.of(labelsNpy, "negative label " + l);
            }
        }
        return new ImageArrays(new ImageShape((int) s[1], (int) s[2], (int) s[3]), bytes, y);
    }

    private static NpyArray read(Path file) {
        try {
            return Npy.read(file);
        } catch (NoSuchFileException e) {
            throw InvalidDataException.of(file, "no such file", e);
        } catch (IOException e) {
            throw InvalidDataException.of(file, "cannot read (" + e.getMessage() + ")", e);
        }
    }

    public ImageShape shape() {
        return shape;
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** The labels; a copy. */
    public int[] labels() {
        return labels.clone();
    }

    /** The pixels; a copy. */
    public byte[] pixels() {
        return pixels.clone();
    }

    /**
     * Writes {@code train-images-idx3-ubyte} and {@code train-labels-idx1-ubyte} (or {@code t10k-...}
     * for the test part) to {@code dir}, uncompressed, as {@link IdxImages} reads them.
     *
     * @return the image file and the label file
     * @throws IllegalArgumentException unless the images are 28x28x1 and the labels fit a byte
     */
    public List<Path> writeMnistIdx(Path dir, Part part) throws IOException {
        if (shape.height() != 28 || shape.width() != 28 || shape.channels() != 1) {
            throw new IllegalArgumentException("MNIST idx files hold 28x28x1 images, these are " + shape);
        }
        byte[] y = new byte[labels.length];
        for (int i = 0; i < y.length; i++) {
            if (labels[i] > 255) {
                throw new IllegalArgumentException("label " + labels[i] + " does not fit a byte");
            }
            y[i] = (byte) labels[i];
        }
        String prefix = part == Part.TRAIN ? "train" : "t10k";
        Path images = dir.resolve(prefix + "-images-idx3-ubyte");
        Path labelFile = dir.resolve(prefix + "-labels-idx1-ubyte");
        IdxFile.write(images, new int[] {labels.length, 28, 28}, pixels);
        IdxFile.write(labelFile, new int[] {labels.length}, y);
        return List.of(images, labelFile);
    }

    /**
     * Writes one CIFAR-10 binary batch to {@code dir}: {@code data_batch_1.bin} for the training part,
     * {@code test_batch.bin} for the test part, as {@link Cifar10#load} reads them.
     *
     * @throws IllegalArgumentException unless the images are 32x32x3
     */
    public Path writeCifarBinary(Path dir, Part part) throws IOException {
        if (shape.height() != 32 || shape.width() != 32 || shape.channels() != 3) {
            throw new IllegalArgumentException("CIFAR-10 batches hold 32x32x3 images, these are " + shape);
        }
        Path file = dir.resolve(part == Part.TRAIN ? "data_batch_1.bin" : "test_batch.bin");
        Cifar10.writeBinary(file, pixels, labels);
        return file;
    }

    /**
     * Writes one PNG per image to {@code dir/<class>/<index>.png} (class names made file-safe),
     * as {@link ImageFolder} reads them. Sub-folders sort in class order only if the names do, which
     * holds for MNIST's digits and CIFAR-10's names.
     *
     * @throws IllegalArgumentException if a label has no name
     */
    public void writeFolder(Path dir, List<String> classNames) throws IOException {
        float[] floats = new float[shape.size()];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " has no class name (" + classNames.size() + " given)");
            }
            for (int p = 0; p < floats.length; p++) {
                floats[p] = (pixels[i * shape.size() + p] & 0xFF) / 255f;
            }
            String cls = classNames.get(labels[i]).replaceAll("[^A-Za-z0-9._-]", "_");
            Images.writePng(Images.fromFloats(floats, 0, shape), dir.resolve(cls).resolve(String.format(Locale.ROOT, "%06d.png", i)));
        }
    }
}
