package org.synvae.data.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the small subset of Python literal syntax that {@code .npy} headers use (NumPy reads them
 * with {@code ast.literal_eval}): dicts, tuples, lists, quoted strings, integers (with the Python 2
 * {@code L} suffix that old files carry), {@code True}, {@code False} and {@code None}.
 *
 * <p>Strings become {@link String}, integers {@link Long}, tuples and lists unmodifiable {@link List},
 * dicts {@link LinkedHashMap}. Every syntax problem is an {@link IllegalArgumentException} with a
 * short description; the caller adds the file name.
 */
final class PyLiteral {
    /** Bounds recursion so that a header of a million '(' cannot overflow the stack. */
    private static final int MAX_DEPTH = 32;

    private final String s;
    private int pos;

    private PyLiteral(String s) {
        this.s = s;
    }

    /** Parses one literal that must span all of {@code text} (surrounding whitespace allowed). */
    static Object parse(String text) {
        PyLiteral p = new PyLiteral(text);
        Object v = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the literal");
        }
        return v;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("literal nested too deeply");
        }
        skipSpace();
        if (pos >= s.length()) {
            throw error("unexpected end");
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{':
                return dict(depth);
            case '(':
                return sequence(depth, ')', true);
            case '[':
                return sequence(depth, ']', false);
            case '\'':
            case '"':
                return string();
            default:
                if (c == '-' || c == '+' || Character.isDigit(c)) {
                    return integer();
                }
                if (Character.isLetter(c)) {
                    return name();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private Map<Object, Object> dict(int depth) {
        pos++; // '{'
        Map<Object, Object> map = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            Object key = value(depth + 1);
            skipSpace();
            expect(':');
            Object val = value(depth + 1);
            if (map.put(key, val) != null) {
                throw error("duplicate key " + key);
            }
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() != '}') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private Object sequence(int depth, char close, boolean tuple) {
        pos++; // '(' or '['
        List<Object> items = new ArrayList<>();
        boolean sawComma = false;
        while (true) {
            skipSpace();
            if (peek() == close) {
                pos++;
                break;
            }
            items.add(value(depth + 1));
            skipSpace();
            if (peek() == ',') {
                pos++;
                sawComma = true;
            } else if (peek() != close) {
                throw error("expected ',' or '" + close + "'");
            }
        }
        if (tuple && items.size() == 1 && !sawComma) {
            return items.get(0); // "(5)" is just a parenthesised 5 in Python, not a tuple
        }
        return Collections.unmodifiableList(items);
    }

    private String string() {
        char quote = s.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\\') {
                // NumPy never writes escapes in the keys and descrs it needs; refuse rather than guess.
                throw error("escape sequences in strings are not supported");
            }
            sb.append(c);
        }
        throw error("unterminated string");
    }

    private Long integer() {
        int start = pos;
        if (s.charAt(pos) == '-' || s.charAt(pos) == '+') {
            pos++;
        }
        int digits = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
        }
        if (pos == digits) {
            throw error("expected digits");
        }
        String text = s.substring(start, pos);
        if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) {
            pos++; // Python 2 long suffix
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error("integer " + text + " out of range");
        }
    }

    private Object name() {
        int start = pos;
        while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
            pos++;
        }
        String name = s.substring(start, pos);
        switch (name) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return null;
            default:
                throw error("unexpected name '" + name + "'");
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at offset " + pos);
    }
}
