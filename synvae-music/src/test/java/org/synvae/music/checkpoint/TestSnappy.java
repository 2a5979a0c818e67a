package org.synvae.music.checkpoint;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/** A small greedy Snappy compressor, so tests can make Snappy-compressed tables (TensorFlow writes none). */
final class TestSnappy {
    private TestSnappy() {
    }

    static byte[] compress(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        org.synvae.data.io.ProtoWriter.writeVarint(out, in.length);
        Map<Integer, Integer> lastSeen = new HashMap<>();
        int literalStart = 0;
        int i = 0;
        while (i + 4 <= in.length) {
            int key = (in[i] & 0xFF) | (in[i + 1] & 0xFF) << 8 | (in[i + 2] & 0xFF) << 16 | (in[i + 3] & 0xFF) << 24;
            Integer prev = lastSeen.put(key, i);
            if (prev == null || i - prev > 65535) {
                i++;
                continue;
            }
            int length = 0;
            while (i + length < in.length && length < 64 && in[prev + length] == in[i + length]) {
                length++;
            }
            literal(out, in, literalStart, i);
            int distance = i - prev;
            if (length <= 11 && distance < 2048) {
                out.write(1 | (length - 4) << 2 | (distance >>> 8) << 5);
                out.write(distance & 0xFF);
            } else {
                out.write(2 | (length - 1) << 2);
                out.write(distance & 0xFF);
                out.write(distance >>> 8);
            }
            i += length;
            literalStart = i;
        }
        literal(out, in, literalStart, in.length);
        return out.toByteArray();
    }

    private static void literal(ByteArrayOutputStream out, byte[] in, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return;
        }
        if (n <= 60) {
            out.write((n - 1) << 2);
        } else if (n <= 256) {
            out.write(60 << 2);
            out.write(n - 1);
        } else if (n <= 65536) {
            out.write(61 << 2);
            out.write((n - 1) & 0xFF);
            out.write((n - 1) >>> 8);
        } else {
            out.write(62 << 2);
            out.write((n - 1) & 0xFF);
            out.write((n - 1) >>> 8 & 0xFF);
            out.write((n - 1) >>> 16);
        }
        out.write(in, from, n);
    }
}
