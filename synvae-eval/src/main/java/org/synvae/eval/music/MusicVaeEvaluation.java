package org.synvae.eval.music;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.data.image.Images;
import org.synvae.data.io.AtomicFiles;
import org.synvae.eval.music.MelodyFeatures.Feature;
import org.synvae.music.melody.Melody;
import org.synvae.music.melody.OneHotMelodyCodec;
import org.synvae.music.model.MusicVae;
import org.synvae.music.model.MusicVaeConfig;
import org.synvae.music.model.Sampling;
import org.synvae.music.plot.PianoRoll;
import org.synvae.music.train.MelodyDataset;

/**
 * A MusicVAE judged as music: held-out reconstruction accuracy per source (teacher-forced and
 * free-running), and the melody realism (mean overlapping area of nine melody features, see
 * {@link MelodyRealism}) of prior samples (argmax and at a temperature) and of any other melody
 * sets (e.g. translations of images) against the held-out real windows, with a calibration row:
 * each source's real windows against the other sources'.
 *
 * <p>Writes {@code results.json}, a feature-histogram PNG per set ({@code features-NAME.png}) and
 * piano rolls of the first prior samples ({@code prior-NAME.png}).
 */
public final class MusicVaeEvaluation {
    private static final Logger LOG = LogManager.getLogger(MusicVaeEvaluation.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Prior samples shown as piano rolls. */
    private static final int ROLLS = 16;

    /**
     * @param priorSamples latents drawn from N(0, I) per prior set
     * @param temperature  the sampled prior set's temperature
     * @param seed         seed of the prior latents and samples
     * @param batchSize    batch size of the accuracy passes
     * @param accuracy     whether to measure reconstruction accuracy (the slowest part)
     */
    public record Settings(int priorSamples, double temperature, long seed, int batchSize, boolean accuracy) {
        public Settings {
            if (priorSamples < 1 || !(temperature > 0) || batchSize < 1) {
                throw new IllegalArgumentException("prior samples " + priorSamples + ", temperature " + temperature + ", batch " + batchSize);
            }
        }
    }

    /**
     * Realism of one set of melodies against the held-out windows.
     *
     * @param melodies  how many
     * @param meanOa    mean overlapping area over the features
     * @param overlaps  OA per feature
     * @param means     the set's feature means (NaN-skipping)
     */
    public record SetRealism(int melodies, double meanOa, Map<String, Double> overlaps, Map<String, Double> means) {
    }

    /**
     * @param accuracy    per source, "all" first (empty when not measured)
     * @param reference   feature means of the held-out windows
     * @param sets        realism per set: prior sets, then the given ones
     * @param calibration each source's held-out windows against the other sources' (mean OA)
     */
    public record Report(Map<String, ReconstructionAccuracy.Result> accuracy, SetRealism reference, Map<String, SetRealism> sets,
                         Map<String, Double> calibration) {
    }

    private MusicVaeEvaluation() {
    }

    /**
     * Runs the evaluation and writes its files to {@code out}.
     *
     * @param heldOut the real windows melodies are compared with (a training run's validation part)
     * @param others  more token sets [N][steps] by name, e.g. translations of images
     */
    public static Report run(MusicVaeConfig config, Map<String, INDArray> weights, MelodyDataset heldOut, Map<String, int[][]> others,
                             Settings settings, Path out) throws IOException {
        Files.createDirectories(out);
        Map<String, ReconstructionAccuracy.Result> accuracy = new LinkedHashMap<>();
        if (settings.accuracy()) {
            long t0 = System.nanoTime();
            accuracy = new ReconstructionAccuracy(config, weights, settings.batchSize()).bySource(heldOut);
            LOG.info("reconstruction accuracy of {} held-out windows in {} s", heldOut.size(), (System.nanoTime() - t0) / 1_000_000_000L);
        }
        List<double[]> real = features(heldOut);
        MusicVae vae = MusicVae.fromTensors(config, weights);
        Map<String, int[][]> sets = new LinkedHashMap<>();
        sets.put("prior-argmax", vae.sample(settings.priorSamples(), Sampling.argmax(), settings.seed()).tokens());
        sets.put("prior-t" + settings.temperature(), vae.sample(settings.priorSamples(),
                Sampling.temperature(settings.temperature(), settings.seed()), settings.seed()).tokens());
        sets.putAll(others);
        Map<String, SetRealism> realism = new LinkedHashMap<>();
        OneHotMelodyCodec codec = new OneHotMelodyCodec();
        for (Map.Entry<String, int[][]> e : sets.entrySet()) {
            List<double[]> f = new ArrayList<>();
            for (int[] row : e.getValue()) {
                f.add(MelodyFeatures.ofTokens(row));
            }
            realism.put(e.getKey(), realism(f, real));
            Map<String, List<double[]>> plotted = new LinkedHashMap<>();
            plotted.put("held-out real", real);
            plotted.put(e.getKey(), f);
            MelodyFeaturePlot.write(plotted, out.resolve("features-" + e.getKey() + ".png"));
            if (e.getKey().startsWith("prior-")) {
                List<Melody> shown = new ArrayList<>();
                for (int i = 0; i < Math.min(ROLLS, e.getValue().length); i++) {
                    shown.add(codec.decodeIndices(e.getValue()[i]));
                }
                Images.writePng(PianoRoll.grid(shown, 4), out.resolve(e.getKey() + ".png"));
            }
        }
        Map<String, Double> calibration = new LinkedHashMap<>();
        if (heldOut.sources().size() > 1) {
            for (MelodyDataset.Source s : heldOut.sources()) {
                List<double[]> own = features(heldOut.source(s.name()));
                List<double[]> rest = new ArrayList<>();
                heldOut.sources().stream().filter(o -> !o.name().equals(s.name())).forEach(o -> rest.addAll(features(heldOut.source(o.name()))));
                if (!own.isEmpty() && !rest.isEmpty()) {
                    calibration.put(s.name() + " vs others", MelodyRealism.meanOverlap(MelodyRealism.overlaps(own, rest)));
                }
            }
        }
        Report report = new Report(accuracy, realism(real, real), realism, calibration);
        AtomicFiles.write(out.resolve("results.json"), JSON.writeValueAsString(report).getBytes(StandardCharsets.UTF_8));
        return report;
    }

    private static SetRealism realism(List<double[]> set, List<double[]> reference) {
        Map<Feature, Double> oa = MelodyRealism.overlaps(set, reference);
        Map<String, Double> overlaps = new LinkedHashMap<>();
        oa.forEach((k, v) -> overlaps.put(k.key(), v));
        Map<String, Double> means = new LinkedHashMap<>();
        MelodyRealism.means(set).forEach((k, v) -> means.put(k.key(), v));
        return new SetRealism(set.size(), MelodyRealism.meanOverlap(oa), overlaps, means);
    }

    /** Feature rows of every window of a data set. */
    public static List<double[]> features(MelodyDataset data) {
        List<double[]> f = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            f.add(MelodyFeatures.ofTokens(data.row(i)));
        }
        return f;
    }
}
