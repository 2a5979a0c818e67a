package org.synvae.data.io;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.synvae.data.InvalidDataException;

/**
 * The only Python callables {@link Unpickler} understands: how NumPy pickles arrays, dtypes and
 * scalars, and how protocol 2 pickles bytes. Nothing is looked up by name at run time, so a pickle
 * cannot make this reader do anything but build plain values.
 */
final class PickleGlobals {
    /** The allowed globals. */
    enum Global {
        RECONSTRUCT("numpy.core.multiarray._reconstruct"),
        NDARRAY("numpy.ndarray"),
        DTYPE("numpy.dtype"),
        SCALAR("numpy.core.multiarray.scalar"),
        FROMBUFFER("numpy.core.numeric._frombuffer"),
        CODECS_ENCODE("_codecs.encode"),
        BYTEARRAY("builtins.bytearray"),
        BYTES("builtins.bytes");

        private final String pythonName;

        Global(String pythonName) {
            this.pythonName = pythonName;
        }

        @Override
        public String toString() {
            return pythonName;
        }
    }

    /** The result of {@code _reconstruct} until BUILD supplies shape, dtype and data. */
    static final class PendingArray {
        NpyArray result;

        @Override
        public String toString() {
            return "numpy.ndarray";
        }
    }

    /**
     * A {@code numpy.dtype} object: mutable because BUILD sets its byte order after REDUCE created
     * it, and later memo references must see that.
     */
    static final class DtypeObject {
        final String code;
        char order = '=';

        DtypeObject(String code) {
            this.code = code;
        }

        String descr() {
            return order + code;
        }

        @Override
        public String toString() {
            return "numpy.dtype";
        }
    }

    private final Function<String, InvalidDataException> error;

    PickleGlobals(Function<String, InvalidDataException> error) {
        this.error = error;
    }

    /** Maps a pickled {@code module.name} to an allowed global, or refuses it. */
    Global resolve(String module, String name) {
        // NumPy 2 moved numpy.core to numpy._core; pickles from either must load.
        String m = module.replace("numpy._core.", "numpy.core.");
        String full = m + "." + name;
        switch (full) {
            case "numpy.core.multiarray._reconstruct":
                return Global.RECONSTRUCT;
            case "numpy.ndarray":
                return Global.NDARRAY;
            case "numpy.dtype":
                return Global.DTYPE;
            case "numpy.core.multiarray.scalar":
                return Global.SCALAR;
            case "numpy.core.numeric._frombuffer":
                return Global.FROMBUFFER;
            case "_codecs.encode":
                return Global.CODECS_ENCODE;
            case "builtins.bytearray":
            case "__builtin__.bytearray":
                return Global.BYTEARRAY;
            case "builtins.bytes":
            case "__builtin__.bytes":
                return Global.BYTES;
            default:
                throw error.apply("pickle references unsupported global " + Text.oneLine(module + "." + name));
        }
    }

    /** REDUCE: calls an allowed global with a tuple of arguments. */
    Object call(Global g, List<?> args) {
        switch (g) {
            case RECONSTRUCT:
                // _reconstruct(ndarray, (0,), b'b'): an empty array whose real content BUILD sets.
                if (args.isEmpty() || args.get(0) != Global.NDARRAY) {
                    throw malformed("_reconstruct of something other than numpy.ndarray");
                }
                return new PendingArray();
            case DTYPE:
                // dtype('f4', False, True); the byte order follows in BUILD.
                if (args.isEmpty()) {
                    throw malformed("numpy.dtype without arguments");
                }
                return new DtypeObject(text(args.get(0), "dtype code"));
            case SCALAR:
                return scalar(args);
            case FROMBUFFER:
                return fromBuffer(args);
            case CODECS_ENCODE:
                if (args.size() != 2) {
                    throw malformed("_codecs.encode needs 2 arguments");
                }
                return latin1(args.get(0), args.get(1));
            case BYTEARRAY:
            case BYTES:
                if (args.isEmpty()) {
                    return new byte[0];
                }
                if (args.size() == 1 && args.get(0) instanceof byte[] b) {
                    return b.clone();
                }
                if (args.size() == 2) {
                    return latin1(args.get(0), args.get(1)); // Python 2 era: bytearray(u'...', 'latin-1')
                }
                throw malformed(g + " with unsupported arguments");
            case NDARRAY:
            default:
                throw error.apply("pickle calls " + g + " directly, which is not supported");
        }
    }

    /** BUILD on a dtype: state {@code (3, '<', None, None, None, -1, -1, flags)}. */
    void buildDtype(DtypeObject dtype, Object state) {
        if (!(state instanceof List<?> s) || s.size() < 2) {
            throw malformed("numpy.dtype state is not a tuple");
        }
        String order = text(s.get(1), "dtype byte order");
        if (order.length() != 1 || "<>|=".indexOf(order.charAt(0)) < 0) {
            throw malformed("numpy.dtype byte order '" + Text.oneLine(order) + "'");
        }
        if (s.size() >= 5 && (s.get(2) != null || s.get(3) != null || s.get(4) != null)) {
            throw error.apply("unsupported dtype: structured and subarray dtypes are not supported");
        }
        dtype.order = order.charAt(0);
    }

    /** BUILD on an array: state {@code (version, shape, dtype, is_fortran, rawdata)}; old pickles omit the version. */
    void buildArray(PendingArray pending, Object state) {
        if (!(state instanceof List<?> s) || (s.size() != 5 && s.size() != 4)) {
            throw malformed("numpy.ndarray state is not a tuple of 4 or 5 items");
        }
        int o = s.size() - 4;
        long[] shape = shape(s.get(o));
        if (!(s.get(o + 1) instanceof DtypeObject dtype)) {
            throw malformed("numpy.ndarray state has no dtype");
        }
        if (!(s.get(o + 2) instanceof Boolean fortran)) {
            throw malformed("numpy.ndarray state has no is_fortran flag");
        }
        NpyDType type = type(dtype);
        if (fortran && shape.length > 1) {
            throw fortranOrder();
        }
        if (!(s.get(o + 3) instanceof byte[] raw)) {
            throw malformed("numpy.ndarray state has no raw data");
        }
        pending.result = array(type, dtype, raw, shape);
    }

    // ---- the numpy globals ------------------------------------------------------------------

    /** {@code scalar(dtype, bytes)}: a numpy scalar such as {@code np.float32(1.5)}. */
    private Object scalar(List<?> args) {
        if (args.size() != 2 || !(args.get(0) instanceof DtypeObject dtype)) {
            throw malformed("numpy scalar needs (dtype, bytes)");
        }
        NpyDType type = type(dtype);
        if (!(args.get(1) instanceof byte[] raw)) {
            throw malformed("numpy scalar without raw bytes");
        }
        NpyArray one = array(type, dtype, raw, new long[0]);
        return switch (type) {
            case BOOL -> one.getInt(0) != 0;
            case FLOAT16, FLOAT32, FLOAT64 -> one.toDoubleArray()[0];
            default -> one.toLongArray()[0];
        };
    }

    /** {@code _frombuffer(buffer, dtype, shape, order)}: how protocol 5 pickles arrays in band. */
    private NpyArray fromBuffer(List<?> args) {
        if (args.size() != 4 || !(args.get(1) instanceof DtypeObject dtype)) {
            throw malformed("_frombuffer needs (buffer, dtype, shape, order)");
        }
        NpyDType type = type(dtype);
        long[] shape = shape(args.get(2));
        String order = text(args.get(3), "array order");
        if (order.equals("F") && shape.length > 1) {
            throw fortranOrder();
        }
        if (!order.equals("C") && !order.equals("F")) {
            throw malformed("array order '" + Text.oneLine(order) + "'");
        }
        if (!(args.get(0) instanceof byte[] raw)) {
            throw malformed("_frombuffer without a bytes buffer");
        }
        return array(type, dtype, raw, shape);
    }

    private NpyArray array(NpyDType type, DtypeObject dtype, byte[] raw, long[] shape) {
        int expected;
        try {
            expected = NpyArray.byteCount(type, shape);
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
        if (raw.length != expected) {
            throw malformed("array of shape " + NpyArray.shapeString(shape) + " and dtype " + type + " needs "
                    + expected + " bytes of data, found " + raw.length);
        }
        if (NpyDType.byteOrderOf(dtype.descr()) == ByteOrder.BIG_ENDIAN) {
            return NpyArray.ofRaw(type, ByteOrder.BIG_ENDIAN, raw, shape); // copies: raw may also be in the memo
        }
        // The buffer is freshly read from the file; the array takes it over without a copy.
        return NpyArray.wrap(type, shape, raw);
    }

    private NpyDType type(DtypeObject dtype) {
        try {
            return NpyDType.fromDescr(dtype.descr());
        } catch (IllegalArgumentException e) {
            throw error.apply(Text.oneLine(e.getMessage()));
        }
    }

    private long[] shape(Object o) {
        if (!(o instanceof List<?> dims)) {
            throw malformed("array shape is not a tuple");
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0) {
                throw malformed("bad dimension in array shape");
            }
            shape[i] = d;
        }
        return shape;
    }

    /** {@code _codecs.encode(str, 'latin1')}: protocol 2's way of pickling bytes. */
    private byte[] latin1(Object text, Object encoding) {
        String enc = text(encoding, "encoding").toLowerCase(Locale.ROOT).replace('_', '-');
        if (!enc.equals("latin1") && !enc.equals("latin-1") && !enc.equals("iso-8859-1")) {
            throw error.apply("pickle encodes bytes with unsupported encoding " + Text.oneLine(enc));
        }
        if (!(text instanceof String s)) {
            throw malformed("_codecs.encode of something that is not a str");
        }
        byte[] out = new byte[s.length()];
        for (int i = 0; i < out.length; i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                throw malformed("latin-1 bytes contain a character above U+00FF");
            }
            out[i] = (byte) c;
        }
        return out;
    }

    /** A str, or Python 2 bytes standing for one (old pickles of dtype codes). */
    private String text(Object o, String what) {
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof byte[] b) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        throw malformed(what + " is not a str");
    }

    private InvalidDataException fortranOrder() {
        return error.apply("Fortran-ordered arrays are not supported; save with np.ascontiguousarray");
    }

    private InvalidDataException malformed(String problem) {
        return error.apply("malformed pickle: " + problem);
    }
}
