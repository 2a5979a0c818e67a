package org.synvae.eval.listening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.synvae.data.InvalidDataException;

/**
 * The seed's task generation ({@code vis_evalgen.py} / {@code gen_eval_task}): choose three classes
 * ({@link TripleSelection}); in each take the {@code examples + tasks} items nearest to its latent
 * mean (the most typical ones, so the test asks about the classes and not about outliers); pick
 * {@code examples} of those ranks at random as examples and use the rest, rank by rank, as tasks of
 * one item per class; the melody played is a random one of the three.
 */
public final class TaskGenerator {

    /**
     * What to generate.
     *
     * @param name      the test's title
     * @param examples  examples per class
     * @param tasks     tasks
     * @param criterion how the three classes are chosen when {@code classes} is empty
     * @param seed      seed of the example ranks, the random items and the truths
     * @param classes   the three classes (export labels), or empty to choose them by {@code criterion}
     * @param selection which items of a class the test uses
     */
    public record Settings(String name, int examples, int tasks, TripleSelection.Criterion criterion, long seed, int[] classes,
                           Selection selection) {
        public Settings {
            if (examples < 1 || tasks < 1) {
                throw new IllegalArgumentException("examples and tasks must be at least 1");
            }
            classes = classes == null ? new int[0] : classes.clone();
            if (classes.length != 0 && (classes.length != 3 || Arrays.stream(classes).distinct().count() != 3)) {
                throw new IllegalArgumentException("a listening test has three different classes, got " + Arrays.toString(classes));
            }
        }

        /** The seed's settings: classes chosen by {@code criterion}, the most typical items. */
        public Settings(String name, int examples, int tasks, TripleSelection.Criterion criterion, long seed) {
            this(name, examples, tasks, criterion, seed, new int[0], Selection.TYPICAL);
        }
    }

    /** Which items of a class a test uses. */
    public enum Selection {
        /** The items nearest the class mean of the visual latents (the seed's way: the easiest images). */
        TYPICAL,
        /** A seeded random sample of the class: what the model does on images as they come. */
        RANDOM
    }

    /**
     * A generated set and the class triple behind it.
     *
     * @param tasks  the task set (item IDs are export item indices)
     * @param triple the chosen classes (export labels) and their score
     */
    public record Generated(TaskSet tasks, TripleSelection.Triple triple) {
    }

    private TaskGenerator() {
    }

    /** Generates a task set from an export's visual latents and labels. */
    public static Generated generate(EvalExport export, Settings s) {
        int need = s.examples() + s.tasks();
        int classes = export.classNames().size();
        int[] counts = new int[classes];
        for (int l : export.labels()) {
            counts[l]++;
        }
        boolean[] eligible = new boolean[classes];
        for (int c = 0; c < classes; c++) {
            eligible[c] = counts[c] >= need;
        }
        double[][] means = export.classMeans();
        TripleSelection.Triple triple;
        if (s.classes().length == 3) {
            for (int c : s.classes()) {
                if (c < 0 || c >= classes || !eligible[c]) {
                    throw new InvalidDataException(export.dir() + ": class " + c + " has " + (c < 0 || c >= classes ? 0 : counts[c])
                            + " items, the test needs " + need + " (examples + tasks); counts " + Arrays.toString(counts));
                }
            }
            triple = TripleSelection.score(means, s.classes(), s.criterion());
        } else {
            try {
                triple = TripleSelection.best(means, eligible, s.criterion());
            } catch (IllegalArgumentException e) {
                throw new InvalidDataException(export.dir() + ": fewer than three classes have " + need + " items (examples + tasks); counts "
                        + Arrays.toString(counts));
            }
        }
        SplittableRandom random = new SplittableRandom(s.seed());
        // ranked[k][r]: the r-th item of class triple[k]: by distance to the class mean, or in a seeded random order.
        int[][] ranked = new int[3][];
        for (int k = 0; k < 3; k++) {
            int c = triple.classes()[k];
            double[] mean = means[c];
            int[] members = IntStream.range(0, export.n()).filter(i -> export.labels()[i] == c).toArray();
            if (s.selection() == Selection.RANDOM) {
                shuffle(members, random);
                ranked[k] = Arrays.copyOf(members, need);
            } else {
                ranked[k] = Arrays.stream(members).boxed()
                        .sorted(Comparator.comparingDouble((Integer i) -> ClassMeans.distance(mean, export.latents(), i * export.dim()))
                                .thenComparingInt(i -> i))
                        .limit(need).mapToInt(Integer::intValue).toArray();
            }
        }
        int[] ranks = IntStream.range(0, need).toArray();
        shuffle(ranks, random);
        int[] exampleRanks = Arrays.copyOf(ranks, s.examples());
        Arrays.sort(exampleRanks);
        int[] taskRanks = Arrays.copyOfRange(ranks, s.examples(), need);
        Arrays.sort(taskRanks);

        List<Integer> examples = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            for (int r : exampleRanks) {
                examples.add(ranked[k][r]);
            }
        }
        List<TaskSet.Task> tasks = new ArrayList<>();
        for (int r : taskRanks) {
            tasks.add(new TaskSet.Task(random.nextInt(3), List.of(ranked[0][r], ranked[1][r], ranked[2][r])));
        }
        List<String> names = Arrays.stream(triple.classes()).mapToObj(c -> export.classNames().get(c)).toList();
        return new Generated(new TaskSet(s.name(), "", "data", "results", names, examples, tasks, s.seed()), triple);
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
