package org.synvae.music.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * The passes a training or inference loop needs for its batches: one {@link MusicVaePass} per
 * part of a batch (each part on its own core), kept for the last two batch sizes (the training
 * batches and a last smaller one), since each holds tapes of every step. Not thread-safe: the
 * caller serialises its batches.
 */
public final class MusicVaePassCache {
    private final MusicVaePasses music;
    private final IntUnaryOperator partsFor;
    private final Map<Integer, MusicVaePass[]> passes = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, MusicVaePass[]> eldest) {
            return size() > 2;
        }
    };

    /** Parts as {@link MusicVaePasses#parallelParts} says. */
    public MusicVaePassCache(MusicVaePasses music) {
        this(music, MusicVaePasses::parallelParts);
    }

    /** @param partsFor into how many parts a batch of a size is cut (at least one, at most one per row) */
    public MusicVaePassCache(MusicVaePasses music, IntUnaryOperator partsFor) {
        this.music = music;
        this.partsFor = partsFor;
    }

    /** One pass per part of a batch of {@code batch} rows, in the order of {@link MusicVaePasses#partBounds}. */
    public MusicVaePass[] forBatch(int batch) {
        return passes.computeIfAbsent(batch, size -> {
            int[] from = MusicVaePasses.partBounds(size, Math.max(1, Math.min(size, partsFor.applyAsInt(size))));
            MusicVaePass[] made = new MusicVaePass[from.length - 1];
            for (int p = 0; p < made.length; p++) {
                made[p] = music.newPass(from[p + 1] - from[p]);
            }
            return made;
        });
    }
}
