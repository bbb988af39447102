package org.xcorr.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xcorr.cli.table.Csv;
import org.xcorr.io.InputException;
import org.xcorr.track.TrackPoint;

/**
 * Reads a points file for {@code track --points}: a CSV with a header naming the columns {@code id} (optional;
 * else the 1-based row number), the coordinates {@code x}, {@code y,x} or {@code z,y,x} (integer pixel indices)
 * and optionally {@code radius} (the point's template radius: one integer, or one per axis as {@code "RY,RX"}; an
 * empty cell uses {@code --template-radius}). Other columns are ignored, so a detector's full export can be given.
 */
final class PointsFile {

    private PointsFile() {
    }

    /**
     * The points of {@code file}, in file order.
     *
     * @throws InputException naming the file and line for a missing column, a value that is not an integer, a
     *     repeated id, a row with too few cells, or a file without points
     */
    static List<TrackPoint> read(Path file) throws IOException {
        List<Csv.Record> records = Csv.read(file);
        if (records.isEmpty()) {
            throw new InputException(file + ": empty; expected a header line such as id,y,x then one point per line");
        }
        List<String> header = records.get(0).fields();
        Map<String, Integer> col = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            col.putIfAbsent(header.get(c).strip().toLowerCase(Locale.ROOT), c);
        }
        if (!col.containsKey("x")) {
            throw new InputException(file + ": the header " + header + " has no 'x' column; expected id,y,x (2-D),"
                    + " id,x (1-D) or id,z,y,x (3-D), optionally radius");
        }
        if (col.containsKey("z") && !col.containsKey("y")) {
            throw new InputException(file + ": the header has 'z' and 'x' but no 'y' column");
        }
        List<String> axes = new ArrayList<>();
        for (String a : new String[] {"z", "y", "x"}) {
            if (col.containsKey(a)) {
                axes.add(a);
            }
        }
        Integer idCol = col.get("id");
        Integer radiusCol = col.get("radius");
        List<TrackPoint> points = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int r = 1; r < records.size(); r++) {
            Csv.Record rec = records.get(r);
            String where = file + " line " + rec.line();
            List<String> f = rec.fields();
            String id = idCol == null ? Integer.toString(r) : cell(f, idCol, where, "id");
            if (id.isEmpty()) {
                throw new InputException(where + ": empty id");
            }
            Integer before = seen.put(id, rec.line());
            if (before != null) {
                throw new InputException(where + ": id '" + id + "' was already used on line " + before
                        + "; ids must be unique");
            }
            int[] position = new int[axes.size()];
            for (int a = 0; a < position.length; a++) {
                position[a] = integer(cell(f, col.get(axes.get(a)), where, axes.get(a)), where, axes.get(a));
            }
            int[] radius = null;
            if (radiusCol != null && radiusCol < f.size() && !f.get(radiusCol).isBlank()) {
                String[] parts = f.get(radiusCol).split(",", -1);
                radius = new int[parts.length];
                for (int k = 0; k < parts.length; k++) {
                    radius[k] = integer(parts[k], where, "radius");
                    if (radius[k] < 0) {
                        throw new InputException(where + ": radius must be >= 0, got '" + f.get(radiusCol) + "'");
                    }
                }
                if (radius.length != 1 && radius.length != position.length) {
                    throw new InputException(where + ": radius '" + f.get(radiusCol) + "' has " + radius.length
                            + " values; give one, or one per axis (" + position.length + ")");
                }
            }
            points.add(new TrackPoint(id, position, radius));
        }
        if (points.isEmpty()) {
            throw new InputException(file + ": no points after the header line");
        }
        return points;
    }

    private static String cell(List<String> f, int c, String where, String name) throws InputException {
        if (c >= f.size()) {
            throw new InputException(where + ": no value in column '" + name + "' (the line has " + f.size()
                    + " cells)");
        }
        return f.get(c).strip();
    }

    /** An integer, or a decimal with no fraction ({@code 12.0}); anything else names the column and text. */
    private static int integer(String text, String where, String name) throws InputException {
        String t = text.strip();
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(t);
                if (d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
                    return (int) d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new InputException(where + ": " + name + " '" + text + "' is not an integer");
    }
}
