package org.synvae.models.train.tensorboard;

import org.synvae.data.io.ProtoReader;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of one decoded {@code Event} that this package understands.
 *
 * @param wallTime seconds since the epoch
 * @param step the training step, 0 when absent
 * @param fileVersion the file-version string, {@code null} when absent
 * @param values the summary values, empty when the event carries no summary
 */
record DecodedEvent(double wallTime, long step, String fileVersion, List<Value> values) {

    /** One {@code Summary.Value}: a tag with a scalar, an image, or neither (another kind). */
    record Value(String tag, Float simpleValue, Image image) {
    }

    /** One {@code Summary.Image}. */
    record Image(int height, int width, int colorspace, byte[] encoded) {
        ImageEvent toEvent(String tag, long step) {
            return new ImageEvent(tag, step, height, width, colorspace, encoded);
        }
    }

    /** Decodes an {@code Event}; malformed bytes raise {@link IllegalArgumentException}. */
    static DecodedEvent decode(byte[] data) {
        ProtoReader r = new ProtoReader(data);
        double wallTime = 0;
        long step = 0;
        String fileVersion = null;
        List<Value> values = new ArrayList<>();
        for (int field = r.nextField(); field >= 0; field = r.nextField()) {
            switch (field) {
                case EventFields.WALL_TIME -> wallTime = r.float64();
                case EventFields.STEP -> step = r.varint();
                case EventFields.FILE_VERSION -> fileVersion = r.string();
                case EventFields.SUMMARY -> decodeSummary(r.bytes(), values);
                default -> r.skip();
            }
        }
        return new DecodedEvent(wallTime, step, fileVersion, List.copyOf(values));
    }

    private static void decodeSummary(byte[] data, List<Value> values) {
        ProtoReader r = new ProtoReader(data);
        for (int field = r.nextField(); field >= 0; field = r.nextField()) {
            if (field == EventFields.SUMMARY_VALUE) {
                values.add(decodeValue(r.bytes()));
            } else {
                r.skip();
            }
        }
    }

    private static Value decodeValue(byte[] data) {
        ProtoReader r = new ProtoReader(data);
        String tag = "";
        Float simpleValue = null;
        Image image = null;
        for (int field = r.nextField(); field >= 0; field = r.nextField()) {
            switch (field) {
                case EventFields.VALUE_TAG -> tag = r.string();
                case EventFields.VALUE_SIMPLE_VALUE -> simpleValue = r.float32();
                case EventFields.VALUE_IMAGE -> image = decodeImage(r.bytes());
                default -> r.skip();
            }
        }
        return new Value(tag, simpleValue, image);
    }

    private static Image decodeImage(byte[] data) {
        ProtoReader r = new ProtoReader(data);
        int height = 0;
        int width = 0;
        int colorspace = 0;
        byte[] encoded = new byte[0];
        for (int field = r.nextField(); field >= 0; field = r.nextField()) {
            switch (field) {
                case EventFields.IMAGE_HEIGHT -> height = (int) r.varint();
                case EventFields.IMAGE_WIDTH -> width = (int) r.varint();
                case EventFields.IMAGE_COLORSPACE -> colorspace = (int) r.varint();
                case EventFields.IMAGE_ENCODED -> encoded = r.bytes();
                default -> r.skip();
            }
        }
        return new Image(height, width, colorspace, encoded);
    }
}
