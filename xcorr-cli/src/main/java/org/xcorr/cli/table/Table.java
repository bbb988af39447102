package org.xcorr.cli.table;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xcorr.io.AtomicFiles;
import org.xcorr.io.InputException;

/**
 * Result tables: rows of named values written as CSV, JSON lines or one JSON array, chosen by the output file's
 * extension.
 *
 * <p>A row is a {@code Map<String, Object>} whose values are {@code null}, strings, booleans, integers
 * ({@code Integer}, {@code Long}), doubles, or per-axis vectors ({@code double[]}, {@code int[]}, {@code long[]} or a
 * {@code List} of numbers). JSON keeps vectors as arrays; CSV, being flat, spreads a vector over one column per
 * axis, named after the axes from the last one: {@code shift_y, shift_x} in 2-D, {@code shift_z, shift_y,
 * shift_x} in 3-D, {@code shift_x} in 1-D (more than 3 values: {@code _0, _1, …}). A value that does not exist
 * (null, NaN, infinity) is an empty CSV cell and a JSON {@code null}. Doubles are written with the shortest
 * decimal that reads back to the same double ({@link Double#toString}), integral doubles as {@code 3.0}.
 */
public final class Table {

    /** Table formats, by file extension. */
    public enum Format {
        /** {@code .csv}: a header line, then one line per row. */
        CSV,
        /** {@code .jsonl}: one JSON object per line. */
        JSONL,
        /** {@code .json}: one JSON array of objects. */
        JSON;

        /**
         * The format of {@code file} by its extension ({@code .csv}, {@code .jsonl}, {@code .json}, any case).
         *
         * @throws InputException naming the file when the extension is none of these
         */
        public static Format of(Path file) throws InputException {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return CSV;
            }
            if (name.endsWith(".jsonl")) {
                return JSONL;
            }
            if (name.endsWith(".json")) {
                return JSON;
            }
            throw new InputException(file + ": unsupported table extension; use .csv, .json or .jsonl");
        }
    }

    private Table() {
    }

    /**
     * Writes {@code rows} to {@code file} atomically (all or nothing), in the format of its extension.
     *
     * @param columns CSV columns to put first, in this order, even when no row has them (after flattening); the
     *                rows' other keys follow in the order first seen. Ignored by the JSON formats.
     */
    public static void write(Path file, List<String> columns, List<? extends Map<String, ?>> rows)
            throws IOException {
        Format f = Format.of(file);
        AtomicFiles.write(file, out -> write(out, f, columns, rows));
    }

    /** Writes {@code rows} in format {@code f} to {@code out} (UTF-8; flushed, not closed). */
    public static void write(OutputStream out, Format f, List<String> columns, List<? extends Map<String, ?>> rows)
            throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        switch (f) {
            case CSV -> {
                List<Map<String, Object>> flat = new ArrayList<>();
                for (Map<String, ?> r : rows) {
                    flat.add(flatten(r));
                }
                List<String> header = columns(columns, flat);
                w.write(Csv.line(header));
                w.write('\n');
                for (Map<String, Object> r : flat) {
                    List<String> cells = new ArrayList<>(header.size());
                    for (String c : header) {
                        cells.add(cell(r.get(c)));
                    }
                    w.write(Csv.line(cells));
                    w.write('\n');
                }
            }
            case JSONL -> {
                for (Map<String, ?> r : rows) {
                    w.write(json(r));
                    w.write('\n');
                }
            }
            case JSON -> {
                w.write("[");
                for (int k = 0; k < rows.size(); k++) {
                    w.write(k == 0 ? "\n  " : ",\n  ");
                    w.write(json(rows.get(k)));
                }
                w.write(rows.isEmpty() ? "]\n" : "\n]\n");
            }
            default -> throw new IllegalStateException(f.name());
        }
        w.flush();
    }

    /** {@code columns} first, then every other key of {@code rows} in the order first seen. */
    public static List<String> columns(List<String> columns, List<? extends Map<String, ?>> rows) {
        Set<String> all = new LinkedHashSet<>(columns);
        for (Map<String, ?> r : rows) {
            all.addAll(r.keySet());
        }
        return new ArrayList<>(all);
    }

    /** The row with every vector spread over one entry per axis ({@code key_y, key_x}), see the class comment. */
    public static Map<String, Object> flatten(Map<String, ?> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : row.entrySet()) {
            List<Object> v = vector(e.getValue());
            if (v == null) {
                out.put(e.getKey(), e.getValue());
                continue;
            }
            for (int a = 0; a < v.size(); a++) {
                out.put(e.getKey() + "_" + axisName(a, v.size()), v.get(a));
            }
        }
        return out;
    }

    /** The name of axis {@code a} of {@code rank}: {@code z, y, x} counted from the last axis. */
    public static String axisName(int a, int rank) {
        if (rank > 3) {
            return Integer.toString(a);
        }
        return String.valueOf("zyx".charAt(3 - rank + a));
    }

    /** One CSV cell: empty for a value that does not exist, else the value's text. */
    public static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? number(d) : "";
        }
        return v.toString();
    }

    /** One row as a JSON object (keys in the row's order). */
    public static String json(Map<String, ?> row) {
        StringBuilder b = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, ?> e : row.entrySet()) {
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
        List<Object> vec = vector(v);
        if (vec != null) {
            b.append('[');
            for (int k = 0; k < vec.size(); k++) {
                if (k > 0) {
                    b.append(", ");
                }
                value(b, vec.get(k));
            }
            b.append(']');
        } else if (v == null) {
            b.append("null");
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            b.append(Double.isFinite(d) ? number(d) : "null");
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else {
            string(b, v.toString());
        }
    }

    /** The vector's values as a list, or null when {@code v} is not a vector. */
    private static List<Object> vector(Object v) {
        List<Object> out = new ArrayList<>();
        if (v instanceof double[] d) {
            for (double x : d) {
                out.add(x);
            }
        } else if (v instanceof int[] d) {
            for (int x : d) {
                out.add(x);
            }
        } else if (v instanceof long[] d) {
            for (long x : d) {
                out.add(x);
            }
        } else if (v instanceof List<?> l) {
            out.addAll(l);
        } else {
            return null;
        }
        return out;
    }

    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return (d == 0 && Double.doubleToRawLongBits(d) != 0 ? "-0" : Long.toString((long) d)) + ".0";
        }
        return Double.toString(d);
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
