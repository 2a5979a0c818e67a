package org.synvae.music.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
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
 * Melody windows from a directory of MIDI files, as MusicVAE trains on them: melodies extracted
 * per file, cut into windows of {@code steps} steps every bar, kept as token rows
 * ({@link OneHotMelodyCodec#indices}). Windows stay grouped by file so a train/validation split
 * can be made by file: overlapping windows of one tune must not land on both sides.
 */
public final class MelodyDataset {
    private static final Logger LOG = LogManager.getLogger(MelodyDataset.class);
    /** Largest transposition of the augmentation, in semitones either way. */
    public static final int MAX_SHIFT = 5;

    private final Path directory;
    private final int steps;
    private final List<List<int[]>> files;
    private final List<int[]> rows = new ArrayList<>();

    private MelodyDataset(Path directory, int steps, List<List<int[]>> files) {
        this.directory = directory;
        this.steps = steps;
        this.files = List.copyOf(files);
        files.forEach(rows::addAll);
    }

    /**
     * Reads every {@code *.mid}/{@code *.midi} under {@code directory} (recursively, in path order).
     * Files that cannot be read are skipped with a warning.
     *
     * @param maxFiles use only the first this many files (0: all)
     * @throws InvalidDataException naming the directory when it has no MIDI files or no melody
     *                              gives a window of {@code steps} steps
     */
    public static MelodyDataset load(Path directory, int steps, int maxFiles) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw InvalidDataException.of(directory, "not a directory of MIDI files");
        }
        List<Path> midi;
        try (Stream<Path> all = Files.walk(directory)) {
            midi = all.filter(Files::isRegularFile).filter(MelodyDataset::isMidi).sorted().toList();
        }
        if (maxFiles > 0 && midi.size() > maxFiles) {
            midi = midi.subList(0, maxFiles);
        }
        if (midi.isEmpty()) {
            throw InvalidDataException.of(directory, "no MIDI files (*.mid, *.midi)");
        }
        OneHotMelodyCodec codec = new OneHotMelodyCodec();
        List<List<int[]>> files = new ArrayList<>();
        for (Path file : midi) {
            List<int[]> windows = new ArrayList<>();
            try {
                for (Melody melody : MelodyExtractor.extract(MidiReader.read(file))) {
                    for (Melody w : MelodyExtractor.windows(melody, steps, Melody.STEPS_PER_BAR)) {
                        windows.add(codec.indices(w));
                    }
                }
            } catch (InvalidDataException e) {
                LOG.warn("skipping {}", e.getMessage());
            }
            if (!windows.isEmpty()) {
                files.add(windows);
            }
        }
        if (files.isEmpty()) {
            throw InvalidDataException.of(directory, "no melody of " + steps + " steps in " + midi.size() + " MIDI files");
        }
        return new MelodyDataset(directory, steps, files);
    }

    private static boolean isMidi(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".mid") || name.endsWith(".midi");
    }

    /** Training and validation parts of a data set. */
    public record Split(MelodyDataset train, MelodyDataset valid) {
    }

    /**
     * A seeded split by file: {@code round(validFraction * files)} files (at least one) validate,
     * the rest train.
     *
     * @throws InvalidDataException when fewer than two files have melodies
     */
    public Split split(double validFraction, long seed) {
        if (!(validFraction > 0 && validFraction < 1)) {
            throw new IllegalArgumentException("validation fraction " + validFraction + " is not in (0, 1)");
        }
        if (files.size() < 2) {
            throw InvalidDataException.of(directory, "only " + files.size() + " file with melodies; a train/validation split needs two");
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int valid = (int) Math.min(files.size() - 1, Math.max(1, Math.round(validFraction * files.size())));
        List<List<int[]>> v = new ArrayList<>();
        List<List<int[]>> t = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            (i < valid ? v : t).add(files.get(order.get(i)));
        }
        return new Split(new MelodyDataset(directory, steps, t), new MelodyDataset(directory, steps, v));
    }

    public Path directory() {
        return directory;
    }

    public int steps() {
        return steps;
    }

    /** Number of files with at least one window. */
    public int fileCount() {
        return files.size();
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
