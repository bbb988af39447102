package org.xcorr.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xcorr.stack.AlignmentResult;
import org.xcorr.stack.FrameShift;

/**
 * The per-frame shifts of a stack alignment as a table: CSV, JSON or JSON lines, chosen by extension.
 *
 * <p>CSV ({@code .csv}): a header line, then one row per frame:
 * <pre>
 * frame,dy,dx,error,peak_value,status
 * 0,0.0,0.0,0.99...,0.96...,ok
 * 1,-0.35,1.2,0.99...,0.93...,ok
 * </pre>
 * {@code frame} counts from 0; {@code dy, dx} (and {@code dz} for volumes, after them; 1-D frames have
 * {@code dx} only) are the shift that, applied to the frame, aligns it with the reference ({@code register}'s
 * sign). Numbers are written with the shortest decimal that reads back to the same double, so a table read
 * back reproduces the shifts bit for bit; values that do not exist are {@code nan}; a status other than
 * {@code ok} is the frame's one-line error (quoted when it holds a comma or a quote). JSON lines
 * ({@code .jsonl}) hold one object per row with the same keys plus {@code "shift"} (the array in axis order),
 * non-existent values as {@code null}; JSON ({@code .json}) wraps those rows as
 * {@code {"frame_shape": [...], "masked": b, "frames": [...]}}.
 */
public final class ShiftTable {

    private ShiftTable() {
    }

    /** Shifts read back from a CSV table, in frame order. */
    public record Rows(double[][] shifts, String[] status) {
    }

    /** Column names of the shift in a table, in column order, for frames of {@code rank} axes. */
    static String[] shiftColumns(int rank) {
        switch (rank) {
            case 1:
                return new String[] {"dx"};
            case 2:
                return new String[] {"dy", "dx"};
            default:
                return new String[] {"dy", "dx", "dz"};
        }
    }

    /** Axis (in axis order) of each shift column. */
    private static int[] columnAxes(int rank) {
        switch (rank) {
            case 1:
                return new int[] {0};
            case 2:
                return new int[] {0, 1};
            default:
                return new int[] {1, 2, 0};
        }
    }

    /** Checks the extension ({@code .csv}, {@code .json}, {@code .jsonl}) and the folder before any work. */
    public static void checkWritable(Path path) throws InputException {
        String ext = ArrayFiles.extension(path);
        if (!ext.equals("csv") && !ext.equals("json") && !ext.equals("jsonl")) {
            throw new InputException(path + ": the shift table is written as .csv, .json or .jsonl, not "
                    + (ext.isEmpty() ? "a file without extension" : "." + ext));
        }
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new InputException(path + ": cannot write, directory " + dir + " does not exist");
        }
        if (Files.isDirectory(path)) {
            throw new InputException(path + ": cannot write, it is a directory; give a file name");
        }
    }

    /** The table as text in the format of {@code path}'s extension. */
    public static String format(Path path, AlignmentResult result) throws InputException {
        checkWritable(path);
        String ext = ArrayFiles.extension(path);
        int rank = result.frameShape().length;
        StringBuilder b = new StringBuilder();
        if (ext.equals("csv")) {
            b.append("frame,").append(String.join(",", shiftColumns(rank))).append(",error,peak_value,status\n");
            int[] axes = columnAxes(rank);
            for (FrameShift f : result.frames()) {
                double[] s = f.shift();
                b.append(f.frame());
                for (int a : axes) {
                    b.append(',').append(csvNumber(s[a]));
                }
                b.append(',').append(csvNumber(f.error())).append(',').append(csvNumber(f.peakValue()))
                        .append(',').append(csvText(f.status())).append('\n');
            }
            return b.toString();
        }
        List<String> rows = new ArrayList<>();
        for (FrameShift f : result.frames()) {
            rows.add(json(f, rank).toString());
        }
        if (ext.equals("jsonl")) {
            for (String r : rows) {
                b.append(r).append('\n');
            }
            return b.toString();
        }
        b.append("{\"frame_shape\": ").append(Arrays.toString(result.frameShape())).append(", \"masked\": ")
                .append(result.masked()).append(", \"frames\": [\n");
        for (int i = 0; i < rows.size(); i++) {
            b.append("  ").append(rows.get(i)).append(i + 1 < rows.size() ? ",\n" : "\n");
        }
        return b.append("]}\n").toString();
    }

    /** Writes the table atomically (format by extension). */
    public static void write(Path path, AlignmentResult result) throws IOException {
        byte[] bytes = format(path, result).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(path, out -> out.write(bytes));
    }

    /** One row as a JSON object. */
    public static Json json(FrameShift f, int rank) {
        Json j = new Json().put("frame", (long) f.frame());
        String[] names = shiftColumns(rank);
        int[] axes = columnAxes(rank);
        double[] s = f.shift();
        for (int c = 0; c < names.length; c++) {
            j.put(names[c], s[axes[c]]);
        }
        return j.put("shift", s).put("error", f.error()).put("peak_value", f.peakValue()).put("status", f.status());
    }

    private static String csvNumber(double v) {
        return Double.isNaN(v) ? "nan" : Double.toString(v);
    }

    private static String csvText(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /**
     * Reads the shifts of a CSV table written by {@link #write} (or by hand: a header naming {@code frame} and
     * the shift columns, {@code status} optional; every frame {@code 0..n-1} exactly once, in any order).
     *
     * @param rank axes of a frame: 1 ({@code dx}), 2 ({@code dy, dx}) or 3 ({@code dy, dx, dz})
     * @throws InputException naming the file and line for anything else
     */
    public static Rows read(Path path, int rank) throws IOException {
        if (!ArrayFiles.extension(path).equals("csv")) {
            throw new InputException(path + ": shifts are read from a .csv table (as align -o shifts.csv writes)");
        }
        if (!Files.isRegularFile(path)) {
            throw new InputException(path + ": file not found");
        }
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new InputException(path + ": empty file; expected a header line and one row per frame");
        }
        List<String> header = splitCsv(lines.get(0).strip());
        int frameCol = header.indexOf("frame");
        String[] names = shiftColumns(rank);
        int[] axes = columnAxes(rank);
        int[] cols = new int[names.length];
        for (int c = 0; c < names.length; c++) {
            cols[c] = header.indexOf(names[c]);
            if (cols[c] < 0) {
                throw new InputException(path + ": the header has no '" + names[c] + "' column (frames have " + rank
                        + " axes; expected frame," + String.join(",", names) + ",...)");
            }
        }
        if (frameCol < 0) {
            throw new InputException(path + ": the header has no 'frame' column");
        }
        int statusCol = header.indexOf("status");
        List<double[]> shifts = new ArrayList<>();
        List<String> status = new ArrayList<>();
        List<Integer> frames = new ArrayList<>();
        for (int ln = 1; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> f = splitCsv(line);
            if (f.size() != header.size()) {
                throw new InputException(path + ": line " + (ln + 1) + " has " + f.size() + " fields, the header "
                        + header.size());
            }
            int frame;
            try {
                frame = Integer.parseInt(f.get(frameCol).trim());
            } catch (NumberFormatException e) {
                throw new InputException(path + ": line " + (ln + 1) + ": frame '" + f.get(frameCol)
                        + "' is not an integer");
            }
            double[] s = new double[rank];
            for (int c = 0; c < names.length; c++) {
                String t = f.get(cols[c]).trim();
                try {
                    s[axes[c]] = t.equalsIgnoreCase("nan") || t.isEmpty() ? Double.NaN : Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new InputException(path + ": line " + (ln + 1) + ": " + names[c] + " '" + t
                            + "' is not a number");
                }
            }
            frames.add(frame);
            shifts.add(s);
            status.add(statusCol < 0 ? "ok" : f.get(statusCol));
        }
        int n = frames.size();
        double[][] out = new double[n][];
        String[] st = new String[n];
        for (int i = 0; i < n; i++) {
            int fr = frames.get(i);
            if (fr < 0 || fr >= n) {
                throw new InputException(path + ": frame " + fr + " is outside 0.." + (n - 1) + " (" + n + " rows)");
            }
            if (out[fr] != null) {
                throw new InputException(path + ": frame " + fr + " appears twice");
            }
            out[fr] = shifts.get(i);
            st[fr] = status.get(i);
        }
        return new Rows(out, st);
    }

    /** Splits one CSV line (RFC 4180 quotes). */
    static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
