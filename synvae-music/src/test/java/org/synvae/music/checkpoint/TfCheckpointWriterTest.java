package org.synvae.music.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.io.NpyArray;
import org.synvae.data.io.NpyDType;

class TfCheckpointWriterTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheFixtureByteForByteAsTensorFlowDid() throws IOException {
        assertRewriteIsIdentical(Fixture.dir());
    }

    @Test
    void writesTheSharedFixtureByteForByte() throws IOException {
        Optional<Path> shared = Fixture.sharedDir();
        Assumptions.assumeTrue(shared.isPresent(), "../shared not present");
        assertThat(Files.readAllBytes(shared.get().resolve(Fixture.INDEX)))
                .isEqualTo(Files.readAllBytes(Fixture.dir().resolve(Fixture.INDEX)));
        assertRewriteIsIdentical(shared.get());
    }

    private void assertRewriteIsIdentical(Path fixtureDir) throws IOException {
        TfCheckpoint tf = TfCheckpointReader.read(fixtureDir.resolve(Fixture.PREFIX));
        // The order NOTE.md gives, the order the tensors were handed to SaveV2.
        Map<String, NpyArray> tensors = tf.tensors(List.of(Fixture.KERNEL, Fixture.BIAS, Fixture.PROJECTION, Fixture.GLOBAL_STEP));
        Path prefix = tmp.resolve(Fixture.PREFIX);
        TfCheckpointWriter.write(prefix, tensors);
        assertThat(Files.readAllBytes(tmp.resolve(Fixture.DATA))).isEqualTo(Files.readAllBytes(fixtureDir.resolve(Fixture.DATA)));
        assertThat(Files.readAllBytes(tmp.resolve(Fixture.INDEX))).isEqualTo(Files.readAllBytes(fixtureDir.resolve(Fixture.INDEX)));
        // The formulas give the same tensors, hence the same files.
        TfCheckpointWriter.write(tmp.resolve("again"), Fixture.expected());
        assertThat(Files.readAllBytes(tmp.resolve("again.index"))).isEqualTo(Files.readAllBytes(fixtureDir.resolve(Fixture.INDEX)));
    }

    @Test
    void roundTripsEveryDtypeAndShape() throws IOException {
        Random random = new Random(7);
        long[][] shapes = {{}, {0}, {1}, {5}, {3, 4}, {2, 0, 3}, {2, 3, 4}, {1, 1, 1, 7}};
        Map<String, NpyArray> tensors = new LinkedHashMap<>();
        for (NpyDType type : NpyDType.values()) {
            for (long[] shape : shapes) {
                tensors.put("z/" + type + "/" + shape.length + "_" + tensors.size(), randomArray(type, shape, random));
            }
        }
        Path prefix = tmp.resolve("sub/dir/model.ckpt-3");
        TfCheckpointWriter.write(prefix, tensors);

        TfCheckpoint ckpt = TfCheckpointReader.read(prefix);
        assertThat(ckpt.names()).containsExactlyInAnyOrderElementsOf(tensors.keySet());
        for (Map.Entry<String, NpyArray> e : tensors.entrySet()) {
            assertThat(ckpt.tensor(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(ckpt.info("z/float16/0_" + 56).dtype()).isEqualTo("float16");
        // Written in the order given: offsets ascend along the map.
        long offset = 0;
        for (Map.Entry<String, NpyArray> e : tensors.entrySet()) {
            assertThat(ckpt.info(e.getKey()).offset()).isEqualTo(offset);
            offset += ckpt.info(e.getKey()).size();
        }
        assertThat(Files.size(TfCheckpoint.shardPath(prefix, 0, 1))).isEqualTo(offset);
    }

    @Test
    void manyVariablesSpanSeveralIndexBlocks() throws IOException {
        Map<String, NpyArray> tensors = new LinkedHashMap<>();
        for (int i = 0; i < 3000; i++) {
            tensors.put(String.format("%04d/decoder/multi_rnn_cell/cell_0/lstm_cell/some_rather_long_variable_name/kernel", i),
                    NpyArray.ofFloats(new float[] {i}, 1));
        }
        Path prefix = tmp.resolve("many");
        TfCheckpointWriter.write(prefix, tensors);
        assertThat(Files.size(TfCheckpointReader.indexOf(prefix))).isGreaterThan((long) SsTableWriter.BLOCK_SIZE);
        TfCheckpoint ckpt = TfCheckpointReader.read(prefix);
        assertThat(ckpt.names()).hasSize(3000);
        assertThat(ckpt.tensors(ckpt.names())).isEqualTo(tensors);
    }

    @Test
    void separatorsAreLevelDbs() {
        assertThat(SsTableWriter.shortestSeparator("abcdefg".getBytes(), "abzz".getBytes())).isEqualTo("abd".getBytes());
        assertThat(SsTableWriter.shortestSeparator("abc".getBytes(), "abcd".getBytes())).isEqualTo("abc".getBytes());
        assertThat(SsTableWriter.shortestSeparator("abc".getBytes(), "abd".getBytes())).isEqualTo("abc".getBytes());
        assertThat(SsTableWriter.shortSuccessor("global_step".getBytes())).isEqualTo("h".getBytes());
        assertThat(SsTableWriter.shortSuccessor(new byte[] {(byte) 0xff, 3})).isEqualTo(new byte[] {(byte) 0xff, 4});
    }

    @Test
    void writesTheCheckpointStateFile() throws IOException {
        TfCheckpointWriter.writeCheckpointStateFile(tmp, "model.ckpt-100");
        assertThat(Files.readString(tmp.resolve("checkpoint")))
                .isEqualTo("model_checkpoint_path: \"model.ckpt-100\"\nall_model_checkpoint_paths: \"model.ckpt-100\"\n");
    }

    @Test
    void rejectsTheEmptyName() {
        assertThatThrownBy(() -> TfCheckpointWriter.write(tmp.resolve("x"), Map.of("", NpyArray.ofInts(new int[] {1}))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tmp.resolve("x.index")).doesNotExist();
    }

    static NpyArray randomArray(NpyDType type, long[] shape, Random random) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        byte[] bytes = new byte[(int) n * type.itemSize()];
        random.nextBytes(bytes);
        if (type == NpyDType.BOOL) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] &= 1;
            }
        }
        return NpyArray.ofRaw(type, ByteOrder.LITTLE_ENDIAN, bytes, shape);
    }
}
