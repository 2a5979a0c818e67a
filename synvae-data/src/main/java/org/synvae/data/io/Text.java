package org.synvae.data.io;

/** Helpers for putting text taken from a file into a one-line error message. */
final class Text {
    private Text() {
    }

    /** Replaces control characters (newlines included) with '?' and cuts long text to 100 characters. */
    static String oneLine(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() <= 100 ? t : t.substring(0, 97) + "...";
    }
}
