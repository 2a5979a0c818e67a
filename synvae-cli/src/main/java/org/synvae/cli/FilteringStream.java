package org.synvae.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for System.out while commands run: forwards library output to stderr line by line,
 * dropping SameDiff's "Added differentiated op" chatter.
 */
final class FilteringStream extends PrintStream {
    FilteringStream(PrintStream target) {
        super(new LineFilter(target), true, StandardCharsets.UTF_8);
    }

    private static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (!s.startsWith("Added differentiated op")) {
                    target.println(s);
                }
            } else {
                line.write(b);
            }
        }
    }
}
