package org.synvae.eval.music;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.eval.music.MelodyFeatures.Feature;
import org.synvae.music.melody.Melody;

class MelodyFeaturesTest {
    private static final int N = Melody.NO_EVENT;
    private static final int OFF = Melody.NOTE_OFF;

    private static double f(double[] features, Feature f) {
        return features[f.ordinal()];
    }

    @Test
    void featuresOfAHandWrittenMelody() {
        // C4 (2 steps), D4 (2), D4 (4), rest (4), G4 to the end (20 steps): 4 notes over 32 steps.
        int[] e = new int[32];
        java.util.Arrays.fill(e, N);
        e[0] = 60;
        e[2] = 62;
        e[4] = 62;
        e[8] = OFF;
        e[12] = 67;
        double[] x = MelodyFeatures.of(Melody.of(e));
        assertThat(f(x, Feature.NOTE_COUNT)).isEqualTo(4);
        assertThat(f(x, Feature.DISTINCT_PITCHES)).isEqualTo(3);
        assertThat(f(x, Feature.PITCH_RANGE)).isEqualTo(7);
        assertThat(f(x, Feature.REPEATED_SHARE)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(f(x, Feature.MEAN_ABS_INTERVAL)).isCloseTo((2 + 0 + 5) / 3.0, within(1e-12));
        assertThat(f(x, Feature.STEPWISE_SHARE)).isCloseTo(1 / 3.0, within(1e-12));
        // Pitch classes C, D, D, G: entropy of (1/4, 1/2, 1/4) = 1.5 bits.
        assertThat(f(x, Feature.PITCH_CLASS_ENTROPY)).isCloseTo(1.5, within(1e-12));
        assertThat(f(x, Feature.MEAN_IOI)).isCloseTo(12 / 3.0, within(1e-12));
        assertThat(f(x, Feature.SOUNDING_SHARE)).isCloseTo((2 + 2 + 4 + 20) / 32.0, within(1e-12));
    }

    @Test
    void aMelodyOfOneNoteHasNoIntervalsAndSilenceHasNoPitch() {
        int[] e = new int[32];
        java.util.Arrays.fill(e, N);
        e[0] = 60;
        double[] one = MelodyFeatures.of(Melody.of(e));
        assertThat(f(one, Feature.NOTE_COUNT)).isEqualTo(1);
        assertThat(f(one, Feature.REPEATED_SHARE)).isNaN();
        assertThat(f(one, Feature.MEAN_IOI)).isNaN();
        assertThat(f(one, Feature.SOUNDING_SHARE)).isEqualTo(1.0);
        java.util.Arrays.fill(e, N);
        double[] silent = MelodyFeatures.of(Melody.of(e));
        assertThat(f(silent, Feature.NOTE_COUNT)).isZero();
        assertThat(f(silent, Feature.PITCH_RANGE)).isNaN();
        assertThat(f(silent, Feature.SOUNDING_SHARE)).isZero();
        // Tokens: index 0 no event, 1 note-off, 2 + (pitch - 21).
        int[] tokens = new int[32];
        tokens[0] = 2 + 39;
        assertThat(MelodyFeatures.ofTokens(tokens)).containsExactly(one);
    }

    @Test
    void overlapIsOneForTheSameSetAndLowForAHeldNote(@TempDir Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        List<double[]> varied = new ArrayList<>();
        List<double[]> held = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int[] e = new int[32];
            java.util.Arrays.fill(e, N);
            int pitch = 60;
            for (int t = 0; t < 32; t += 2 + r.nextInt(3)) {
                pitch += r.nextInt(-3, 4);
                e[t] = pitch;
            }
            varied.add(MelodyFeatures.of(Melody.of(e)));
            int[] h = new int[32];
            java.util.Arrays.fill(h, N);
            h[0] = 60;
            held.add(MelodyFeatures.of(Melody.of(h)));
        }
        Map<Feature, Double> same = MelodyRealism.overlaps(varied, varied);
        assertThat(MelodyRealism.meanOverlap(same)).isCloseTo(1.0, within(1e-12));
        double heldOa = MelodyRealism.meanOverlap(MelodyRealism.overlaps(held, varied));
        assertThat(heldOa).isLessThan(0.2);
        // The undefined bin counts: one-note melodies share nothing with varied ones on intervals.
        assertThat(MelodyRealism.overlaps(held, varied).get(Feature.REPEATED_SHARE)).isZero();
        Map<String, List<double[]>> sets = new LinkedHashMap<>();
        sets.put("varied", varied);
        sets.put("held", held);
        Path png = dir.resolve("features.png");
        MelodyFeaturePlot.write(sets, png);
        assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isEqualTo(3 * 420);
    }
}
