package org.synvae.data.io;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.PickleGlobals.DtypeObject;
import org.synvae.data.io.PickleGlobals.Global;
import org.synvae.data.io.PickleGlobals.PendingArray;

/**
 * The pickle virtual machine behind {@link Pickle}: one instance reads one pickle from memory.
 * Opcode names and semantics follow CPython's {@code Lib/pickle.py}; only the binary opcodes of
 * protocols 2 to 5 (plus the text-mode GLOBAL that protocols 2 and 3 still use) are implemented.
 */
final class Unpickler {
    private final byte[] buf;
    private final Path source;
    private int pos;
    private int opcodeStart;
    private final List<Object> stack = new ArrayList<>();
    /** Stack heights at each MARK, innermost last. */
    private final Deque<Integer> marks = new ArrayDeque<>();
    /** Keyed by long because LONG_BINPUT indices are unsigned 32-bit. */
    private final Map<Long, Object> memo = new HashMap<>();
    private final PickleGlobals numpy;

    Unpickler(byte[] buf, Path source) {
        this.buf = buf;
        this.source = source;
        this.numpy = new PickleGlobals(this::error);
    }

    Object load() {
        try {
            return run();
        } catch (InvalidDataException e) {
            throw e;
        } catch (RuntimeException e) {
            // Belt and braces: the checks below should make this unreachable, but a corrupt file must
            // never surface as a ClassCastException or similar to the user.
            throw InvalidDataException.of(source, "malformed pickle (internal error: " + Text.oneLine(e.toString())
                    + ") at pickle offset " + opcodeStart, e);
        }
    }

    private Object run() {
        if (buf.length == 0) {
            throw error("empty file, not a pickle");
        }
        if ((buf[0] & 0xFF) != 0x80) {
            // Protocols 2+ always begin with PROTO; 0 and 1 are text-era formats nobody writes any more.
            throw error(String.format("not a pickle of protocol 2 or later (first byte 0x%02x)", buf[0] & 0xFF));
        }
        while (true) {
            opcodeStart = pos;
            if (pos >= buf.length) {
                throw error("truncated pickle (no STOP opcode)");
            }
            int op = buf[pos++] & 0xFF;
            switch (op) {
                case 0x80 -> { // PROTO
                    int proto = u1();
                    if (proto > 5) {
                        throw error("unsupported pickle protocol " + proto);
                    }
                }
                case 0x95 -> skipFrameHeader(); // FRAME: framing only groups opcodes for buffered I/O
                case '.' -> { // STOP
                    Object result = pop();
                    checkNoInternals(result);
                    return result;
                }
                case '(' -> marks.push(stack.size()); // MARK
                case '0' -> { // POP
                    if (stack.size() > floor()) {
                        stack.remove(stack.size() - 1);
                    } else {
                        popMark();
                    }
                }
                case '1' -> popMark(); // POP_MARK
                case '2' -> push(peek()); // DUP
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE); // NEWTRUE
                case 0x89 -> push(Boolean.FALSE); // NEWFALSE
                case 'K' -> push((long) u1()); // BININT1
                case 'M' -> push((long) (u1() | u1() << 8)); // BININT2
                case 'J' -> push((long) s4()); // BININT
                case 0x8a -> push(longFromBytes(bytes(u1()))); // LONG1
                case 0x8b -> push(longFromBytes(bytes(length(s4())))); // LONG4
                case 'G' -> push(Double.longBitsToDouble(be8())); // BINFLOAT (big endian)
                case 'X' -> push(utf8(bytes(length(u4())))); // BINUNICODE
                case 0x8c -> push(utf8(bytes(u1()))); // SHORT_BINUNICODE
                case 0x8d -> push(utf8(bytes(length(s8())))); // BINUNICODE8
                // Python 2 str: raw bytes, as pickle.load(encoding='bytes') gives them.
                case 'T' -> push(bytes(length(s4()))); // BINSTRING
                case 'U' -> push(bytes(u1())); // SHORT_BINSTRING
                case 'B' -> push(bytes(length(u4()))); // BINBYTES
                case 'C' -> push(bytes(u1())); // SHORT_BINBYTES
                case 0x8e, 0x96 -> push(bytes(length(s8()))); // BINBYTES8, BYTEARRAY8
                case ')' -> push(List.of()); // EMPTY_TUPLE
                case 't' -> push(tuple(popMark()));
                case 0x85 -> push(tuple(popN(1))); // TUPLE1
                case 0x86 -> push(tuple(popN(2))); // TUPLE2
                case 0x87 -> push(tuple(popN(3))); // TUPLE3
                case ']' -> push(new ArrayList<>()); // EMPTY_LIST
                case 'l' -> push(checkedList(popMark())); // LIST
                case 'a' -> { // APPEND
                    Object v = pop();
                    asList(peek()).add(value(v));
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popMark();
                    List<Object> list = asList(peek());
                    for (Object v : items) {
                        list.add(value(v));
                    }
                }
                case '}' -> push(new LinkedHashMap<>()); // EMPTY_DICT
                case 'd' -> { // DICT
                    Map<Object, Object> map = new LinkedHashMap<>();
                    putAll(map, popMark());
                    push(map);
                }
                case 's' -> { // SETITEM
                    List<Object> kv = popN(2);
                    putAll(asDict(peek()), kv);
                }
                case 'u' -> { // SETITEMS
                    List<Object> items = popMark();
                    putAll(asDict(peek()), items);
                }
                case 0x8f -> push(new LinkedHashSet<>()); // EMPTY_SET
                case 0x90 -> { // ADDITEMS
                    List<Object> items = popMark();
                    Set<Object> set = asSet(peek());
                    for (Object v : items) {
                        set.add(value(v));
                    }
                }
                case 0x91 -> { // FROZENSET
                    Set<Object> set = new LinkedHashSet<>();
                    for (Object v : popMark()) {
                        set.add(value(v));
                    }
                    push(Collections.unmodifiableSet(set));
                }
                case 'q' -> memo.put((long) u1(), peek()); // BINPUT
                case 'r' -> memo.put(u4(), peek()); // LONG_BINPUT
                case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
                case 'h' -> push(memoGet(u1())); // BINGET
                case 'j' -> push(memoGet(u4())); // LONG_BINGET
                case 'c' -> push(numpy.resolve(line(), line())); // GLOBAL
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw malformed("STACK_GLOBAL needs two str values");
                    }
                    push(numpy.resolve(m, n));
                }
                case 'R' -> { // REDUCE
                    Object args = pop();
                    Object callable = pop();
                    if (!(callable instanceof Global g)) {
                        throw malformed("REDUCE on something that is not a supported global");
                    }
                    if (!(args instanceof List<?> a)) {
                        throw malformed("REDUCE arguments are not a tuple");
                    }
                    push(numpy.call(g, a));
                }
                case 'b' -> { // BUILD
                    Object state = pop();
                    Object target = peek();
                    if (target instanceof PendingArray pending) {
                        numpy.buildArray(pending, state);
                        stack.set(stack.size() - 1, pending.result);
                    } else if (target instanceof DtypeObject dtype) {
                        numpy.buildDtype(dtype, state);
                    } else {
                        throw malformed("BUILD on an object this reader does not support");
                    }
                }
                case 0x97, 0x98 -> throw error("out-of-band buffers (pickle protocol 5 buffer_callback) are not supported");
                case 'P', 'Q' -> throw error("persistent IDs are not supported");
                case 0x81, 0x92, 'i', 'o' -> throw error("pickle instantiates a class, which is not supported");
                default -> throw error(String.format("unsupported pickle opcode 0x%02x", op));
            }
        }
    }

    // ---- stack -----------------------------------------------------------------------------

    private int floor() {
        return marks.isEmpty() ? 0 : marks.peek();
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() {
        if (stack.size() <= floor()) {
            throw malformed("stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        if (stack.size() <= floor()) {
            throw malformed("stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popN(int n) {
        if (stack.size() - floor() < n) {
            throw malformed("stack underflow");
        }
        List<Object> top = stack.subList(stack.size() - n, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw malformed("MARK missing");
        }
        int at = marks.pop();
        List<Object> top = stack.subList(at, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    private Object memoGet(long key) {
        Object v = memo.get(key);
        if (v == null && !memo.containsKey(key)) {
            throw malformed("memo key " + key + " missing");
        }
        // The memo keeps the placeholder from REDUCE; later references want the built array.
        return v instanceof PendingArray p && p.result != null ? p.result : v;
    }

    // ---- containers ------------------------------------------------------------------------

    /** Tuples may hold internals (a dtype in an array's state tuple); the rest is resolved. */
    private List<Object> tuple(List<Object> items) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof PendingArray p) {
                items.set(i, value(p));
            }
        }
        return Collections.unmodifiableList(items);
    }

    private List<Object> checkedList(List<Object> items) {
        items.replaceAll(this::value);
        return items;
    }

    private void putAll(Map<Object, Object> map, List<Object> keysAndValues) {
        if (keysAndValues.size() % 2 != 0) {
            throw malformed("odd number of items for a dict");
        }
        for (int i = 0; i < keysAndValues.size(); i += 2) {
            map.put(value(keysAndValues.get(i)), value(keysAndValues.get(i + 1)));
        }
    }

    /** A value that may go into a user-visible container: no internal placeholder may leak out. */
    private Object value(Object v) {
        if (v instanceof PendingArray p) {
            if (p.result == null) {
                throw malformed("ndarray used before its state was set");
            }
            return p.result;
        }
        if (v instanceof Global || v instanceof DtypeObject) {
            throw error("bare " + v + " objects are not supported as values");
        }
        return v;
    }

    /** Walks the result (without recursion, cycles allowed) to make sure no internal object leaks out via a tuple. */
    private void checkNoInternals(Object result) {
        Deque<Object> todo = new ArrayDeque<>();
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        if (result != null) {
            todo.push(result);
        }
        while (!todo.isEmpty()) {
            Object o = value(todo.pop());
            if (o instanceof List<?> || o instanceof Map<?, ?> || o instanceof Set<?>) {
                if (seen.put(o, Boolean.TRUE) != null) {
                    continue;
                }
                Iterable<?> items = o instanceof Map<?, ?> m ? m.values() : (Iterable<?>) o;
                for (Object item : items) {
                    if (item != null) {
                        todo.push(item);
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object> asList(Object o) {
        if (o instanceof ArrayList<?>) {
            return (List<Object>) o; // only EMPTY_LIST and LIST create ArrayLists; tuples are unmodifiable
        }
        throw malformed("APPEND to something that is not a list");
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> asDict(Object o) {
        if (o instanceof LinkedHashMap<?, ?>) {
            return (Map<Object, Object>) o;
        }
        throw malformed("SETITEM on something that is not a dict");
    }

    @SuppressWarnings("unchecked")
    private Set<Object> asSet(Object o) {
        if (o instanceof LinkedHashSet<?>) {
            return (Set<Object>) o;
        }
        throw malformed("ADDITEMS on something that is not a set");
    }

    // ---- reading primitives ----------------------------------------------------------------

    /** Checks a declared length against the bytes that remain, so corrupt lengths never allocate. */
    private int length(long n) {
        if (n < 0 || n > buf.length - pos) {
            throw error("truncated pickle (declares " + n + " bytes, " + (buf.length - pos) + " remain)");
        }
        return (int) n;
    }

    private void need(int n) {
        length(n);
    }

    private byte[] bytes(int n) {
        need(n);
        byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    private int u1() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    private int s4() {
        need(4);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    private long u4() {
        return s4() & 0xFFFFFFFFL;
    }

    private long s8() {
        need(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }

    private long be8() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }

    private void skipFrameHeader() {
        long frameLength = s8();
        length(frameLength); // only validated: a frame longer than the file is a truncation
    }

    /** A newline-terminated ASCII line, as the text-mode GLOBAL opcode uses. */
    private String line() {
        int start = pos;
        while (pos < buf.length && buf[pos] != '\n') {
            pos++;
        }
        if (pos >= buf.length) {
            throw error("truncated pickle (unterminated GLOBAL name)");
        }
        String s = new String(buf, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return s;
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** LONG1/LONG4 payload: little-endian two's complement. */
    private static Object longFromBytes(byte[] le) {
        if (le.length == 0) {
            return 0L;
        }
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    /** A problem with the file; the message says where, for whoever opens it in pickletools. */
    private InvalidDataException error(String problem) {
        return InvalidDataException.of(source, problem + " (at pickle offset " + opcodeStart + ")");
    }

    private InvalidDataException malformed(String problem) {
        return error("malformed pickle: " + problem);
    }
}
