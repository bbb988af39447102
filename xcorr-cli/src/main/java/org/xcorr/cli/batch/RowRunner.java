package org.xcorr.cli.batch;

import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.xcorr.cli.Main;
import org.xcorr.cli.table.JsonReader;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Runs one manifest row: the subcommand named by its {@code op} cell, with its other cells as the subcommand's
 * inputs and options, in this JVM, and returns the result row. The unit a batch is made of, and the one a
 * cluster engine would ship to its workers: it holds only a thread count (serializable), takes and returns plain
 * strings, lists and maps, never prints and never exits.
 *
 * <p><b>How a row becomes a command line.</b> Each column except {@code id}, {@code op} and columns starting
 * with {@code _} (the user's own data, carried through) names an argument of the row's subcommand:
 * <ul>
 *   <li>a long option, without its dashes, with {@code _} or {@code -} between words: {@code upsample},
 *       {@code max_shift} or {@code max-shift} give {@code --upsample=…}, {@code --max-shift=…}; {@code output}
 *       gives {@code -o}; a flag ({@code nan_as_mask}) takes {@code true}/{@code false} (also yes/no, 1/0);</li>
 *   <li>a positional input, by its name in the subcommand's usage, lower case: {@code reference} and
 *       {@code moving} for {@code register}, {@code a} and {@code b} for {@code correlate}, {@code in} for
 *       {@code shift}.</li>
 * </ul>
 * An empty cell leaves the argument out (the subcommand's default). Paths (options and inputs whose type is a
 * file) are resolved against {@code baseDir} unless absolute. {@code --threads} is this runner's thread count
 * unless the row has a {@code threads} cell. A non-empty cell in a column the row's subcommand does not take is an
 * error of that row.
 *
 * <p><b>Why the subcommands themselves.</b> The row runs through the same picocli command as {@code xcorr op …}
 * would, in process (its stdout and stderr captured): the same validation, defaults, one-line messages and JSON,
 * so a batch row and the single command can never disagree, and every subcommand (present and future) works in a
 * manifest without a second mapping to maintain. The cost, building the command model per row, is about a
 * millisecond; the JIT warm-up is paid once per JVM, not per row.
 *
 * <p><b>The result row</b> ({@link #run}): {@code id}, then every manifest column with its cell as given, then the
 * fields of the JSON object the subcommand printed (numbers as {@code Long}/{@code Double}, vectors as lists;
 * a field whose name is already a column is renamed {@code result_<name>}), then {@code status} ({@value #OK},
 * or the subcommand's one-line error) and {@code seconds} (wall time of the row, milliseconds resolution).
 */
public final class RowRunner implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The status of a row that ran without error. */
    public static final String OK = "ok";

    /** Columns with a meaning of their own, not passed to the subcommand. */
    public static final Set<String> RESERVED = Set.of("id", "op");

    /** Subcommands that cannot be a manifest row. */
    private static final Set<String> NOT_ROWS = Set.of("help", "demo", "batch");

    /** Options no manifest may set: they print help or change the error output, not the result. */
    private static final Set<String> NOT_COLUMNS = Set.of("--help", "--version", "--verbose", "--quiet");

    private final int threads;

    /**
     * A runner whose rows use {@code threads} threads each (unless a row has its own {@code threads} cell).
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public RowRunner(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    /** The subcommands a manifest row may name in its {@code op} column, sorted. */
    public static Set<String> ops() {
        Set<String> ops = new TreeSet<>();
        for (String name : Specs.ROOT.subcommands().keySet()) {
            if (!NOT_ROWS.contains(name)) {
                ops.add(name);
            }
        }
        return ops;
    }

    /** The canonical form of a column name: trimmed, lower case, {@code _} as {@code -}. */
    static String normalize(String column) {
        return column.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether {@code column} is the user's own data ({@code _name}), carried to the results untouched. */
    public static boolean isUserColumn(String column) {
        return column.strip().startsWith("_");
    }

    /** Whether some subcommand takes {@code column} (as an option or a positional input). */
    public static boolean isKnownColumn(String column) {
        for (String op : ops()) {
            if (takes(op, column)) {
                return true;
            }
        }
        return false;
    }

    /** Whether subcommand {@code op} takes {@code column}. */
    static boolean takes(String op, String column) {
        CommandSpec spec = Specs.ROOT.subcommands().get(op).getCommandSpec();
        return option(spec, column) != null || positional(spec, column) != null;
    }

    private static OptionSpec option(CommandSpec spec, String column) {
        String n = normalize(column);
        OptionSpec o = spec.findOption(n.equals("o") ? "-o" : "--" + n);
        return o == null || NOT_COLUMNS.contains(o.longestName()) ? null : o;
    }

    private static PositionalParamSpec positional(CommandSpec spec, String column) {
        String n = normalize(column);
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.paramLabel().toLowerCase(Locale.ROOT).replace('_', '-').equals(n)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Runs one row.
     *
     * @param header  the manifest's column names
     * @param values  this row's cells, one per column
     * @param baseDir the folder relative paths are resolved against (the manifest's folder)
     * @param id      the row's id (its {@code id} cell, or its 1-based row number)
     * @return the result row, see the class comment; never throws for a bad row (its status says what is wrong)
     */
    public Map<String, Object> run(List<String> header, List<String> values, String baseDir, String id) {
        long start = System.nanoTime();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        for (int c = 0; c < header.size(); c++) {
            if (!header.get(c).strip().equalsIgnoreCase("id")) {
                row.put(header.get(c).strip(), c < values.size() ? values.get(c) : "");
            }
        }
        String status;
        try {
            status = execute(header, values, baseDir, row);
        } catch (RuntimeException | LinkageError | VirtualMachineError e) {
            // a bug or an exhausted heap in one row must not end the batch; the row says what happened
            status = "internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()));
        }
        row.put("status", status);
        row.put("seconds", Math.round((System.nanoTime() - start) / 1e6) / 1e3);
        return row;
    }

    /** Builds and runs the command line; puts the printed fields into {@code row}; returns the status. */
    private String execute(List<String> header, List<String> values, String baseDir, Map<String, Object> row) {
        if (values.size() != header.size()) {
            return "the row has " + values.size() + " cells but the header has " + header.size() + " columns";
        }
        String op = null;
        for (int c = 0; c < header.size(); c++) {
            if (normalize(header.get(c)).equals("op")) {
                op = values.get(c).strip().toLowerCase(Locale.ROOT);
            }
        }
        if (op == null || op.isEmpty()) {
            return "no op: give the subcommand to run in the op column (one of " + String.join(", ", ops()) + ")";
        }
        if (!ops().contains(op)) {
            return "unknown op '" + op + "'; expected one of " + String.join(", ", ops());
        }
        CommandLine cl = commandLine(op);
        CommandSpec spec = cl.getSubcommands().get(op).getCommandSpec();
        List<String> options = new ArrayList<>();
        String[] positionals = new String[spec.positionalParameters().size()];
        boolean threadsGiven = false;
        for (int c = 0; c < header.size(); c++) {
            String column = header.get(c).strip();
            String value = values.get(c).strip();
            if (RESERVED.contains(normalize(column)) || isUserColumn(column) || value.isEmpty()) {
                continue;
            }
            OptionSpec o = option(spec, column);
            PositionalParamSpec p = o == null ? positional(spec, column) : null;
            if (o == null && p == null) {
                return "column '" + column + "' is not an option of " + op + "; leave it empty on " + op + " rows";
            }
            if (o != null) {
                threadsGiven |= o.longestName().equals("--threads");
                if (o.arity().max() == 0) {
                    Boolean on = flag(value);
                    if (on == null) {
                        return "column '" + column + "' is a flag: true or false, got '" + value + "'";
                    }
                    if (on) {
                        options.add(o.longestName());
                    }
                } else {
                    options.add(o.longestName() + "=" + (isPath(o.type()) ? resolve(baseDir, value) : value));
                }
            } else {
                // STACK is text (it may be a glob) but names files all the same
                boolean path = isPath(p.type()) || p.paramLabel().equals("STACK");
                positionals[p.index().min()] = path ? resolve(baseDir, value) : value;
            }
        }
        List<String> args = new ArrayList<>();
        args.add(op);
        args.addAll(options);
        if (!threadsGiven) {
            args.add("--threads=" + threads);
        }
        if (spec.findOption("--quiet") != null) {
            // a row's own progress line would draw into its captured stderr (the batch has its own line)
            args.add("--quiet");
        }
        // after "--" every word is an input, even one that starts with a dash
        args.add("--");
        for (String p : positionals) {
            if (p != null) {
                args.add(p);
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute(args.toArray(new String[0]));
        String errors = err.toString().strip();
        if (rc != 0) {
            String first = errors.isEmpty() ? "" : oneLine(errors.lines().findFirst().orElse(""));
            String prefix = "xcorr " + op + ": ";
            if (first.startsWith(prefix)) {
                first = first.substring(prefix.length());
            }
            return first.isEmpty() ? op + " ended with exit status " + rc : first;
        }
        String printed = out.toString().strip();
        if (printed.isEmpty()) {
            return OK;
        }
        if (printed.lines().count() > 1) {
            return op + " printed " + printed.lines().count() + " lines, not one result; give it an output column"
                    + " (-o) so that its table goes to a file";
        }
        Map<String, Object> fields;
        try {
            fields = JsonReader.object(printed);
        } catch (IllegalArgumentException e) {
            return op + " printed something that is not a JSON object: " + oneLine(e.getMessage());
        }
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            String key = row.containsKey(f.getKey()) || f.getKey().equals("status") || f.getKey().equals("seconds")
                    ? "result_" + f.getKey() : f.getKey();
            row.put(key, f.getValue());
        }
        return OK;
    }

    private static boolean isPath(Class<?> type) {
        return Path.class.isAssignableFrom(type) || java.io.File.class.isAssignableFrom(type);
    }

    private static String resolve(String baseDir, String value) {
        Path p = Path.of(value);
        return p.isAbsolute() || baseDir == null ? value : Path.of(baseDir).resolve(p).toString();
    }

    private static Boolean flag(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on":
                return Boolean.TRUE;
            case "false", "no", "0", "off":
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", "; ").strip();
    }

    /**
     * A fresh {@code xcorr} command line holding only subcommand {@code op}, configured as {@link Main#commandLine()}
     * configures its own (error handlers, case-insensitive enums, parser settings): the same parsing and messages,
     * at about an eighth of the cost of building every subcommand's model for every row.
     */
    private static CommandLine commandLine(String op) {
        Object command;
        try {
            command = CommandLine.defaultFactory().create(Specs.ROOT.subcommands().get(op).getCommandSpec()
                    .userObject().getClass());
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the " + op + " command", e);
        }
        CommandLine root = Specs.ROOT_LINE;
        CommandLine cl = new CommandLine(CommandSpec.create().name(root.getCommandName()));
        cl.addSubcommand(op, new CommandLine(command));
        // set after adding the subcommand: picocli applies these to the subcommands present at the time
        cl.setExecutionExceptionHandler(root.getExecutionExceptionHandler());
        cl.setParameterExceptionHandler(root.getParameterExceptionHandler());
        cl.setCaseInsensitiveEnumValuesAllowed(root.isCaseInsensitiveEnumValuesAllowed());
        cl.setAbbreviatedOptionsAllowed(root.isAbbreviatedOptionsAllowed());
        cl.setPosixClusteredShortOptionsAllowed(root.isPosixClusteredShortOptionsAllowed());
        cl.setOverwrittenOptionsAllowed(root.isOverwrittenOptionsAllowed());
        cl.setUnmatchedArgumentsAllowed(root.isUnmatchedArgumentsAllowed());
        cl.setTrimQuotes(root.isTrimQuotes());
        cl.setStopAtPositional(root.isStopAtPositional());
        return cl;
    }

    /** The command model, built once, to look up options and inputs and the root's settings (never executed). */
    private static final class Specs {
        static final CommandLine ROOT_LINE = Main.commandLine();
        static final CommandSpec ROOT = ROOT_LINE.getCommandSpec();
    }
}
