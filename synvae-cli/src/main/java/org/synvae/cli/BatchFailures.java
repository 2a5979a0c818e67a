package org.synvae.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.synvae.data.InvalidDataException;

/**
 * The bad inputs of a batch command (translate, music encode, music render): one bad file must not
 * cost the good ones their results. Each bad input is kept as the one line its
 * {@link InvalidDataException} reads (the file and the reason); {@link #finish} then throws
 * {@link Failed}, which {@link Main} prints one line per bad input and turns into exit code 2.
 * With {@code --fail-fast} the first bad input stops the command at once, as it did before.
 */
final class BatchFailures {
    /** The option that keeps the old way: stop at the first bad input. */
    static final String FAIL_FAST = "fail-fast";

    private final boolean failFast;
    private final List<String> lines = new ArrayList<>();

    BatchFailures(boolean failFast) {
        this.failFast = failFast;
    }

    /** Adds {@code --fail-fast} to a batch command's options. */
    static void addOption(Options o) {
        o.addOption(Option.builder().longOpt(FAIL_FAST).desc("stop at the first bad input (default: process every good one, "
                + "report each bad one on stderr and exit 2 at the end)").build());
    }

    /** The collector {@code --fail-fast} asks for. */
    static BatchFailures of(Args args) {
        return new BatchFailures(args.has(FAIL_FAST));
    }

    /**
     * Records a bad input and lets the batch go on.
     *
     * @throws InvalidDataException {@code bad} itself under {@code --fail-fast}
     */
    void add(InvalidDataException bad) {
        if (failFast) {
            throw bad;
        }
        String message = bad.getMessage() == null ? bad.getClass().getSimpleName() : bad.getMessage();
        lines.add(message.lines().findFirst().orElse(""));
    }

    /** How many inputs were bad so far. */
    int count() {
        return lines.size();
    }

    /**
     * Ends the batch.
     *
     * @throws Failed when any input was bad
     */
    void finish() {
        if (!lines.isEmpty()) {
            throw new Failed(lines);
        }
    }

    /** A batch that processed its good inputs but had bad ones: one line each, exit code 2. */
    static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final List<String> lines;

        Failed(List<String> lines) {
            super(lines.size() + " bad input(s): " + String.join("; ", lines));
            this.lines = List.copyOf(lines);
        }

        /** One line per bad input, naming the file and the reason. */
        List<String> lines() {
            return lines;
        }
    }
}
