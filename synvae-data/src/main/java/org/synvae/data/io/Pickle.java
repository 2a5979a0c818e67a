package org.synvae.data.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.synvae.data.InvalidDataException;

/**
 * A minimal, safe reader of Python pickles (protocols 2 to 5) as CPython and NumPy write them: the
 * reconstruction files, CIFAR-10 batches and latent dumps that the original SynVAE produced.
 *
 * <p>Values map to Java as follows: tuple and list to {@link java.util.List} (tuples unmodifiable),
 * dict to {@link java.util.LinkedHashMap}, set to {@link java.util.LinkedHashSet}, str to
 * {@link String}, bytes and bytearray to {@code byte[]} (as are Python 2 {@code str} values, like
 * {@code pickle.load(f, encoding='bytes')}), int to {@link Long} (or {@link java.math.BigInteger}
 * when it does not fit), float to {@link Double}, bool to {@link Boolean}, None to {@code null},
 * numpy arrays to {@link NpyArray} and numpy scalars to {@link Long}, {@link Double} or
 * {@link Boolean}.
 *
 * <p>Unlike Python's pickle module this never runs or instantiates anything the file names: only a
 * fixed list of NumPy and builtin globals is understood, everything else is refused. Any malformed,
 * truncated or unsupported content is an {@link InvalidDataException} naming the file.
 */
public final class Pickle {
    private Pickle() {
    }

    /**
     * Reads the first pickled object in {@code file}.
     *
     * @throws InvalidDataException naming the file if it is not a pickle this reader supports
     * @throws IOException if the file cannot be read
     */
    public static Object load(Path file) throws IOException {
        return loads(Files.readAllBytes(file), file);
    }

    /**
     * Reads the first pickled object in {@code pickle}; {@code source} only names it in error messages.
     *
     * @throws InvalidDataException naming {@code source} if the bytes are not a pickle this reader supports
     */
    public static Object loads(byte[] pickle, Path source) {
        return new Unpickler(pickle, source).load();
    }

    /**
     * Looks up {@code key} in an unpickled dict whose keys may be str or bytes: pickles written by
     * Python 2 (like the CIFAR-10 batches) or read as bytes have {@code byte[]} keys, which Java
     * maps compare by identity. Bytes keys match the key's UTF-8 encoding.
     *
     * @return the value, or {@code null} if there is no such key
     */
    public static Object lookup(Map<?, ?> dict, String key) {
        Object v = dict.get(key);
        if (v != null || dict.containsKey(key)) {
            return v;
        }
        byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (e.getKey() instanceof byte[] b && Arrays.equals(b, wanted)) {
                return e.getValue();
            }
        }
        return null;
    }
}
