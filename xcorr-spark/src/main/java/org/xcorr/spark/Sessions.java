package org.xcorr.spark;

import org.apache.spark.sql.SparkSession;

/** The Spark session the jobs run in. */
final class Sessions {

    private Sessions() {
    }

    /**
     * The running session, or a new one: master {@code master} when given, else the one {@code spark-submit} set
     * ({@code spark.master}), else {@code local[*]}; {@code spark.jars} this module's jar when it is not set (a driver
     * started without {@code spark-submit}, as {@code xcorr batch --engine spark}, ships itself to the executors).
     * The web UI is off unless {@code spark.ui.enabled} is set: a batch needs no port of its own, and many batches on
     * one machine would fight over 4040.
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
        String jar = ownJar();
        if (System.getProperty("spark.jars") == null && jar != null) {
            // started without spark-submit (xcorr batch --engine spark): the executors need this jar all the same
            b.config("spark.jars", jar);
        }
        return b.getOrCreate();
    }

    /** The jar this class was loaded from, or null (classes in a folder: the tests, local mode). */
    static String ownJar() {
        try {
            java.security.CodeSource cs = Sessions.class.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) {
                return null;
            }
            java.nio.file.Path p = java.nio.file.Path.of(cs.getLocation().toURI());
            return java.nio.file.Files.isRegularFile(p) ? p.toString() : null;
        } catch (java.net.URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }
}
