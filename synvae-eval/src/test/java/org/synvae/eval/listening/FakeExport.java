package org.synvae.eval.listening;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.awt.image.BufferedImage;
import org.synvae.data.image.Images;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;
import org.synvae.music.melody.OneHotMelodyCodec;
import org.synvae.music.midi.MidiWriter;

/**
 * A small evaluation export as {@code syn-eval --export-latents --export-data --wav} writes it:
 * {@code perClass} items of each class, items interleaved by class (item i has label i % classes),
 * latents around class centres {@code CENTRES}, 4x4 PNGs, MIDI melodies whose pitch tells the class
 * (so a melody encoder can separate them) and 10 ms silent WAVs.
 */
public final class FakeExport {
    /** Class centres in a 3-D latent space: "far" classes are 0, 2, 3; class 1 sits near class 0. */
    public static final double[][] CENTRES = {{0, 0, 0}, {0.5, 0, 0}, {10, 0, 0}, {0, 10, 0}};
    /** Class folder names. */
    public static final String[] NAMES = {"zero", "one", "two", "three"};

    private FakeExport() {
    }

    /** Writes the export into {@code dir}; returns {@code dir}. */
    public static Path write(Path dir, int perClass, long seed) throws IOException {
        int classes = CENTRES.length;
        int n = perClass * classes;
        int dim = CENTRES[0].length;
        SplittableRandom r = new SplittableRandom(seed);
        float[] z = new float[n * dim];
        int[] labels = new int[n];
        OneHotMelodyCodec codec = new OneHotMelodyCodec();
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            labels[i] = c;
            for (int d = 0; d < dim; d++) {
                z[i * dim + d] = (float) (CENTRES[c][d] + r.nextGaussian() * 0.1);
            }
            String item = String.format(Locale.ROOT, "%06d", i);
            BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
            img.getRaster().setSample(c, 0, 0, 255);
            Images.writePng(img, dir.resolve("originals").resolve(NAMES[c]).resolve(item + ".png"));
            int[] tokens = new int[32];
            for (int t = 0; t < 32; t += 4) {
                // Class c plays around pitch 48 + 12c: a low, mid, high and higher register.
                tokens[t] = OneHotMelodyCodec.toIndex(48 + 12 * c + r.nextInt(3));
            }
            Path melodies = dir.resolve("melodies").resolve(NAMES[c]);
            Files.createDirectories(melodies);
            MidiWriter.write(codec.toNoteSequence(codec.decodeIndices(tokens)), melodies.resolve(item + ".mid"));
            writeSilentWav(melodies.resolve(item + ".wav"));
        }
        Npy.write(dir.resolve("vis_latents.npy"), NpyArray.ofFloats(z, n, dim));
        Npy.write(dir.resolve("aud_latents.npy"), NpyArray.ofFloats(z, n, dim));
        Npy.write(dir.resolve("labels.npy"), NpyArray.ofInts(labels, n));
        Files.writeString(dir.resolve("results.json"), "{\"precision_latent_means\": {\"overall\": {\"1\": 0.9}}}");
        return dir;
    }

    private static void writeSilentWav(Path file) throws IOException {
        AudioFormat format = new AudioFormat(8000f, 16, 1, true, false);
        byte[] pcm = new byte[160];
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length / 2)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
