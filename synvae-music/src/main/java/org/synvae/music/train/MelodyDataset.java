package org.synvae.music.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.data.InvalidDataException;
import org.synvae.music.melody.Melody;
import org.synvae.music.melody.MelodyExtractor;
import org.synvae.music.melody.OneHotMelodyCodec;
import org.synvae.music.midi.MidiReader;

/**
 * Melody windows from one or more folders of MIDI files (the sources, e.g. one per corpus), as
 * MusicVAE trains on them: melodies extracted per file, cut into windows of {@code steps} steps
 * every bar, kept as token rows ({@link OneHotMelodyCodec#indices}). Windows stay grouped by tune
 * (file) and tunes by source, so a train/validation split is made per source and by tune:
 * overlapping windows of one tune must not land on both sides, and every source keeps a held-out
 * part of its own.
 */
public final class MelodyDataset {
    private static final Logger LOG = LogManager.getLogger(MelodyDataset.class);
    /** Largest transposition of the augmentation, in semitones either way. */
    public static final int MAX_SHIFT = 5;

    /**
     * A named folder of MIDI files.
     *
     * @param name      how reports name it (e.g. the corpus)
     * @param directory searched recursively for {@code *.mid}/{@code *.midi}
     */
    public record Source(String name, Path directory) {
        public Source {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a melody source needs a name");
            }
        }

        /**
         * {@code NAME=DIR}, or a bare {@code DIR} named after its folder (its parent's name when the
         * folder is a generic {@code midi*} one, as in {@code nottingham/midi-melody}).
         */
        public static Source parse(String spec) {
            int eq = spec.indexOf('=');
            if (eq > 0) {
                return new Source(spec.substring(0, eq), Path.of(spec.substring(eq + 1)));
            }
            Path dir = Path.of(spec).toAbsolutePath().normalize();
            Path name = dir.getFileName();
            if (name != null && name.toString().toLowerCase(Locale.ROOT).startsWith("midi") && dir.getParent() != null
                    && dir.getParent().getFileName() != null) {
                name = dir.getParent().getFileName();
            }
            return new Source(name == null ? spec : name.toString(), Path.of(spec));
        }
    }

    /** The windows of one tune (file) of a source. */
    private record Tune(int source, List<int[]> windows) {
    }

    private final List<Source> sources;
    private final int steps;
    private final List<Tune> tunes;
    private final List<int[]> rows = new ArrayList<>();

    private MelodyDataset(List<Source> sources, int steps, List<Tune> tunes) {
        this.sources = List.copyOf(sources);
        this.steps = steps;
        this.tunes = List.copyOf(tunes);
        tunes.forEach(t -> rows.addAll(t.windows()));
    }

    /**
     * Reads every {@code *.mid}/{@code *.midi} under {@code directory} (recursively, in path order)
     * as one source named after the folder. Files that cannot be read are skipped with a warning.
     *
     * @param maxFiles use only the first this many files (0: all)
     * @throws InvalidDataException naming the directory when it has no MIDI files or no melody
     *                              gives a window of {@code steps} steps
     */
    public static MelodyDataset load(Path directory, int steps, int maxFiles) throws IOException {
        return load(List.of(Source.parse(directory.toString())), steps, maxFiles);
    }

    /**
     * Reads every source's MIDI files, in source then path order, on all cores (the order and the
     * result do not depend on the thread count). Files that cannot be read are skipped with a
     * warning.
     *
     * @param maxFiles use only the first this many files of each source (0: all)
     * @throws InvalidDataException naming the directory of a source that has no MIDI files or no
     *                              melody of {@code steps} steps, or when two sources share a name
     */
    public static MelodyDataset load(List<Source> sources, int steps, int maxFiles) throws IOException {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no melody source");
        }
        if (sources.stream().map(Source::name).distinct().count() < sources.size()) {
            throw new InvalidDataException("two melody sources share a name: " + sources.stream().map(Source::name).toList()
                    + " (name them: NAME=DIR)");
        }
        List<Tune> tunes = new ArrayList<>();
        for (int s = 0; s < sources.size(); s++) {
            Path directory = sources.get(s).directory();
            List<Path> midi = midiFiles(directory);
            if (maxFiles > 0 && midi.size() > maxFiles) {
                midi = midi.subList(0, maxFiles);
            }
            if (midi.isEmpty()) {
                throw InvalidDataException.of(directory, "no MIDI files (*.mid, *.midi)");
            }
            int source = s;
            List<Tune> found = midi.parallelStream().map(file -> new Tune(source, windows(file, steps)))
                    .filter(t -> !t.windows().isEmpty()).toList();
            if (found.isEmpty()) {
                throw InvalidDataException.of(directory, "no melody of " + steps + " steps in " + midi.size() + " MIDI files");
            }
            tunes.addAll(found);
        }
        return new MelodyDataset(sources, steps, tunes);
    }

    private static List<Path> midiFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw InvalidDataException.of(directory, "not a directory of MIDI files");
        }
        try (Stream<Path> all = Files.walk(directory)) {
            return all.filter(Files::isRegularFile).filter(MelodyDataset::isMidi).sorted().toList();
        }
    }

    private static List<int[]> windows(Path file, int steps) {
        OneHotMelodyCodec codec = new OneHotMelodyCodec();
        List<int[]> windows = new ArrayList<>();
        try {
            for (Melody melody : MelodyExtractor.extract(MidiReader.read(file))) {
                for (Melody w : MelodyExtractor.windows(melody, steps, Melody.STEPS_PER_BAR)) {
                    windows.add(codec.indices(w));
                }
            }
        } catch (InvalidDataException e) {
            LOG.warn("skipping {}", e.getMessage());
            return List.of();
        }
        return windows;
    }

    private static boolean isMidi(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".mid") || name.endsWith(".midi");
    }

    /** Training and validation parts of a data set. */
    public record Split(MelodyDataset train, MelodyDataset valid) {
    }

    /**
     * A seeded split by tune within each source: {@code round(validFraction * tunes)} tunes of each
     * source (at least one) validate, the rest train. A single source splits as it always did for
     * {@code seed}; source {@code s} shuffles with {@code seed + s}.
     *
     * @throws InvalidDataException when a source has fewer than two tunes with melodies
     */
    public Split split(double validFraction, long seed) {
        if (!(validFraction > 0 && validFraction < 1)) {
            throw new IllegalArgumentException("validation fraction " + validFraction + " is not in (0, 1)");
        }
        List<Tune> v = new ArrayList<>();
        List<Tune> t = new ArrayList<>();
        for (int s = 0; s < sources.size(); s++) {
            int source = s;
            List<Tune> own = tunes.stream().filter(tune -> tune.source() == source).toList();
            if (own.size() < 2) {
                throw InvalidDataException.of(sources.get(s).directory(), "only " + own.size()
                        + " file with melodies; a train/validation split needs two");
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < own.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(seed + s));
            int valid = (int) Math.min(own.size() - 1, Math.max(1, Math.round(validFraction * own.size())));
            for (int i = 0; i < order.size(); i++) {
                (i < valid ? v : t).add(own.get(order.get(i)));
            }
        }
        return new Split(new MelodyDataset(sources, steps, t), new MelodyDataset(sources, steps, v));
    }

    /** The sources, in load order. */
    public List<Source> sources() {
        return sources;
    }

    /** The windows of one source (by name), tunes kept together. */
    public MelodyDataset source(String name) {
        for (int s = 0; s < sources.size(); s++) {
            if (sources.get(s).name().equals(name)) {
                int source = s;
                return new MelodyDataset(List.of(sources.get(s)), steps,
                        tunes.stream().filter(t -> t.source() == source).map(t -> new Tune(0, t.windows())).toList());
            }
        }
        throw new IllegalArgumentException("no melody source '" + name + "' among " + sources.stream().map(Source::name).toList());
    }

    /** Windows per source name, in source order (0 for a source with none here). */
    public Map<String, Integer> windowsBySource() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        sources.forEach(s -> counts.put(s.name(), 0));
        tunes.forEach(t -> counts.merge(sources.get(t.source()).name(), t.windows().size(), Integer::sum));
        return counts;
    }

    /** Tunes (files with at least one window) per source name, in source order. */
    public Map<String, Integer> tunesBySource() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        sources.forEach(s -> counts.put(s.name(), 0));
        tunes.forEach(t -> counts.merge(sources.get(t.source()).name(), 1, Integer::sum));
        return counts;
    }

    /** The first source's directory, or a description of all when there are several (for messages). */
    public Path directory() {
        return sources.size() == 1 ? sources.get(0).directory()
                : Path.of(String.join(",", sources.stream().map(s -> s.directory().toString()).toList()));
    }

    public int steps() {
        return steps;
    }

    /** Number of files with at least one window. */
    public int fileCount() {
        return tunes.size();
    }

    /** Number of windows. */
    public int size() {
        return rows.size();
    }

    /** The tokens of window {@code i} (a copy). */
    public int[] row(int i) {
        return rows.get(i).clone();
    }

    /**
     * Full batches in a seeded order, each window transposed by a seeded shift in
     * -{@link #MAX_SHIFT}..+{@link #MAX_SHIFT}; a shift that would leave the pitch range is
     * dropped (the window stays as it is). The last partial batch is left out.
     */
    public Iterable<MelodyBatch> trainingBatches(int batchSize, long seed) {
        return () -> {
            SplittableRandom random = new SplittableRandom(seed);
            int[] order = permutation(rows.size(), random);
            return batches(order, batchSize, rows.size() / batchSize, random);
        };
    }

    /** Batches in data order, without augmentation; the last one may be smaller. */
    public Iterable<MelodyBatch> evaluationBatches(int batchSize) {
        int[] order = new int[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return () -> batches(order, batchSize, (rows.size() + batchSize - 1) / batchSize, null);
    }

    private Iterator<MelodyBatch> batches(int[] order, int batchSize, int count, SplittableRandom shifts) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public MelodyBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int from = next * batchSize;
                int to = Math.min(order.length, from + batchSize);
                next++;
                List<int[]> batch = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    int[] row = rows.get(order[i]);
                    batch.add(shifts == null ? row : transpose(row, shifts.nextInt(-MAX_SHIFT, MAX_SHIFT + 1)));
                }
                return new MelodyBatch(oneHot(batch, steps), batch.size());
            }
        };
    }

    /** {@code tokens} shifted by {@code semitones}, or unchanged when a note would leave 21..108. */
    static int[] transpose(int[] tokens, int semitones) {
        int[] out = tokens.clone();
        for (int i = 0; i < out.length; i++) {
            // Indices >= 2 are pitches (index 2 = MIDI 21), below are no-event and note-off.
            if (out[i] >= 2) {
                out[i] += semitones;
                if (out[i] < 2 || out[i] >= OneHotMelodyCodec.DEPTH) {
                    return tokens;
                }
            }
        }
        return out;
    }

    /** One-hot [rows, steps, 90] of token rows. */
    public static INDArray oneHot(List<int[]> tokens, int steps) {
        int depth = OneHotMelodyCodec.DEPTH;
        float[] v = new float[tokens.size() * steps * depth];
        for (int b = 0; b < tokens.size(); b++) {
            int[] row = tokens.get(b);
            for (int t = 0; t < steps; t++) {
                v[(b * steps + t) * depth + row[t]] = 1f;
            }
        }
        return Nd4j.create(v, new long[] {tokens.size(), steps, depth}, 'c');
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
