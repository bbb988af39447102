package org.xcorr.concurrent;

/**
 * Receives progress reports from long-running library operations (a stack alignment, a batch, a point list).
 *
 * <p>The library never prints: an operation that runs over many items calls {@link #progress} after each item
 * completes, from whichever thread completed it, with the number of items done so far and the total. Calls may
 * arrive concurrently and out of order of completion time, but {@code done} never decreases as seen by a
 * listener that keeps the maximum. The command line turns these calls into a progress line on a terminal;
 * other front ends (the Fiji plugin, a notebook) turn them into their own progress bars.
 *
 * <p>A listener must be cheap and thread-safe; it must not throw. Cancellation is requested by returning
 * {@code false} from {@link #progress}: the operation then stops starting new items and throws
 * {@link java.util.concurrent.CancellationException}.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every report and never cancels. */
    ProgressListener NONE = (done, total) -> true;

    /**
     * Reports that {@code done} of {@code total} items are complete.
     *
     * @param done  items completed so far, {@code 0 <= done <= total}
     * @param total the number of items the operation will process
     * @return {@code true} to continue, {@code false} to request cancellation
     */
    boolean progress(long done, long total);
}
