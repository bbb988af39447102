package org.xcorr.io;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal JSON object writer for the command line's results and debug files: keys in insertion order,
 * numbers in the shortest text that reads back as the same double ({@link ShortestDecimal}: {@code -3.28},
 * {@code 0.002}, {@code 1e-05}, as Python's {@code json} writes them), and non-finite numbers written as
 * {@code null} (JSON has no NaN or infinity, and a value that does not exist must read as null).
 */
public final class Json {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** An empty object; fields are added in the order they should be written. */
    public Json() {
    }

    /** Adds a number (NaN and infinity become null). */
    public Json put(String key, double value) {
        fields.put(key, value);
        return this;
    }

    /** Adds an integer (printed without a fraction, e.g. a radius or a count). */
    public Json put(String key, long value) {
        fields.put(key, value);
        return this;
    }

    /** Adds an array of numbers, or null. */
    public Json put(String key, double[] values) {
        fields.put(key, values == null ? null : values.clone());
        return this;
    }

    /** Adds an array of integers, or null. */
    public Json put(String key, int[] values) {
        fields.put(key, values == null ? null : values.clone());
        return this;
    }

    /** Adds a string, or null. */
    public Json put(String key, String value) {
        fields.put(key, value);
        return this;
    }

    /** Adds a boolean. */
    public Json put(String key, boolean value) {
        fields.put(key, value);
        return this;
    }

    /** Adds a nested object, or null. */
    public Json put(String key, Json value) {
        fields.put(key, value);
        return this;
    }

    /** Adds an explicit null. */
    public Json putNull(String key) {
        fields.put(key, null);
        return this;
    }

    /**
     * The object as two CSV lines (RFC 4180, no trailing newline): a header of the keys and one row of the values,
     * for results that a script appends run after run. An array becomes one column per element, named
     * {@code key_0}, {@code key_1}, … (axis order, as in the JSON); null and non-finite numbers are empty cells;
     * numbers are written as in the JSON; nested objects are not supported.
     *
     * @throws IllegalStateException if a value is a nested object
     */
    public String toCsv() {
        StringBuilder header = new StringBuilder();
        StringBuilder row = new StringBuilder();
        boolean first = true;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Json) {
                throw new IllegalStateException("'" + e.getKey() + "' is a nested object; it has no CSV form");
            }
            int n = v instanceof double[] ? ((double[]) v).length : v instanceof int[] ? ((int[]) v).length : -1;
            for (int i = 0; i < (n < 0 ? 1 : n); i++) {
                if (!first) {
                    header.append(',');
                    row.append(',');
                }
                first = false;
                header.append(csvCell(n < 0 ? e.getKey() : e.getKey() + "_" + i));
                StringBuilder cell = new StringBuilder();
                if (v instanceof double[]) {
                    number(cell, ((double[]) v)[i]);
                } else if (v instanceof int[]) {
                    cell.append(((int[]) v)[i]);
                } else if (v instanceof Double) {
                    number(cell, (Double) v);
                } else if (v != null) {
                    cell.append(v);
                }
                String text = cell.toString();
                row.append(v == null || text.equals("null") ? "" : csvCell(text));
            }
        }
        return header + "\n" + row;
    }

    private static String csvCell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (!first) {
                b.append(", ");
            }
            first = false;
            string(b, e.getKey());
            b.append(": ");
            value(b, e.getValue());
        }
        return b.append('}').toString();
    }

    private static void value(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Double) {
            number(b, (Double) v);
        } else if (v instanceof double[]) {
            double[] d = (double[]) v;
            b.append('[');
            for (int i = 0; i < d.length; i++) {
                if (i > 0) {
                    b.append(", ");
                }
                number(b, d[i]);
            }
            b.append(']');
        } else if (v instanceof int[]) {
            int[] d = (int[]) v;
            b.append('[');
            for (int i = 0; i < d.length; i++) {
                if (i > 0) {
                    b.append(", ");
                }
                b.append(d[i]);
            }
            b.append(']');
        } else if (v instanceof Long || v instanceof Boolean || v instanceof Json) {
            b.append(v);
        } else {
            string(b, v.toString());
        }
    }

    private static void number(StringBuilder b, double d) {
        // shortest text that reads back as the same double, as Python's json writes it (ShortestDecimal)
        b.append(Double.isFinite(d) ? ShortestDecimal.toString(d) : "null");
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        b.append('"');
    }
}
