package org.xcorr.cli.batch;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.xcorr.concurrent.ProgressListener;

/**
 * Where the rows of a batch run other than in this JVM's threads: a service that {@code xcorr batch --engine
 * NAME} looks up with {@link ServiceLoader} ({@code META-INF/services/org.xcorr.cli.batch.BatchEngine}).
 *
 * <p>Why a service and not a dependency: the engines (the Spark one lives in {@code xcorr-spark}) bring class
 * paths of their own, hundreds of megabytes for Spark, which the command line must not carry. An engine is found
 * only when its jar is on the class path, and runs the rows with the same {@link RowRunner} as the local engine,
 * so the result table is the same whichever runs it.
 */
public interface BatchEngine {

    /** The engine's name, as given to {@code --engine} (lower case). */
    String name();

    /**
     * Runs every row of {@code manifest} and returns the result rows, in {@link BatchRun#ID_ORDER}.
     *
     * @param manifest the rows to run (the caller has left out the rows kept from an earlier run)
     * @param runner   runs one row; the engine ships it to wherever the rows run
     * @param master   where to run, in the engine's own terms (Spark: {@code local[4]}, {@code spark://host:7077},
     *                 {@code yarn}); null for the engine's default
     * @param progress told as rows finish (done, total); the engine may report in groups of rows
     * @throws IOException when the engine cannot run the batch at all (a bad row is a status, never an exception)
     */
    List<Map<String, Object>> run(Manifest manifest, RowRunner runner, String master, ProgressListener progress)
            throws IOException;

    /**
     * The engine named {@code name} on the class path.
     *
     * @throws IllegalArgumentException naming the jar to add when there is none
     */
    static BatchEngine find(String name) {
        for (BatchEngine e : ServiceLoader.load(BatchEngine.class)) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("engine '" + name + "' is not on the class path; the spark engine comes"
                + " with xcorr-spark.jar (see README, Scaling out)");
    }
}
