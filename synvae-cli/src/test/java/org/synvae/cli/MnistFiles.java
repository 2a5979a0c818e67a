package org.synvae.cli;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** Writes small MNIST-format idx files (gzipped) of two classes of bar images, for CLI tests. */
final class MnistFiles {
    private MnistFiles() {
    }

    static Path write(Path dir, int train, int test) throws IOException {
        Files.createDirectories(dir);
        write(dir, "train", train, 1);
        write(dir, "t10k", test, 2);
        return dir;
    }

    private static void write(Path dir, String prefix, int n, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) r.nextInt(2);
            int at = 4 + r.nextInt(16);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    boolean on = labels[i] == 0 ? Math.abs(x - at) < 3 : Math.abs(y - at) < 3;
                    pixels[i * 784 + y * 28 + x] = (byte) (on ? 255 : 0);
                }
            }
        }
        try (DataOutputStream out = gz(dir.resolve(prefix + "-images-idx3-ubyte.gz"))) {
            out.writeInt(0x00000803);
            out.writeInt(n);
            out.writeInt(28);
            out.writeInt(28);
            out.write(pixels);
        }
        try (DataOutputStream out = gz(dir.resolve(prefix + "-labels-idx1-ubyte.gz"))) {
            out.writeInt(0x00000801);
            out.writeInt(n);
            out.write(labels);
        }
    }

    private static DataOutputStream gz(Path file) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        return new DataOutputStream(new GZIPOutputStream(raw));
    }
}
