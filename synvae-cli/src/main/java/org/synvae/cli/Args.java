package org.synvae.cli;

import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.cli.CommandLine;

/** Typed access to parsed options, with one-line usage errors for bad values. */
final class Args {
    private final CommandLine cmd;

    Args(CommandLine cmd) {
        this.cmd = cmd;
    }

    boolean has(String name) {
        return cmd.hasOption(name);
    }

    String string(String name, String fallback) {
        return cmd.getOptionValue(name, fallback);
    }

    String required(String name) {
        String v = cmd.getOptionValue(name);
        if (v == null || v.isBlank()) {
            throw new UsageException("missing required option --" + name);
        }
        return v;
    }

    Path path(String name) {
        String v = cmd.getOptionValue(name);
        return v == null ? null : Path.of(v);
    }

    int integer(String name, int fallback) {
        String v = cmd.getOptionValue(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an integer, got '" + v + "'");
        }
    }

    int positive(String name, int fallback) {
        int v = integer(name, fallback);
        if (v < 1) {
            throw new UsageException("--" + name + " must be at least 1, got " + v);
        }
        return v;
    }

    long longValue(String name, long fallback) {
        String v = cmd.getOptionValue(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an integer, got '" + v + "'");
        }
    }

    double number(String name, double fallback) {
        String v = cmd.getOptionValue(name);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, got '" + v + "'");
        }
    }

    int[] integers(String name, int[] fallback) {
        String v = cmd.getOptionValue(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a comma-separated list of integers, got '" + v + "'");
        }
    }
}
