package org.synvae.models.classify;

import org.synvae.models.visual.VisualArchitecture;

/**
 * Hyper-parameters of a {@link VisualClassifier}. Immutable.
 *
 * @param architecture registered visual architecture whose encoder convolutions the classifier uses
 * @param classes      number of classes (outputs)
 * @param multiLabel   independent sigmoid outputs with binary cross-entropy (several labels per image)
 *                     instead of one softmax over exclusive classes
 * @param learningRate Adam learning rate (the seed's classifiers: 1e-4)
 * @param seed         seed of the weight initialisation
 */
public record VisualClassifierConfig(String architecture, int classes, boolean multiLabel, double learningRate, long seed) {
    /** The seed's classifier learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 1e-4;

    public VisualClassifierConfig {
        VisualArchitecture.byName(architecture);
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("the learning rate must be > 0, got " + learningRate);
        }
    }

    /** Single-label softmax classifier with the seed's learning rate. */
    public static VisualClassifierConfig softmax(String architecture, int classes, long seed) {
        return new VisualClassifierConfig(architecture, classes, false, DEFAULT_LEARNING_RATE, seed);
    }

    /** The architecture this config names. */
    public VisualArchitecture arch() {
        return VisualArchitecture.byName(architecture);
    }
}
