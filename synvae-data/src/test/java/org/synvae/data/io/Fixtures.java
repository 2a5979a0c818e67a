package org.synvae.data.io;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

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

    /** See {@link org.synvae.data.SharedData#path}. */
    static Path shared(String relative) {
        return org.synvae.data.SharedData.path(relative);
    }
}
