package org.synvae.models.train.tensorboard;

/**
 * Field numbers of the parts of TensorFlow's {@code event.proto} and {@code summary.proto} that
 * this package reads and writes. They are the wire format, so they never change.
 */
final class EventFields {
    // Event
    static final int WALL_TIME = 1;
    static final int STEP = 2;
    static final int FILE_VERSION = 3;
    static final int SUMMARY = 5;
    // Summary
    static final int SUMMARY_VALUE = 1;
    // Summary.Value
    static final int VALUE_TAG = 1;
    static final int VALUE_SIMPLE_VALUE = 2;
    static final int VALUE_IMAGE = 4;
    // Summary.Image
    static final int IMAGE_HEIGHT = 1;
    static final int IMAGE_WIDTH = 2;
    static final int IMAGE_COLORSPACE = 3;
    static final int IMAGE_ENCODED = 4;

    private EventFields() {
    }
}
