package org.synvae.models.train;

import org.bytedeco.javacpp.Pointer;

/**
 * Keeps ND4J's native memory in check during training. Each graph step allocates hundreds of MB of
 * native arrays that are only freed when the JVM collects their small Java handles, which a
 * mostly idle Java heap rarely does; native memory then piles up until javacpp's limit makes every
 * allocation wait for a collection (steps measured 4x slower). Asking for a collection once the
 * process has grown by {@code headroomBytes} since the last one keeps steps at full speed.
 */
public final class NativeMemoryGuard {
    private final long headroomBytes;
    private long baseline;

    /** A guard that collects after {@code headroomBytes} of growth. */
    public NativeMemoryGuard(long headroomBytes) {
        this.headroomBytes = headroomBytes;
        this.baseline = Pointer.physicalBytes();
    }

    /** A guard with the default headroom of 1 GiB (override: {@code -Dsynvae.gcHeadroomMb}). */
    public static NativeMemoryGuard withDefaults() {
        return new NativeMemoryGuard(Long.getLong("synvae.gcHeadroomMb", 1024L) << 20);
    }

    /** Call after each step: collects if the process grew past the headroom. */
    public void afterStep() {
        if (Pointer.physicalBytes() > baseline + headroomBytes) {
            System.gc();
            baseline = Pointer.physicalBytes();
        }
    }
}
