package org.synvae.eval.classify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.synvae.data.Batches;
import org.synvae.data.ImageBatch;
import org.synvae.data.ImageDataset;
import org.synvae.data.io.AtomicFiles;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;
import org.synvae.eval.plot.ConfusionHeatMap;
import org.synvae.models.classify.VisualClassifier;

/**
 * The seed's reconstruction classification test: a trained classifier predicts every image of a
 * data set (originals or reconstructions), and the predictions are scored against the labels.
 * Writes {@code results.json} (top-1, the seed's mean one-vs-rest accuracy, per-class precision,
 * recall and F1, the matrix), {@code confusion.json}, {@code confusion.png} and
 * {@code predictions.npy}.
 */
public final class ClassifierEvaluation {
    private static final Logger LOG = LogManager.getLogger(ClassifierEvaluation.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ClassifierEvaluation() {
    }

    /**
     * Predicts {@code data} with {@code classifier} and writes the reports to {@code outDir}.
     *
     * @param classNames the classifier's class names (its output order); the data's names must be the same
     * @param context    entries put first in results.json (experiment, checkpoint, data paths)
     */
    public static ConfusionMatrix run(VisualClassifier classifier, List<String> classNames, ImageDataset data, int batchSize,
                                      Path outDir, Map<String, Object> context) throws IOException {
        if (classifier.config().multiLabel()) {
            throw new IllegalArgumentException("this evaluation scores single-label classifiers");
        }
        if (!data.classNames().equals(classNames)) {
            throw new IllegalArgumentException("the data's classes " + data.classNames() + " are not the classifier's " + classNames);
        }
        Files.createDirectories(outDir);
        int n = data.size();
        int[] predicted = new int[n];
        int[] truth = new int[n];
        int done = 0;
        for (ImageBatch batch : Batches.evaluation(data, batchSize)) {
            int[] p = classifier.predict(batch.images());
            System.arraycopy(p, 0, predicted, done, p.length);
            System.arraycopy(batch.labels(), 0, truth, done, p.length);
            done += p.length;
            LOG.info("Classified {}/{} images", done, n);
        }
        ConfusionMatrix matrix = ConfusionMatrix.of(truth, predicted, classNames);
        Map<String, Object> json = new LinkedHashMap<>(context);
        json.put("data", data.name());
        json.putAll(matrix.toJsonMap());
        AtomicFiles.write(outDir.resolve("results.json"), JSON.writeValueAsBytes(json));
        AtomicFiles.write(outDir.resolve("confusion.json"), JSON.writeValueAsBytes(matrix.confusionJson()));
        ConfusionHeatMap.write(matrix, String.format(Locale.ROOT, "%s: top-1 %.4f", data.name(), matrix.accuracy()),
                outDir.resolve("confusion.png"));
        Npy.write(outDir.resolve("predictions.npy"), NpyArray.ofInts(predicted, n));
        return matrix;
    }

    /**
     * Scores a multi-label classifier: a label counts as predicted where its sigmoid output is at
     * least 0.5. Writes {@code results.json} ({@link MultiLabelMetrics}) and {@code probabilities.npy}.
     *
     * @param truth {@code [data.size()][labels]} true presence, by position in {@code data}
     */
    public static MultiLabelMetrics runMultiLabel(VisualClassifier classifier, List<String> labelNames, ImageDataset data,
                                                  boolean[][] truth, int batchSize, Path outDir, Map<String, Object> context) throws IOException {
        if (!classifier.config().multiLabel()) {
            throw new IllegalArgumentException("this evaluation scores multi-label classifiers");
        }
        int k = labelNames.size();
        if (truth.length != data.size()) {
            throw new IllegalArgumentException(truth.length + " label rows for " + data.size() + " images");
        }
        Files.createDirectories(outDir);
        int n = data.size();
        boolean[][] predicted = new boolean[n][k];
        boolean[][] ordered = new boolean[n][];
        float[] probabilities = new float[n * k];
        int done = 0;
        for (ImageBatch batch : Batches.evaluation(data, batchSize)) {
            float[] p = classifier.probabilities(batch.images()).dup('c').data().asFloat();
            for (int i = 0; i < batch.size(); i++) {
                for (int c = 0; c < k; c++) {
                    predicted[done + i][c] = p[i * k + c] >= 0.5f;
                }
                ordered[done + i] = truth[batch.indices()[i]];
            }
            System.arraycopy(p, 0, probabilities, done * k, p.length);
            done += batch.size();
            LOG.info("Classified {}/{} images", done, n);
        }
        MultiLabelMetrics metrics = MultiLabelMetrics.of(ordered, predicted, labelNames);
        Map<String, Object> json = new LinkedHashMap<>(context);
        json.put("data", data.name());
        json.put("threshold", 0.5);
        json.putAll(metrics.toJsonMap());
        AtomicFiles.write(outDir.resolve("results.json"), JSON.writeValueAsBytes(json));
        Npy.write(outDir.resolve("probabilities.npy"), NpyArray.ofFloats(probabilities, n, k));
        return metrics;
    }
}
