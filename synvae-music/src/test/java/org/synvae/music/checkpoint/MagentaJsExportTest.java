package org.synvae.music.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.synvae.data.RequiredTool;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.data.io.NdArrays;
import org.synvae.data.io.NpyArray;
import org.synvae.music.melody.Melody;
import org.synvae.music.melody.OneHotMelodyCodec;
import org.synvae.music.model.Decoded;
import org.synvae.music.model.MusicVae;
import org.synvae.music.model.MusicVaeConfigs;
import org.synvae.music.model.MusicVaeLoader;
import org.synvae.music.model.Sampling;
import org.synvae.music.train.MusicVaeTraining;

/**
 * magenta.js exports: they read back here bit for bit, and magenta.js itself (tools/magentajs,
 * installed by .ci/run) loads them and decodes and encodes as we do.
 */
class MagentaJsExportTest {
    private static final Path MAGENTA_JS = Path.of("..", "tools", "magentajs");

    @TempDir
    Path dir;

    private Map<String, NpyArray> weights() {
        // cat-mel_2bar_small's shapes (17.6 MB: five shards) with fresh weights, scaled up so that
        // melodies have notes and the argmax is never a near tie.
        Map<String, INDArray> w = MusicVaeTraining.initialWeights(MusicVaeConfigs.CAT_MEL_2BAR_SMALL, 3);
        w.replaceAll((k, v) -> v.mul(3));
        return new LinkedHashMap<>(NdArrays.toNpy(new TreeMap<>(w)));
    }

    @Test
    void anExportReadsBackExactlyInShardsOfFourMegabytes() throws IOException {
        Map<String, NpyArray> tensors = weights();
        Path out = dir.resolve("mel_2bar");
        MagentaJsCheckpointWriter.write(out, tensors, MagentaJsCheckpointWriter.melodyConfig(32, 21, 108));
        assertThat(out.resolve("group1-shard1of5")).hasSize(MagentaJsCheckpointWriter.SHARD_BYTES);
        assertThat(out.resolve("group1-shard5of5")).exists();
        JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertThat(config.path("type").asText()).isEqualTo("MusicVAE");
        assertThat(config.path("dataConverter").path("args").path("numSteps").asInt()).isEqualTo(32);
        Map<String, NpyArray> back = MagentaJsCheckpoint.read(out);
        assertThat(back.keySet()).containsExactlyElementsOf(tensors.keySet());
        // Arrays.equals, not containsExactly: AssertJ's diff of million-element arrays is quadratic.
        tensors.forEach((k, v) -> assertThat(java.util.Arrays.equals(back.get(k).toFloatArray(), v.toFloatArray()))
                .as("%s: first values %s vs %s", k, java.util.Arrays.toString(java.util.Arrays.copyOf(back.get(k).toFloatArray(), 4)),
                        java.util.Arrays.toString(java.util.Arrays.copyOf(v.toFloatArray(), 4))).isTrue());
        // Writing again replaces the directory whole; nothing is left beside it.
        MagentaJsCheckpointWriter.write(out, tensors, MagentaJsCheckpointWriter.melodyConfig(32, 21, 108));
        try (var list = Files.list(dir)) {
            assertThat(list.map(p -> p.getFileName().toString()).toList()).containsExactly("mel_2bar");
        }
    }

    @Test
    void magentaJsDecodesAndEncodesAnExportAsWeDo() throws Exception {
        boolean installed = Files.isDirectory(MAGENTA_JS.resolve("node_modules/@magenta/music"));
        RequiredTool.require(installed, "magenta.js (npm ci --prefix tools/magentajs)");
        Map<String, NpyArray> tensors = weights();
        Path out = dir.resolve("mel_2bar");
        MagentaJsCheckpointWriter.write(out, tensors, MagentaJsCheckpointWriter.melodyConfig(32, 21, 108));
        MusicVae ours = MusicVaeLoader.load(MusicVaeConfigs.CAT_MEL_2BAR_SMALL, out);
        int n = 6;
        INDArray z = MusicVae.standardNormal(n, 256, 11);
        Decoded decoded = ours.decode(z, Sampling.argmax());

        Path latents = dir.resolve("z.json");
        Files.writeString(latents, new ObjectMapper().writeValueAsString(Map.of("z", z.toFloatMatrix())));
        ProcessBuilder pb = new ProcessBuilder("node", MAGENTA_JS.resolve("decode.js").toString(), out.toString(), latents.toString())
                .redirectError(dir.resolve("node.err").toFile());
        Process p = pb.start();
        byte[] stdout = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("node.err"))).isZero();
        JsonNode result = new ObjectMapper().readTree(new String(stdout, StandardCharsets.UTF_8));

        OneHotMelodyCodec codec = new OneHotMelodyCodec();
        List<int[]> nonEmpty = new ArrayList<>();
        int withNotes = 0;
        for (int i = 0; i < n; i++) {
            List<List<Integer>> expected = notes(codec.decodeIndices(decoded.tokens()[i]));
            List<List<Integer>> actual = new ArrayList<>();
            result.path("melodies").get(i).forEach(note -> actual.add(List.of(note.get(0).asInt(), note.get(1).asInt(), note.get(2).asInt())));
            assertThat(actual).as("melody %d", i).isEqualTo(expected);
            if (!expected.isEmpty()) {
                // What magenta.js encodes is the melody of the NoteSequence: the notes, not the decoder's raw tokens
                // (a note-off where nothing sounds, say, is gone).
                nonEmpty.add(tokens(expected));
                withNotes++;
            }
        }
        assertThat(withNotes).as("melodies with notes").isGreaterThanOrEqualTo(3);
        float[][] mu = ours.encode(oneHot(nonEmpty)).mu().toFloatMatrix();
        JsonNode theirs = result.path("mu");
        assertThat(theirs.size()).isEqualTo(nonEmpty.size());
        for (int i = 0; i < mu.length; i++) {
            for (int j = 0; j < mu[i].length; j++) {
                assertThat(theirs.get(i).get(j).asDouble()).as("mu[%d][%d]", i, j).isCloseTo(mu[i][j], within(1e-4));
            }
        }
    }

    /** Notes [pitch, start step, end step] of a melody, as magenta.js's quantized NoteSequence lists them. */
    private static List<List<Integer>> notes(Melody m) {
        List<List<Integer>> notes = new ArrayList<>();
        int pitch = -1;
        int start = 0;
        int[] e = m.events();
        for (int t = 0; t <= e.length; t++) {
            int ev = t == e.length ? Melody.NOTE_OFF : e[t];
            if (ev == Melody.NO_EVENT) {
                continue;
            }
            if (pitch >= 0) {
                notes.add(List.of(pitch, start, t));
                pitch = -1;
            }
            if (ev >= 0) {
                pitch = ev;
                start = t;
            }
        }
        return notes;
    }

    /** Token row of notes [pitch, start, end]: the pitch at each start, a note-off at an end where no note starts. */
    private static int[] tokens(List<List<Integer>> notes) {
        int[] events = new int[32];
        java.util.Arrays.fill(events, Melody.NO_EVENT);
        for (List<Integer> n : notes) {
            if (n.get(2) < 32) {
                events[n.get(2)] = Melody.NOTE_OFF;
            }
        }
        for (List<Integer> n : notes) {
            events[n.get(1)] = n.get(0);
        }
        return new OneHotMelodyCodec().indices(Melody.of(events));
    }

    private static INDArray oneHot(List<int[]> rows) {
        float[] v = new float[rows.size() * 32 * OneHotMelodyCodec.DEPTH];
        for (int i = 0; i < rows.size(); i++) {
            for (int t = 0; t < 32; t++) {
                v[(i * 32 + t) * OneHotMelodyCodec.DEPTH + rows.get(i)[t]] = 1;
            }
        }
        return Nd4j.create(v, new long[] {rows.size(), 32, OneHotMelodyCodec.DEPTH}, 'c');
    }
}
