package org.xcorr.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.xcorr.cli.ProgressLine;
import org.xcorr.cli.batch.BatchRun;
import org.xcorr.cli.batch.Manifest;
import org.xcorr.cli.batch.RowRunner;
import org.xcorr.concurrent.ProgressListener;
import org.xcorr.io.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spark-submit --class org.xcorr.spark.BatchJob xcorr-spark.jar MANIFEST -o RESULTS.csv [--parquet DIR]}:
 * the {@code xcorr batch} manifest on a Spark cluster. The driver reads the manifest (the local batch's reader),
 * the rows run on the executors ({@link SparkBatch}: the local batch's row runner), and the driver writes the
 * table (the local batch's writer, same columns and formatting) and optionally the same table as Parquet.
 *
 * <p>Exit status as the local batch: 0 every row ok, 3 some rows failed (the table says which), 2 bad manifest or
 * options (one line on stderr), 1 anything else.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "Runs the rows of an xcorr batch manifest on Spark and writes one results table.")
public final class BatchJob implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "The manifest (Hadoop path).")
    String manifest;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "The results table: .csv, .jsonl or .json (Hadoop path).")
    String output;

    @Option(names = "--parquet", paramLabel = "DIR", description = "Also write the table as Parquet (Hadoop path).")
    String parquet;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Tasks (default: about ten rows a task, at least two per core).")
    Integer partitions;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Threads per row (default 1: an executor runs one row per core).")
    int threads;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: the one spark-submit was given, else local[*]).")
    String master;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    private final PrintStream err;

    /** A job that reports on {@code err}. */
    BatchJob(PrintStream err) {
        this.err = err;
    }

    /** Runs the job with {@code args} and exits with its status (see the class comment). */
    public static void main(String[] args) {
        System.exit(run(new BatchJob(System.err), System.err, args));
    }

    /** Runs {@code job} with {@code args}, usage and errors on {@code err}; returns the exit status. */
    static int run(Callable<Integer> job, PrintStream err, String... args) {
        CommandLine cl = new CommandLine(job);
        cl.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(err, java.nio.charset.StandardCharsets.UTF_8),
                true));
        String name = cl.getCommandName();
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            boolean bad = e instanceof IllegalArgumentException || e instanceof InputException;
            line.getErr().println("xcorr-spark " + name + ": " + (bad ? "" : "error: ") + oneLine(e));
            return bad ? 2 : 1;
        });
        return cl.execute(args);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s*[\\r\\n]+\\s*", "; ").strip();
    }

    @Override
    public Integer call() throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
        }
        org.xcorr.cli.table.Table.Format.of(java.nio.file.Path.of(new org.apache.hadoop.fs.Path(output).getName()));
        boolean own = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = Sessions.session("xcorr batch", master);
        try {
            return execute(spark, "batch", manifest, output, parquet, partitions, new RowRunner(threads), quiet, err);
        } finally {
            if (own) {
                spark.stop();
            }
        }
    }

    /**
     * Reads the manifest, runs its rows, writes the tables, reports on {@code err}; returns 0 or 3.
     *
     * @param partitions tasks, or null for {@link SparkBatch#partitions}
     */
    static int execute(SparkSession spark, String label, String manifestPath, String output, String parquet,
            Integer partitions, RowRunner runner, boolean quiet, PrintStream err) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Manifest m = HadoopFiles.manifest(manifestPath, conf);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int p = partitions != null ? partitions : SparkBatch.partitions(m.rows().size(), sc.defaultParallelism());
        long start = System.nanoTime();
        List<Map<String, Object>> rows;
        try (ProgressLine line = ProgressLine.forTerminal(err, label, "rows", quiet)) {
            ProgressListener progress = line.enabled() || quiet ? line : new LogLines(err, label, "rows");
            rows = SparkBatch.run(sc, m, runner, p, progress);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean csv = output.toLowerCase(Locale.ROOT).endsWith(".csv");
        HadoopFiles.writeTable(output, conf, BatchRun.columns(m, rows, csv), rows);
        if (parquet != null) {
            ParquetTable.write(spark, parquet, BatchRun.columns(m, rows, true), rows);
        }
        long failed = SparkBatch.failed(rows);
        if (!quiet) {
            err.printf(Locale.ROOT, "%s: %d rows, %d failed, %d tasks, %.2f s, %.2f rows/s%n", label, rows.size(),
                    failed, p, seconds, rows.size() / seconds);
        }
        return failed > 0 ? 3 : 0;
    }

    /**
     * Progress as log lines ({@code batch: 40/300 rows}) when stderr is not a terminal (a driver's log, a CI job):
     * one line each time the count changes, at most two a second, and always the last.
     */
    static final class LogLines implements ProgressListener {
        private final PrintStream err;
        private final String label;
        private final String unit;
        private long shown = -1;
        private long last = Long.MIN_VALUE;

        LogLines(PrintStream err, String label, String unit) {
            this.err = err;
            this.label = label;
            this.unit = unit;
        }

        @Override
        public synchronized boolean progress(long done, long total) {
            long now = System.nanoTime();
            if (done > shown && (done >= total || last == Long.MIN_VALUE || now - last >= 500_000_000L)) {
                err.println(label + ": " + done + "/" + total + " " + unit);
                err.flush();
                shown = done;
                last = now;
            }
            return true;
        }
    }
}
