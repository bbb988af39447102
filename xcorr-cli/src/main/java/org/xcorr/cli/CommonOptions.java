package org.xcorr.cli;

import org.xcorr.concurrent.Parallel;
import picocli.CommandLine.Option;

/** Options every subcommand takes: {@code --threads}, {@code --verbose}. */
public final class CommonOptions {

    @Option(names = "--threads", paramLabel = "N", description = "Threads to use (default: all cores).")
    int threads = Parallel.defaultThreads();

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    /** The validated thread count. */
    public int threads() {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        return threads;
    }
}
