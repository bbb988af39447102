package org.xcorr.spark;

import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.xcorr.cli.batch.BatchEngine;
import org.xcorr.cli.batch.Manifest;
import org.xcorr.cli.batch.RowRunner;
import org.xcorr.concurrent.ProgressListener;

/**
 * The {@code spark} engine of {@code xcorr batch --engine spark --master URL}: found by the command line through
 * {@link java.util.ServiceLoader} when this module's jar and Spark are on its class path; runs the rows with
 * {@link SparkBatch}. The command line then writes the table and the exit status exactly as for the local engine.
 */
public final class SparkBatchEngine implements BatchEngine {

    /** For the service loader. */
    public SparkBatchEngine() {
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public List<Map<String, Object>> run(Manifest manifest, RowRunner runner, String master,
            ProgressListener progress) {
        boolean own = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = Sessions.session("xcorr batch", master);
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int partitions = SparkBatch.partitions(manifest.rows().size(), sc.defaultParallelism());
            return SparkBatch.run(sc, manifest, runner, partitions, progress);
        } finally {
            if (own) {
                spark.stop();
            }
        }
    }
}
