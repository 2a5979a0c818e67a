package org.synvae.music.checkpoint;

import org.synvae.data.io.ProtoWriter;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Builds a LevelDB-format table byte for byte as TensorFlow's {@code table::TableBuilder} does with
 * the options its BundleWriter uses: 256 KiB blocks, a restart point every 16 keys (every key in the
 * index block), no compression, an empty metaindex block, and index keys shortened to the shortest
 * separator (or successor, for the last block) of the neighbouring block keys.
 */
final class SsTableWriter {
    static final int BLOCK_SIZE = 262144;
    static final int RESTART_INTERVAL = 16;

    private final int blockSize;
    private final int compressionType;
    private final UnaryOperator<byte[]> compressor;
    private final ByteArrayOutputStream file = new ByteArrayOutputStream();
    private final BlockBuilder dataBlock;
    private final BlockBuilder indexBlock = new BlockBuilder(1);
    private byte[] lastKey;
    private long[] pendingHandle; // a flushed data block still waiting for its index entry

    /** A writer with TensorFlow's settings. */
    SsTableWriter() {
        this(BLOCK_SIZE, RESTART_INTERVAL, SsTableReader.NO_COMPRESSION, UnaryOperator.identity());
    }

    /** A writer with other settings, so that tests can make tables TensorFlow would not (e.g. Snappy blocks). */
    SsTableWriter(int blockSize, int restartInterval, int compressionType, UnaryOperator<byte[]> compressor) {
        this.blockSize = blockSize;
        this.compressionType = compressionType;
        this.compressor = compressor;
        this.dataBlock = new BlockBuilder(restartInterval);
    }

    /** Adds an entry; keys must be strictly ascending as unsigned bytes. */
    void add(byte[] key, byte[] value) {
        if (lastKey != null && Arrays.compareUnsigned(lastKey, key) >= 0) {
            throw new IllegalArgumentException("table keys must be strictly ascending");
        }
        if (pendingHandle != null) {
            indexBlock.add(shortestSeparator(lastKey, key), encodeHandle(pendingHandle));
            pendingHandle = null;
        }
        lastKey = key.clone();
        dataBlock.add(key, value);
        if (dataBlock.sizeEstimate() >= blockSize) {
            flush();
        }
    }

    /** The finished table. */
    byte[] finish() {
        flush();
        long[] metaindex = writeBlock(new BlockBuilder(RESTART_INTERVAL));
        if (pendingHandle != null) {
            indexBlock.add(shortSuccessor(lastKey), encodeHandle(pendingHandle));
            pendingHandle = null;
        }
        long[] index = writeBlock(indexBlock);
        ByteArrayOutputStream footer = new ByteArrayOutputStream();
        footer.writeBytes(encodeHandle(metaindex));
        footer.writeBytes(encodeHandle(index));
        file.writeBytes(footer.toByteArray());
        file.writeBytes(new byte[SsTableReader.FOOTER_LENGTH - 8 - footer.size()]);
        ProtoWriter.writeFixed32(file, (int) SsTableReader.MAGIC);
        ProtoWriter.writeFixed32(file, (int) (SsTableReader.MAGIC >>> 32));
        return file.toByteArray();
    }

    private void flush() {
        if (!dataBlock.isEmpty()) {
            pendingHandle = writeBlock(dataBlock);
        }
    }

    /** Appends a block and its trailer; returns its handle (offset, size). */
    private long[] writeBlock(BlockBuilder block) {
        byte[] raw = block.finish();
        byte[] contents = compressionType == SsTableReader.NO_COMPRESSION ? raw : compressor.apply(raw);
        long[] handle = {file.size(), contents.length};
        byte[] withType = Arrays.copyOf(contents, contents.length + 1);
        withType[contents.length] = (byte) compressionType;
        file.writeBytes(withType);
        ProtoWriter.writeFixed32(file, Crc32c.masked(withType, 0, withType.length));
        block.reset();
        return handle;
    }

    private static byte[] encodeHandle(long[] handle) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProtoWriter.writeVarint(out, handle[0]);
        ProtoWriter.writeVarint(out, handle[1]);
        return out.toByteArray();
    }

    /** LevelDB's bytewise FindShortestSeparator: a short key in [start, limit). */
    static byte[] shortestSeparator(byte[] start, byte[] limit) {
        int min = Math.min(start.length, limit.length);
        int diff = 0;
        while (diff < min && start[diff] == limit[diff]) {
            diff++;
        }
        if (diff < min) {
            int b = start[diff] & 0xFF;
            if (b < 0xFF && b + 1 < (limit[diff] & 0xFF)) {
                byte[] out = Arrays.copyOf(start, diff + 1);
                out[diff]++;
                return out;
            }
        }
        return start.clone(); // one is a prefix of the other, or no byte can be bumped
    }

    /** LevelDB's bytewise FindShortSuccessor: a short key at or after {@code key}. */
    static byte[] shortSuccessor(byte[] key) {
        for (int i = 0; i < key.length; i++) {
            if ((key[i] & 0xFF) != 0xFF) {
                byte[] out = Arrays.copyOf(key, i + 1);
                out[i]++;
                return out;
            }
        }
        return key.clone();
    }

    /** One block: prefix-compressed entries, then the restart offsets and their count. */
    private static final class BlockBuilder {
        private final int restartInterval;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final List<Integer> restarts = new ArrayList<>(List.of(0));
        private int counter;
        private byte[] last = new byte[0];

        BlockBuilder(int restartInterval) {
            this.restartInterval = restartInterval;
        }

        void add(byte[] key, byte[] value) {
            int shared = 0;
            if (counter < restartInterval) {
                int min = Math.min(last.length, key.length);
                while (shared < min && last[shared] == key[shared]) {
                    shared++;
                }
            } else {
                restarts.add(buffer.size());
                counter = 0;
            }
            ProtoWriter.writeVarint(buffer, shared);
            ProtoWriter.writeVarint(buffer, key.length - shared);
            ProtoWriter.writeVarint(buffer, value.length);
            buffer.write(key, shared, key.length - shared);
            buffer.writeBytes(value);
            last = key.clone();
            counter++;
        }

        boolean isEmpty() {
            return buffer.size() == 0;
        }

        /** LevelDB's CurrentSizeEstimate: entries, restart array and its length. */
        int sizeEstimate() {
            return buffer.size() + 4 * restarts.size() + 4;
        }

        byte[] finish() {
            for (int r : restarts) {
                ProtoWriter.writeFixed32(buffer, r);
            }
            ProtoWriter.writeFixed32(buffer, restarts.size());
            return buffer.toByteArray();
        }

        void reset() {
            buffer.reset();
            restarts.clear();
            restarts.add(0);
            counter = 0;
            last = new byte[0];
        }
    }
}
