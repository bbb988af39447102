package org.xcorr.spark;

import org.apache.spark.sql.SparkSession;

/** The Spark session the jobs run in. */
final class Sessions {

    private Sessions() {
    }

    /**
     * The running session, or a new one: master {@code master} when given, else the one {@code spark-submit} set
     * ({@code spark.master}), else {@code local[*]}. The web UI is off unless {@code spark.ui.enabled} is set: a
     * batch needs no port of its own, and many batches on one machine would fight over 4040.
     */
    static SparkSession session(String appName, String master) {
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        if (master != null) {
            b.master(master);
        } else if (System.getProperty("spark.master") == null) {
            b.master("local[*]");
        }
        if (System.getProperty("spark.ui.enabled") == null) {
            b.config("spark.ui.enabled", "false");
        }
        return b.getOrCreate();
    }
}
