package org.synvae.music.checkpoint;

import org.synvae.data.io.ProtoWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * TensorFlow's {@code BundleEntryProto}: where one tensor's bytes are and what they hold.
 *
 * @param dtype       the DataType code
 * @param shape       the dimensions (each {@code >= 0} once {@link TfCheckpointReader} has checked it)
 * @param unknownRank whether the shape says its rank is unknown (never so for a saved tensor)
 * @param shardId     the data file
 * @param offset      where the bytes start in it
 * @param size        the byte count
 * @param maskedCrc   the masked CRC-32C of the bytes
 * @param sliceCount  how many {@code TensorSliceProto}s it has: non-zero for a partitioned variable
 */
record BundleEntry(int dtype, long[] shape, boolean unknownRank, int shardId, long offset, long size, int maskedCrc,
                   int sliceCount) {
    BundleEntry {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Parses the value of one index entry; unknown fields are skipped as protobuf does. */
    static BundleEntry parse(byte[] value, Path source, String name) {
        String what = "BundleEntryProto of '" + Messages.oneLine(name) + "'";
        ProtoReader r = new ProtoReader(value, 0, value.length, source, what);
        int dtype = 0;
        List<Long> dims = new ArrayList<>();
        boolean unknownRank = false;
        int shardId = 0;
        long offset = 0;
        long size = 0;
        int crc = 0;
        int slices = 0;
        while (r.hasMore()) {
            int tag = r.readTag();
            switch (tag >>> 3) {
                case 1 -> dtype = (int) varint(r, tag);
                case 2 -> {
                    r.expectWireType(tag, ProtoReader.LENGTH_DELIMITED);
                    // A repeated message field may occur several times; protobuf merges them.
                    unknownRank |= parseShape(r.readMessage("shape in " + what), dims);
                }
                case 3 -> shardId = (int) varint(r, tag);
                case 4 -> offset = varint(r, tag);
                case 5 -> size = varint(r, tag);
                case 6 -> {
                    r.expectWireType(tag, ProtoReader.FIXED32);
                    crc = r.readFixed32();
                }
                case 7 -> {
                    r.expectWireType(tag, ProtoReader.LENGTH_DELIMITED);
                    r.skip(tag);
                    slices++;
                }
                default -> r.skip(tag);
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        return new BundleEntry(dtype, shape, unknownRank, shardId, offset, size, crc, slices);
    }

    private static long varint(ProtoReader r, int tag) {
        r.expectWireType(tag, ProtoReader.VARINT);
        return r.readVarint();
    }

    /** TensorShapeProto: field 2 repeated Dim {1 size, 2 name}, field 3 unknown_rank. */
    private static boolean parseShape(ProtoReader s, List<Long> dims) {
        boolean unknownRank = false;
        while (s.hasMore()) {
            int tag = s.readTag();
            switch (tag >>> 3) {
                case 2 -> {
                    s.expectWireType(tag, ProtoReader.LENGTH_DELIMITED);
                    ProtoReader d = s.readMessage("dimension of a TensorShapeProto");
                    long size = 0;
                    while (d.hasMore()) {
                        int dt = d.readTag();
                        if (dt >>> 3 == 1) {
                            size = varint(d, dt);
                        } else {
                            d.skip(dt);
                        }
                    }
                    dims.add(size);
                }
                case 3 -> unknownRank = varint(s, tag) != 0;
                default -> s.skip(tag);
            }
        }
        return unknownRank;
    }

    /** The proto3 encoding as TensorFlow writes it: default-valued scalars left out, the shape always present. */
    byte[] encode() {
        ProtoWriter shapeProto = ProtoWriter.proto3();
        for (long d : shape) {
            shapeProto.message(2, ProtoWriter.proto3().int64(1, d));
        }
        // TensorFlow sets the shape sub-message for every tensor, so a scalar's is present and empty.
        return ProtoWriter.proto3().int64(1, dtype).message(2, shapeProto).int64(3, shardId).int64(4, offset)
                .int64(5, size).fixed32(6, maskedCrc).toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BundleEntry e && dtype == e.dtype && Arrays.equals(shape, e.shape) && unknownRank == e.unknownRank
                && shardId == e.shardId && offset == e.offset && size == e.size && maskedCrc == e.maskedCrc
                && sliceCount == e.sliceCount;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), unknownRank, shardId, offset, size, maskedCrc, sliceCount);
    }

    @Override
    public String toString() {
        return "BundleEntry[dtype " + dtype + " " + Messages.shape(shape) + " shard " + shardId + " @" + offset + "+" + size + "]";
    }
}
