package org.xcorr.cli;

import org.xcorr.concurrent.Parallel;
import picocli.CommandLine.Option;

/** Options every subcommand takes: {@code --threads}, {@code --precision}, {@code --verbose}. */
public final class CommonOptions {

    /** Arithmetic precision of the computation. */
    public enum Precision {
        /** 64-bit doubles throughout (the default; every golden case is checked at this precision). */
        DOUBLE,
        /**
         * 32-bit floats where the library supports it, for speed; accuracy documented per operation. Used by
         * {@code ncc} ({@link org.xcorr.ncc.Precision#FLOAT}); the other commands compute in double.
         */
        FLOAT
    }

    @Option(names = "--threads", paramLabel = "N", description = "Threads to use (default: all cores).")
    int threads = Parallel.defaultThreads();

    @Option(names = "--precision", paramLabel = "P",
            description = "double (default) or float. float is used by ncc (its FFT cross term runs in single "
                    + "precision: faster, max error vs double about 1e-5 on natural images, larger on nearly flat "
                    + "windows); others compute in double.")
    Precision precision = Precision.DOUBLE;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    /** The validated thread count. */
    public int threads() {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        return threads;
    }

    /** The requested precision. */
    public Precision precision() {
        return precision;
    }
}
