package org.synvae.music.checkpoint;

import org.synvae.data.io.ProtoWriter;

import java.nio.file.Path;
import org.synvae.data.InvalidDataException;

/**
 * TensorFlow's {@code BundleHeaderProto}, stored under the empty key of a checkpoint index.
 *
 * @param numShards    how many data files the checkpoint has
 * @param bigEndian    whether the tensor bytes are big endian (endianness enum 1)
 * @param producer     {@code version.producer}: the bundle format version that wrote it (1 today)
 * @param minConsumer  {@code version.min_consumer}: the oldest reader version that may read it
 * @param badConsumer1 whether {@code version.bad_consumers} lists version 1, the one this reader implements
 */
record BundleHeader(int numShards, boolean bigEndian, int producer, int minConsumer, boolean badConsumer1) {
    /** The bundle format version this package implements (TensorFlow's kTensorBundleVersion). */
    static final int FORMAT_VERSION = 1;

    /** What TensorFlow's BundleWriter writes for a checkpoint with one data file. */
    static BundleHeader singleShard() {
        return new BundleHeader(1, false, FORMAT_VERSION, 0, false);
    }

    /** Parses and checks a header: positive shard count, known endianness, a format version we can read. */
    static BundleHeader parse(byte[] value, Path source) {
        ProtoReader r = new ProtoReader(value, 0, value.length, source, "BundleHeaderProto");
        long numShards = 0;
        long endianness = 0;
        int producer = 0;
        int minConsumer = 0;
        boolean bad1 = false;
        while (r.hasMore()) {
            int tag = r.readTag();
            switch (tag >>> 3) {
                case 1 -> {
                    r.expectWireType(tag, ProtoReader.VARINT);
                    numShards = (int) r.readVarint();
                }
                case 2 -> {
                    r.expectWireType(tag, ProtoReader.VARINT);
                    endianness = r.readVarint();
                }
                case 3 -> {
                    r.expectWireType(tag, ProtoReader.LENGTH_DELIMITED);
                    ProtoReader v = r.readMessage("VersionDef of the checkpoint header");
                    while (v.hasMore()) {
                        int vt = v.readTag();
                        switch (vt >>> 3) {
                            case 1 -> {
                                v.expectWireType(vt, ProtoReader.VARINT);
                                producer = (int) v.readVarint();
                            }
                            case 2 -> {
                                v.expectWireType(vt, ProtoReader.VARINT);
                                minConsumer = (int) v.readVarint();
                            }
                            case 3 -> bad1 |= readsVersionOne(v, vt);
                            default -> v.skip(vt);
                        }
                    }
                }
                default -> r.skip(tag);
            }
        }
        if (numShards <= 0) {
            throw InvalidDataException.of(source, "checkpoint header gives " + numShards + " data files; at least 1 is needed");
        }
        if (endianness != 0 && endianness != 1) {
            throw InvalidDataException.of(source, "checkpoint header has unknown endianness " + endianness);
        }
        if (minConsumer > FORMAT_VERSION || bad1) {
            throw InvalidDataException.of(source, "checkpoint needs a newer reader (bundle format version " + producer
                    + ", min consumer " + minConsumer + "); this reader implements version " + FORMAT_VERSION);
        }
        return new BundleHeader((int) numShards, endianness == 1, producer, minConsumer, bad1);
    }

    /** {@code bad_consumers} is a repeated int32: one varint, or a packed run of them. */
    private static boolean readsVersionOne(ProtoReader v, int tag) {
        if ((tag & 7) == ProtoReader.LENGTH_DELIMITED) {
            ProtoReader packed = v.readMessage("packed VersionDef.bad_consumers");
            boolean found = false;
            while (packed.hasMore()) {
                found |= (int) packed.readVarint() == FORMAT_VERSION;
            }
            return found;
        }
        v.expectWireType(tag, ProtoReader.VARINT);
        return (int) v.readVarint() == FORMAT_VERSION;
    }

    /** The proto3 encoding, default-valued fields left out, as TensorFlow serializes it. */
    byte[] encode() {
        ProtoWriter version = ProtoWriter.proto3().int64(1, producer).int64(2, minConsumer);
        if (badConsumer1) {
            version.int64(3, FORMAT_VERSION);
        }
        // BundleWriter always sets the version, so the message is present even when empty.
        return ProtoWriter.proto3().int64(1, numShards).bool(2, bigEndian).message(3, version).toByteArray();
    }
}
