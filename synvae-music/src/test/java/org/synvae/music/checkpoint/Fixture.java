package org.synvae.music.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.synvae.data.io.NpyArray;

/** The TensorFlow-written checkpoint of {@code tf-checkpoint/NOTE.md} and the values it holds. */
final class Fixture {
    static final String PREFIX = "model.ckpt-0";
    static final String KERNEL = "decoder/multi_rnn_cell/cell_0/lstm_cell/kernel";
    static final String BIAS = "decoder/multi_rnn_cell/cell_0/lstm_cell/bias";
    static final String PROJECTION = "decoder/output_projection/kernel";
    static final String GLOBAL_STEP = "global_step";
    static final String INDEX = PREFIX + ".index";
    static final String DATA = PREFIX + ".data-00000-of-00001";

    private Fixture() {
    }

    /** The bundled copy in the test resources. */
    static Path dir() {
        try {
            return Path.of(Fixture.class.getResource("/tf-checkpoint/" + INDEX).toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The project's shared fixture ({@code <root>/../shared}), when this checkout has one beside it. */
    static Optional<Path> sharedDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/fixtures/tf-checkpoint");
            if (Files.isRegularFile(candidate.resolve(INDEX))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Copies the fixture's two files into {@code dir}; returns the prefix there. */
    static Path copyTo(Path dir) {
        try {
            Files.copy(dir().resolve(INDEX), dir.resolve(INDEX), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(dir().resolve(DATA), dir.resolve(DATA), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve(PREFIX);
    }

    /** The four tensors by the formulas of NOTE.md, in the order they were given to SaveV2. */
    static Map<String, NpyArray> expected() {
        float[] kernel = new float[96];
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] = (float) (0.5 * Math.sin(0.37 * k + 0.1));
        }
        float[] bias = new float[12];
        for (int k = 0; k < bias.length; k++) {
            bias[k] = (float) (0.1 * Math.cos(0.7 * k));
        }
        float[] projection = new float[270];
        for (int k = 0; k < projection.length; k++) {
            projection[k] = (float) (0.01 * k);
        }
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put(KERNEL, NpyArray.ofFloats(kernel, 8, 12));
        m.put(BIAS, NpyArray.ofFloats(bias, 12));
        m.put(PROJECTION, NpyArray.ofFloats(projection, 3, 90));
        m.put(GLOBAL_STEP, NpyArray.ofLongs(new long[] {12345}));
        return m;
    }
}
