/**
 * The {@code xcorr} command line: picocli commands over {@code org.xcorr.core} and {@code org.xcorr.io}. Its main
 * class is {@code org.xcorr.cli.Main} ({@code java -p <jars> -m org.xcorr.cli/org.xcorr.cli.Main}); the
 * {@code ./xcorr} launcher runs the shaded jar on the class path instead, where this descriptor plays no part.
 *
 * <p>The commands are not a library API and are not exported; picocli fills their annotated fields by reflection,
 * so their package is opened to it alone. Exported: the batch row runner and the table reader, which
 * {@code xcorr-spark} runs on its executors.
 */
module org.xcorr.cli {
    // transitive: the exported runner's signatures name core's ProgressListener and io's InputException
    requires transitive org.xcorr.io;
    requires info.picocli;

    exports org.xcorr.cli.batch;
    exports org.xcorr.cli.table;

    opens org.xcorr.cli to info.picocli;
}
