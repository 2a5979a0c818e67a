package org.synvae.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.data.InvalidDataException;

class NpzTest {

    @Test
    void roundTripsNamedArraysAsStoredNpyEntries(@TempDir Path dir) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("vis_enc/conv0/W", NpyArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3));
        arrays.put("adam/step", NpyArray.ofLongs(new long[] {7}));
        Path file = dir.resolve("c.npz");
        Npz.write(file, arrays);
        assertThat(Npz.read(file)).isEqualTo(arrays);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            // As np.savez writes them: uncompressed entries "<name>.npy".
            assertThat(zip.getEntry("vis_enc/conv0/W.npy").getMethod()).isEqualTo(java.util.zip.ZipEntry.STORED);
        }
        try (var s = Files.list(dir)) {
            assertThat(s.count()).as("no temporary file left").isEqualTo(1);
        }
    }

    @Test
    void truncatedArchivesFailNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.npz");
        Npz.write(file, Map.of("a", NpyArray.ofFloats(new float[100], 100)));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> Npz.read(file)).isInstanceOf(InvalidDataException.class).hasMessageContaining(file.toString());
        assertThatThrownBy(() -> Npz.read(dir.resolve("missing.npz"))).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("missing.npz");
    }
}
