package org.synvae.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The real data sets and fixtures of {@code ../shared}, for tests that skip where it is absent. */
public final class SharedData {
    private SharedData() {
    }

    /**
     * A path under the shared directory, {@code <project root>/../shared}; skips the test when it is
     * absent. During surefire the working directory is the module directory, whose parent is the root.
     */
    public static Path path(String relative) {
        Path shared = Paths.get("").toAbsolutePath().getParent().resolveSibling("shared");
        assumeTrue(Files.isDirectory(shared), "../shared not present");
        Path path = shared.resolve(relative);
        assumeTrue(Files.exists(path), "../shared/" + relative + " not present");
        return path;
    }
}
