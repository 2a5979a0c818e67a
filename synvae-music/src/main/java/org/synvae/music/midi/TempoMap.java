package org.synvae.music.midi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.synvae.music.note.Tempo;

/**
 * Converts between MIDI ticks and seconds through a piecewise-constant tempo. Before the first
 * tempo change, and when there is none, the tempo is 120 qpm.
 */
final class TempoMap {
    private final double[] startTick;
    private final double[] startSeconds;
    private final double[] secondsPerTick;
    private final List<Tempo> tempos;

    private TempoMap(int ticksPerQuarter, List<double[]> changes) {
        // changes: {tick, seconds, qpm}, sorted, with one at 0
        int n = changes.size();
        startTick = new double[n];
        startSeconds = new double[n];
        secondsPerTick = new double[n];
        List<Tempo> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] c = changes.get(i);
            startTick[i] = c[0];
            startSeconds[i] = c[1];
            secondsPerTick[i] = 60.0 / (c[2] * ticksPerQuarter);
            list.add(new Tempo(c[1], c[2]));
        }
        tempos = List.copyOf(list);
    }

    /**
     * From MIDI tempo events: {@code ticks[i]} and {@code qpms[i]} in file order. At equal ticks
     * the last event wins; a change to the tempo already in force is dropped (as pretty_midi does).
     */
    static TempoMap fromTicks(int ticksPerQuarter, List<long[]> tickAndMicrosPerQuarter) {
        List<long[]> sorted = new ArrayList<>(tickAndMicrosPerQuarter);
        sorted.sort(Comparator.comparingLong(e -> e[0])); // stable: file order kept at equal ticks
        List<double[]> changes = new ArrayList<>();
        changes.add(new double[] {0, 0, Tempo.DEFAULT_QPM});
        for (long[] e : sorted) {
            double qpm = 60e6 / e[1];
            double[] last = changes.get(changes.size() - 1);
            if (last[0] == e[0]) {
                last[2] = qpm;
                if (changes.size() > 1 && changes.get(changes.size() - 2)[2] == qpm) {
                    changes.remove(changes.size() - 1);
                }
            } else if (last[2] != qpm) {
                double seconds = last[1] + (e[0] - last[0]) * 60.0 / (last[2] * ticksPerQuarter);
                changes.add(new double[] {e[0], seconds, qpm});
            }
        }
        return new TempoMap(ticksPerQuarter, changes);
    }

    /** From a NoteSequence's tempos (seconds); a tempo at 0 is added when none is there. */
    static TempoMap fromSeconds(int ticksPerQuarter, List<Tempo> tempos) {
        List<Tempo> sorted = tempos.stream().sorted(Comparator.comparingDouble(Tempo::time)).toList();
        List<double[]> changes = new ArrayList<>();
        changes.add(new double[] {0, 0, Tempo.DEFAULT_QPM});
        for (Tempo t : sorted) {
            double[] last = changes.get(changes.size() - 1);
            if (last[1] == t.time()) {
                last[2] = t.qpm();
            } else {
                double tick = last[0] + (t.time() - last[1]) * last[2] * ticksPerQuarter / 60.0;
                changes.add(new double[] {tick, t.time(), t.qpm()});
            }
        }
        return new TempoMap(ticksPerQuarter, changes);
    }

    /** Seconds at {@code tick}. */
    double seconds(double tick) {
        int i = segment(startTick, tick);
        return startSeconds[i] + (tick - startTick[i]) * secondsPerTick[i];
    }

    /** The nearest tick to {@code seconds}. */
    long tick(double seconds) {
        int i = segment(startSeconds, seconds);
        return Math.round(startTick[i] + (seconds - startSeconds[i]) / secondsPerTick[i]);
    }

    /** The tempo changes, in seconds, starting with one at time 0. */
    List<Tempo> tempos() {
        return tempos;
    }

    private static int segment(double[] starts, double value) {
        int i = starts.length - 1;
        while (i > 0 && starts[i] > value) {
            i--;
        }
        return i;
    }
}
