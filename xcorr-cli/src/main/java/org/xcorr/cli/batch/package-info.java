/**
 * Batches: many subcommand runs described by a manifest (a CSV with an {@code op} column, input columns and option
 * columns), run in one JVM. {@link org.xcorr.cli.batch.Manifest} reads and checks the manifest,
 * {@link org.xcorr.cli.batch.RowRunner} runs one row (the reusable unit: no printing, no exit, serializable, so a
 * cluster engine can run rows on its workers), {@link org.xcorr.cli.batch.Journal} records finished rows as they
 * complete, and {@link org.xcorr.cli.batch.BatchRun} runs the rows in parallel.
 */
package org.xcorr.cli.batch;
