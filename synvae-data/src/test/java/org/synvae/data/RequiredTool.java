package org.synvae.data;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that need a tool outside the JVM (midicsv, Chromium, magenta.js, a SoundFont): on a
 * developer's machine without it they skip; under CI ({@code CI} set, where .ci/run installs every
 * such tool) they fail, so a missing install step can never pass as a skipped test.
 */
public final class RequiredTool {
    private RequiredTool() {
    }

    /**
     * @param installed whether the tool is there
     * @param what      what is missing and how to install it
     */
    public static void require(boolean installed, String what) {
        if (System.getenv("CI") != null) {
            assertTrue(installed, what + " is missing, but CI must have it (.ci/run installs it)");
        }
        assumeTrue(installed, what + " is not installed; skipped");
    }
}
