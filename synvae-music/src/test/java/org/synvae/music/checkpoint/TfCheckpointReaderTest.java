package org.synvae.music.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.NpyArray;
import org.synvae.data.io.NpyDType;

class TfCheckpointReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheTensorFlowWrittenFixtureExactly() {
        TfCheckpoint ckpt = TfCheckpointReader.read(Fixture.dir().resolve(Fixture.PREFIX));

        assertThat(ckpt.names()).containsExactly(Fixture.BIAS, Fixture.KERNEL, Fixture.PROJECTION, Fixture.GLOBAL_STEP);
        assertThat(ckpt.shardCount()).isEqualTo(1);
        for (Map.Entry<String, NpyArray> e : Fixture.expected().entrySet()) {
            NpyArray actual = ckpt.tensor(e.getKey());
            assertThat(actual.dtype()).isEqualTo(e.getValue().dtype());
            assertThat(actual.shape()).containsExactly(e.getValue().shape());
            double[] want = e.getValue().toDoubleArray();
            double[] got = actual.toDoubleArray();
            for (int i = 0; i < want.length; i++) {
                assertThat(got[i]).as("%s[%d]", e.getKey(), i).isCloseTo(want[i], within(1e-7));
            }
        }
        assertThat(ckpt.tensor(Fixture.GLOBAL_STEP).toLongArray()).containsExactly(12345L);
        assertThat(ckpt.tensor(Fixture.GLOBAL_STEP).shape()).isEmpty();
    }

    @Test
    void infoGivesTheIndexEntriesOfNoteMd() {
        TfCheckpoint ckpt = TfCheckpointReader.read(Fixture.dir());
        assertThat(ckpt.info(Fixture.KERNEL)).isEqualTo(new TensorInfo(Fixture.KERNEL, "float32", new long[] {8, 12}, 0, 0, 384));
        assertThat(ckpt.info(Fixture.BIAS)).isEqualTo(new TensorInfo(Fixture.BIAS, "float32", new long[] {12}, 0, 384, 48));
        assertThat(ckpt.info(Fixture.PROJECTION))
                .isEqualTo(new TensorInfo(Fixture.PROJECTION, "float32", new long[] {3, 90}, 0, 432, 1080));
        assertThat(ckpt.info(Fixture.GLOBAL_STEP)).isEqualTo(new TensorInfo(Fixture.GLOBAL_STEP, "int64", new long[0], 0, 1512, 8));
        assertThat(ckpt.tensors(List.of(Fixture.GLOBAL_STEP, Fixture.BIAS))).containsOnlyKeys(Fixture.GLOBAL_STEP, Fixture.BIAS);
    }

    @Test
    void requireChecksNameAndShape() {
        TfCheckpoint ckpt = TfCheckpointReader.read(Fixture.dir());
        assertThat(ckpt.require(Fixture.KERNEL, 8, 12).size()).isEqualTo(96);
        assertThat(ckpt.require(Fixture.GLOBAL_STEP).toLongArray()).containsExactly(12345L);

        assertThatThrownBy(() -> ckpt.require(Fixture.KERNEL, 12, 8)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("'" + Fixture.KERNEL + "'").hasMessageContaining("[8, 12]").hasMessageContaining("[12, 8]");
        assertThatThrownBy(() -> ckpt.require("decoder/multi_rnn_cell/cell_1/lstm_cell/kernel", 8, 12))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("no variable 'decoder/multi_rnn_cell/cell_1/lstm_cell/kernel'")
                .hasMessageContaining("near names: " + Fixture.KERNEL);
        assertThatThrownBy(() -> ckpt.tensor("nope")).isInstanceOf(InvalidDataException.class).hasMessageContaining("'nope'");
        assertThatThrownBy(() -> ckpt.info("nope")).isInstanceOf(InvalidDataException.class);
    }

    @Test
    void resolvesPrefixIndexDataFileAndDirectory() throws IOException {
        Path prefix = Fixture.copyTo(tmp);
        assertThat(TfCheckpointReader.resolvePrefix(prefix)).isEqualTo(prefix);
        assertThat(TfCheckpointReader.resolvePrefix(tmp.resolve(Fixture.INDEX))).isEqualTo(prefix);
        assertThat(TfCheckpointReader.resolvePrefix(tmp.resolve(Fixture.DATA))).isEqualTo(prefix);
        assertThat(TfCheckpointReader.resolvePrefix(tmp)).isEqualTo(prefix);
        assertThat(TfCheckpointReader.read(tmp.resolve(Fixture.INDEX)).names()).hasSize(4);

        assertThatThrownBy(() -> TfCheckpointReader.read(tmp.resolve("model.ckpt-9"))).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("model.ckpt-9.index");
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertThatThrownBy(() -> TfCheckpointReader.read(empty)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("no TensorFlow checkpoint");
    }

    @Test
    void directoryWithSeveralCheckpointsTakesTheStateFileOrTheHighestStep() throws IOException {
        Map<String, NpyArray> t = Map.of("x", NpyArray.ofInts(new int[] {1}, 1));
        for (String name : new String[] {"model.ckpt-900", "model.ckpt-1000", "model.ckpt-20"}) {
            TfCheckpointWriter.write(tmp.resolve(name), t);
        }
        assertThat(TfCheckpointReader.resolvePrefix(tmp)).isEqualTo(tmp.resolve("model.ckpt-1000"));

        TfCheckpointWriter.writeCheckpointStateFile(tmp, "model.ckpt-20");
        assertThat(TfCheckpointReader.resolvePrefix(tmp)).isEqualTo(tmp.resolve("model.ckpt-20"));

        // An absolute path from the machine that trained it: found by its file name.
        Files.writeString(tmp.resolve("checkpoint"), "model_checkpoint_path: \"/train/run1/model.ckpt-900\"\n"
                + "all_model_checkpoint_paths: \"/train/run1/model.ckpt-900\"\n");
        assertThat(TfCheckpointReader.resolvePrefix(tmp)).isEqualTo(tmp.resolve("model.ckpt-900"));

        Files.writeString(tmp.resolve("checkpoint"), "model_checkpoint_path: \"model.ckpt-5\"\n");
        assertThatThrownBy(() -> TfCheckpointReader.resolvePrefix(tmp)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("model.ckpt-5");

        Files.delete(tmp.resolve("checkpoint"));
        TfCheckpointWriter.write(tmp.resolve("other-1000"), t);
        assertThatThrownBy(() -> TfCheckpointReader.resolvePrefix(tmp)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("4 checkpoints");
    }

    @Test
    void requireArrayReadsFloatsStraightIntoNd4jAsTensorDoes() throws IOException {
        TfCheckpoint ckpt = TfCheckpointReader.read(Fixture.dir());
        for (String name : List.of(Fixture.KERNEL, Fixture.BIAS, Fixture.PROJECTION)) {
            NpyArray want = ckpt.tensor(name);
            org.nd4j.linalg.api.ndarray.INDArray got = ckpt.requireArray(name, want.shape());
            assertThat(got.shape()).containsExactly(want.shape());
            assertThat(got.dup('c').data().asFloat()).containsExactly(want.toFloatArray());
        }
        assertThat(ckpt.requireArray(Fixture.GLOBAL_STEP).getLong(0)).isEqualTo(12345L);
        assertThatThrownBy(() -> ckpt.requireArray(Fixture.KERNEL, 12, 8)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("[8, 12]").hasMessageContaining("[12, 8]");

        Path prefix = Fixture.copyTo(tmp);
        byte[] data = Files.readAllBytes(tmp.resolve(Fixture.DATA));
        data[400] ^= 1; // inside the bias
        Files.write(tmp.resolve(Fixture.DATA), data);
        TfCheckpoint corrupt = TfCheckpointReader.read(prefix);
        assertThatThrownBy(() -> corrupt.requireArray(Fixture.BIAS, 12)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("checksum mismatch for variable '" + Fixture.BIAS + "'");
    }

    @Test
    void checksumsGuardDataAndIndex() throws IOException {
        Path prefix = Fixture.copyTo(tmp);
        byte[] data = Files.readAllBytes(tmp.resolve(Fixture.DATA));
        data[400] ^= 1; // inside the bias
        Files.write(tmp.resolve(Fixture.DATA), data);
        TfCheckpoint ckpt = TfCheckpointReader.read(prefix);
        assertThat(ckpt.tensor(Fixture.KERNEL).size()).isEqualTo(96);
        assertThatThrownBy(() -> ckpt.tensor(Fixture.BIAS)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("checksum mismatch for variable '" + Fixture.BIAS + "'");

        byte[] index = Files.readAllBytes(tmp.resolve(Fixture.INDEX));
        index[20] ^= 1;
        Files.write(tmp.resolve(Fixture.INDEX), index);
        assertThatThrownBy(() -> TfCheckpointReader.read(prefix)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("checksum mismatch in data block");
    }

    @Test
    void truncatedOrMissingDataFileFailsAtOpen() throws IOException {
        Path prefix = Fixture.copyTo(tmp);
        byte[] data = Files.readAllBytes(tmp.resolve(Fixture.DATA));
        Files.write(tmp.resolve(Fixture.DATA), java.util.Arrays.copyOf(data, 1000));
        assertThatThrownBy(() -> TfCheckpointReader.read(prefix)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("truncated");
        Files.delete(tmp.resolve(Fixture.DATA));
        assertThatThrownBy(() -> TfCheckpointReader.read(prefix)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("missing data file");
    }

    @Test
    void readsSeveralShards() throws IOException {
        Path prefix = tmp.resolve("multi");
        NpyArray a = NpyArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        NpyArray b = NpyArray.ofLongs(new long[] {7, 8}, 2);
        NpyArray c = NpyArray.ofDoubles(new double[] {0.5}, 1, 1);
        byte[] shard0 = concat(bytes(a), bytes(c));
        byte[] shard1 = bytes(b);
        Files.write(TfCheckpoint.shardPath(prefix, 0, 2), shard0);
        Files.write(TfCheckpoint.shardPath(prefix, 1, 2), shard1);
        Map<String, BundleEntry> entries = new LinkedHashMap<>();
        entries.put("a", entry(a, 0, 0, TfDataType.FLOAT.code()));
        entries.put("c", entry(c, 0, 24, TfDataType.DOUBLE.code()));
        entries.put("b", entry(b, 1, 0, TfDataType.INT64.code()));
        Files.write(TfCheckpointReader.indexOf(prefix),
                TfCheckpointWriter.indexBytes(new BundleHeader(2, false, 1, 0, false), entries));

        TfCheckpoint ckpt = TfCheckpointReader.read(prefix);
        assertThat(ckpt.shardCount()).isEqualTo(2);
        assertThat(ckpt.info("b").shard()).isEqualTo(1);
        assertThat(ckpt.tensors(List.of("a", "b", "c"))).containsExactlyEntriesOf(Map.of("a", a, "b", b, "c", c).entrySet()
                .stream().sorted(Map.Entry.comparingByKey())
                .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll));

        Files.delete(TfCheckpoint.shardPath(prefix, 1, 2));
        assertThatThrownBy(() -> TfCheckpointReader.read(prefix)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("multi.data-00001-of-00002").hasMessageContaining("missing data file");
    }

    @Test
    void byteSwapsBigEndianCheckpointsAndWidensBfloat16() throws IOException {
        Path prefix = tmp.resolve("big");
        float[] values = {1.5f, -2.25f, 3.0e-3f};
        ByteBuffer f32 = ByteBuffer.allocate(12).order(ByteOrder.BIG_ENDIAN);
        ByteBuffer bf16 = ByteBuffer.allocate(6).order(ByteOrder.BIG_ENDIAN);
        for (float v : values) {
            f32.putFloat(v);
            bf16.putShort((short) (Float.floatToIntBits(v) >>> 16));
        }
        Files.write(TfCheckpoint.shardPath(prefix, 0, 1), concat(f32.array(), bf16.array()));
        Map<String, BundleEntry> entries = new LinkedHashMap<>();
        entries.put("f", new BundleEntry(TfDataType.FLOAT.code(), new long[] {3}, false, 0, 0, 12, crc(f32.array()), 0));
        entries.put("h", new BundleEntry(TfDataType.BFLOAT16.code(), new long[] {3}, false, 0, 12, 6, crc(bf16.array()), 0));
        Files.write(TfCheckpointReader.indexOf(prefix),
                TfCheckpointWriter.indexBytes(new BundleHeader(1, true, 1, 0, false), entries));

        TfCheckpoint ckpt = TfCheckpointReader.read(prefix);
        assertThat(ckpt.tensor("f").toFloatArray()).containsExactly(values);
        assertThat(ckpt.info("h").dtype()).isEqualTo("bfloat16");
        NpyArray h = ckpt.tensor("h");
        assertThat(h.dtype()).isEqualTo(NpyDType.FLOAT32);
        for (int i = 0; i < values.length; i++) {
            assertThat(h.getFloat(i)).isEqualTo(Float.intBitsToFloat(Float.floatToIntBits(values[i]) & 0xFFFF0000));
        }
    }

    @Test
    void unsupportedAndPartitionedVariablesFailOnlyWhenRead() throws IOException {
        Path prefix = tmp.resolve("odd");
        byte[] ok = bytes(NpyArray.ofInts(new int[] {42}));
        byte[] text = {3, 'a', 'b', 'c'};
        Files.write(TfCheckpoint.shardPath(prefix, 0, 1), concat(ok, text));
        Map<String, BundleEntry> entries = new LinkedHashMap<>();
        entries.put("ok", new BundleEntry(TfDataType.INT32.code(), new long[0], false, 0, 0, 4, crc(ok), 0));
        entries.put("text", new BundleEntry(TfDataType.STRING.code(), new long[0], false, 0, 4, 4, crc(text), 0));
        entries.put("part", new BundleEntry(TfDataType.FLOAT.code(), new long[] {2}, false, 0, 0, 0, crc(new byte[0]), 0));
        byte[] index = TfCheckpointWriter.indexBytes(BundleHeader.singleShard(), entries);
        Files.write(TfCheckpointReader.indexOf(prefix), index);
        // The partitioned variable: its entry gets one (empty) TensorSliceProto, field 7.
        BundleEntry part = entries.get("part");
        byte[] sliced = concat(part.encode(), new byte[] {0x3a, 0x00});
        assertThat(BundleEntry.parse(sliced, prefix, "part").sliceCount()).isEqualTo(1);
        SsTableWriter table = new SsTableWriter();
        table.add(new byte[0], BundleHeader.singleShard().encode());
        table.add("ok".getBytes(), entries.get("ok").encode());
        table.add("part".getBytes(), sliced);
        table.add("text".getBytes(), entries.get("text").encode());
        Files.write(TfCheckpointReader.indexOf(prefix), table.finish());

        TfCheckpoint ckpt = TfCheckpointReader.read(prefix);
        assertThat(ckpt.tensor("ok").getInt(0)).isEqualTo(42);
        assertThat(ckpt.info("text").dtype()).isEqualTo("string");
        assertThatThrownBy(() -> ckpt.tensor("text")).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("'text' has dtype string, which is not supported");
        assertThatThrownBy(() -> ckpt.tensor("part")).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("'part' is partitioned into 1 slices");
    }

    @Test
    void readsSnappyCompressedAndMultiBlockIndexes() throws IOException {
        Map<String, NpyArray> tensors = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            tensors.put(String.format("encoder/layer_%03d/kernel", i), NpyArray.ofInts(new int[] {i, -i}, 2));
        }
        Path prefix = tmp.resolve("snappy");
        TfCheckpointWriter.write(prefix, tensors);
        TfCheckpoint plain = TfCheckpointReader.read(prefix);
        Map<String, BundleEntry> entries = new LinkedHashMap<>();
        for (String name : plain.names()) {
            TensorInfo info = plain.info(name);
            entries.put(name, new BundleEntry(TfDataType.INT32.code(), info.shape(), false, 0, info.offset(), info.size(),
                    crc(bytes(tensors.get(name))), 0));
        }
        // Small blocks: many data blocks, index keys shortened to separators, Snappy everywhere.
        SsTableWriter table = new SsTableWriter(512, 4, SsTableReader.SNAPPY, TestSnappy::compress);
        table.add(new byte[0], BundleHeader.singleShard().encode());
        for (Map.Entry<String, BundleEntry> e : entries.entrySet()) {
            table.add(e.getKey().getBytes(), e.getValue().encode());
        }
        byte[] index = table.finish();
        assertThat(index.length).isLessThan(Files.readAllBytes(TfCheckpointReader.indexOf(prefix)).length);
        Files.write(TfCheckpointReader.indexOf(prefix), index);

        TfCheckpoint ckpt = TfCheckpointReader.read(prefix);
        assertThat(ckpt.names()).containsExactlyElementsOf(plain.names());
        assertThat(ckpt.tensors(ckpt.names())).isEqualTo(tensors);
    }

    @Test
    void rejectsNonCheckpointFiles() throws IOException {
        Path prefix = tmp.resolve("junk");
        Files.write(TfCheckpointReader.indexOf(prefix), new byte[100]);
        assertThatThrownBy(() -> TfCheckpointReader.read(prefix)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("magic number");
        Files.write(TfCheckpointReader.indexOf(prefix), new byte[3]);
        assertThatThrownBy(() -> TfCheckpointReader.read(prefix)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("too short");
    }

    static BundleEntry entry(NpyArray a, int shard, long offset, int dtype) {
        byte[] b = bytes(a);
        return new BundleEntry(dtype, a.shape(), false, shard, offset, b.length, crc(b), 0);
    }

    static int crc(byte[] b) {
        return Crc32c.masked(b, 0, b.length);
    }

    static byte[] bytes(NpyArray a) {
        ByteBuffer buf = a.asReadOnlyBuffer();
        byte[] b = new byte[buf.remaining()];
        buf.get(b);
        return b;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
