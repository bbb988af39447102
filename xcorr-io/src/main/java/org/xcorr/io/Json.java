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
