package org.xcorr.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.LongAccumulator;
import org.xcorr.cli.batch.BatchRun;
import org.xcorr.cli.batch.Manifest;
import org.xcorr.cli.batch.RowRunner;
import org.xcorr.concurrent.ProgressListener;

/**
 * Runs the rows of a batch manifest on Spark: {@code parallelize(rows).map(runner::run).collect()}, each row by
 * the same {@link RowRunner} the local {@code xcorr batch} uses, so both engines produce the same table.
 *
 * <p><b>What travels.</b> The driver ships the manifest's rows (their cells, a few hundred bytes each) inside the
 * tasks; executors read the images themselves, from the paths in the cells (a file system every executor mounts:
 * NFS, Lustre, GPFS, or the one disk of a single machine), and write any output files there. Only the result
 * rows come back, through {@code collect}: no shuffle, no images through the driver.
 *
 * <p><b>Exactly once.</b> A task lost with its executor runs again elsewhere (Spark retries it); only the
 * attempt that succeeds delivers its rows and its accumulator counts, so every row is in the table once. A bad
 * row is a status, never an exception, so a task fails only when its executor does.
 */
public final class SparkBatch {

    private SparkBatch() {
    }

    /**
     * The default number of tasks for {@code rows} rows on {@code parallelism} cores: about ten rows a task (a task
     * costs a few milliseconds to schedule, a 512² row tens), at least two tasks per core (so a slow task or a lost
     * executor does not hold the whole job), never more tasks than rows.
     */
    public static int partitions(int rows, int parallelism) {
        long p = Math.max(2L * parallelism, (rows + 9L) / 10);
        return (int) Math.max(1, Math.min(rows, p));
    }

    /**
     * Runs every row of {@code manifest}.
     *
     * @param sc         the Spark context
     * @param manifest   the rows
     * @param runner     runs one row (serialized into the tasks)
     * @param partitions tasks, at least 1 ({@link #partitions} is a good default)
     * @param progress   told (rows finished, rows) on the driver as tasks finish; its answer is ignored
     * @return the result rows in {@link BatchRun#ID_ORDER}
     */
    public static List<Map<String, Object>> run(JavaSparkContext sc, Manifest manifest, RowRunner runner,
            int partitions, ProgressListener progress) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        List<Manifest.Row> rows = manifest.rows();
        int n = rows.size();
        LongAccumulator done = sc.sc().longAccumulator("xcorr rows done");
        LongAccumulator failed = sc.sc().longAccumulator("xcorr rows failed");
        List<List<String>> cells = new ArrayList<>(n);
        for (Manifest.Row r : rows) {
            cells.add(r.values());
        }
        // Hadoop paths in the cells (file://, hdfs://, s3a://): made local on the executors, with the driver's settings
        HadoopCells hadoop = HadoopCells.anyUri(manifest.header(), cells) ? new HadoopCells(sc.hadoopConfiguration())
                : null;
        SparkProgress reporter = new SparkProgress(done, n, progress);
        sc.sc().addSparkListener(reporter);
        List<Map<String, Object>> results;
        try {
            progress.progress(0, n);
            results = new ArrayList<>(sc.parallelize(rows, Math.min(partitions, Math.max(1, n)))
                    .map(new RowTask(manifest.header(), manifest.baseDir(), runner, hadoop, done, failed))
                    .collect());
        } finally {
            sc.sc().removeSparkListener(reporter);
        }
        // the listener bus is asynchronous: the last task's event may come after collect returns
        progress.progress(n, n);
        results.sort(Comparator.comparing(m -> Objects.toString(m.get("id")), BatchRun.ID_ORDER));
        return results;
    }

    /** Rows whose status is not {@code ok}. */
    public static long failed(List<Map<String, Object>> rows) {
        return rows.stream().filter(r -> !RowRunner.OK.equals(r.get("status"))).count();
    }

    /** One row on an executor: the row runner, and the counts the driver's progress reads. */
    static final class RowTask implements Function<Manifest.Row, Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final List<String> header;
        private final String baseDir;
        private final RowRunner runner;
        private final HadoopCells hadoop;
        private final LongAccumulator done;
        private final LongAccumulator failed;

        RowTask(List<String> header, String baseDir, RowRunner runner, HadoopCells hadoop, LongAccumulator done,
                LongAccumulator failed) {
            this.header = header;
            this.baseDir = baseDir;
            this.runner = runner;
            this.hadoop = hadoop;
            this.done = done;
            this.failed = failed;
        }

        @Override
        public Map<String, Object> call(Manifest.Row row) {
            Map<String, Object> result = hadoop == null ? runner.run(header, row.values(), baseDir, row.id())
                    : runWithHadoopPaths(row);
            done.add(1);
            if (!RowRunner.OK.equals(result.get("status"))) {
                failed.add(1);
            }
            return result;
        }

        /** The row with its Hadoop paths made local; a file that cannot be copied is the row's status. */
        private Map<String, Object> runWithHadoopPaths(Manifest.Row row) {
            long start = System.nanoTime();
            try {
                return hadoop.run(runner, header, row.values(), baseDir, row.id());
            } catch (IOException | RuntimeException e) {
                Map<String, Object> r = new java.util.LinkedHashMap<>();
                r.put("id", row.id());
                for (int c = 0; c < header.size(); c++) {
                    if (!header.get(c).strip().equalsIgnoreCase("id")) {
                        r.put(header.get(c).strip(), c < row.values().size() ? row.values().get(c) : "");
                    }
                }
                String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                r.put("status", "cannot copy a file of the row: " + m.replaceAll("\\s*[\\r\\n]+\\s*", "; ").strip());
                r.put("seconds", Math.round((System.nanoTime() - start) / 1e6) / 1e3);
                return r;
            }
        }
    }
}
