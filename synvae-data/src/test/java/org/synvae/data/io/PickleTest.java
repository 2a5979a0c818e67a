package org.synvae.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.synvae.data.InvalidDataException;

class PickleTest {
    private static final Path SRC = Path.of("in-memory.pkl");

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    void readsImageLabelTupleInEveryProtocol(int protocol) throws IOException {
        Object o = Pickle.load(Fixtures.format("mini_p" + protocol + ".pkl"));
        assertThat(o).isInstanceOf(List.class);
        List<?> pair = (List<?>) o;
        assertThat(pair).hasSize(2);
        assertThatThrownBy(() -> pair.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        NpyArray images = (NpyArray) pair.get(0);
        NpyArray labels = (NpyArray) pair.get(1);
        assertThat(images.dtype()).isEqualTo(NpyDType.UINT8);
        assertThat(images.shape()).containsExactly(5, 4, 3);
        for (int i = 0; i < 60; i++) {
            assertThat(images.getInt(i)).isEqualTo((i * 4) & 0xFF);
        }
        assertThat(labels.shape()).containsExactly(5);
        assertThat(labels.toIntArray()).containsExactly(0, 1, 2, 3, 9);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 5})
    void readsEveryValueKind(int protocol) throws IOException {
        Map<?, ?> d = (Map<?, ?>) Pickle.load(Fixtures.format("mixed_p" + protocol + ".pkl"));
        assertThat(d.get("str")).isEqualTo("héllo");
        assertThat((byte[]) Pickle.lookup(d, "bytes")).containsExactly(0, 1, 0xff);
        assertThat(d.get("small")).isEqualTo(7L);
        assertThat(d.get("negative")).isEqualTo(-300L);
        assertThat(d.get("int32")).isEqualTo((long) Integer.MAX_VALUE);
        assertThat(d.get("big")).isEqualTo(BigInteger.TWO.pow(70));
        assertThat(d.get("bigneg")).isEqualTo(BigInteger.TWO.pow(64).negate());
        assertThat(d.get("float")).isEqualTo(0.25);
        assertThat(d.get("true")).isEqualTo(true);
        assertThat(d.get("false")).isEqualTo(false);
        assertThat(d.containsKey("none")).isTrue();
        assertThat(d.get("none")).isNull();
        assertThat(d.get("list")).isEqualTo(List.of(1L, "two", 3.0));
        assertThat(d.get("tuple")).isEqualTo(List.of(1L, List.of(2L, 3L)));
        assertThat((List<?>) d.get("empty_tuple")).isEmpty();
        assertThat((byte[]) d.get("bytearray")).containsExactly('a', 'b');

        NpyArray f4 = (NpyArray) d.get("f4");
        assertThat(f4.dtype()).isEqualTo(NpyDType.FLOAT32);
        assertThat(f4.shape()).containsExactly(2, 3);
        assertThat(f4.toFloatArray()).containsExactly(0, .5f, 1, 1.5f, 2, 2.5f);
        assertThat(((NpyArray) d.get("i8")).toLongArray()).containsExactly(-1, 0, 1L << 40);
        NpyArray be = (NpyArray) d.get("f8_big_endian");
        assertThat(be.dtype()).isEqualTo(NpyDType.FLOAT64);
        assertThat(be.toDoubleArray()).containsExactly(0, 1, 2, 3);
        assertThat(((NpyArray) d.get("i2_big_endian")).toIntArray()).containsExactly(-2, 513);
        assertThat(((NpyArray) d.get("f2")).toFloatArray()).containsExactly(0.5f, -2f, 65504f);
        NpyArray bool = (NpyArray) d.get("bool");
        assertThat(bool.dtype()).isEqualTo(NpyDType.BOOL);
        assertThat(bool.toIntArray()).containsExactly(1, 0, 1);
        assertThat(((NpyArray) d.get("empty")).shape()).containsExactly(0, 3);
        NpyArray zeroD = (NpyArray) d.get("zero_d");
        assertThat(zeroD.shape()).isEmpty();
        assertThat(zeroD.toDoubleArray()).containsExactly(3.5);
        assertThat(d.get("np_float32")).isEqualTo(1.5);
        assertThat(d.get("np_int64")).isEqualTo(-42L);
        assertThat(d.get("np_uint8")).isEqualTo(200L);
    }

    @Test
    void protocol2And5GiveTheSameValues() throws IOException {
        Map<?, ?> p2 = (Map<?, ?>) Pickle.load(Fixtures.format("mixed_p2.pkl"));
        Map<?, ?> p5 = (Map<?, ?>) Pickle.load(Fixtures.format("mixed_p5.pkl"));
        assertThat(p2.keySet()).hasSameSizeAs(p5.keySet());
        for (Map.Entry<?, ?> e : p5.entrySet()) {
            if (e.getKey() instanceof String k && !(e.getValue() instanceof byte[])) {
                assertThat(p2.get(k)).as(k).isEqualTo(e.getValue());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fortran_p2.pkl", "fortran_p5.pkl"})
    void rejectsFortranOrder(String name) {
        Path f = Fixtures.format(name);
        assertThatThrownBy(() -> Pickle.load(f)).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(f + ": Fortran-ordered arrays are not supported; save with np.ascontiguousarray");
    }

    @Test
    void rejectsObjectAndComplexArrays() {
        Path obj = Fixtures.format("object_array_p4.pkl");
        assertThatThrownBy(() -> Pickle.load(obj)).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(obj + ": unsupported dtype '|O8' (object arrays are not supported)");
        Path complex = Fixtures.format("complex_p4.pkl");
        assertThatThrownBy(() -> Pickle.load(complex)).hasMessageStartingWith(complex + ": unsupported dtype '<c8'");
    }

    @Test
    void refusesGlobalsOutsideTheAllowList() {
        Path f = Fixtures.format("evil_global.pkl");
        assertThatThrownBy(() -> Pickle.load(f)).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(f + ": pickle references unsupported global posix.system");
        byte[] stackGlobal = bytes(0x80, 4, 0x8c, 2, 'o', 's', 0x8c, 6, 's', 'y', 's', 't', 'e', 'm', 0x93, '.');
        assertThatThrownBy(() -> Pickle.loads(stackGlobal, SRC))
                .hasMessageStartingWith(SRC + ": pickle references unsupported global os.system");
    }

    @Test
    void rejectsCorruptInputClearly() {
        assertThatThrownBy(() -> Pickle.loads(new byte[0], SRC)).hasMessageStartingWith(SRC + ": empty file");
        assertThatThrownBy(() -> Pickle.loads("(lp0\n.".getBytes(StandardCharsets.US_ASCII), SRC))
                .hasMessageStartingWith(SRC + ": not a pickle of protocol 2 or later");
        assertThatThrownBy(() -> Pickle.loads(bytes(0x80, 2, 'K', 1), SRC))
                .hasMessageStartingWith(SRC + ": truncated pickle (no STOP opcode)");
        assertThatThrownBy(() -> Pickle.loads(bytes(0x80, 2, 't', '.'), SRC))
                .hasMessageStartingWith(SRC + ": malformed pickle: MARK missing");
        assertThatThrownBy(() -> Pickle.loads(bytes(0x80, 2, '.'), SRC))
                .hasMessageStartingWith(SRC + ": malformed pickle: stack underflow");
        assertThatThrownBy(() -> Pickle.loads(bytes(0x80, 2, 'K', 1, 'K', 2, 'a', '.'), SRC))
                .hasMessageStartingWith(SRC + ": malformed pickle: APPEND to something that is not a list");
        assertThatThrownBy(() -> Pickle.loads(bytes(0x80, 2, 'h', 9, '.'), SRC))
                .hasMessageStartingWith(SRC + ": malformed pickle: memo key 9 missing");
        assertThatThrownBy(() -> Pickle.loads(bytes(0x80, 2, 0xff, '.'), SRC))
                .hasMessageStartingWith(SRC + ": unsupported pickle opcode 0xff");
        assertThatThrownBy(() -> Pickle.loads(bytes(0x80, 9, 'N', '.'), SRC))
                .hasMessageStartingWith(SRC + ": unsupported pickle protocol 9");
        assertThatThrownBy(() -> Pickle.loads(bytes(0x80, 5, 0x97, '.'), SRC))
                .hasMessageContaining("out-of-band buffers");
        // A huge declared length must fail fast, not allocate gigabytes.
        assertThatThrownBy(() -> Pickle.loads(bytes(0x80, 4, 0x8e, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, '.'), SRC))
                .hasMessageStartingWith(SRC + ": truncated pickle (declares 9223372036854775807 bytes");
        assertThatThrownBy(() -> Pickle.loads(bytes(0x80, 4, 'B', 0xff, 0xff, 0xff, 0xff, '.'), SRC))
                .hasMessageStartingWith(SRC + ": truncated pickle");
    }

    @Test
    void memoReferencesAndPopMarkWork() {
        // (lst, lst) where lst = [1]: the second element is a memo reference to the same list.
        byte[] p = bytes(0x80, 2, ']', 'q', 0, 'K', 1, 'a', 'h', 0, 0x86, '.');
        List<?> t = (List<?>) Pickle.loads(p, SRC);
        assertThat(t.get(0)).isSameAs(t.get(1));
        assertThat(t.get(0)).isEqualTo(List.of(1L));
    }

    @Test
    void readsSharedMnistReconstructions() throws IOException {
        List<?> p3 = (List<?>) Pickle.load(Fixtures.shared("fixtures/seed-formats/mnist_recons_mini_p3.pkl"));
        List<?> p4 = (List<?>) Pickle.load(Fixtures.shared("fixtures/seed-formats/mnist_recons_mini_p4.pkl"));
        assertThat(p3).isEqualTo(p4);
        NpyArray images = (NpyArray) p3.get(0);
        NpyArray labels = (NpyArray) p3.get(1);
        assertThat(images.dtype()).isEqualTo(NpyDType.UINT8);
        assertThat(images.shape()).containsExactly(500, 28, 28);
        assertThat(images.asReadOnlyBuffer().capacity()).isEqualTo(500 * 28 * 28);
        assertThat(labels.dtype()).isEqualTo(NpyDType.UINT8);
        assertThat(labels.shape()).containsExactly(500);
        assertThat(Arrays.stream(labels.toIntArray()).allMatch(l -> l >= 0 && l <= 9)).isTrue();
        assertThat(Arrays.stream(images.toIntArray()).max().getAsInt()).isGreaterThan(0);
    }

    @Test
    void readsSharedCifarBatch() throws IOException {
        Map<?, ?> batch = (Map<?, ?>) Pickle.load(Fixtures.shared("fixtures/seed-formats/cifar-python-mini/data_batch_1"));
        NpyArray data = (NpyArray) Pickle.lookup(batch, "data");
        assertThat(data.dtype()).isEqualTo(NpyDType.UINT8);
        assertThat(data.shape()).containsExactly(500, 3072);
        List<?> labels = (List<?>) Pickle.lookup(batch, "labels");
        assertThat(labels).hasSize(500).allSatisfy(l -> assertThat((Long) l).isBetween(0L, 9L));
        assertThat(new String((byte[]) Pickle.lookup(batch, "batch_label"), StandardCharsets.ISO_8859_1))
                .startsWith("training batch 1");
        assertThat((List<?>) Pickle.lookup(batch, "filenames")).hasSize(500);

        Map<?, ?> meta = (Map<?, ?>) Pickle.load(Fixtures.shared("fixtures/seed-formats/cifar-python-mini/batches.meta"));
        List<?> names = (List<?>) Pickle.lookup(meta, "label_names");
        assertThat(names).hasSize(10);
        assertThat(new String((byte[]) names.get(0), StandardCharsets.ISO_8859_1)).isEqualTo("airplane");
        assertThat(Pickle.lookup(meta, "num_cases_per_batch")).isEqualTo(10000L);
        assertThat(Pickle.lookup(meta, "no such key")).isNull();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void readsFilesFromDisk(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("x.pkl");
        Files.write(f, bytes(0x80, 2, 'K', 5, '.'));
        assertThat(Pickle.load(f)).isEqualTo(5L);
    }
}
