package org.xcorr.cli;

import org.xcorr.concurrent.Parallel;
import org.xcorr.io.ReadLimits;
import picocli.CommandLine.Option;

/**
 * Options every subcommand takes: {@code --threads}, {@code --verbose}, {@code --grey}, {@code --max-pixels}.
 */
public final class CommonOptions {

    @Option(names = "--threads", paramLabel = "N", description = "Threads to use (default: all cores).")
    int threads = Parallel.defaultThreads();

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Option(names = "--grey", paramLabel = "G", converter = GreyConverter.class,
            description = "Colour images to grey: bt601 (default; MATLAB rgb2gray, OpenCV), bt709 (scikit-image"
                    + " rgb2gray) or channel:N (0 red, 1 green, 2 blue). Grey images are read as stored.")
    org.xcorr.io.Grey grey = org.xcorr.io.Grey.BT601;

    /** bt601, bt709 or channel:N. */
    static final class GreyConverter extends ParsingConverter<org.xcorr.io.Grey> {
        @Override
        org.xcorr.io.Grey parse(String value) {
            return org.xcorr.io.Grey.parse(value);
        }
    }

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

}
