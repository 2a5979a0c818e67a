package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;

/** Bad option values and inputs are usage or input errors (exit 2, one line), never failures (exit 1). */
class BadArgumentsTest {
    @TempDir
    static Path dir;
    static Path config;
    static Path checkpoint;

    @BeforeAll
    static void writeModel() throws Exception {
        config = Files.writeString(dir.resolve("test.json"), MusicCommandsTest.SMALL.toJson());
        checkpoint = MusicCommandsTest.writeCheckpoint(dir.resolve("model.ckpt-7"), MusicCommandsTest.SMALL, 1);
    }

    private static void assertUsage(CliRun r, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains(message);
    }

    private static CliRun visTrain(String... extra) {
        String[] base = {"vis-train", "--task", "mnist", "--data", dir.resolve("no-data").toString(), "--exp", dir.resolve("exp").toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void trainingOptionsOutOfRange() {
        assertUsage(visTrain("--beta", "-1"), "--beta must be >= 0, got -1.0");
        assertUsage(visTrain("--valid-fraction", "2"), "--valid-fraction must be between 0 and 1 (exclusive), got 2.0");
        assertUsage(visTrain("--valid-fraction", "0"), "--valid-fraction must be between 0 and 1");
        assertUsage(visTrain("--max-images", "1"), "--max-images must be at least 2 (one image trains, one validates), got 1");
        assertUsage(visTrain("--max-images", "-5"), "--max-images must be at least 2");
        assertThat(dir.resolve("exp")).doesNotExist();
    }

    @Test
    void evaluationMaxImagesMustBePositive() throws Exception {
        Options options = new Options();
        options.addOption(Option.builder().longOpt("max-images").hasArg().build());
        CommandLine negative = new org.apache.commons.cli.DefaultParser().parse(options, new String[] {"--max-images", "-1"});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ImageCommandOptions.maxImages(new Args(negative), 1))
                .isInstanceOf(UsageException.class).hasMessage("--max-images must be at least 1, got -1");
        CommandLine absent = new org.apache.commons.cli.DefaultParser().parse(options, new String[0]);
        assertThat(ImageCommandOptions.maxImages(new Args(absent), 1)).isZero();
    }

    @Test
    void aMidiProgramOutside0To127() {
        assertUsage(CliRun.of("translate", "../docs/examples/apple.jpg", "--program", "500", "--out", dir.resolve("t").toString()),
                "--program must be a General MIDI program 0..127, got 500");
        assertUsage(CliRun.of("music", "sample", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                "--program", "-1", "--out", dir.resolve("s").toString()), "--program must be a General MIDI program 0..127, got -1");
    }

    @Test
    void anAbsurdSampleCount() {
        CliRun r = CliRun.of("music", "sample", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                "--n", "100000000", "--out", dir.resolve("many").toString());
        assertUsage(r, "--n must be at most 100000 (one MIDI file each), got 100000000");
        assertThat(r.err()).doesNotContain("-169803776");
    }

    @Test
    void latentsWithoutRows() throws Exception {
        Path empty = dir.resolve("empty.npy");
        Npy.write(empty, NpyArray.ofFloats(new float[0], 0, 4));
        CliRun r = CliRun.of("music", "decode", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                "--z", empty.toString(), "--out", dir.resolve("none").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("synvae music decode: " + empty + ": no latents (0 rows)");
        Path noSequences = dir.resolve("no-sequences.npy");
        Npy.write(noSequences, NpyArray.ofFloats(new float[0], 0, 32, 90));
        CliRun e = CliRun.of("music", "encode", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                "--input", noSequences.toString(), "--mu-out", dir.resolve("mu0.npy").toString());
        assertThat(e.code()).isEqualTo(2);
        assertThat(e.err().strip()).isEqualTo("synvae music encode: " + noSequences + ": no sequences (0 rows)");
    }

    @Test
    void nonFiniteLatentsAndSequencesNameTheFirstBadValue() throws Exception {
        Path z = dir.resolve("nan-z.npy");
        float[] values = new float[8];
        java.util.Arrays.fill(values, Float.NaN);
        Npy.write(z, NpyArray.ofFloats(values, 2, 4));
        CliRun d = CliRun.of("music", "decode", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                "--z", z.toString(), "--out", dir.resolve("nan").toString());
        assertThat(d.code()).isEqualTo(2);
        assertThat(d.err().strip()).isEqualTo("synvae music decode: " + z + ": non-finite value NaN at row 0, column 0 (values must be finite numbers)");
        assertThat(dir.resolve("nan")).doesNotExist();

        Path x = dir.resolve("inf-x.npy");
        float[] seq = new float[2 * 32 * 90];
        seq[32 * 90 + 5 * 90 + 7] = Float.POSITIVE_INFINITY;
        Npy.write(x, NpyArray.ofFloats(seq, 2, 32, 90));
        Path mu = dir.resolve("inf-mu.npy");
        CliRun e = CliRun.of("music", "encode", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                "--input", x.toString(), "--mu-out", mu.toString());
        assertThat(e.code()).isEqualTo(2);
        assertThat(e.err().strip()).isEqualTo("synvae music encode: " + x + ": non-finite value Infinity at row 1, step 5, class 7 (values must be finite numbers)");
        assertThat(mu).doesNotExist();
    }

    @Test
    void outOfMemoryAdviceNamesOnlyOptionsTheCommandHas() {
        assertThat(oom(new Options())).contains("out of memory; raise SYNVAE_JAVA_OPTS (-Xmx)").doesNotContain("--batch-size");
        Options n = new Options();
        n.addOption(Option.builder().longOpt("n").hasArg().build());
        assertThat(oom(n)).contains("try a smaller --n").doesNotContain("--batch-size");
        Options batch = new Options();
        batch.addOption(Option.builder().longOpt("batch-size").hasArg().build());
        assertThat(oom(batch)).contains("try a smaller --batch-size");
        assertThat(Main.memoryAdvice(new MusicSampleCommand())).contains("--n").doesNotContain("--batch-size");
        assertThat(Main.memoryAdvice(new TranslateCommand())).doesNotContain("--batch-size");
    }

    /** stderr of a command with {@code options} that runs out of memory. */
    private static String oom(Options options) {
        Command command = new Command() {
            @Override
            public String name() {
                return "hungry";
            }

            @Override
            public String summary() {
                return "runs out of memory";
            }

            @Override
            public String usage() {
                return "";
            }

            @Override
            public Options options() {
                Options copy = new Options();
                options.getOptions().forEach(copy::addOption);
                return copy;
            }

            @Override
            public int run(CommandLine cmd, PrintStream out) {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = new Main(List.of(command)).run(new String[] {"hungry"}, new PrintStream(new java.io.ByteArrayOutputStream()),
                new PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        return err.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
