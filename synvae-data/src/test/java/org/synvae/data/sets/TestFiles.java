package org.synvae.data.sets;


import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntBinaryOperator;
import javax.imageio.ImageIO;

/** Small generated images for the loader tests, and the optional shared data next to the project. */
final class TestFiles {
    private TestFiles() {
    }

    /** Writes a {@code width x height} image whose pixel (x, y) has the RGB value {@code rgb(x, y)}. */
    static Path image(Path file, int width, int height, IntBinaryOperator rgb) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb.applyAsInt(x, y));
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        String name = file.getFileName().toString();
        String format = name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
        if (!ImageIO.write(image, format.equals("jpeg") ? "jpg" : format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return file;
    }

    /** A solid-colour image. */
    static Path solid(Path file, int width, int height, int rgb) throws IOException {
        return image(file, width, height, (x, y) -> rgb);
    }

    /** See {@link org.synvae.data.SharedData#path}. */
    static Path shared(String relative) {
        return org.synvae.data.SharedData.path(relative);
    }
}
