package org.xcorr.cli.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON the command line itself writes: objects, arrays, strings, numbers, booleans and null. Objects
 * become {@link LinkedHashMap}s (key order kept), arrays {@link ArrayList}s, integers without fraction or exponent
 * {@link Long}s, other numbers {@link Double}s. Enough to read a subcommand's printed result and a batch journal;
 * not a general-purpose parser (no streaming, the whole text in memory).
 */
public final class JsonReader {

    private final String s;
    private int i;

    private JsonReader(String s) {
        this.s = s;
    }

    /**
     * Parses one JSON object (surrounding white space allowed).
     *
     * @throws IllegalArgumentException naming the position when the text is not one JSON object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        JsonReader r = new JsonReader(text);
        r.space();
        if (r.i >= text.length() || text.charAt(r.i) != '{') {
            throw new IllegalArgumentException("expected a JSON object at character " + r.i);
        }
        Object v = r.value();
        r.space();
        if (r.i != text.length()) {
            throw new IllegalArgumentException("unexpected text after the JSON object at character " + r.i);
        }
        return (Map<String, Object>) v;
    }

    /**
     * Parses one JSON value of any kind (surrounding white space allowed).
     *
     * @throws IllegalArgumentException naming the position when the text is not one JSON value
     */
    public static Object parse(String text) {
        JsonReader r = new JsonReader(text);
        Object v = r.value();
        r.space();
        if (r.i != text.length()) {
            throw new IllegalArgumentException("unexpected text after the JSON value at character " + r.i);
        }
        return v;
    }

    private Object value() {
        space();
        if (i >= s.length()) {
            throw error("a value");
        }
        char c = s.charAt(i);
        switch (c) {
            case '{': {
                i++;
                Map<String, Object> m = new LinkedHashMap<>();
                space();
                if (peek('}')) {
                    i++;
                    return m;
                }
                while (true) {
                    space();
                    if (!peek('"')) {
                        throw error("a key");
                    }
                    String k = string();
                    space();
                    expect(':');
                    m.put(k, value());
                    space();
                    if (peek(',')) {
                        i++;
                    } else {
                        expect('}');
                        return m;
                    }
                }
            }
            case '[': {
                i++;
                List<Object> a = new ArrayList<>();
                space();
                if (peek(']')) {
                    i++;
                    return a;
                }
                while (true) {
                    a.add(value());
                    space();
                    if (peek(',')) {
                        i++;
                    } else {
                        expect(']');
                        return a;
                    }
                }
            }
            case '"':
                return string();
            case 't':
                word("true");
                return Boolean.TRUE;
            case 'f':
                word("false");
                return Boolean.FALSE;
            case 'n':
                word("null");
                return null;
            default:
                return number();
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw error("a closing quote");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) {
                throw error("an escape");
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw error("four hex digits");
                    }
                    b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> b.append(e);
            }
        }
    }

    private Object number() {
        int start = i;
        boolean fraction = false;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            fraction |= "eE.".indexOf(s.charAt(i)) >= 0;
            i++;
        }
        String t = s.substring(start, i);
        try {
            return fraction ? (Object) Double.parseDouble(t) : (Object) Long.parseLong(t);
        } catch (NumberFormatException e) {
            i = start;
            throw error("a value");
        }
    }

    private void word(String w) {
        if (!s.startsWith(w, i)) {
            throw error(w);
        }
        i += w.length();
    }

    private boolean peek(char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("'" + c + "'");
        }
        i++;
    }

    private void space() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("malformed JSON: expected " + expected + " at character " + i);
    }
}
