/**
 * Tables in and out of the command line: CSV records ({@link org.xcorr.cli.table.Csv}, RFC 4180 quoting), a small
 * JSON reader ({@link org.xcorr.cli.table.JsonReader}) and the writer of result tables in CSV, JSON lines or one
 * JSON array ({@link org.xcorr.cli.table.Table}). Used by {@code track --points} and {@code batch}.
 */
package org.xcorr.cli.table;
