package org.xcorr.correlate;

import java.util.Arrays;
import java.util.Objects;
import org.xcorr.concurrent.Parallel;

/**
 * Options of {@link Correlation#correlate(org.xcorr.array.NdArray, org.xcorr.array.NdArray, CorrelationOptions)}.
 * Validated on construction; use {@link #defaults()} and the {@code with...} methods.
 *
 * @param mode     output extent and origin ({@link Mode}); default {@link Mode#FULL}
 * @param centered only with {@link Mode#CIRCULAR}: the kernel's origin is its centre {@code floor(Nb/2)} rather
 *                 than its first sample, so a centred unit impulse returns {@code a} unchanged; default false.
 *                 Set the mode to CIRCULAR before setting this (the combination is checked at every step).
 * @param method   evaluation method ({@link Method}); default {@link Method#AUTO}
 * @param threads  threads to use, at least 1; default {@link Parallel#defaultThreads()} (all cores). The result is
 *                 bit-identical for every thread count.
 * @param maxLag   the largest lag magnitude to compute, one value for every axis or one per axis (each
 *                 {@code >= 0}), or {@code null} (the default) for every lag of the mode. Only the lags
 *                 {@code |k_d| <= maxLag[d]} of the mode's output are computed and returned (SciPy#21552,
 *                 MATLAB {@code xcorr(x, y, maxlag)}); linear modes only. The array is copied.
 */
public record CorrelationOptions(Mode mode, boolean centered, Method method, int threads, int[] maxLag) {

    /**
     * Validates: mode and method non-null, {@code threads >= 1}, {@code centered} only with CIRCULAR,
     * {@code maxLag} non-negative and not with CIRCULAR.
     */
    public CorrelationOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(method, "method");
        Parallel.checkThreads(threads);
        if (centered && mode != Mode.CIRCULAR) {
            throw new IllegalArgumentException("centered applies only to CIRCULAR mode, got mode " + mode
                    + "; a centred kernel in the linear modes is SAME");
        }
        if (maxLag != null) {
            maxLag = maxLag.clone();
            if (maxLag.length < 1 || maxLag.length > 3) {
                throw new IllegalArgumentException("max-lag needs 1 to 3 values, got " + maxLag.length);
            }
            for (int l : maxLag) {
                if (l < 0) {
                    throw new IllegalArgumentException("max-lag must be >= 0 on every axis, got "
                            + Arrays.toString(maxLag));
                }
            }
            if (mode == Mode.CIRCULAR) {
                throw new IllegalArgumentException("max-lag applies to the linear modes (full, same, valid), not "
                        + "to circular, whose lags wrap around");
            }
        }
    }

    /** Options without a lag limit. */
    public CorrelationOptions(Mode mode, boolean centered, Method method, int threads) {
        this(mode, centered, method, threads, null);
    }

    /** FULL, not centered, AUTO, all cores, no lag limit. */
    public static CorrelationOptions defaults() {
        return new CorrelationOptions(Mode.FULL, false, Method.AUTO, Parallel.defaultThreads());
    }

    /** The defaults with {@code mode}. */
    public static CorrelationOptions of(Mode mode) {
        return defaults().withMode(mode);
    }

    /** The lag limit (a copy), or {@code null} for none. */
    @Override
    public int[] maxLag() {
        return maxLag == null ? null : maxLag.clone();
    }

    /** A copy with another mode. */
    public CorrelationOptions withMode(Mode newMode) {
        return new CorrelationOptions(newMode, centered, method, threads, maxLag);
    }

    /** A copy with the centred kernel origin switched on or off (on needs CIRCULAR). */
    public CorrelationOptions withCentered(boolean newCentered) {
        return new CorrelationOptions(mode, newCentered, method, threads, maxLag);
    }

    /** A copy with another evaluation method. */
    public CorrelationOptions withMethod(Method newMethod) {
        return new CorrelationOptions(mode, centered, newMethod, threads, maxLag);
    }

    /** A copy with another thread count. */
    public CorrelationOptions withThreads(int newThreads) {
        return new CorrelationOptions(mode, centered, method, newThreads, maxLag);
    }

    /**
     * A copy computing only the lags {@code |k_d| <= maxLag[d]}: one value for every axis or one per axis;
     * {@code null} removes the limit.
     */
    public CorrelationOptions withMaxLag(int... newMaxLag) {
        return new CorrelationOptions(mode, centered, method, threads, newMaxLag);
    }

    /** Equal when every component is, the lag limits compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CorrelationOptions c && mode == c.mode && centered == c.centered && method == c.method
                && threads == c.threads && Arrays.equals(maxLag, c.maxLag);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, centered, method, threads, Arrays.hashCode(maxLag));
    }

    @Override
    public String toString() {
        return "CorrelationOptions[mode=" + mode + ", centered=" + centered + ", method=" + method + ", threads="
                + threads + ", maxLag=" + Arrays.toString(maxLag) + "]";
    }
}
