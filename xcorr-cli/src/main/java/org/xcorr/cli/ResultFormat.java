package org.xcorr.cli;

import java.io.PrintWriter;
import org.xcorr.io.Json;
import picocli.CommandLine.Option;

/**
 * {@code --format json|csv} for commands whose result is one row of numbers (offset, register): JSON by default,
 * or CSV with a header line, so a loop over frames can collect a table ({@code tail -n +2} after the first run).
 * Arrays become one column per axis ({@code shift_0, shift_1}); see {@link Json#toCsv()}.
 */
final class ResultFormat {

    /** The two forms. */
    enum Format {
        /** One JSON object on one line (the default). */
        JSON,
        /** A CSV header line and one row. */
        CSV
    }

    @Option(names = "--format", paramLabel = "json|csv",
            description = "How the result is printed: json (default, one object) or csv (a header line and one row).")
    Format format = Format.JSON;

    /** Prints {@code result} in the chosen form on {@code out}. */
    void print(PrintWriter out, Json result) {
        out.println(format == Format.CSV ? result.toCsv() : result.toString());
        out.flush();
    }
}
