package org.synvae.models.train.tensorboard;

import org.synvae.data.io.ProtoWriter;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Writes a TensorBoard event file in pure Java: scalar curves and images, readable by
 * {@code tensorboard --logdir}. Every event is flushed to the operating system as soon as it is
 * written, so a run that crashes still leaves its curves up to the last logged step.
 *
 * <p>Thread-safe: events from several threads are written whole, one after another.
 */
public final class TensorBoardWriter implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(TensorBoardWriter.class);
    private static final String FILE_VERSION = "brain.Event:2";

    private final Path file;
    private final OutputStream out;
    private boolean closed;

    private TensorBoardWriter(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Creates {@code logDir} (and its parents) and a new event file in it named
     * {@code events.out.tfevents.<unix seconds>.<hostname>}, then writes the file-version event.
     * Should a file of that name already exist (two writers started in the same second), a
     * counter is appended to the name; TensorBoard reads any file whose name contains
     * {@code tfevents}.
     *
     * @param logDir the run's log directory
     * @return an open writer; close it when the run ends
     * @throws IOException if the directory or the file cannot be created or written
     */
    public static TensorBoardWriter create(Path logDir) throws IOException {
        Objects.requireNonNull(logDir, "logDir");
        Files.createDirectories(logDir);
        long now = System.currentTimeMillis();
        String base = "events.out.tfevents." + (now / 1000) + "." + hostname();
        Path file = logDir.resolve(base);
        OutputStream raw = null;
        for (int suffix = 1; raw == null; suffix++) {
            try {
                raw = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                file = logDir.resolve(base + "." + suffix);
            }
        }
        TensorBoardWriter writer = new TensorBoardWriter(file, new BufferedOutputStream(raw, 1 << 16));
        try {
            writer.writeEvent(ProtoWriter.explicit()
                    .float64(EventFields.WALL_TIME, now / 1000.0)
                    .string(EventFields.FILE_VERSION, FILE_VERSION));
        } catch (IOException | RuntimeException e) {
            writer.closeQuietly();
            throw e;
        }
        LOG.info("Writing TensorBoard events to {}", file);
        return writer;
    }

    /** The event file this writer appends to. */
    public Path file() {
        return file;
    }

    /**
     * Logs one point of a scalar curve. TensorBoard stores scalars as 32-bit floats, so the value
     * is rounded to float precision.
     *
     * @param tag the curve's name, e.g. {@code "loss/train"}
     * @param step the training step, the curve's x coordinate
     * @param value the value at that step
     * @throws IOException if the event cannot be written
     */
    public void scalar(String tag, long step, double value) throws IOException {
        Objects.requireNonNull(tag, "tag");
        ProtoWriter summaryValue = ProtoWriter.explicit()
                .string(EventFields.VALUE_TAG, tag)
                .float32(EventFields.VALUE_SIMPLE_VALUE, (float) value);
        writeSummary(step, summaryValue);
    }

    /**
     * Logs an image, encoded as PNG. Gray images keep one channel; images with alpha are stored
     * as RGBA and all others as RGB.
     *
     * @param tag the image's name, e.g. {@code "reconstructions"}
     * @param step the training step
     * @param image the image to log
     * @throws IOException if the image cannot be encoded or the event cannot be written
     */
    public void image(String tag, long step, BufferedImage image) throws IOException {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(image, "image");
        PngImage png = PngImage.encode(image);
        ProtoWriter summaryImage = ProtoWriter.explicit()
                .int32(EventFields.IMAGE_HEIGHT, image.getHeight())
                .int32(EventFields.IMAGE_WIDTH, image.getWidth())
                .int32(EventFields.IMAGE_COLORSPACE, png.colorspace())
                .bytes(EventFields.IMAGE_ENCODED, png.bytes());
        ProtoWriter summaryValue = ProtoWriter.explicit()
                .string(EventFields.VALUE_TAG, tag)
                .message(EventFields.VALUE_IMAGE, summaryImage);
        writeSummary(step, summaryValue);
    }

    /**
     * Flushes buffered events to the operating system. Each write already does this; the method
     * is here for callers that want to say so explicitly.
     *
     * @throws IOException if flushing fails
     */
    public synchronized void flush() throws IOException {
        ensureOpen();
        out.flush();
    }

    /** Flushes and closes the event file; closing twice does nothing. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        out.close();
    }

    private void writeSummary(long step, ProtoWriter summaryValue) throws IOException {
        ProtoWriter summary = ProtoWriter.explicit().message(EventFields.SUMMARY_VALUE, summaryValue);
        writeEvent(ProtoWriter.explicit()
                .float64(EventFields.WALL_TIME, System.currentTimeMillis() / 1000.0)
                .int64(EventFields.STEP, step)
                .message(EventFields.SUMMARY, summary));
    }

    private synchronized void writeEvent(ProtoWriter event) throws IOException {
        ensureOpen();
        out.write(TfRecord.frame(event.toByteArray()));
        out.flush();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("TensorBoard writer for " + file + " is closed");
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            LOG.debug("Ignoring failure to close {} after an earlier error", file, e);
        }
    }

    private static String hostname() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "localhost" : name;
        } catch (UnknownHostException | SecurityException e) {
            return "localhost";
        }
    }
}
