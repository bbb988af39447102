package org.xcorr.ncc;

import java.util.Objects;
import org.xcorr.concurrent.Parallel;
import org.xcorr.correlate.Mode;

/**
 * Options of {@link Ncc#ncc(org.xcorr.array.NdArray, org.xcorr.array.NdArray, NccOptions)}, validated on
 * construction.
 *
 * @param mode       output extent and lag origin, exactly as {@code correlate(image, template, mode)}:
 *                   {@link Mode#FULL}, {@link Mode#SAME} or {@link Mode#VALID} ({@link Mode#CIRCULAR} is
 *                   rejected: a normalized correlation has no periodic form)
 * @param padding    what the window holds where the template hangs outside the image
 * @param minOverlap for {@link Padding#OVERLAP}: placements whose overlap holds fewer than
 *                   {@code minOverlap × (template size)} pixels give 0; in {@code [0, 1]}, default 0.3. For
 *                   {@link MaskedNcc}, with every padding: placements with fewer than
 *                   {@code minOverlap × (valid template entries)} valid pairs give 0
 * @param threads    worker threads, at least 1; results are identical for every count
 */
public record NccOptions(Mode mode, Padding padding, double minOverlap, int threads) {

    /** Default {@code minOverlap} of {@link Padding#OVERLAP}. */
    public static final double DEFAULT_MIN_OVERLAP = 0.3;

    /** Validates every field. */
    public NccOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(padding, "padding");
        if (mode == Mode.CIRCULAR) {
            throw new IllegalArgumentException("mode circular is not supported by ncc; use full, same or valid");
        }
        if (!(minOverlap >= 0 && minOverlap <= 1)) {
            throw new IllegalArgumentException("minOverlap must be in [0, 1], got " + minOverlap);
        }
        Parallel.checkThreads(threads);
    }

    /**
     * {@link Mode#FULL}, {@link Padding#ZERO}, minOverlap 0.3, {@link Parallel#defaultThreads()} threads.
     */
    public static NccOptions defaults() {
        return new NccOptions(Mode.FULL, Padding.ZERO, DEFAULT_MIN_OVERLAP, Parallel.defaultThreads());
    }

    /** A copy with another mode. */
    public NccOptions withMode(Mode m) {
        return new NccOptions(m, padding, minOverlap, threads);
    }

    /** A copy with another padding. */
    public NccOptions withPadding(Padding p) {
        return new NccOptions(mode, p, minOverlap, threads);
    }

    /** A copy with another minimum overlap fraction. */
    public NccOptions withMinOverlap(double f) {
        return new NccOptions(mode, padding, f, threads);
    }

    /** A copy with another thread count. */
    public NccOptions withThreads(int n) {
        return new NccOptions(mode, padding, minOverlap, n);
    }
}
