package org.xcorr.cli.batch;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xcorr.cli.table.Csv;
import org.xcorr.io.InputException;

/**
 * A batch manifest: a CSV file whose header names the columns and whose every line is one run of a subcommand.
 *
 * <pre>
 * id,op,reference,moving,upsample,template,image,subpixel,_sample
 * r1,register,ref.png,mov1.png,20,,,,A
 * r2,register,ref.png,mov2.png,20,,,,B
 * o1,offset,,,,template.png,scene.png,parabolic,C
 * </pre>
 *
 * <p>Columns: {@code op} (required: the subcommand, see {@link RowRunner#ops()}), {@code id} (optional: a unique
 * label of the row; else its 1-based row number), inputs and options of the subcommands (see {@link RowRunner}),
 * and the user's own columns, whose names start with {@code _}, carried to the results untouched.
 *
 * <p>What makes the whole manifest bad (the command line exits with status 2 before running anything): an
 * unreadable file or malformed CSV, no {@code op} column, a column named twice, a column that no subcommand takes
 * (a typo), a line with a different number of cells than the header, an unknown op, an empty or repeated id, two
 * rows writing the same output file, or no rows at all. Everything else (a missing input file, NaN values,
 * mismatched shapes, an option one op does not take) is an error of its row only.
 *
 * @param header  the column names, as written
 * @param rows    the rows, in file order
 * @param baseDir the folder relative paths are resolved against: the manifest's own folder
 */
public record Manifest(List<String> header, List<Row> rows, String baseDir) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * One row.
     *
     * @param id     its id cell, or its 1-based row number
     * @param line   the line of the manifest it starts on (for messages)
     * @param values its cells, one per column
     */
    public record Row(String id, int line, List<String> values) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Copies the cells. */
        public Row {
            values = List.copyOf(values);
        }
    }

    /** Copies the lists. */
    public Manifest {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /**
     * Reads and checks a manifest.
     *
     * @throws InputException naming the file (and line) when the manifest is bad, see the class comment
     */
    public static Manifest read(Path file) throws IOException {
        List<Csv.Record> records = Csv.read(file);
        String name = file.toString();
        if (records.isEmpty()) {
            throw new InputException(name + ": empty manifest; expected a header line such as op,reference,moving");
        }
        List<String> header = records.get(0).fields();
        Map<String, Integer> seen = new HashMap<>();
        int opColumn = -1;
        int idColumn = -1;
        int outputColumn = -1;
        for (int c = 0; c < header.size(); c++) {
            String column = header.get(c).strip();
            if (column.isEmpty()) {
                throw new InputException(name + ": column " + (c + 1) + " of the header has no name");
            }
            String n = RowRunner.isUserColumn(column) ? column : RowRunner.normalize(column);
            Integer before = seen.put(n, c);
            if (before != null) {
                throw new InputException(name + ": column '" + column + "' is named twice in the header (columns "
                        + (before + 1) + " and " + (c + 1) + ")");
            }
            if (n.equals("op")) {
                opColumn = c;
            } else if (n.equals("id")) {
                idColumn = c;
            } else if (RowRunner.isUserColumn(column)) {
                continue;
            } else if (!RowRunner.isKnownColumn(column)) {
                throw new InputException(name + ": column '" + column + "' is not an option or input of any command"
                        + " (name options as on the command line without dashes, e.g. upsample or max_shift, and"
                        + " inputs as in the usage, e.g. reference, moving, template, image; start your own columns"
                        + " with '_')");
            } else if (n.equals("output") || n.equals("o")) {
                outputColumn = c;
            }
        }
        if (opColumn < 0) {
            throw new InputException(name + ": the header has no 'op' column naming the command of each row (one of "
                    + String.join(", ", RowRunner.ops()) + ")");
        }
        Path dir = file.toAbsolutePath().getParent();
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        Map<Path, Integer> outputs = new HashMap<>();
        for (int r = 1; r < records.size(); r++) {
            Csv.Record rec = records.get(r);
            String where = name + " line " + rec.line();
            List<String> v = rec.fields();
            if (v.size() != header.size()) {
                throw new InputException(where + ": " + v.size() + " cells, but the header has " + header.size()
                        + " columns");
            }
            String op = v.get(opColumn).strip().toLowerCase(Locale.ROOT);
            if (!RowRunner.ops().contains(op)) {
                throw new InputException(where + ": " + (op.isEmpty() ? "no op" : "unknown op '" + op + "'")
                        + "; expected one of " + String.join(", ", RowRunner.ops()));
            }
            String id = idColumn < 0 ? Integer.toString(r) : v.get(idColumn).strip();
            if (id.isEmpty()) {
                throw new InputException(where + ": empty id");
            }
            Integer before = ids.put(id, rec.line());
            if (before != null) {
                throw new InputException(where + ": id '" + id + "' was already used on line " + before
                        + "; ids must be unique");
            }
            if (outputColumn >= 0 && !v.get(outputColumn).isBlank()) {
                Path out = dir.resolve(v.get(outputColumn).strip()).normalize();
                Integer other = outputs.put(out, rec.line());
                if (other != null) {
                    throw new InputException(where + ": output " + v.get(outputColumn).strip()
                            + " is also written by line " + other + "; rows running in parallel need their own outputs");
                }
            }
            rows.add(new Row(id, rec.line(), v));
        }
        if (rows.isEmpty()) {
            throw new InputException(name + ": no rows after the header line");
        }
        return new Manifest(header, rows, dir.toString());
    }
}
