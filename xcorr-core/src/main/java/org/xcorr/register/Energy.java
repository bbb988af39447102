package org.xcorr.register;

import org.xcorr.array.NdArray;
import org.xcorr.array.ValueScale;
import org.xcorr.concurrent.Parallel;

/**
 * The two whole-image reductions of unmasked registration, {@code max |v|} (for the power-of-two rescaling,
 * {@link ValueScale}) and the energy {@code Σ v²} (for the error), in one parallel pass instead of two: at 2048²
 * each pass reads 32 MiB, which on two cores costs about as much as the arithmetic of the rest of the call
 * outside the transforms.
 *
 * <p>The energy is summed in fixed blocks of {@link #BLOCK} values, four interleaved partial sums per block
 * ({@code i mod 4}) added as {@code (s0 + s1) + (s2 + s3)}, and the blocks in order: the result depends on the
 * array alone, never on the thread count.
 */
final class Energy {

    /** Values per block of the reductions; block bounds depend on the length only. */
    static final int BLOCK = 1 << 14;

    private Energy() {
    }

    /**
     * An input as computed with, and its energy.
     *
     * @param scaled the power-of-two rescaled input ({@link ValueScale#normalize} semantics)
     * @param energy {@code Σ v²} of {@code scaled.array()}
     */
    record Measured(ValueScale.Scaled scaled, double energy) {
    }

    /**
     * {@link ValueScale#normalize(NdArray, String, int, int)} with {@link ValueScale#SAFE_DOUBLE}, and the energy
     * of the array it returns, reading an input that needs no rescaling once.
     *
     * @throws IllegalArgumentException if a value is NaN or infinite, naming {@code what}
     */
    static Measured measure(NdArray a, String what, int threads) {
        double[] v = a.backingReal();
        double[] stats = maxAndEnergy(v, threads);
        double max = stats[0];
        if (!Double.isFinite(stats[1])) {
            // NaN or infinity somewhere, or a sum beyond the double range: the comparisons above skip NaN, so take
            // the propagating maximum (rare path)
            max = ValueScale.maxAbs(v, threads);
        }
        if (!Double.isFinite(max)) {
            a.requireFinite(what);
        }
        int e = ValueScale.exponent(max);
        int shift = ValueScale.shiftFor(e, ValueScale.SAFE_DOUBLE);
        if (shift == 0) {
            // |v| < 2^(SAFE_DOUBLE + 1): the sum of squares of at most 2^31 values cannot overflow
            return new Measured(new ValueScale.Scaled(a, 0, e), stats[1]);
        }
        double[] s = ValueScale.scaled(v, shift, threads);
        return new Measured(new ValueScale.Scaled(NdArray.wrap(s, a.shape()), shift, e + shift), of(s, threads));
    }

    /** {@code Σ v²}, in the fixed blocks of the class comment. */
    static double of(double[] v, int threads) {
        return maxAndEnergy(v, threads)[1];
    }

    /**
     * {@code {max |v|, Σ v²}}; the maximum skips NaN (the sum is then NaN), so callers test the sum for finiteness
     * before trusting the maximum.
     */
    static double[] maxAndEnergy(double[] v, int threads) {
        int blocks = (v.length + BLOCK - 1) / BLOCK;
        double[] partialMax = new double[blocks];
        double[] partialSum = new double[blocks];
        Parallel.forRange(threads, blocks, 4, (from, to) -> {
            for (int b = from; b < to; b++) {
                int start = b * BLOCK;
                int end = Math.min(v.length, start + BLOCK);
                double m0 = 0;
                double m1 = 0;
                double m2 = 0;
                double m3 = 0;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int i = start;
                for (; i + 4 <= end; i += 4) {
                    double x0 = v[i];
                    double x1 = v[i + 1];
                    double x2 = v[i + 2];
                    double x3 = v[i + 3];
                    s0 += x0 * x0;
                    s1 += x1 * x1;
                    s2 += x2 * x2;
                    s3 += x3 * x3;
                    // plain comparisons (NaN is skipped, see maxAndEnergy) keep this loop as cheap as the sums
                    double a0 = Math.abs(x0);
                    double a1 = Math.abs(x1);
                    double a2 = Math.abs(x2);
                    double a3 = Math.abs(x3);
                    m0 = a0 > m0 ? a0 : m0;
                    m1 = a1 > m1 ? a1 : m1;
                    m2 = a2 > m2 ? a2 : m2;
                    m3 = a3 > m3 ? a3 : m3;
                }
                for (int q = 0; i < end; i++, q++) {
                    double x = v[i];
                    double sq = x * x;
                    switch (q) {
                        case 0 -> s0 += sq;
                        case 1 -> s1 += sq;
                        default -> s2 += sq;
                    }
                    double ax = Math.abs(x);
                    m0 = ax > m0 ? ax : m0;
                }
                partialMax[b] = Math.max(Math.max(m0, m1), Math.max(m2, m3));
                partialSum[b] = (s0 + s1) + (s2 + s3);
            }
        });
        double max = 0;
        double sum = 0;
        for (int b = 0; b < blocks; b++) {
            max = Math.max(max, partialMax[b]);
            sum += partialSum[b];
        }
        return new double[] {max, sum};
    }
}
