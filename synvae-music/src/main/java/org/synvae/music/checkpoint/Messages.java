package org.synvae.music.checkpoint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Formatting helpers for the one-line error messages and tables of this package. */
final class Messages {
    private Messages() {
    }

    /** A shape as TensorFlow prints it: {@code []}, {@code [12]}, {@code [8, 12]}. */
    static String shape(long[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(']').toString();
    }

    /** Text from a file made safe for a one-line message: control characters become '?', long text is cut. */
    static String oneLine(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() <= 120 ? t : t.substring(0, 117) + "...";
    }

    /**
     * Up to {@code limit} of {@code names} closest to {@code wanted} by edit distance, closest first:
     * a typo or an off-by-one layer index then shows its intended name.
     */
    static List<String> nearest(String wanted, Collection<String> names, int limit) {
        record Scored(String name, int distance) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String n : names) {
            scored.add(new Scored(n, editDistance(wanted, n)));
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, scored.size()); i++) {
            out.add(scored.get(i).name());
        }
        return out;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
