package org.synvae.music.model;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Turns latents into melodies: the flat or the hierarchical decoder of a {@link MusicVae}. */
interface LatentDecoder {

    /**
     * Decodes latents [B, z] into {@code steps} steps; sequence {@code r} draws from
     * {@code rows[r]} (unused at argmax).
     *
     * @throws IllegalArgumentException if this decoder cannot produce {@code steps} steps
     */
    Decoded decode(INDArray z, Sampling sampling, int steps, SplittableRandom[] rows);
}
