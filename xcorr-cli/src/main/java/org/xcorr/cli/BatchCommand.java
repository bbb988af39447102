package org.xcorr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.xcorr.cli.batch.BatchEngine;
import org.xcorr.cli.batch.BatchRun;
import org.xcorr.cli.batch.Journal;
import org.xcorr.cli.batch.Manifest;
import org.xcorr.cli.batch.RowRunner;
import org.xcorr.cli.table.Table;
import org.xcorr.concurrent.Parallel;
import org.xcorr.io.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xcorr batch}: runs every row of a manifest in one JVM and writes one results table. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {
            "Runs many commands in one go: each line of MANIFEST (a CSV) is one run of the command in its op column"
                    + " (register, offset, track, ncc, correlate, match, local-ncc, shift, similarity, ...), its"
                    + " other columns the command's inputs (reference, moving, template, image, a, b, in, ...) and"
                    + " options without dashes (upsample, max_shift, output, ...); an empty cell leaves the option"
                    + " out. Relative paths are resolved against the manifest's folder. Optional columns: id (else"
                    + " the row number) and your own columns starting with '_'.",
            "Writes one table (-o results.csv, .jsonl or .json; default JSON lines on stdout): id, every manifest"
                    + " column, the fields the command printed, status (ok or its one-line error) and seconds, in"
                    + " natural id order. A bad row is recorded and the batch goes on.",
            "While it runs, finished rows are appended to OUT.journal as they complete; --resume skips the rows"
                    + " already ok there (or in OUT), so a killed batch continues where it stopped. The table is"
                    + " written atomically at the end and the journal removed.",
            "Exit status: 0 every row ok, 3 some rows failed (the table says which), 2 the manifest itself is bad."})
final class BatchCommand implements Callable<Integer> {

    /** Exit status when the table is complete but some rows failed. */
    static final int SOME_ROWS_FAILED = 3;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "The manifest (CSV with a header line).")
    Path manifest;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "The results table: .csv, .jsonl or .json (default: JSON lines on stdout, no resume).")
    Path output;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Rows run at once (default: all cores). Each row gets --threads threads (default: cores /"
                    + " jobs, at least 1). The table is the same for any N.")
    Integer jobs;

    @Option(names = "--resume", description = "Skip rows already ok in OUT.journal (or OUT) from an earlier run.")
    boolean resume;

    @Option(names = "--quiet", description = "No progress line on the terminal.")
    boolean quiet;

    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
            description = "Where rows run: local (threads in this JVM, default) or spark (needs xcorr-spark.jar and"
                    + " Spark on the class path; see README, Scaling out). The table is the same.")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --engine spark: the cluster (spark://host:7077, local[4], yarn; default: Spark's own).")
    String master;

    @Override
    public Integer call() throws IOException {
        int cores = Parallel.defaultThreads();
        int j = jobs == null ? cores : jobs;
        if (j < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, got " + j);
        }
        boolean threadsGiven = spec.commandLine().getParseResult().hasMatchedOption("--threads");
        int threads = threadsGiven ? common.threads() : Math.max(1, cores / j);
        BatchEngine remote = engine.equals("local") ? null : BatchEngine.find(engine);
        if (remote == null && master != null) {
            throw new IllegalArgumentException("--master needs --engine spark");
        }
        if (resume && output == null) {
            throw new IllegalArgumentException("--resume needs -o: the results of the earlier run are read from it");
        }
        Path journalFile = null;
        if (output != null) {
            Table.Format.of(output);
            Path dir = output.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                throw new InputException(output + ": cannot write, directory " + dir + " does not exist");
            }
            Outputs.requireDistinct(output, manifest);
            journalFile = Journal.of(output);
        }
        Manifest m = Manifest.read(manifest);
        Map<String, Map<String, Object>> done = Map.of();
        if (resume) {
            Map<String, Map<String, Object>> earlier = Files.exists(journalFile) ? Journal.read(journalFile)
                    : Files.exists(output) ? BatchRun.readTable(output) : Map.of();
            done = BatchRun.reusable(m, earlier);
        }
        List<Map<String, Object>> rows;
        Journal journal = journalFile == null ? null : Journal.open(journalFile, resume);
        try (ProgressLine line = ProgressLine.forTerminal(spec.commandLine().getErr(), "batch", "rows", quiet)) {
            rows = remote == null ? BatchRun.run(m, new RowRunner(threads), j, done, journal, line)
                    : runElsewhere(remote, m, threadsGiven ? common.threads() : 1, done, journal, line);
        } finally {
            if (journal != null) {
                journal.close();
            }
        }
        boolean failed = false;
        for (Map<String, Object> r : rows) {
            failed |= !RowRunner.OK.equals(r.get("status"));
        }
        if (output != null) {
            boolean csv = Table.Format.of(output) == Table.Format.CSV;
            Table.write(output, BatchRun.columns(m, rows, csv), rows);
            Files.deleteIfExists(journalFile);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            StringBuilder b = new StringBuilder();
            for (Map<String, Object> r : rows) {
                b.append(Table.json(r)).append('\n');
            }
            out.print(b);
            out.flush();
        }
        return failed ? SOME_ROWS_FAILED : Errors.OK;
    }

    /**
     * The rows not in {@code done} on {@code remote}, each with {@code threads} threads (1 unless --threads: an
     * engine's executor runs one row per core); the results journaled when they come back (all at once).
     */
    private List<Map<String, Object>> runElsewhere(BatchEngine remote, Manifest m, int threads,
            Map<String, Map<String, Object>> done, Journal journal, ProgressLine line) throws IOException {
        List<Manifest.Row> pending = new java.util.ArrayList<>();
        for (Manifest.Row r : m.rows()) {
            if (!done.containsKey(r.id())) {
                pending.add(r);
            }
        }
        List<Map<String, Object>> rows = new java.util.ArrayList<>(done.values());
        if (!pending.isEmpty()) {
            List<Map<String, Object>> fresh = remote.run(new Manifest(m.header(), pending, m.baseDir()),
                    new RowRunner(threads), master, line);
            for (Map<String, Object> r : fresh) {
                if (journal != null) {
                    journal.append(r);
                }
            }
            rows.addAll(fresh);
        }
        rows.sort(java.util.Comparator.comparing(r -> String.valueOf(r.get("id")), BatchRun.ID_ORDER));
        return rows;
    }
}
