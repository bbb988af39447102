package org.xcorr.window;

import org.xcorr.array.ValueScale;
import org.xcorr.ncc.internal.Summation;

/**
 * The correlation coefficient of one window by its definition: the exact recomputation that NCC
 * ({@code ExactWindow}) and local NCC use for the rare windows whose fast sums {@link WindowSums#trusted cannot be
 * trusted}. Its error is that of a direct sum over the window alone, a few units of roundoff relative to the
 * window's own spread, whatever values lie elsewhere.
 */
public final class ExactPearson {

    private ExactPearson() {
    }

    /**
     * {@code ρ = Σ(x - x̄)(y - ȳ) / sqrt(Σ(x - x̄)² Σ(y - ȳ)²)} of the first {@code count} pairs
     * {@code (x[i], y[i])}: 0 if either side is constant ({@code ==}, exact) or the denominator vanishes; else each
     * side scaled by a power of two so that its largest magnitude is about 1 (exact, {@link ValueScale}), means
     * refined once ({@link Summation#refinedMean}), two-pass sums, clamped to [-1, 1]. Overwrites {@code x} and
     * {@code y}.
     */
    public static double pearson(double[] x, double[] y, int count) {
        if (constant(x, count) || constant(y, count)) {
            return 0.0;
        }
        ValueScale.normalizeInPlace(x, count);
        ValueScale.normalizeInPlace(y, count);
        double mx = Summation.refinedMean(x, count);
        double my = Summation.refinedMean(y, count);
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < count; i++) {
            double u = x[i] - mx;
            double v = y[i] - my;
            sxx += u * u;
            syy += v * v;
            sxy += u * v;
        }
        double den = Math.sqrt(sxx * syy);
        if (!(den > 0)) {
            return 0.0;
        }
        return Math.min(1.0, Math.max(-1.0, sxy / den));
    }

    private static boolean constant(double[] v, int count) {
        for (int i = 1; i < count; i++) {
            if (v[i] != v[0]) {
                return false;
            }
        }
        return true;
    }
}
