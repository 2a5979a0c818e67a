package org.synvae.data.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.synvae.data.ImageShape;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.AtomicFiles;

/**
 * Reading, fitting and writing images. Reading is strict: a file ImageIO cannot decode, or one whose
 * decoder reports a warning (a truncated JPEG decodes with a grey tail and only a warning), fails
 * with an {@link InvalidDataException} naming the file.
 */
public final class Images {
    /**
     * The most pixels an image may claim (16384 x 16384). A PNG of a few dozen bytes can claim
     * 20000 x 20000, which ImageIO would allocate (1.2 GB) before finding there is no pixel data.
     */
    public static final long MAX_PIXELS = 1L << 28;

    private Images() {
    }

    /** Decodes a PNG, JPEG, BMP or GIF file of at most {@link #MAX_PIXELS} pixels. */
    public static BufferedImage read(Path file) {
        if (Files.isDirectory(file)) {
            throw InvalidDataException.of(file, "is a directory, not an image");
        }
        try (InputStream raw = Files.newInputStream(file);
             ImageInputStream in = ImageIO.createImageInputStream(raw)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw InvalidDataException.of(file, "not a readable image (no decoder recognises its format)");
            }
            ImageReader reader = readers.next();
            try {
                StringBuilder warnings = new StringBuilder();
                reader.addIIOReadWarningListener((source, warning) -> warnings.append(warning).append("; "));
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw InvalidDataException.of(file, "claims " + reader.getWidth(0) + " x " + reader.getHeight(0)
                            + " pixels, more than the " + MAX_PIXELS + " (16384 x 16384) an image may have");
                }
                BufferedImage image = reader.read(0);
                if (warnings.length() > 0) {
                    throw InvalidDataException.of(file, "corrupt image: " + warnings.substring(0, warnings.length() - 2));
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (NoSuchFileException e) {
            throw InvalidDataException.of(file, "no such file", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidDataException ide) {
                throw ide;
            }
            throw InvalidDataException.of(file, "corrupt or truncated image (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Scales {@code image} so its shorter side matches the target's (only if it differs), crops
     * to the target size (randomly when {@code random} is given, else centred) and writes the
     * pixels as floats in [0, 1], HWC, grey or RGB as the shape asks.
     */
    public static void fit(BufferedImage image, ImageShape shape, SplittableRandom random, float[] dst, int offset) {
        double scale = Math.max((double) shape.height() / image.getHeight(), (double) shape.width() / image.getWidth());
        BufferedImage scaled = image;
        if (Math.abs(scale - 1.0) > 1e-9) {
            int w = Math.max(shape.width(), (int) Math.round(image.getWidth() * scale));
            int h = Math.max(shape.height(), (int) Math.round(image.getHeight() * scale));
            scaled = resize(image, w, h);
        }
        int spareX = scaled.getWidth() - shape.width();
        int spareY = scaled.getHeight() - shape.height();
        int x0 = random == null ? spareX / 2 : random.nextInt(spareX + 1);
        int y0 = random == null ? spareY / 2 : random.nextInt(spareY + 1);
        int p = offset;
        for (int y = 0; y < shape.height(); y++) {
            for (int x = 0; x < shape.width(); x++) {
                int rgb = scaled.getRGB(x0 + x, y0 + y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (shape.channels() == 1) {
                    dst[p++] = (float) ((0.299 * r + 0.587 * g + 0.114 * b) / 255.0);
                } else {
                    dst[p++] = r / 255f;
                    dst[p++] = g / 255f;
                    dst[p++] = b / 255f;
                }
            }
        }
    }

    /** Bilinear resize (with progressive halving when shrinking a lot, to avoid aliasing). */
    public static BufferedImage resize(BufferedImage image, int width, int height) {
        BufferedImage current = toRgb(image);
        while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return draw(current, width, height);
    }

    private static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        return draw(image, image.getWidth(), image.getHeight());
    }

    private static BufferedImage draw(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** An image from floats in [0, 1] (clamped), HWC, grey or RGB. */
    public static BufferedImage fromFloats(float[] pixels, int offset, ImageShape shape) {
        int type = shape.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
        BufferedImage image = new BufferedImage(shape.width(), shape.height(), type);
        int p = offset;
        for (int y = 0; y < shape.height(); y++) {
            for (int x = 0; x < shape.width(); x++) {
                if (shape.channels() == 1) {
                    image.getRaster().setSample(x, y, 0, toByte(pixels[p++]));
                } else {
                    int r = toByte(pixels[p++]);
                    int g = toByte(pixels[p++]);
                    int b = toByte(pixels[p++]);
                    image.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return image;
    }

    /** Writes a PNG atomically. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    private static int toByte(float v) {
        return Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
    }
}
