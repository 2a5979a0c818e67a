package org.synvae.data.sets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.InvalidDataException;
import org.synvae.data.Split;
import org.synvae.data.io.Npy;
import org.synvae.data.io.NpyArray;

class LatentPairsTest {
    @TempDir
    Path tmp;

    @Test
    void loadsPairsOfDifferentDimensionsAndSubsets() throws IOException {
        Path vis = write("vis.npy", NpyArray.ofFloats(new float[] {0, 1, 2, 3, 4, 5}, 3, 2));
        Path aud = write("aud.npy", NpyArray.ofDoubles(new double[] {10, 11, 12, 20, 21, 22, 30, 31, 32}, 3, 3));

        LatentPairs pairs = LatentPairs.load(vis, aud);
        assertThat(pairs.count()).isEqualTo(3);
        assertThat(pairs.visualDim()).isEqualTo(2);
        assertThat(pairs.auditiveDim()).isEqualTo(3);
        assertThat(pairs.visual()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(pairs.auditiveRow(1)).containsExactly(20, 21, 22);
        assertThat(pairs.visualRow(2)).containsExactly(4, 5);

        LatentPairs sub = pairs.subset(new int[] {2, 0});
        assertThat(sub.count()).isEqualTo(2);
        assertThat(sub.visual()).containsExactly(4, 5, 0, 1);
        assertThat(sub.auditive()).containsExactly(30, 31, 32, 10, 11, 12);

        pairs.visual()[0] = 99; // copies: the pairs stay as they were
        assertThat(pairs.visualRow(0)).containsExactly(0, 1);
        assertThatThrownBy(() -> pairs.subset(new int[] {3})).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> pairs.visualRow(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        Path vis = write("vis.npy", NpyArray.ofFloats(new float[6], 3, 2));
        Path aud = write("aud.npy", NpyArray.ofFloats(new float[4], 2, 2));
        assertThatThrownBy(() -> LatentPairs.load(vis, aud))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(vis.toString()).hasMessageContaining(aud.toString())
                .hasMessageContaining("3").hasMessageContaining("2");
    }

    @Test
    void rejectsWrongShapesDtypesCountsAndValues() throws IOException {
        Path ok = write("ok.npy", NpyArray.ofFloats(new float[4], 2, 2));

        Path flat = write("flat.npy", NpyArray.ofFloats(new float[4], 4));
        assertThatThrownBy(() -> LatentPairs.load(flat, ok))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining(flat.toString()).hasMessageContaining("[N, D]");

        Path ints = write("ints.npy", NpyArray.ofInts(new int[4], 2, 2));
        assertThatThrownBy(() -> LatentPairs.load(ok, ints))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining(ints.toString()).hasMessageContaining("int32");

        Path one = write("one.npy", NpyArray.ofFloats(new float[2], 1, 2));
        assertThatThrownBy(() -> LatentPairs.load(one, one))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining(one.toString()).hasMessageContaining("at least 2");

        Path nan = write("nan.npy", NpyArray.ofFloats(new float[] {0, 0, Float.NaN, 0}, 2, 2));
        assertThatThrownBy(() -> LatentPairs.load(ok, nan))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining(nan.toString()).hasMessageContaining("row 1");

        Path missing = tmp.resolve("missing.npy");
        assertThatThrownBy(() -> LatentPairs.load(missing, ok))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void fortranOrderedArraysAreRejectedNamingTheFile() throws IOException {
        // "False" and "True " have the same length, so the header stays valid and aligned.
        String npy = new String(Npy.toBytes(NpyArray.ofFloats(new float[6], 3, 2)), StandardCharsets.ISO_8859_1);
        assertThat(npy).contains("'fortran_order': False");
        Path fortran = tmp.resolve("fortran.npy");
        Files.write(fortran, npy.replace("'fortran_order': False", "'fortran_order': True ").getBytes(StandardCharsets.ISO_8859_1));
        Path ok = write("ok.npy", NpyArray.ofFloats(new float[6], 3, 2));
        assertThatThrownBy(() -> LatentPairs.load(ok, fortran))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(fortran.toString()).hasMessageContaining("Fortran");
    }

    @Test
    void sharedSeedLatentsSplitIntoTrainAndValidation() {
        Path vis = TestFiles.shared("fixtures/seed-formats/vis_latents.npy");
        Path aud = TestFiles.shared("fixtures/seed-formats/aud_latents.npy");
        LatentPairs pairs = LatentPairs.load(vis, aud);
        assertThat(pairs.count()).isEqualTo(300);
        assertThat(pairs.visualDim()).isEqualTo(512);
        assertThat(pairs.auditiveDim()).isEqualTo(512);

        Split split = Split.ofFraction(pairs.count(), Split.DEFAULT_VALID_FRACTION, 7);
        LatentPairs train = pairs.subset(split.train());
        LatentPairs valid = pairs.subset(split.valid());
        assertThat(train.count()).isEqualTo(240);
        assertThat(valid.count()).isEqualTo(60);
        int first = split.valid()[0];
        assertThat(valid.visualRow(0)).containsExactly(pairs.visualRow(first));
        assertThat(valid.auditiveRow(0)).containsExactly(pairs.auditiveRow(first));
    }

    private Path write(String name, NpyArray array) throws IOException {
        Path file = tmp.resolve(name);
        Npy.write(file, array);
        return file;
    }
}
