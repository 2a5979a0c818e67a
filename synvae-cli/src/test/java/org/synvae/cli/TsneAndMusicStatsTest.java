package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;

/** tsne on random clustered latents; music-stats on MusicCommandsTest's small random MusicVAE. */
class TsneAndMusicStatsTest {
    @TempDir
    Path dir;

    @Test
    void tsneWritesPngCoordinatesAndIndices() throws Exception {
        int n = 40;
        float[] z = new float[n * 5];
        int[] labels = new int[n];
        float[] images = new float[n * 4 * 4];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int d = 0; d < 5; d++) {
                z[i * 5 + d] = (float) (labels[i] * 6 + r.nextGaussian());
            }
            images[i * 16 + labels[i]] = 1f;
        }
        Path zf = dir.resolve("z.npy");
        Path lf = dir.resolve("labels.npy");
        Path xf = dir.resolve("x.npy");
        Npy.write(zf, NpyArray.ofFloats(z, n, 5));
        Npy.write(lf, NpyArray.ofInts(labels, n));
        Npy.write(xf, NpyArray.ofFloats(images, n, 4, 4, 1));
        Path out = dir.resolve("tsne");
        CliRun run = CliRun.of("tsne", "--latents", zf.toString(), "--labels", lf.toString(), "--images", xf.toString(), "--out",
                out.toString(), "--perplexity", "8", "--iterations", "250", "--max-points", "30", "--highlight", "3,7",
                "--class-names", "even,odd", "--size", "300");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("t-SNE of 30 of 40 points");
        assertThat(Npy.read(out.resolve("tsne.npy")).shape()).containsExactly(30, 2);
        assertThat(Npy.read(out.resolve("tsne_indices.npy")).toIntArray()).contains(3, 7);
        assertThat(javax.imageio.ImageIO.read(out.resolve("tsne.png").toFile()).getWidth()).isEqualTo(300);
        CliRun again = CliRun.of("tsne", "--latents", zf.toString(), "--labels", lf.toString(), "--images", xf.toString(), "--out",
                dir.resolve("again").toString(), "--perplexity", "8", "--iterations", "250", "--max-points", "30", "--highlight", "3,7",
                "--class-names", "even,odd", "--size", "300");
        assertThat(Files.readAllBytes(dir.resolve("again/tsne.npy"))).isEqualTo(Files.readAllBytes(out.resolve("tsne.npy")));

        CliRun wrong = CliRun.of("tsne", "--latents", zf.toString(), "--labels", xf.toString(), "--out", out.toString());
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains("x.npy").contains("labels must be integer");
        CliRun perplexity = CliRun.of("tsne", "--latents", zf.toString(), "--labels", lf.toString(), "--out", out.toString(),
                "--perplexity", "50");
        assertThat(perplexity.code()).isEqualTo(2);
        assertThat(perplexity.err().lines()).hasSize(1);
    }

    @Test
    void musicStatsPerMagnitude() throws Exception {
        Path config = Files.writeString(dir.resolve("small.json"), MusicCommandsTest.SMALL.toJson());
        Path checkpoint = dir.resolve("model.ckpt-1");
        ListeningCommandsTest.writeRandomCheckpoint(checkpoint, 4);
        Path out = dir.resolve("stats");
        CliRun r = CliRun.of("music-stats", "--config", config.toString(), "--checkpoint", checkpoint.toString(), "--out", out.toString(),
                "--magnitudes", "4,0.5", "--n", "3", "--seed", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.trim().matches("^(0\\.50|4\\.00) .*"))).hasSize(2);
        assertThat(out.resolve("mag-0.50/sample_002.mid")).exists();
        assertThat(out.resolve("mag-4.00/sample_000.mid")).exists();
        assertThat(out.resolve("note_counts.png")).exists();
        assertThat(Files.readString(out.resolve("stats.json"))).contains("\"mean_notes\"").contains("\"note_count_histogram\"");
        CliRun bad = CliRun.of("music-stats", "--config", config.toString(), "--checkpoint", checkpoint.toString(), "--out", out.toString(),
                "--magnitudes", "1,x");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--magnitudes");
    }
}
