package org.synvae.music.checkpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.synvae.data.InvalidDataException;

/**
 * Reads every entry of a LevelDB-format table (TensorFlow's checkpoint {@code .index}), checking
 * each block's CRC-32C and that the keys are strictly ascending. Tables are small (about 100 bytes
 * per variable), so the whole file is parsed from one byte array.
 */
final class SsTableReader {
    /** LevelDB's table magic number, stored as the file's last eight bytes. */
    static final long MAGIC = 0xdb4775248b80fb57L;
    /** Two block handles padded to 40 bytes, then the magic number. */
    static final int FOOTER_LENGTH = 48;
    /** After each block: one compression-type byte and a fixed32 masked CRC. */
    static final int BLOCK_TRAILER_LENGTH = 5;
    static final int NO_COMPRESSION = 0;
    static final int SNAPPY = 1;

    private SsTableReader() {
    }

    /** All entries in table order. */
    static List<TableEntry> readAll(byte[] file, Path source) {
        if (file.length < FOOTER_LENGTH) {
            throw InvalidDataException.of(source, "too short for a checkpoint index (" + file.length
                    + " bytes; its footer alone takes " + FOOTER_LENGTH + ")");
        }
        int footer = file.length - FOOTER_LENGTH;
        if (littleEndian64(file, file.length - 8) != MAGIC) {
            throw InvalidDataException.of(source, "not a checkpoint index (no LevelDB table magic number at the end)");
        }
        ProtoReader handles = new ProtoReader(file, footer, FOOTER_LENGTH - 8, source, "table footer");
        long[] metaindex = {handles.readVarint(), handles.readVarint()};
        long[] index = {handles.readVarint(), handles.readVarint()};
        // TensorFlow leaves the metaindex empty and never reads it; its checksum is still checked.
        readBlock(file, footer, metaindex, source, "metaindex block");
        List<TableEntry> out = new ArrayList<>();
        byte[] previous = null;
        for (TableEntry indexEntry : parseBlock(readBlock(file, footer, index, source, "index block"), source, "index block")) {
            ProtoReader h = new ProtoReader(indexEntry.value(), 0, indexEntry.value().length, source, "index block entry");
            long[] handle = {h.readVarint(), h.readVarint()};
            String what = "data block at byte " + handle[0];
            for (TableEntry e : parseBlock(readBlock(file, footer, handle, source, what), source, what)) {
                if (previous != null && Arrays.compareUnsigned(previous, e.key()) >= 0) {
                    throw InvalidDataException.of(source, "corrupt checkpoint index: keys are not in ascending order");
                }
                previous = e.key();
                out.add(e);
            }
        }
        return out;
    }

    /** The contents of the block at {@code handle} (offset, size), checksum verified, decompressed. */
    private static byte[] readBlock(byte[] file, int footer, long[] handle, Path source, String what) {
        long offset = handle[0];
        long size = handle[1];
        if (offset < 0 || size < 0 || offset > footer || size > footer - offset - BLOCK_TRAILER_LENGTH) {
            throw InvalidDataException.of(source, "corrupt checkpoint index: " + what + " (" + Long.toUnsignedString(size)
                    + " bytes at " + Long.toUnsignedString(offset) + ") lies outside the file");
        }
        int start = (int) offset;
        int length = (int) size;
        int type = file[start + length] & 0xFF;
        int stored = littleEndian32(file, start + length + 1);
        if (Crc32c.masked(file, start, length + 1) != stored) {
            throw InvalidDataException.of(source, "corrupt checkpoint index: checksum mismatch in " + what);
        }
        return switch (type) {
            case NO_COMPRESSION -> Arrays.copyOfRange(file, start, start + length);
            case SNAPPY -> Snappy.decompress(file, start, length, source);
            default -> throw InvalidDataException.of(source, what + " uses compression type " + type
                    + "; only none (0) and Snappy (1) are supported");
        };
    }

    /** The entries of one block: prefix-compressed keys, then the restart array and its length. */
    static List<TableEntry> parseBlock(byte[] block, Path source, String what) {
        if (block.length < 4) {
            throw InvalidDataException.of(source, "corrupt checkpoint index: " + what + " is too short for its restart count");
        }
        long restarts = Integer.toUnsignedLong(littleEndian32(block, block.length - 4));
        long dataEnd = block.length - 4 - 4 * restarts;
        if (dataEnd < 0) {
            throw InvalidDataException.of(source, "corrupt checkpoint index: " + what + " claims " + restarts
                    + " restart points, more than fit in it");
        }
        List<TableEntry> entries = new ArrayList<>();
        if (restarts == 0) {
            return entries; // LevelDB reads a block without restart points as empty
        }
        for (int i = 0; i < restarts; i++) {
            long restart = Integer.toUnsignedLong(littleEndian32(block, (int) dataEnd + 4 * i));
            if (restart > dataEnd) {
                throw InvalidDataException.of(source, "corrupt checkpoint index: restart point " + restart + " in " + what
                        + " lies past its entries");
            }
        }
        ProtoReader r = new ProtoReader(block, 0, (int) dataEnd, source, what);
        byte[] last = new byte[0];
        while (r.hasMore()) {
            long shared = r.readVarint32();
            long nonShared = r.readVarint32();
            long valueLength = r.readVarint32();
            if (shared > last.length) {
                throw r.corrupt("entry shares " + shared + " key bytes but the previous key has " + last.length);
            }
            byte[] delta = r.readRaw(nonShared);
            byte[] key = Arrays.copyOf(last, (int) shared + delta.length);
            System.arraycopy(delta, 0, key, (int) shared, delta.length);
            entries.add(new TableEntry(key, r.readRaw(valueLength)));
            last = key;
        }
        return entries;
    }

    static int littleEndian32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    static long littleEndian64(byte[] b, int at) {
        return Integer.toUnsignedLong(littleEndian32(b, at)) | (long) littleEndian32(b, at + 4) << 32;
    }
}
