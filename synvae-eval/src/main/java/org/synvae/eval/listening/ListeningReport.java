package org.synvae.eval.listening;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Accuracy of listeners on a task set: overall, per class of the melody played, per listener, a
 * confusion matrix (class played x class chosen), and Fleiss' kappa over the listeners who answered
 * every task (kappa needs the same raters for every subject; the categories are the classes chosen).
 * Correctness is recomputed from the task set, and only the last answer per listener and task counts.
 *
 * @param classes          class names
 * @param answers          answers counted
 * @param correct          correct answers
 * @param perClassAnswers  answers per class played
 * @param perClassCorrect  correct answers per class played
 * @param confusion        [class played][class chosen] counts
 * @param perListener      accuracy per listener ID
 * @param completeListeners listeners who answered every task
 * @param kappa            Fleiss' kappa over complete listeners, NaN if fewer than two
 */
public record ListeningReport(List<String> classes, int answers, int correct, int[] perClassAnswers, int[] perClassCorrect,
                              int[][] confusion, Map<String, Double> perListener, int completeListeners, double kappa) {

    /** Chance level of a task with three options. */
    public static final double CHANCE = 1.0 / 3.0;

    /** Accuracy the paper's human listeners reached on MNIST digits 0/1/4. */
    public static final double PAPER_HUMAN_MNIST = 0.73;

    /** Builds the report. */
    public static ListeningReport of(TaskSet set, List<Answer> all) {
        List<Answer> answers = AnswersFile.latest(all).stream()
                .filter(a -> a.task() >= 0 && a.task() < set.tasks().size() && a.choice() >= 0 && a.choice() < set.classes().size())
                .toList();
        int k = set.classes().size();
        int[] perClassAnswers = new int[k];
        int[] perClassCorrect = new int[k];
        int[][] confusion = new int[k][k];
        Map<String, int[]> listeners = new LinkedHashMap<>();
        int correct = 0;
        for (Answer a : answers) {
            int truth = set.tasks().get(a.task()).truth();
            boolean ok = a.choice() == truth;
            perClassAnswers[truth]++;
            confusion[truth][a.choice()]++;
            int[] l = listeners.computeIfAbsent(a.listener(), x -> new int[2]);
            l[0]++;
            if (ok) {
                correct++;
                perClassCorrect[truth]++;
                l[1]++;
            }
        }
        Map<String, Double> perListener = new LinkedHashMap<>();
        listeners.forEach((id, c) -> perListener.put(id, c[1] / (double) c[0]));
        Set<String> complete = new LinkedHashSet<>();
        listeners.forEach((id, c) -> {
            if (c[0] == set.tasks().size()) {
                complete.add(id);
            }
        });
        double kappa = Double.NaN;
        if (complete.size() >= 2) {
            int[][] counts = new int[set.tasks().size()][k];
            answers.stream().filter(a -> complete.contains(a.listener())).forEach(a -> counts[a.task()][a.choice()]++);
            kappa = FleissKappa.of(counts);
        }
        return new ListeningReport(set.classes(), answers.size(), correct, perClassAnswers, perClassCorrect, confusion,
                perListener, complete.size(), kappa);
    }

    /** Overall accuracy (NaN without answers). */
    public double accuracy() {
        return answers == 0 ? Double.NaN : correct / (double) answers;
    }

    /** Accuracy on tasks whose melody came from class {@code c} (NaN without answers). */
    public double classAccuracy(int c) {
        return perClassAnswers[c] == 0 ? Double.NaN : perClassCorrect[c] / (double) perClassAnswers[c];
    }

    /** Human-readable lines for stdout. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "accuracy %.3f (%d/%d answers, %d listeners; chance %.3f; paper's human listeners on MNIST 0/1/4: %.2f)",
                accuracy(), correct, answers, perListener.size(), CHANCE, PAPER_HUMAN_MNIST));
        for (int c = 0; c < classes.size(); c++) {
            out.add(String.format(Locale.ROOT, "  class %-12s accuracy %.3f (%d/%d)", classes.get(c), classAccuracy(c),
                    perClassCorrect[c], perClassAnswers[c]));
        }
        out.add(completeListeners >= 2
                ? String.format(Locale.ROOT, "Fleiss' kappa %.3f over %d listeners who answered every task", kappa, completeListeners)
                : "Fleiss' kappa: needs at least two listeners who answered every task (" + completeListeners + " did)");
        return out;
    }

    /** The report as a JSON-ready map. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("answers", answers);
        m.put("correct", correct);
        m.put("accuracy", finiteOrNull(accuracy()));
        m.put("chance", CHANCE);
        m.put("paper_human_accuracy_mnist_0_1_4", PAPER_HUMAN_MNIST);
        Map<String, Object> perClass = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            perClass.put(classes.get(c), Map.of("answers", perClassAnswers[c], "correct", perClassCorrect[c],
                    "accuracy", finiteOrNullObject(classAccuracy(c))));
        }
        m.put("per_class", perClass);
        m.put("confusion_played_by_chosen", confusion);
        m.put("per_listener", perListener);
        m.put("complete_listeners", completeListeners);
        m.put("fleiss_kappa", finiteOrNull(kappa));
        return m;
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Object finiteOrNullObject(double v) {
        return Double.isFinite(v) ? (Object) v : "n/a";
    }
}
