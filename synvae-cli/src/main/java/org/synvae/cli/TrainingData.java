package org.synvae.cli;

import java.util.Map;
import java.util.stream.IntStream;
import org.synvae.data.ImageDataset;
import org.synvae.data.Split;
import org.synvae.data.StratifiedSample;

/** The data choices a vis-train run records, replayed identically by vis-eval. */
final class TrainingData {
    /** The seed's MNIST split: 10,000 of the 60,000 training images (one in six) validate. */
    static final String MNIST_SPLIT = "mnist";
    /**
     * The recorded setting that says how {@code --max-images} chose its images: {@value #SAMPLED}
     * (a seeded sample in proportion across classes). Runs recorded before it existed took the
     * first N images and are replayed that way, so their validation split stays theirs.
     */
    static final String PICK = "max-images-pick";
    /** {@link #PICK}'s value for a seeded sample stratified by class. */
    static final String SAMPLED = "stratified";
    /** Keeps the sample's draw apart from the split's, which uses the same run seed. */
    private static final long SAMPLE_SALT = 0x5EEDC1A55E5L;

    private TrainingData() {
    }

    /** The {@code --max-images} settings of a new run: the limit and, when there is one, how it picks. */
    static void putLimit(Map<String, String> settings, int max) {
        settings.put("max-images", Integer.toString(max));
        if (max > 0) {
            settings.put(PICK, SAMPLED);
        }
    }

    /**
     * The indices of the images a run with these recorded settings uses, ascending, or {@code null}
     * for all of them.
     */
    static int[] picked(ImageDataset data, Map<String, String> settings) {
        int max = Integer.parseInt(settings.getOrDefault("max-images", "0"));
        if (max <= 0 || max >= data.size()) {
            return null;
        }
        if (SAMPLED.equals(settings.get(PICK))) {
            return StratifiedSample.indices(StratifiedSample.labels(data), max, Long.parseLong(settings.get("seed")) ^ SAMPLE_SALT);
        }
        return IntStream.range(0, max).toArray();
    }

    /** The images of {@code data} at {@code picked} ({@link #picked}), or all of them for {@code null}. */
    static ImageDataset limit(ImageDataset data, int[] picked) {
        return picked == null ? data : data.subset(data.name() + "[" + picked.length + " of " + data.size() + "]", picked);
    }

    /** The images a run with these recorded settings uses. */
    static ImageDataset limit(ImageDataset data, Map<String, String> settings) {
        return limit(data, picked(data, settings));
    }

    /** An evaluation's {@code --max-images}: a sample of {@code max} in proportion across classes, drawn with {@code seed}. */
    static ImageDataset sample(ImageDataset data, int max, long seed) {
        return limit(data, picked(data, Map.of("max-images", Integer.toString(max), PICK, SAMPLED, "seed", Long.toString(seed))));
    }

    /** The train/validation split recorded as {@code validFraction} ("mnist" or a fraction). */
    static Split split(ImageDataset data, String validFraction, long seed) {
        if (MNIST_SPLIT.equals(validFraction)) {
            // 50k/10k on the full set, the same share on smaller (--max-images) runs.
            return Split.ofFraction(data.size(), 1.0 / 6, seed);
        }
        return Split.ofFraction(data.size(), Double.parseDouble(validFraction), seed);
    }
}
