package org.synvae.models.visual;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.synvae.data.ImageDataset;
import org.synvae.data.ImageShape;
import org.synvae.data.sets.Bam;
import org.synvae.data.sets.BamLabelGroup;
import org.synvae.data.sets.Cifar10;
import org.synvae.data.sets.IdxImages;
import org.synvae.data.sets.ImageFolder;
import org.synvae.data.sets.Part;

/**
 * The image tasks of the SynVAE: which data set format a path holds, which visual architecture
 * fits it, and the seed's batch size for it.
 */
public enum VisualTask {
    /** MNIST digits: a directory of idx files, or a pickled (images, labels) tuple of reconstructions. */
    MNIST("mnist", VisualArchitecture.MNIST, 256),
    /** Fashion-MNIST: idx files as MNIST's. */
    FASHION_MNIST("fashion-mnist", VisualArchitecture.MNIST, 256),
    /** CIFAR-10: python-version pickled batches or binary batches. */
    CIFAR("cifar", VisualArchitecture.CIFAR, 128),
    /** BAM paintings: {@code img/<MID>.jpg} and {@code labels.npy}. */
    BAM("bam", VisualArchitecture.BAM, 64),
    /** Any image folder with one sub-folder per class, at BAM's 64x64 RGB. */
    FOLDER("folder", VisualArchitecture.BAM, 64);

    private final String id;
    private final VisualArchitecture architecture;
    private final int defaultBatchSize;

    VisualTask(String id, VisualArchitecture architecture, int defaultBatchSize) {
        this.id = id;
        this.architecture = architecture;
        this.defaultBatchSize = defaultBatchSize;
    }

    /** The name used on the command line and in provenance files. */
    public String id() {
        return id;
    }

    public VisualArchitecture architecture() {
        return architecture;
    }

    /** The seed's batch size for this task. */
    public int defaultBatchSize() {
        return defaultBatchSize;
    }

    /** The image shape the task's architecture takes. */
    public ImageShape shape() {
        return new ImageShape(architecture.height(), architecture.width(), architecture.channels());
    }

    /**
     * Loads a part of the task's data from {@code path}.
     *
     * @param bamLabels the BAM label group to classify by (ignored by other tasks)
     */
    public ImageDataset load(Path path, Part part, BamLabelGroup bamLabels) {
        return switch (this) {
            case MNIST -> Files.isRegularFile(path) ? IdxImages.pickle(path, IdxImages.DIGITS, true) : IdxImages.mnist(path, part);
            case FASHION_MNIST -> Files.isRegularFile(path) ? IdxImages.pickle(path, IdxImages.FASHION, false) : IdxImages.fashionMnist(path, part);
            case CIFAR -> Cifar10.load(path, part);
            case BAM -> Bam.load(path, bamLabels, shape());
            case FOLDER -> ImageFolder.load(path, shape());
        };
    }

    /** The task with this id (case-insensitive). */
    public static VisualTask byId(String id) {
        for (VisualTask t : values()) {
            if (t.id.equals(id.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + id + "'; tasks: " + ids());
    }

    /** All task ids. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(VisualTask::id).toList();
    }
}
