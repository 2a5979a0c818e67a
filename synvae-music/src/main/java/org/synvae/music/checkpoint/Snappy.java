package org.synvae.music.checkpoint;

import java.nio.file.Path;

/**
 * Decompresses one raw Snappy block (not the framed stream format), as LevelDB tables use for
 * compression type 1. TensorFlow writes its checkpoint indexes uncompressed, but other LevelDB
 * writers may not, and the format is small enough to read without a dependency.
 */
final class Snappy {
    /** Snappy expands at most ~21x (a 3-byte copy makes 64 bytes); a larger claim is corrupt. */
    private static final long MAX_EXPANSION = 32;

    private Snappy() {
    }

    /** The uncompressed bytes of {@code length} compressed bytes at {@code offset}. */
    static byte[] decompress(byte[] in, int offset, int length, Path source) {
        ProtoReader header = new ProtoReader(in, offset, length, source, "Snappy block");
        long declared = header.readVarint32();
        if (declared > MAX_EXPANSION * length + 64 || declared > Integer.MAX_VALUE - 8) {
            throw header.corrupt("claims " + declared + " uncompressed bytes from only " + length);
        }
        byte[] out = new byte[(int) declared];
        int p = header.position();
        int end = offset + length;
        int o = 0;
        while (p < end) {
            int tag = in[p++] & 0xFF;
            long copyLength;
            long distance;
            switch (tag & 3) {
                case 0 -> {
                    long literal = tag >>> 2;
                    if (literal >= 60) {
                        int extra = (int) literal - 59; // 1..4 little-endian length bytes follow
                        if (extra > end - p) {
                            throw header.corrupt("truncated literal length");
                        }
                        literal = littleEndian(in, p, extra);
                        p += extra;
                    }
                    literal += 1;
                    if (literal > end - p || literal > out.length - o) {
                        throw header.corrupt("literal of " + literal + " bytes runs past the end");
                    }
                    System.arraycopy(in, p, out, o, (int) literal);
                    p += (int) literal;
                    o += (int) literal;
                    continue;
                }
                case 1 -> {
                    if (end - p < 1) {
                        throw header.corrupt("truncated copy");
                    }
                    copyLength = 4 + ((tag >>> 2) & 7);
                    distance = (long) (tag >>> 5) << 8 | (in[p++] & 0xFF);
                }
                case 2 -> {
                    if (end - p < 2) {
                        throw header.corrupt("truncated copy");
                    }
                    copyLength = 1 + (tag >>> 2);
                    distance = littleEndian(in, p, 2);
                    p += 2;
                }
                default -> {
                    if (end - p < 4) {
                        throw header.corrupt("truncated copy");
                    }
                    copyLength = 1 + (tag >>> 2);
                    distance = littleEndian(in, p, 4);
                    p += 4;
                }
            }
            if (distance == 0 || distance > o || copyLength > out.length - o) {
                throw header.corrupt("copy of " + copyLength + " bytes from " + distance + " back is out of range at byte " + o);
            }
            // Byte by byte on purpose: a copy may overlap its own output (a run of repeats).
            for (int from = o - (int) distance, n = 0; n < copyLength; n++) {
                out[o++] = out[from + n];
            }
        }
        if (o != out.length) {
            throw header.corrupt("decompressed to " + o + " bytes but the block declares " + out.length);
        }
        return out;
    }

    private static long littleEndian(byte[] b, int at, int count) {
        long v = 0;
        for (int i = count - 1; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }
}
