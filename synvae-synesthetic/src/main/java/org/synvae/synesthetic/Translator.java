package org.synvae.synesthetic;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.data.ImageShape;
import org.synvae.data.image.Images;
import org.synvae.models.train.GraphModel;
import org.synvae.music.model.Decoded;
import org.synvae.music.model.MusicVae;
import org.synvae.music.model.Sampling;

/**
 * Image-to-melody translation with a trained SynVAE: the visual encoder's posterior mean of each
 * image is decoded by the SynVAE's MusicVAE (argmax, or sampled at a temperature with a seed), so
 * the same image, model and seed always give the same melody. Images of any size and colour mode
 * are scaled to the model's shorter side and centre-cropped.
 */
public final class Translator {
    private final SynestheticVae vae;
    private final MusicVae music;

    public Translator(SynestheticVae vae) {
        this.vae = vae;
        this.music = vae.musicVae();
    }

    /**
     * One translated image.
     *
     * @param latent the visual posterior mean [z]
     * @param tokens the melody as class indices per step
     */
    public record Translation(float[] latent, int[] tokens) {
    }

    /** The images as a batch [n, H, W, C] of the model's shape (scaled, centre-cropped). */
    public INDArray batch(List<BufferedImage> images) {
        ImageShape shape = vae.inputShape();
        float[] pixels = new float[images.size() * shape.size()];
        for (int i = 0; i < images.size(); i++) {
            Images.fit(images.get(i), shape, null, pixels, i * shape.size());
        }
        return Nd4j.create(pixels, new long[] {images.size(), shape.height(), shape.width(), shape.channels()}, 'c');
    }

    /** Translates {@code images}; {@code sampling} chooses argmax or seeded sampling. */
    public List<Translation> translate(List<BufferedImage> images, Sampling sampling) {
        INDArray batch = batch(images);
        INDArray latents = GraphModel.output(vae.graph(), Map.of(SynestheticVae.IMAGES, batch),
                List.of(SynestheticVae.LATENT_MEAN)).get(SynestheticVae.LATENT_MEAN);
        Decoded decoded = music.decode(latents, sampling);
        Translation[] out = new Translation[images.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Translation(latents.getRow(i).dup().data().asFloat(), decoded.tokens()[i]);
        }
        return List.of(out);
    }
}
