package org.synvae.synesthetic;

import org.synvae.models.visual.VisualArchitecture;
import org.synvae.models.visual.VisualVaeConfig;
import org.synvae.music.model.MusicVaeConfig;

/**
 * Hyper-parameters of a SynVAE. The visual latent is the MusicVAE's z, so its size is the music
 * config's. Immutable.
 *
 * @param architecture        registered visual architecture ({@link VisualArchitecture#names()})
 * @param music               the flat MusicVAE config whose decoder and encoder sit in the middle
 * @param beta                weight of the visual KL term
 * @param learningRate        Adam learning rate
 * @param relaxation          what the MusicVAE encoder reads of the decoded music
 * @param gumbelTemperature   temperature tau of the Gumbel-softmax relaxation
 * @param samplingTemperature temperature of the decoder's sampled feedback in training (the seed: 1)
 * @param trainMusic          whether the MusicVAE's weights train too (the seed: frozen)
 * @param seed                seed of the visual weight initialisation
 */
public record SynestheticVaeConfig(String architecture, MusicVaeConfig music, double beta, double learningRate,
                                   MusicRelaxation relaxation, double gumbelTemperature, double samplingTemperature,
                                   boolean trainMusic, long seed) {
    public SynestheticVaeConfig {
        VisualArchitecture.byName(architecture);
        if (music.hierarchical()) {
            throw new IllegalArgumentException(music.name() + " is hierarchical; a SynVAE needs a flat (2-bar) MusicVAE");
        }
        if (!(beta >= 0) || !(learningRate > 0) || !(gumbelTemperature > 0) || !(samplingTemperature > 0)) {
            throw new IllegalArgumentException("beta must be >= 0; learning rate and temperatures > 0");
        }
    }

    /** The seed's SynVAE: frozen MusicVAE, raw logits to its encoder, sampling at temperature 1, beta 1, Adam 1e-3. */
    public static SynestheticVaeConfig seedDefaults(String architecture, MusicVaeConfig music, long seed) {
        return new SynestheticVaeConfig(architecture, music, 1.0, 1e-3, MusicRelaxation.LOGITS, 1.0, 1.0, false, seed);
    }

    /** Size of the visual latent = the MusicVAE's z. */
    public int latentDim() {
        return music.zSize();
    }

    /** The visual VAE config of the same architecture and latent size (its weights can seed a SynVAE). */
    public VisualVaeConfig visual() {
        return new VisualVaeConfig(architecture, latentDim(), beta, learningRate, seed);
    }

    public VisualArchitecture arch() {
        return VisualArchitecture.byName(architecture);
    }
}
