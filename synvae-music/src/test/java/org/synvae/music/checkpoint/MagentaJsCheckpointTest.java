package org.synvae.music.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.NpyArray;
import org.synvae.data.io.NpyDType;

class MagentaJsCheckpointTest {
    private static final String MANIFEST = """
            [{"paths": ["group1-shard1of2", "group1-shard2of2"],
              "weights": [
                {"name": "decoder/output_projection/kernel", "shape": [2, 3], "dtype": "float32"},
                {"name": "global_step", "shape": [], "dtype": "int32"},
                {"name": "q8", "shape": [4], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1.0}},
                {"name": "q16", "shape": [2], "dtype": "float32", "quantization": {"dtype": "uint16", "scale": 0.25, "min": 2.0}},
                {"name": "qi", "shape": [2], "dtype": "int32", "quantization": {"dtype": "uint8", "scale": 0.5, "min": 0.0}},
                {"name": "h", "shape": [1, 3], "dtype": "float32", "quantization": {"dtype": "float16"}}]},
             {"paths": ["group2-shard1of1"],
              "weights": [{"name": "empty", "shape": [0, 4], "dtype": "float32"}]}]
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void writeCheckpoint() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(24 + 4 + 4 + 4 + 2 + 6).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : new float[] {1, 2, 3, 4, 5, 6}) {
            b.putFloat(v);
        }
        b.putInt(12345);
        b.put(new byte[] {0, 1, 2, (byte) 255});
        b.putShort((short) 0).putShort((short) 65535);
        b.put(new byte[] {1, 3});
        b.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x3800); // 1, -2, 0.5
        byte[] all = b.array();
        // The first shard ends in the middle of global_step: shards are one byte stream.
        Files.write(dir.resolve("group1-shard1of2"), java.util.Arrays.copyOfRange(all, 0, 26));
        Files.write(dir.resolve("group1-shard2of2"), java.util.Arrays.copyOfRange(all, 26, all.length));
        Files.write(dir.resolve("group2-shard1of1"), new byte[0]);
        Files.writeString(dir.resolve("weights_manifest.json"), MANIFEST);
    }

    @Test
    void readsPlainAndQuantizedWeightsAcrossShards() {
        Map<String, NpyArray> w = MagentaJsCheckpoint.read(dir);
        assertThat(w.keySet()).containsExactly("decoder/output_projection/kernel", "global_step", "q8", "q16", "qi", "h", "empty");
        assertThat(w.get("decoder/output_projection/kernel")).isEqualTo(NpyArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertThat(w.get("global_step")).isEqualTo(NpyArray.ofInts(new int[] {12345}));
        assertThat(w.get("q8").toFloatArray()).containsExactly(-1f, -0.5f, 0f, 126.5f);
        assertThat(w.get("q16").toFloatArray()).containsExactly(2f, 65535 * 0.25f + 2f);
        assertThat(w.get("qi")).isEqualTo(NpyArray.ofInts(new int[] {1, 2}, 2)); // 0.5 rounds up, as in JavaScript
        assertThat(w.get("h")).isEqualTo(NpyArray.ofFloats(new float[] {1, -2, 0.5f}, 1, 3));
        assertThat(w.get("empty").shape()).containsExactly(0, 4);
        assertThat(w.get("empty").dtype()).isEqualTo(NpyDType.FLOAT32);
        assertThat(MagentaJsCheckpoint.read(dir.resolve("weights_manifest.json"))).isEqualTo(w);
    }

    @Test
    void reportsMissingFilesAndSizeMismatches() throws IOException {
        Files.delete(dir.resolve("group1-shard2of2"));
        assertThatThrownBy(() -> MagentaJsCheckpoint.read(dir)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("group1-shard2of2").hasMessageContaining("missing weight shard");

        Files.write(dir.resolve("group1-shard2of2"), new byte[3]);
        assertThatThrownBy(() -> MagentaJsCheckpoint.read(dir)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("hold 29 bytes but its 6 weights need 44");

        Files.delete(dir.resolve("weights_manifest.json"));
        assertThatThrownBy(() -> MagentaJsCheckpoint.read(dir)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("weights_manifest.json").hasMessageContaining("no such file");
    }

    @Test
    void trailingPaddingAfterAGroupsLastWeightIsIgnored() throws IOException {
        Map<String, NpyArray> plain = MagentaJsCheckpoint.read(dir);
        Files.write(dir.resolve("group1-shard2of2"), new byte[7], java.nio.file.StandardOpenOption.APPEND);
        Files.write(dir.resolve("group2-shard1of1"), new byte[3]);
        assertThat(MagentaJsCheckpoint.read(dir)).isEqualTo(plain);
    }

    @Test
    void theInspectorListsTheManifest() {
        String table = CheckpointInspector.describeMagentaJs(dir);
        assertThat(table.lines()).first().asString().startsWith("name").contains("dtype").contains("shape").contains("bytes");
        assertThat(table).containsPattern("decoder/output_projection/kernel +float32 +\\[2, 3\\] +24")
                .containsPattern("q8 +float32<-uint8 +\\[4\\] +4")
                .containsPattern("global_step +int32 +\\[\\] +4")
                .endsWith("7 variables, 44 bytes in 3 shard files\n");
        assertThat(MagentaJsCheckpoint.manifestOf(dir)).hasValue(dir.resolve(MagentaJsCheckpoint.MANIFEST));
        assertThat(MagentaJsCheckpoint.manifestOf(dir.resolve("group2-shard1of1"))).isEmpty();
    }

    @Test
    void rejectsMalformedManifests() throws IOException {
        assertManifestError("{\"paths\": []}", "JSON array");
        assertManifestError("[{\"paths\": [], \"weights\": [{\"name\": \"s\", \"shape\": [], \"dtype\": \"string\"}]}]",
                "dtype 'string'");
        assertManifestError("[{\"paths\": [], \"weights\": [{\"name\": \"s\", \"shape\": [-1], \"dtype\": \"float32\"}]}]",
                "invalid dimension");
        assertManifestError("[{\"paths\": [], \"weights\": [{\"name\": \"s\", \"shape\": [1], \"dtype\": \"float32\","
                + " \"quantization\": {\"dtype\": \"int4\"}}]}]", "quantization dtype 'int4'");
        assertManifestError("[{\"paths\": [], \"weights\": [{\"name\": \"s\", \"shape\": [1], \"dtype\": \"float32\","
                + " \"quantization\": {\"dtype\": \"uint8\"}}]}]", "'scale' and 'min'");
        assertManifestError("[{", "not valid JSON");
    }

    private void assertManifestError(String manifest, String message) throws IOException {
        Files.writeString(dir.resolve("weights_manifest.json"), manifest);
        assertThatThrownBy(() -> MagentaJsCheckpoint.read(dir)).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(message).hasMessageNotContaining("\n");
    }
}
