package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;
import org.synvae.music.checkpoint.TfCheckpointWriter;
import org.synvae.music.midi.MidiReader;
import org.synvae.music.model.MusicVaeConfig;
import org.synvae.music.model.MusicVaeVariables;

/** The music commands on a small MusicVAE written as a TensorFlow checkpoint. */
class MusicCommandsTest {
    static final MusicVaeConfig SMALL = new MusicVaeConfig("test-mel_2bar", 4, List.of(8), List.of(8, 8), List.of(), 0, 32, 90,
            0.2, 0.99999, 0, "inverse_sigmoid", 1000, 1e-3, 0.9999, 1e-5, 8, 4, 16);
    @TempDir
    static Path dir;
    static Path config;
    static Path checkpoint;

    @BeforeAll
    static void writeModel() throws Exception {
        config = Files.writeString(dir.resolve("test.json"), SMALL.toJson());
        checkpoint = writeCheckpoint(dir.resolve("model.ckpt-7"), SMALL, 1);
    }

    /** Random weights ~ N(0, 0.25) for {@code config}, by checkpoint name, drawn from {@code seed} in variable order. */
    static Map<String, NpyArray> randomWeights(MusicVaeConfig config, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, NpyArray> tensors = new LinkedHashMap<>();
        MusicVaeVariables.shapes(config).forEach((name, shape) -> {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            float[] v = new float[(int) n];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (r.nextGaussian() * 0.5);
            }
            tensors.put(name, NpyArray.ofFloats(v, shape));
        });
        return tensors;
    }

    /** A TensorFlow checkpoint of random weights for {@code config} (plus a global_step, as magenta writes). */
    static Path writeCheckpoint(Path prefix, MusicVaeConfig config, long seed) throws java.io.IOException {
        Map<String, NpyArray> tensors = randomWeights(config, seed);
        tensors.put("global_step", NpyArray.ofLongs(new long[] {7}));
        TfCheckpointWriter.write(prefix, tensors);
        return prefix;
    }

    @Test
    void magentaJsCheckpointsAreListedAndTheirConfigJsonIsRefusedClearly() throws Exception {
        Path mjs = dir.resolve("magentajs");
        Map<String, NpyArray> tensors = new LinkedHashMap<>();
        MusicVaeVariables.shapes(SMALL).forEach((name, shape) -> {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            tensors.put(name, NpyArray.ofFloats(new float[(int) n], shape));
        });
        org.synvae.music.checkpoint.MagentaJsCheckpointWriter.write(mjs, tensors,
                org.synvae.music.checkpoint.MagentaJsCheckpointWriter.melodyConfig(32, 21, 108));
        CliRun inspect = CliRun.of("music", "inspect-checkpoint", mjs.toString());
        assertThat(inspect.code()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("decoder/output_projection/kernel").contains("float32").contains("[8, 90]")
                .contains("shard file");
        // magenta.js's own config.json has no layer sizes: refused in one line, not a NullPointerException.
        CliRun sample = CliRun.of("music", "sample", "--config", mjs.resolve("config.json").toString(), "--checkpoint",
                mjs.toString(), "--n", "1", "--out", dir.resolve("mjs-samples").toString());
        assertThat(sample.code()).isEqualTo(2);
        assertThat(sample.err()).contains("config.json: is a magenta.js config (MusicVAE, MelodyConverter of 32 steps)")
                .contains("cat-mel_2bar_big").doesNotContain("NullPointer").doesNotContain("coll");
        assertThat(sample.err().lines().count()).isEqualTo(1);
        CliRun ok = CliRun.of("music", "sample", "--config", config.toString(), "--checkpoint", mjs.toString(), "--n", "1",
                "--out", dir.resolve("mjs-samples").toString());
        assertThat(ok.code()).as(ok.err()).isZero();
    }

    @Test
    void inspectListsVariables() {
        CliRun r = CliRun.of("music", "inspect-checkpoint", checkpoint.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("decoder/output_projection/kernel").contains("global_step");
    }

    @Test
    void sampleWritesMidiThatReadsBack() throws Exception {
        Path out = dir.resolve("samples");
        CliRun r = CliRun.of("music", "sample", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                "--n", "3", "--temperature", "0.5", "--seed", "3", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(3).allMatch(l -> l.contains("notes"));
        assertThat(MidiReader.read(out.resolve("sample_000.mid")).notes()).isNotEmpty();
        assertThat(out.resolve("sample_002.png")).exists();
        CliRun again = CliRun.of("music", "sample", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                "--n", "3", "--temperature", "0.5", "--seed", "3", "--out", dir.resolve("again").toString());
        assertThat(Files.readAllBytes(dir.resolve("again/sample_001.mid"))).isEqualTo(Files.readAllBytes(out.resolve("sample_001.mid")));
    }

    @Test
    void encodeRefusesAMidiFileClaimingHours() throws Exception {
        Path huge = dir.resolve("huge.mid");
        org.synvae.music.midi.MidiWriter.write(org.synvae.music.note.NoteSequence.of(List.of(
                org.synvae.music.note.Note.piano(60, 80, 0, 129_600)), 120), huge);
        CliRun r = CliRun.of("music", "encode", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                huge.toString(), "--mu-out", dir.resolve("huge-mu.npy").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(huge + ": claims 129600 s of music").contains("-Dsynvae.music.maxSeconds");
        assertThat(dir.resolve("huge-mu.npy")).doesNotExist();
    }

    @Test
    void decodeAndEncodeThroughNpyFiles() throws Exception {
        Path z = dir.resolve("z.npy");
        Npy.write(z, NpyArray.ofFloats(new float[] {0, 1, -1, 0.5f, 1, 1, 1, 1}, 2, 4));
        Path logits = dir.resolve("logits.npy");
        Path tokens = dir.resolve("tokens.npy");
        CliRun d = CliRun.of("music", "decode", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                "--z", z.toString(), "--out", dir.resolve("decoded").toString(), "--logits-out", logits.toString(), "--tokens-out", tokens.toString());
        assertThat(d.code()).as(d.err()).isZero();
        assertThat(Npy.read(logits).shape()).containsExactly(2, 32, 90);
        assertThat(Npy.read(tokens).shape()).containsExactly(2, 32);

        // Re-encode the decoded melodies from one-hot tokens.
        long[] t = Npy.read(tokens).toLongArray();
        float[] onehot = new float[2 * 32 * 90];
        for (int i = 0; i < t.length; i++) {
            onehot[i * 90 + (int) t[i]] = 1;
        }
        Path x = dir.resolve("x.npy");
        Npy.write(x, NpyArray.ofFloats(onehot, 2, 32, 90));
        Path mu = dir.resolve("mu.npy");
        CliRun e = CliRun.of("music", "encode", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                "--input", x.toString(), "--mu-out", mu.toString(), "--sigma-out", dir.resolve("sigma.npy").toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(Npy.read(mu).shape()).containsExactly(2, 4);
        float[] sigma = Npy.read(dir.resolve("sigma.npy")).toFloatArray();
        for (float s : sigma) {
            assertThat(s).isPositive();
        }
    }

    @Test
    void interpolatesBetweenTwoMidiFilesAndBetweenTwoLatents() throws Exception {
        org.synvae.music.melody.OneHotMelodyCodec codec = new org.synvae.music.melody.OneHotMelodyCodec();
        int[] a = new int[32];
        int[] b = new int[32];
        for (int t = 0; t < 32; t++) {
            a[t] = t % 4 == 0 ? 41 + (t / 4) : 0;
            b[t] = t % 8 == 0 ? 60 - (t / 8) : 0;
        }
        Path ma = dir.resolve("a.mid");
        Path mb = dir.resolve("b.mid");
        org.synvae.music.midi.MidiWriter.write(codec.toNoteSequence(codec.decodeIndices(a)), ma);
        org.synvae.music.midi.MidiWriter.write(codec.toNoteSequence(codec.decodeIndices(b)), mb);
        CliRun r = CliRun.of("music", "interpolate", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                ma.toString(), mb.toString(), "--steps", "4", "--out", dir.resolve("interp").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(4);
        assertThat(dir.resolve("interp/interpolation_003.mid")).exists();
        Path z = dir.resolve("z2.npy");
        Npy.write(z, NpyArray.ofFloats(new float[] {1, 0, 0, 0, 0, 1, 0, 0}, 2, 4));
        CliRun rz = CliRun.of("music", "interpolate", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                "--z", z.toString(), "--steps", "3", "--out", dir.resolve("interp-z").toString());
        assertThat(rz.code()).as(rz.err()).isZero();
        assertThat(CliRun.of("music", "interpolate", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                ma.toString(), "--out", dir.toString()).code()).isEqualTo(2);
    }

    @Test
    void aCheckpointOfAnotherConfigNamesTheVariableAndShapes() {
        CliRun r = CliRun.of("music", "sample", "--config", "cat-mel_2bar_small", "--checkpoint", checkpoint.toString(),
                "--out", dir.resolve("x").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("encoder/cell_0/bidirectional_rnn/fw").contains("[98, 32]").contains("[602, 2048]");
        CliRun missing = CliRun.of("music", "sample", "--config", config.toString(), "--checkpoint", dir.resolve("nope").toString(),
                "--out", dir.resolve("x").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope");
        CliRun wrongZ = CliRun.of("music", "decode", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                "--z", config.toString(), "--out", dir.resolve("x").toString());
        assertThat(wrongZ.code()).isEqualTo(2);
        assertThat(wrongZ.err()).contains("test.json");
    }
}
