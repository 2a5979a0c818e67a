package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;
import org.synvae.eval.listening.TaskSet;
import org.synvae.models.train.Provenance;
import org.synvae.music.checkpoint.MagentaJsCheckpoint;
import org.synvae.music.checkpoint.MagentaJsCheckpointWriter;
import org.synvae.music.checkpoint.TfCheckpointWriter;
import org.synvae.music.midi.MidiWriter;
import org.synvae.music.note.Note;
import org.synvae.music.note.NoteSequence;

/**
 * The bad-input suite: every command that reads files, given each kind of bad file that applies to
 * it (missing, zero bytes, a directory for a file and a file for a directory, the first half of a
 * valid file, a file of another type, NaN numbers, a header claiming a huge size, an output target
 * that cannot be written). Each must end with exit code 2 and exactly one line on stderr that names
 * the path the user gave, with no exception name or stack frame in it, and must leave nothing in
 * its output directory (or file). The outcomes are written to {@code target/bad-input-table.md}.
 */
class BadInputSuiteTest {
    /** Where the table of outcomes goes (the module directory is surefire's working directory). */
    private static final Path TABLE = Path.of("target", "bad-input-table.md");
    private static final List<String> COLUMNS = List.of("missing", "zero-byte", "dir-for-file", "file-for-dir", "truncated",
            "wrong-type", "NaN", "huge-claim", "out-target");

    @TempDir
    static Path dir;
    static Path config;
    static Path checkpoint;
    static Path latents;
    static Path sequences;
    static byte[] png;
    static byte[] midi;
    static byte[] text = "this is some text, not data\n".getBytes(StandardCharsets.UTF_8);
    /** command -> case -> outcome, in the order run. */
    static final Map<String, Map<String, Outcome>> OUTCOMES = new LinkedHashMap<>();
    private static int caseCount;

    /** One bad invocation: the command line, the path it names, and what must stay unwritten. */
    record Case(String command, String kind, String[] args, Path named, Path out) {
        @Override
        public String toString() {
            return command + " / " + kind;
        }
    }

    /** What a case gave: its exit code and first stderr line. */
    record Outcome(int code, String firstLine) {
    }

    @BeforeAll
    static void writeValidInputs() throws Exception {
        config = Files.writeString(dir.resolve("test.json"), MusicCommandsTest.SMALL.toJson());
        checkpoint = MusicCommandsTest.writeCheckpoint(dir.resolve("model.ckpt-7"), MusicCommandsTest.SMALL, 1);
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        SplittableRandom r = new SplittableRandom(3);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        png = bytes.toByteArray();
        midi = midiBytes(tune(4, 0.125));
        latents = dir.resolve("z.npy");
        Npy.write(latents, NpyArray.ofFloats(new float[] {0, 1, -1, 0.5f, 1, 1, 1, 1}, 2, 4));
        sequences = dir.resolve("x.npy");
        Npy.write(sequences, oneHots(2));
    }

    @AfterAll
    static void writeTable() throws IOException {
        StringBuilder md = new StringBuilder("# Bad input: exit code per command and case\n\n")
                .append("Written by BadInputSuiteTest (synvae-cli). Every case must exit 2 with one stderr line naming the path given; ")
                .append("'-' means the case does not apply.\n\n| command (input) | ").append(String.join(" | ", COLUMNS)).append(" |\n|")
                .append(" --- |".repeat(COLUMNS.size() + 1)).append('\n');
        OUTCOMES.forEach((command, byCase) -> {
            md.append("| ").append(command).append(" |");
            for (String column : COLUMNS) {
                Outcome o = byCase.get(column);
                md.append(' ').append(o == null ? "-" : Integer.toString(o.code())).append(" |");
            }
            md.append('\n');
        });
        md.append("\n## First stderr line of each case\n\n| command (input) | case | exit | stderr |\n| --- | --- | --- | --- |\n");
        OUTCOMES.forEach((command, byCase) -> byCase.forEach((kind, o) -> md.append("| ").append(command).append(" | ").append(kind)
                .append(" | ").append(o.code()).append(" | `").append(o.firstLine().replace(dir.toString(), "$TMP").replace("|", "\\|"))
                .append("` |\n")));
        Files.createDirectories(TABLE.getParent());
        Files.writeString(TABLE, md);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedInOneLineNamingThePathAndWritingNothing(Case c) throws IOException {
        CliRun r = CliRun.of(c.args());
        List<String> lines = r.err().lines().toList();
        OUTCOMES.computeIfAbsent(c.command(), k -> new LinkedHashMap<>())
                .put(c.kind(), new Outcome(r.code(), lines.isEmpty() ? "" : lines.get(0)));
        assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(2);
        assertThat(lines).as("stderr").hasSize(1);
        assertThat(lines.get(0)).contains(c.named().toString()).doesNotContain("Exception").doesNotContain("at org.");
        assertThat(r.out()).as("stdout").isEmpty();
        if (c.out() != null) {
            if (Files.isDirectory(c.out())) {
                try (Stream<Path> s = Files.list(c.out())) {
                    assertThat(s).as("files written to " + c.out()).isEmpty();
                }
            } else if (Files.isRegularFile(c.out())) {
                assertThat(Files.readString(c.out())).as("an existing output file is left as it was").isEqualTo("keep");
            } else {
                assertThat(c.out()).doesNotExist();
            }
        }
    }

    // ---- the cases -------------------------------------------------------------------------

    static Stream<Case> cases() throws Exception {
        List<Case> all = new ArrayList<>();
        String cfg = config.toString();
        String ckpt = checkpoint.toString();
        // Positional image and MIDI files.
        all.addAll(files("translate", ".png", png, text, null, hugePng(), (in, out) -> args("translate", in, "--out", out)));
        all.add(outFile("translate", out -> args("translate", write(".png", png), "--out", out)));
        all.addAll(files("music render", ".mid", midi, png, null, hugeMidi(),
                (in, out) -> args("music", "render", in, "--out", out, "--no-wav")));
        all.add(outFile("music render", out -> args("music", "render", write(".mid", midi), "--out", out, "--no-wav")));
        all.addAll(files("music encode (MIDI)", ".mid", midi, png, null, hugeMidi(),
                (in, out) -> args("music", "encode", "--config", cfg, "--checkpoint", ckpt, in, "--mu-out", out.resolve("mu.npy"))));
        all.add(outDirectory("music encode (MIDI)",
                out -> args("music", "encode", "--config", cfg, "--checkpoint", ckpt, write(".mid", midi), "--mu-out", out)));
        // .npy inputs.
        byte[] x = Files.readAllBytes(sequences);
        all.addAll(files("music encode (--input)", ".npy", x, text, Npy.toBytes(nanOneHots()), hugeNpy("(1000000, 32, 90)"),
                (in, out) -> args("music", "encode", "--config", cfg, "--checkpoint", ckpt, "--input", in, "--mu-out", out.resolve("mu.npy"))));
        byte[] z = Files.readAllBytes(latents);
        byte[] nanZ = Npy.toBytes(NpyArray.ofFloats(new float[] {0, 1, Float.NaN, 0, 1, 1, 1, 1}, 2, 4));
        all.addAll(files("music decode (--z)", ".npy", z, text, nanZ, hugeNpy("(100000000, 4)"),
                (in, out) -> args("music", "decode", "--config", cfg, "--checkpoint", ckpt, "--z", in, "--out", out)));
        all.add(outFile("music decode (--z)", out -> args("music", "decode", "--config", cfg, "--checkpoint", ckpt, "--z", latents, "--out", out)));
        // Checkpoints: a TensorFlow prefix and a magenta.js directory.
        List<Function<Path, Object[]>> withCheckpoint = List.of(
                p -> args("music", "sample", "--config", cfg, "--checkpoint", p, "--n", "1", "--out", p.resolveSibling("out")),
                p -> args("music", "decode", "--config", cfg, "--checkpoint", p, "--z", latents, "--out", p.resolveSibling("out")),
                p -> args("music", "encode", "--config", cfg, "--checkpoint", p, "--input", sequences, "--mu-out",
                        p.resolveSibling("out").resolve("mu.npy")),
                p -> args("music", "inspect-checkpoint", p));
        List<String> names = List.of("music sample", "music decode", "music encode", "music inspect-checkpoint");
        for (int i = 0; i < names.size(); i++) {
            all.addAll(tfCheckpoints(names.get(i) + " (--checkpoint)", withCheckpoint.get(i), i < 3));
        }
        all.addAll(magentaJs("music sample (magenta.js)", withCheckpoint.get(0), true));
        all.addAll(magentaJs("music inspect-checkpoint (magenta.js)", withCheckpoint.get(3), false));
        // t-SNE and MINE latents.
        byte[] labels = Npy.toBytes(NpyArray.ofInts(new int[] {0, 1, 0, 1, 0, 1}, 6));
        Path sixLabels = write(".npy", labels);
        String[] tsneOptions = {"--perplexity", "2", "--iterations", "10"};
        all.addAll(files("tsne (--latents)", ".npy", Npy.toBytes(randomLatents(6, 4, 0, -1)), text,
                Npy.toBytes(randomLatents(6, 4, Float.NaN, 9)), hugeNpy("(100000000, 4)"),
                (in, out) -> concat(args("tsne", "--latents", in, "--labels", sixLabels, "--out", out), tsneOptions)));
        Path goodLatents = write(".npy", Npy.toBytes(randomLatents(6, 4, 0, -1)));
        all.addAll(files("tsne (--labels)", ".npy", labels, text, Npy.toBytes(randomLatents(6, 1, Float.NaN, 2)), hugeNpy("(100000000,)"),
                (in, out) -> concat(args("tsne", "--latents", goodLatents, "--labels", in, "--out", out), tsneOptions)));
        all.add(outFile("tsne (--latents)", out -> concat(args("tsne", "--latents", goodLatents, "--labels", sixLabels, "--out", out),
                tsneOptions)));
        byte[] pairs = Npy.toBytes(randomLatents(8, 3, 0, -1));
        byte[] nanPairs = Npy.toBytes(randomLatents(8, 3, Float.NaN, 13));
        Path goodPairs = write(".npy", pairs);
        all.addAll(files("mine-train (--x)", ".npy", pairs, text, nanPairs, hugeNpy("(100000000, 3)"),
                (in, out) -> args("mine-train", "--x", in, "--y", goodPairs, "--exp", out, "--epochs", "1", "--no-progress")));
        all.addAll(files("mine-train (--y)", ".npy", pairs, text, nanPairs, hugeNpy("(100000000, 3)"),
                (in, out) -> args("mine-train", "--x", goodPairs, "--y", in, "--exp", out, "--epochs", "1", "--no-progress")));
        all.add(outFile("mine-train (--x)", out -> args("mine-train", "--x", goodPairs, "--y", goodPairs, "--exp", out, "--epochs", "1",
                "--no-progress")));
        // Listening tests.
        Path tasksDir = Files.createDirectories(dir.resolve("tasks"));
        new TaskSet("t", "c", "data", "results", List.of("a", "b", "c"), List.of(0, 1, 2),
                List.of(new TaskSet.Task(0, List.of(0, 1, 2)), new TaskSet.Task(2, List.of(0, 1, 2))), 1L).write(tasksDir.resolve("eval.json"));
        byte[] tasks = Files.readAllBytes(tasksDir.resolve("eval.json"));
        all.addAll(files("listen-report (--tasks)", ".json", tasks, png, null, null,
                (in, out) -> args("listen-report", "--tasks", in, "--json", out.resolve("report.json"))));
        all.add(outDirectory("listen-report (--tasks)", out -> args("listen-report", "--tasks", write(".json", tasks), "--json", out)));
        all.addAll(files("machine-listen (--tasks)", ".json", tasks, png, null, null,
                (in, out) -> args("machine-listen", "--tasks", in, "--config", cfg, "--checkpoint", ckpt, "--json", out.resolve("report.json"))));
        all.add(outDirectory("machine-listen (--tasks)",
                out -> args("machine-listen", "--tasks", write(".json", tasks), "--config", cfg, "--checkpoint", ckpt, "--json", out)));
        // Experiment directories.
        all.addAll(experiments("vis-eval (--exp)", VisTrainCommand.NAME, SynTrainCommand.NAME,
                (exp, out) -> args("vis-eval", "--exp", exp, "--out", out)));
        all.addAll(experiments("syn-eval (--exp)", SynTrainCommand.NAME, VisTrainCommand.NAME,
                (exp, out) -> args("syn-eval", "--exp", exp, "--out", out)));
        all.addAll(experiments("cls-eval (--exp)", ClsTrainCommand.NAME, VisTrainCommand.NAME,
                (exp, out) -> args("cls-eval", "--exp", exp, "--out", out)));
        all.addAll(experiments("music eval (--exp)", MusicTrainCommand.NAME, VisTrainCommand.NAME,
                (exp, out) -> args("music", "eval", "--exp", exp, "--out", out)));
        // report DIR.
        Path missing = caseDir().resolve("absent");
        all.add(new Case("report DIR", "missing", args("report", missing, "--out", missing.resolveSibling("report.html")), missing,
                missing.resolveSibling("report.html")));
        Path notDir = write("", text);
        all.add(new Case("report DIR", "file-for-dir", args("report", notDir, "--out", notDir.resolveSibling("report.html")), notDir,
                notDir.resolveSibling("report.html")));
        Path pageDir = Files.createDirectories(caseDir().resolve("page"));
        all.add(new Case("report DIR", "out-target", args("report", Files.createDirectories(caseDir()), "--out", pageDir), pageDir, pageDir));
        return all.stream();
    }

    /** A command line; paths become strings. */
    private static String[] args(Object... parts) {
        return Arrays.stream(parts).map(String::valueOf).toArray(String[]::new);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** A command line for an input file and an output path (which must stay unwritten). */
    private interface Line {
        String[] of(Path in, Path out) throws Exception;
    }

    /** A command line for an output path. */
    private interface OutLine {
        String[] of(Path out) throws Exception;
    }

    /** A fresh directory for one case. */
    private static Path caseDir() throws IOException {
        return Files.createDirectories(dir.resolve("case" + (caseCount++)));
    }

    /** {@code content} in a new file {@code input<ext>} of a fresh case directory. */
    private static Path write(String ext, byte[] content) throws IOException {
        return Files.write(caseDir().resolve("input" + ext), content);
    }

    /**
     * The cases of one input file: missing, zero-byte, a directory, the first half of {@code valid},
     * {@code wrongType}, and, where given, {@code nan} and {@code huge} content.
     */
    private static List<Case> files(String command, String ext, byte[] valid, byte[] wrongType, byte[] nan, byte[] huge, Line line)
            throws Exception {
        List<Case> cases = new ArrayList<>();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        contents.put("missing", null);
        contents.put("zero-byte", new byte[0]);
        contents.put("dir-for-file", null);
        contents.put("truncated", Arrays.copyOf(valid, valid.length / 2));
        contents.put("wrong-type", wrongType);
        if (nan != null) {
            contents.put("NaN", nan);
        }
        if (huge != null) {
            contents.put("huge-claim", huge);
        }
        for (Map.Entry<String, byte[]> e : contents.entrySet()) {
            Path caseDir = caseDir();
            Path in = caseDir.resolve("input" + ext);
            if (e.getKey().equals("dir-for-file")) {
                Files.createDirectories(in);
            } else if (e.getValue() != null) {
                Files.write(in, e.getValue());
            }
            Path out = caseDir.resolve("out");
            cases.add(new Case(command, e.getKey(), line.of(in, out), in, out));
        }
        return cases;
    }

    /** An output directory that is an existing file, with otherwise valid input. */
    private static Case outFile(String command, OutLine line) throws Exception {
        Path out = Files.writeString(caseDir().resolve("out"), "keep");
        return new Case(command, "out-target", line.of(out), out, out);
    }

    /** An output file that is an existing directory, with otherwise valid input. */
    private static Case outDirectory(String command, OutLine line) throws Exception {
        Path out = Files.createDirectories(caseDir().resolve("out"));
        return new Case(command, "out-target", line.of(out), out, out);
    }

    /** The cases of a TensorFlow checkpoint prefix; {@code nan} where the command loads the weights. */
    private static List<Case> tfCheckpoints(String command, Function<Path, Object[]> line, boolean nan) throws Exception {
        List<Case> cases = new ArrayList<>();
        byte[] index = Files.readAllBytes(Path.of(checkpoint + ".index"));
        byte[] data = Files.readAllBytes(Path.of(checkpoint + ".data-00000-of-00001"));
        Map<String, byte[][]> variants = new LinkedHashMap<>();
        variants.put("missing", null);
        variants.put("zero-byte", new byte[][] {new byte[0], data});
        variants.put("dir-for-file", null);
        variants.put("truncated", new byte[][] {Arrays.copyOf(index, index.length / 2), data});
        variants.put("wrong-type", new byte[][] {png, data});
        for (Map.Entry<String, byte[][]> v : variants.entrySet()) {
            Path prefix = caseDir().resolve("model.ckpt-7");
            if (v.getKey().equals("dir-for-file")) {
                Files.createDirectories(prefix);
            } else if (v.getValue() != null) {
                Files.write(Path.of(prefix + ".index"), v.getValue()[0]);
                Files.write(Path.of(prefix + ".data-00000-of-00001"), v.getValue()[1]);
            }
            cases.add(checkpointCase(command, v.getKey(), prefix, line));
        }
        // The data file cut in half is "truncated" too; it gets its own row.
        Path cut = caseDir().resolve("model.ckpt-7");
        Files.write(Path.of(cut + ".index"), index);
        Files.write(Path.of(cut + ".data-00000-of-00001"), Arrays.copyOf(data, data.length / 2));
        cases.add(checkpointCase(command.replace("(--checkpoint)", "(--checkpoint .data)"), "truncated", cut, line));
        if (nan) {
            Path poisoned = caseDir().resolve("model.ckpt-7");
            TfCheckpointWriter.write(poisoned, weights(true));
            cases.add(checkpointCase(command, "NaN", poisoned, line));
        }
        return cases;
    }

    private static Case checkpointCase(String command, String kind, Path prefix, Function<Path, Object[]> line) {
        Object[] parts = line.apply(prefix);
        boolean inspect = command.startsWith("music inspect-checkpoint");
        return new Case(command, kind, args(parts), prefix, inspect ? null : prefix.resolveSibling("out"));
    }

    /** The cases of a magenta.js checkpoint directory. */
    private static List<Case> magentaJs(String command, Function<Path, Object[]> line, boolean nan) throws Exception {
        List<Case> cases = new ArrayList<>();
        Path valid = dir.resolve("magentajs");
        if (!Files.exists(valid)) {
            MagentaJsCheckpointWriter.write(valid, weights(false), MagentaJsCheckpointWriter.melodyConfig(32, 21, 108));
        }
        byte[] manifest = Files.readAllBytes(valid.resolve(MagentaJsCheckpoint.MANIFEST));
        byte[] shard = Files.readAllBytes(valid.resolve("group1-shard1of1"));
        Map<String, byte[][]> variants = new LinkedHashMap<>();
        variants.put("zero-byte", new byte[][] {new byte[0], shard});
        variants.put("truncated", new byte[][] {Arrays.copyOf(manifest, manifest.length / 2), shard});
        variants.put("wrong-type", new byte[][] {png, shard});
        for (Map.Entry<String, byte[][]> v : variants.entrySet()) {
            Path mjs = Files.createDirectories(caseDir().resolve("mjs"));
            Files.write(mjs.resolve(MagentaJsCheckpoint.MANIFEST), v.getValue()[0]);
            Files.write(mjs.resolve("group1-shard1of1"), v.getValue()[1]);
            cases.add(checkpointCase(command, v.getKey(), mjs, line));
        }
        Path cut = Files.createDirectories(caseDir().resolve("mjs"));
        Files.write(cut.resolve(MagentaJsCheckpoint.MANIFEST), manifest);
        Files.write(cut.resolve("group1-shard1of1"), Arrays.copyOf(shard, shard.length / 2));
        cases.add(checkpointCase(command.replace("(magenta.js)", "(magenta.js shard)"), "truncated", cut, line));
        if (nan) {
            Path poisoned = caseDir().resolve("mjs");
            MagentaJsCheckpointWriter.write(poisoned, weights(true), MagentaJsCheckpointWriter.melodyConfig(32, 21, 108));
            cases.add(checkpointCase(command, "NaN", poisoned, line));
        }
        return cases;
    }

    /**
     * The cases of an experiment directory made by {@code owner}: missing, a file, no provenance,
     * an empty, cut or directory provenance.json, another command's experiment, and an --out that
     * is a file.
     */
    private static List<Case> experiments(String command, String owner, String other, Line line) throws Exception {
        List<Case> cases = new ArrayList<>();
        Path template = Files.createDirectories(caseDir().resolve("template"));
        provenance(owner).write(template);
        byte[] valid = Files.readAllBytes(template.resolve(Provenance.FILE));
        Path missing = caseDir().resolve("exp");
        cases.add(new Case(command, "missing", line.of(missing, missing.resolveSibling("out")), missing, missing.resolveSibling("out")));
        Path file = Files.write(caseDir().resolve("exp"), text);
        cases.add(new Case(command, "file-for-dir", line.of(file, file.resolveSibling("out")), file, file.resolveSibling("out")));
        Map<String, byte[]> variants = new LinkedHashMap<>();
        variants.put("zero-byte", new byte[0]);
        variants.put("dir-for-file", null);
        variants.put("truncated", Arrays.copyOf(valid, valid.length / 2));
        variants.put("wrong-type", null);
        for (Map.Entry<String, byte[]> v : variants.entrySet()) {
            Path exp = Files.createDirectories(caseDir().resolve("exp"));
            switch (v.getKey()) {
                case "dir-for-file" -> Files.createDirectories(exp.resolve(Provenance.FILE));
                case "wrong-type" -> provenance(other).write(exp);
                default -> Files.write(exp.resolve(Provenance.FILE), v.getValue());
            }
            cases.add(new Case(command, v.getKey(), line.of(exp, exp.resolveSibling("out")), exp, exp.resolveSibling("out")));
        }
        Path exp = Files.createDirectories(caseDir().resolve("exp"));
        provenance(owner).write(exp);
        Path out = Files.writeString(exp.resolveSibling("out"), "keep");
        cases.add(new Case(command, "out-target", line.of(exp, out), out, out));
        return cases;
    }

    private static Provenance provenance(String command) {
        return new Provenance(command, Map.of("config", config.toString(), "task", "mnist"), 1, Map.of(), Map.of(), "test",
                "2024-01-01T00:00:00Z");
    }

    // ---- valid and bad content -------------------------------------------------------------

    /** {@code bars} bars of 4/4 with a note every quarter; a sixteenth lasts {@code step} seconds. */
    private static NoteSequence tune(int bars, double step) {
        List<Note> notes = new ArrayList<>();
        for (int s = 0; s < bars * 16; s += 4) {
            notes.add(Note.piano(60 + s % 12, 90, s * step, (s + 2) * step));
        }
        return NoteSequence.of(notes, 120);
    }

    private static byte[] midiBytes(NoteSequence seq) throws IOException {
        Path tmp = Files.createTempFile(dir, "tune", ".mid");
        MidiWriter.write(seq, tmp);
        byte[] bytes = Files.readAllBytes(tmp);
        Files.delete(tmp);
        return bytes;
    }

    /** A MIDI file of one note that lasts 36 hours. */
    private static byte[] hugeMidi() throws IOException {
        return midiBytes(NoteSequence.of(List.of(Note.piano(60, 80, 0, 129_600)), 120));
    }

    /** A .npy header claiming {@code shape} of float32, followed by a few bytes. */
    private static byte[] hugeNpy(String shape) {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        header += " ".repeat(63 - (10 + header.length()) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    /** A PNG whose header claims 20000 x 20000 pixels, with almost no pixel data. */
    private static byte[] hugePng() {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(20_000).putInt(20_000).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** One-hot melody windows [n, 32, 90]. */
    private static NpyArray oneHots(int n) {
        float[] x = new float[n * 32 * 90];
        for (int i = 0; i < n * 32; i++) {
            x[i * 90 + 2 + i % 40] = 1;
        }
        return NpyArray.ofFloats(x, n, 32, 90);
    }

    private static NpyArray nanOneHots() {
        float[] x = oneHots(2).toFloatArray();
        x[32 * 90 + 7] = Float.NaN;
        return NpyArray.ofFloats(x, 2, 32, 90);
    }

    /** Seeded Gaussian latents [rows, dims], with {@code poison} at flat index {@code at} (none when negative). */
    private static NpyArray randomLatents(int rows, int dims, float poison, int at) {
        SplittableRandom r = new SplittableRandom(rows * 31L + dims);
        float[] v = new float[rows * dims];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        if (at >= 0) {
            v[at % v.length] = poison;
        }
        return dims == 1 ? NpyArray.ofFloats(v, rows) : NpyArray.ofFloats(v, rows, dims);
    }

    /** Random weights of the small config; one NaN in the decoder's output bias when {@code poisoned}. */
    private static Map<String, NpyArray> weights(boolean poisoned) {
        Map<String, NpyArray> tensors = MusicCommandsTest.randomWeights(MusicCommandsTest.SMALL, 1);
        if (poisoned) {
            tensors.replaceAll((name, t) -> {
                if (!name.endsWith("output_projection/bias")) {
                    return t;
                }
                float[] v = t.toFloatArray();
                v[3] = Float.NaN;
                return NpyArray.ofFloats(v, t.shape());
            });
        }
        return tensors;
    }
}
