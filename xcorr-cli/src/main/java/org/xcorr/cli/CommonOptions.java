package org.xcorr.cli;

import org.xcorr.concurrent.Parallel;
import org.xcorr.io.ReadLimits;
import picocli.CommandLine.Option;

/**
 * Options every subcommand takes: {@code --threads}, {@code --precision}, {@code --verbose}, {@code --max-pixels}.
 */
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

    @Option(names = "--max-pixels", paramLabel = "N",
            description = "Refuse an input image declaring more than N pixels (all TIFF pages together), checked "
                    + "before decoding (default: 268435456 = 16384^2). .npy inputs are bounded by their file size. "
                    + "Large inputs also need heap: -Xmx, e.g. XCORR_JAVA_OPTS=-Xmx16g.")
    long maxPixels = ReadLimits.DEFAULT_MAX_PIXELS;

    /** The validated thread count. */
    public int threads() {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        return threads;
    }

    /** The limits input files are read with ({@code --max-pixels}). */
    public ReadLimits readLimits() {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("--max-pixels must be at least 1, got " + maxPixels);
        }
        return ReadLimits.defaults().withMaxPixels(maxPixels);
    }

    /** The requested precision. */
    public Precision precision() {
        return precision;
    }
}
