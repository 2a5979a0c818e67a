package org.synvae.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.synvae.data.InvalidDataException;

class NpyTest {
    @TempDir
    Path tmp;

    @Test
    void readsNumpyWrittenArrays() throws IOException {
        NpyArray m = Npy.read(Fixtures.format("matrix_f4.npy"));
        assertThat(m.dtype()).isEqualTo(NpyDType.FLOAT32);
        assertThat(m.shape()).containsExactly(3, 4);
        assertThat(m.toFloatArray()).containsExactly(0f, .25f, .5f, .75f, 1f, 1.25f, 1.5f, 1.75f, 2f, 2.25f, 2.5f, 2.75f);

        NpyArray labels = Npy.read(Fixtures.format("labels_f8.npy"));
        assertThat(labels.dtype()).isEqualTo(NpyDType.FLOAT64);
        assertThat(labels.shape()).containsExactly(5);
        assertThat(labels.toIntArray()).containsExactly(0, 1, 2, 3, 9);

        NpyArray images = Npy.read(Fixtures.format("images_u1.npy"));
        assertThat(images.dtype()).isEqualTo(NpyDType.UINT8);
        assertThat(images.shape()).containsExactly(5, 4, 3);
        assertThat(images.getInt(59)).isEqualTo(236);

        assertThat(Npy.read(Fixtures.format("vector_i8.npy")).toLongArray())
                .containsExactly(-5, 0, 5, 1L << 40, -(1L << 40));
        assertThat(Npy.read(Fixtures.format("bool.npy")).toIntArray()).containsExactly(1, 0, 0, 1);
        assertThat(Npy.read(Fixtures.format("int8.npy")).toIntArray()).containsExactly(-128, -1, 0, 127);
        assertThat(Npy.read(Fixtures.format("int16.npy")).toIntArray()).containsExactly(-32768, 1, 32767);
        assertThat(Npy.read(Fixtures.format("uint16.npy")).toIntArray()).containsExactly(0, 1, 65535);
        assertThat(Npy.read(Fixtures.format("int32.npy")).toIntArray())
                .containsExactly(Integer.MIN_VALUE, 0, Integer.MAX_VALUE);
        assertThat(Npy.read(Fixtures.format("float16.npy")).toFloatArray())
                .containsExactly(0.5f, -2f, 65504f, 0x1p-14f);
        NpyArray scalar = Npy.read(Fixtures.format("scalar_f8.npy"));
        assertThat(scalar.shape()).isEmpty();
        assertThat(scalar.toDoubleArray()).containsExactly(2.5);
        NpyArray empty = Npy.read(Fixtures.format("empty_f4.npy"));
        assertThat(empty.shape()).containsExactly(0, 3);
        assertThat(empty.size()).isZero();
    }

    @Test
    void readsBigEndian() throws IOException {
        NpyArray f = Npy.read(Fixtures.format("big_endian_f4.npy"));
        assertThat(f.dtype()).isEqualTo(NpyDType.FLOAT32);
        assertThat(f.toFloatArray()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(Npy.read(Fixtures.format("big_endian_i4.npy")).toIntArray()).containsExactly(-1, 2, 70000);
    }

    @Test
    void readsVersion2And3Headers() throws IOException {
        for (String name : new String[] {"v2_f4.npy", "v3_f4.npy"}) {
            NpyArray a = Npy.read(Fixtures.format(name));
            assertThat(a.shape()).containsExactly(2, 3);
            assertThat(a.toFloatArray()).containsExactly(0, 1, 2, 3, 4, 5);
        }
    }

    /** What we write must be byte for byte what numpy.save wrote for the same array. */
    @ParameterizedTest
    @ValueSource(strings = {"matrix_f4.npy", "labels_f8.npy", "images_u1.npy", "vector_i8.npy", "bool.npy",
        "int8.npy", "int16.npy", "uint16.npy", "int32.npy", "float16.npy", "scalar_f8.npy", "empty_f4.npy"})
    void writesExactlyWhatNumpyWrites(String name) throws IOException {
        Path fixture = Fixtures.format(name);
        NpyArray a = Npy.read(fixture);
        Path out = tmp.resolve(name);
        Npy.write(out, a);
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(fixture));
        assertThat(Npy.toBytes(a)).isEqualTo(Files.readAllBytes(fixture));
    }

    @Test
    void bigEndianInputIsWrittenLittleEndian() throws IOException {
        NpyArray a = Npy.read(Fixtures.format("big_endian_f4.npy"));
        byte[] bytes = Npy.toBytes(a);
        assertThat(new String(bytes, 10, 20, StandardCharsets.ISO_8859_1)).contains("'<f4'");
        assertThat(Npy.parse(bytes, Path.of("x.npy"))).isEqualTo(a);
    }

    @Test
    void roundTripsEveryDtypeWithAlignedHeader() throws IOException {
        NpyArray[] arrays = {
            NpyArray.ofFloats(new float[] {1.5f, -2f, 3f, 4f, 5f, 6f}, 2, 3),
            NpyArray.ofDoubles(new double[] {Math.PI}, 1),
            NpyArray.ofLongs(new long[] {Long.MAX_VALUE, Long.MIN_VALUE}, 2),
            NpyArray.ofInts(new int[] {7, 8, 9, 10}, 2, 1, 2),
            NpyArray.ofBytes(NpyDType.UINT8, new byte[] {(byte) 200, 1}, 2),
            NpyArray.ofBytes(NpyDType.BOOL, new byte[] {1, 0, 1}, 3),
            NpyArray.ofBytes(NpyDType.INT8, new byte[] {-3}),
            NpyArray.ofFloats(new float[0], 0),
            NpyArray.ofFloats(new float[30], 30, 1, 1),
        };
        for (NpyArray a : arrays) {
            Path f = tmp.resolve("a.npy");
            Npy.write(f, a);
            byte[] bytes = Files.readAllBytes(f);
            int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
            assertThat((10 + headerLength) % 64).isZero();
            assertThat(bytes[10 + headerLength - 1]).isEqualTo((byte) '\n');
            assertThat(Npy.read(f)).isEqualTo(a);
        }
        String header = new String(Npy.toBytes(NpyArray.ofFloats(new float[5], 5)), 10, 60, StandardCharsets.ISO_8859_1);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }");
    }

    @Test
    void rejectsFortranOrder() {
        Path f = Fixtures.format("fortran.npy");
        assertThatThrownBy(() -> Npy.read(f)).isInstanceOf(InvalidDataException.class)
                .hasMessage(f + ": Fortran-ordered arrays are not supported; save with np.ascontiguousarray");
    }

    @ParameterizedTest
    @ValueSource(strings = {"object.npy", "complex.npy", "unicode.npy", "uint32.npy"})
    void rejectsUnsupportedDtypes(String name) {
        Path f = Fixtures.format(name);
        assertThatThrownBy(() -> Npy.read(f)).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(f + ": unsupported dtype");
    }

    @Test
    void rejectsBadMagic() throws IOException {
        Path f = tmp.resolve("bad.npy");
        Files.write(f, "PK\u0003\u0004 not numpy at all".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Npy.read(f)).isInstanceOf(InvalidDataException.class)
                .hasMessage(f + ": not a .npy file (bad magic; expected \\x93NUMPY)");
        Path empty = tmp.resolve("empty.npy");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> Npy.read(empty)).hasMessageContaining("bad magic").hasMessageContaining(empty.toString());
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        byte[] good = Files.readAllBytes(Fixtures.format("matrix_f4.npy"));
        Path f = tmp.resolve("short.npy");
        Files.write(f, Arrays.copyOf(good, good.length - 1));
        assertThatThrownBy(() -> Npy.read(f)).isInstanceOf(InvalidDataException.class)
                .hasMessage(f + ": truncated data: shape (3, 4) of float32 needs 48 bytes, file has 47");
        Files.write(f, Arrays.copyOf(good, 30));
        assertThatThrownBy(() -> Npy.read(f)).hasMessageStartingWith(f + ": truncated .npy header");
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] good = Files.readAllBytes(Fixtures.format("matrix_f4.npy"));
        Path f = tmp.resolve("long.npy");
        Files.write(f, Arrays.copyOf(good, good.length + 3));
        assertThatThrownBy(() -> Npy.read(f)).hasMessageStartingWith(f + ": 3 unexpected bytes after the array data");
    }

    @Test
    void rejectsUnsupportedVersion() throws IOException {
        byte[] bytes = Files.readAllBytes(Fixtures.format("matrix_f4.npy"));
        bytes[6] = 4;
        assertThatThrownBy(() -> Npy.parse(bytes, Path.of("v4.npy")))
                .hasMessage("v4.npy: unsupported .npy format version 4.0 (supported: 1.0, 2.0, 3.0)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), ",
        "{'descr': '<f4', 'fortran_order': False}",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), 'extra': 1}",
        "{'descr': '<f4', 'fortran_order': 0, 'shape': (3, 4)}",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (3, -4)}",
        "{'descr': '<f4', 'fortran_order': False, 'shape': 12}",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 'a')}",
        "['descr', '<f4']",
        "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (3, 4)}",
        "{'descr': '<f4' 'fortran_order': False, 'shape': (3, 4)}",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,)}",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (9999999999, 9999999999)}",
        "((((((((((((((((((((((((((((((((((((((((((((((((((((((",
    })
    void rejectsMalformedHeaders(String header) {
        byte[] bytes = npyWithHeader(header, new byte[48]);
        assertThatThrownBy(() -> Npy.parse(bytes, Path.of("bad-header.npy")))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("bad-header.npy: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void acceptsPython2StyleHeader() {
        byte[] bytes = npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (3L, 4L), }", new byte[48]);
        assertThat(Npy.parse(bytes, Path.of("py2.npy")).shape()).containsExactly(3, 4);
    }

    @Test
    void readsSharedLatents() throws IOException {
        for (String name : new String[] {"vis_latents.npy", "aud_latents.npy"}) {
            NpyArray a = Npy.read(Fixtures.shared("fixtures/seed-formats/" + name));
            assertThat(a.dtype()).isEqualTo(NpyDType.FLOAT32);
            assertThat(a.shape()).containsExactly(300, 512);
            float[] v = a.toFloatArray();
            assertThat(v).hasSize(300 * 512);
            for (float x : v) {
                assertThat(Float.isFinite(x)).isTrue();
            }
            // Writing it back reproduces numpy's file byte for byte.
            assertThat(Npy.toBytes(a)).isEqualTo(Files.readAllBytes(Fixtures.shared("fixtures/seed-formats/" + name)));
        }
    }

    /** A version 1.0 .npy file with an arbitrary header text (padded like numpy's). */
    static byte[] npyWithHeader(String header, byte[] data) {
        StringBuilder h = new StringBuilder(header);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        byte[] text = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + text.length + data.length];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) text.length, (byte) (text.length >> 8)};
        System.arraycopy(magic, 0, out, 0, 10);
        System.arraycopy(text, 0, out, 10, text.length);
        System.arraycopy(data, 0, out, 10 + text.length, data.length);
        return out;
    }
}
