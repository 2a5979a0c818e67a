package org.synvae.models.train.tensorboard;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * A PNG encoding of an image together with the colorspace code that TensorBoard's
 * {@code Summary.Image} records next to it: 1 gray, 3 RGB, 4 RGBA.
 */
record PngImage(byte[] bytes, int colorspace) {
    static final int GRAY = 1;
    static final int RGB = 3;
    static final int RGBA = 4;

    /** Encodes gray images as they are, images with alpha as RGBA and all others as RGB. */
    static PngImage encode(BufferedImage image) throws IOException {
        BufferedImage source;
        int colorspace;
        int type = image.getType();
        if (type == BufferedImage.TYPE_BYTE_GRAY || type == BufferedImage.TYPE_USHORT_GRAY) {
            colorspace = GRAY;
            source = image;
        } else if (image.getColorModel().hasAlpha()) {
            colorspace = RGBA;
            source = convert(image, BufferedImage.TYPE_INT_ARGB);
        } else {
            colorspace = RGB;
            source = convert(image, BufferedImage.TYPE_INT_RGB);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(source, "png", png)) {
            throw new IOException("no PNG encoder available for image type " + type);
        }
        return new PngImage(png.toByteArray(), colorspace);
    }

    // Indexed, binary and custom images are redrawn so that the PNG's channels match the
    // colorspace recorded next to it.
    private static BufferedImage convert(BufferedImage image, int targetType) {
        if (image.getType() == targetType) {
            return image;
        }
        BufferedImage converted = new BufferedImage(image.getWidth(), image.getHeight(), targetType);
        Graphics2D g = converted.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return converted;
    }
}
