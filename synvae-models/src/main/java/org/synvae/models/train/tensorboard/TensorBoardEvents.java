package org.synvae.models.train.tensorboard;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.synvae.data.InvalidDataException;

/**
 * Reads TensorBoard event files back: for tests, and for tools that summarise or plot a run. Both
 * checksums of every record are verified; any damage raises {@link InvalidDataException} naming
 * the file. Only scalar ({@code simple_value}) and image summaries are decoded; other summaries
 * and unknown fields are skipped.
 */
public final class TensorBoardEvents {
    private TensorBoardEvents() {
    }

    /**
     * All scalar points in the file, in file order.
     *
     * @param eventFile an event file, such as one written by {@link TensorBoardWriter}
     * @return the scalars; empty when the file has none
     * @throws InvalidDataException if the file cannot be read or is corrupted
     */
    public static List<ScalarEvent> readScalars(Path eventFile) {
        return readScalars(eventFile, false);
    }

    /**
     * All scalar points in the file, in file order.
     *
     * @param growing the file may still be written (a live run's): a record cut short at its end
     *                ends the read instead of raising
     * @throws InvalidDataException if the file cannot be read or is corrupted
     */
    public static List<ScalarEvent> readScalars(Path eventFile, boolean growing) {
        List<ScalarEvent> scalars = new ArrayList<>();
        read(eventFile, growing, event -> event.values().forEach(v -> {
            if (v.simpleValue() != null) {
                scalars.add(new ScalarEvent(v.tag(), event.step(), v.simpleValue()));
            }
        }));
        return scalars;
    }

    /**
     * All images in the file, in file order.
     *
     * @param eventFile an event file, such as one written by {@link TensorBoardWriter}
     * @return the images; empty when the file has none
     * @throws InvalidDataException if the file cannot be read or is corrupted
     */
    public static List<ImageEvent> readImages(Path eventFile) {
        List<ImageEvent> images = new ArrayList<>();
        read(eventFile, false, event -> event.values().forEach(v -> {
            if (v.image() != null) {
                images.add(v.image().toEvent(v.tag(), event.step()));
            }
        }));
        return images;
    }

    /** Decodes every record of the file in order and hands each event to {@code sink}. */
    static void read(Path eventFile, boolean growing, Consumer<DecodedEvent> sink) {
        try (TfRecordReader records = new TfRecordReader(eventFile, growing)) {
            long offset = records.offset();
            for (byte[] data = records.next(); data != null; data = records.next()) {
                DecodedEvent event;
                try {
                    event = DecodedEvent.decode(data);
                } catch (IllegalArgumentException e) {
                    throw records.corrupt(offset, "malformed event: " + e.getMessage());
                }
                sink.accept(event);
                offset = records.offset();
            }
        } catch (IOException e) {
            throw InvalidDataException.of(eventFile, "cannot close event file: " + e.getMessage(), e);
        }
    }
}
