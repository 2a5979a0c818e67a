package org.synvae.data.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the committed format fixtures and the optional shared data next to the project. */
final class Fixtures {
    private Fixtures() {
    }

    /** A file under src/test/resources/formats (made by make_fixtures.py). */
    static Path format(String name) {
        URL url = Fixtures.class.getResource("/formats/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource formats/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A file under the shared directory, {@code <project root>/../shared}; skips the test when it is
     * absent. During surefire the working directory is the module directory, whose parent is the root.
     */
    static Path shared(String relative) {
        Path shared = Paths.get("").toAbsolutePath().getParent().resolveSibling("shared");
        assumeTrue(Files.isDirectory(shared), "../shared not present");
        Path file = shared.resolve(relative);
        assumeTrue(Files.exists(file), "../shared/" + relative + " not present");
        return file;
    }
}
