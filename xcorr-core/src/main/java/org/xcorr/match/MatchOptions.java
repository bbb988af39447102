package org.xcorr.match;

import java.util.Objects;
import org.xcorr.array.NdArray;
import org.xcorr.concurrent.Parallel;

/**
 * Options of {@link TemplateMatching#match(NdArray, NdArray, MatchOptions)}, validated on construction (the
 * mask's shape and weights are checked against the template by {@code match}).
 *
 * @param method  the score, as OpenCV's {@code TM_*} ({@link MatchMethod}); default
 *                {@link MatchMethod#CCOEFF_NORMED}
 * @param mask    non-negative weights of the template's shape ({@code M²} in the sums, as OpenCV's float masks),
 *                or {@code null} for none (the default; {@link #withMask} and {@link #withoutMask} set it)
 * @param threads worker threads, at least 1 (default: all cores); results are identical for every count
 */
public record MatchOptions(MatchMethod method, NdArray mask, int threads) {

    /** Validates every field. */
    public MatchOptions {
        Objects.requireNonNull(method, "method");
        Parallel.checkThreads(threads);
    }

    /** {@link MatchMethod#CCOEFF_NORMED}, no mask, {@link Parallel#defaultThreads()} threads. */
    public static MatchOptions defaults() {
        return of(MatchMethod.CCOEFF_NORMED);
    }

    /** {@code method}, no mask, {@link Parallel#defaultThreads()} threads. */
    public static MatchOptions of(MatchMethod method) {
        return new MatchOptions(method, null, Parallel.defaultThreads());
    }

    /** A copy with another score. */
    public MatchOptions withMethod(MatchMethod m) {
        return new MatchOptions(m, mask, threads);
    }

    /** A copy weighted by {@code weights} (of the template's shape). */
    public MatchOptions withMask(NdArray weights) {
        return new MatchOptions(method, Objects.requireNonNull(weights, "mask"), threads);
    }

    /** A copy without a mask. */
    public MatchOptions withoutMask() {
        return new MatchOptions(method, null, threads);
    }

    /** A copy with another thread count. */
    public MatchOptions withThreads(int n) {
        return new MatchOptions(method, mask, n);
    }
}
