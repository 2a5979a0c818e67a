package org.synvae.eval.music;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.synvae.eval.music.MelodyFeatures.Feature;
import org.synvae.music.model.MusicVae;
import org.synvae.music.model.MusicVaeConfigs;
import org.synvae.music.model.MusicVaeLoader;
import org.synvae.music.model.Sampling;

/**
 * The committed corpus MusicVAE ({@code models/cat-mel_2bar_small-corpus}) plays melodies, not a
 * held note: its prior samples have the note counts, pitches and motion of tunes (bounds set from
 * its measured statistics, with room), and its magenta.js export is the same model.
 */
class CorpusMusicVaeTest {
    private static final Path MODEL = Path.of("..", "models", "cat-mel_2bar_small-corpus");

    private static List<double[]> features(int[][] tokens) {
        List<double[]> f = new ArrayList<>();
        for (int[] row : tokens) {
            f.add(MelodyFeatures.ofTokens(row));
        }
        return f;
    }

    @Test
    void priorSamplesMoveLikeTunes() {
        MusicVae vae = MusicVaeLoader.load(MusicVaeConfigs.CAT_MEL_2BAR_SMALL, MODEL.resolve("checkpoints/tf"));
        int[][] sampled = vae.sample(200, Sampling.temperature(0.5, 42), 42).tokens();
        Map<Feature, Double> m = MelodyRealism.means(features(sampled));
        assertThat(m.get(Feature.NOTE_COUNT)).as("notes per melody").isBetween(7.0, 20.0);
        assertThat(m.get(Feature.DISTINCT_PITCHES)).as("distinct pitches").isGreaterThan(3.8);
        assertThat(m.get(Feature.REPEATED_SHARE)).as("repeated-note share").isLessThan(0.35);
        assertThat(m.get(Feature.STEPWISE_SHARE)).as("stepwise share").isGreaterThan(0.3);
        Set<String> distinct = new HashSet<>();
        for (int[] row : sampled) {
            distinct.add(Arrays.toString(row));
        }
        assertThat(distinct).hasSizeGreaterThan(195);
        int[][] argmax = vae.sample(200, Sampling.argmax(), 42).tokens();
        Map<Feature, Double> a = MelodyRealism.means(features(argmax));
        assertThat(a.get(Feature.DISTINCT_PITCHES)).as("distinct pitches at argmax").isGreaterThan(3.3);
        assertThat(a.get(Feature.REPEATED_SHARE)).as("repeated-note share at argmax").isLessThan(0.45);
    }

    @Test
    void theMagentaJsExportIsTheSameModel() {
        MusicVae tf = MusicVaeLoader.load(MusicVaeConfigs.CAT_MEL_2BAR_SMALL, MODEL.resolve("checkpoints/tf"));
        MusicVae js = MusicVaeLoader.load(MusicVaeConfigs.CAT_MEL_2BAR_SMALL, MODEL.resolve("magenta-js"));
        assertThat(js.sample(32, Sampling.argmax(), 7).tokens()).isDeepEqualTo(tf.sample(32, Sampling.argmax(), 7).tokens());
    }
}
