package org.xcorr.shift;

import java.util.Objects;
import org.xcorr.concurrent.Parallel;

/**
 * Options of {@link Shift#shift(org.xcorr.array.NdArray, double[], ShiftOptions)}, validated on construction.
 *
 * @param interpolation how values between samples are made: {@link Interpolation#FOURIER} (default, the exact
 *                      periodic shift), {@link Interpolation#LINEAR} or {@link Interpolation#CUBIC} (zero outside)
 * @param threads       worker threads, at least 1 (default: all cores); results are identical for every count
 */
public record ShiftOptions(Interpolation interpolation, int threads) {

    /** Validates every field. */
    public ShiftOptions {
        Objects.requireNonNull(interpolation, "interpolation");
        Parallel.checkThreads(threads);
    }

    /** {@link Interpolation#FOURIER} on {@link Parallel#defaultThreads()} threads. */
    public static ShiftOptions defaults() {
        return of(Interpolation.FOURIER);
    }

    /** {@code interpolation} on {@link Parallel#defaultThreads()} threads. */
    public static ShiftOptions of(Interpolation interpolation) {
        return new ShiftOptions(interpolation, Parallel.defaultThreads());
    }

    /** A copy with another interpolation. */
    public ShiftOptions withInterpolation(Interpolation i) {
        return new ShiftOptions(i, threads);
    }

    /** A copy with another thread count. */
    public ShiftOptions withThreads(int n) {
        return new ShiftOptions(interpolation, n);
    }
}
