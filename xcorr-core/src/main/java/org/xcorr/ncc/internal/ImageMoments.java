package org.xcorr.ncc.internal;

import org.xcorr.array.ValueScale;
import org.xcorr.concurrent.Parallel;

/**
 * The three whole-image statistics of an NCC call — the largest magnitude (finiteness and the power-of-two rescale
 * of {@link ValueScale}), the mean, and the energy {@code Σ (x - μ)²} that bounds the FFT cross term's rounding —
 * in two fused parallel passes instead of four: the first pass takes the largest magnitude together with the plain
 * block sums of {@link Summation#mean}'s first estimate {@code μ₀}, the second the sums of the deviations
 * {@code x - μ₀} (the mean's refinement) together with their squares.
 *
 * <p>The mean is bit-identical to {@link Summation#mean(double[], int)} (same fixed blocks, same lanes, same
 * order); the largest magnitude to {@link ValueScale#maxAbs(double[], int)}. The energy is taken about
 * {@code μ₀} rather than the refined mean, larger by {@code n (μ - μ₀)²}, a relative {@code 1e-30} or so: it is
 * a rounding bound, not a result. Every sum runs over blocks of fixed length, so everything is identical for any
 * thread count.
 *
 * @param maxAbs the largest {@code |x[i]|}
 * @param mean   the mean, as {@link Summation#mean(double[], int)}
 * @param energy {@code Σ (x - μ₀)²}, or NaN when not asked for
 */
public record ImageMoments(double maxAbs, double mean, double energy) {

    /** Block length of the partial sums: {@link Summation}'s, which keeps the mean bit-identical to it. */
    private static final int BLOCK = 1 << 14;

    /**
     * The moments of {@code x}, or {@code null} when {@code x} holds a non-finite value or its largest magnitude
     * lies outside {@code 2^±safe} (the caller then rescales by {@link ValueScale#normalize}, which also reports
     * the bad value, and sums the rescaled copy: plain sums of such values could overflow or lose bits).
     *
     * @param x      the values (not empty)
     * @param energy whether to sum {@code Σ (x - μ₀)²} too (only the FFT cross term needs it)
     * @param safe   the largest binary exponent of {@code max|x|} used unscaled ({@link ValueScale#SAFE_DOUBLE})
     */
    public static ImageMoments of(double[] x, boolean energy, int safe, int threads) {
        int n = x.length;
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] sums = new double[blocks];
        long[] bits = new long[blocks];
        Parallel.forRange(threads, blocks, 4, (from, to) -> {
            for (int b = from; b < to; b++) {
                firstPass(x, b * BLOCK, Math.min(n, (b + 1) * BLOCK), sums, bits, b);
            }
        });
        long top = 0;
        for (long b : bits) {
            top = Math.max(top, b);
        }
        double max = Double.longBitsToDouble(top);
        if (!Double.isFinite(max) || ValueScale.shiftFor(ValueScale.exponent(max), safe) != 0) {
            return null;
        }
        double mu = Summation.sum(sums, 0, blocks) / n;
        double[] squares = energy ? new double[blocks] : null;
        Parallel.forRange(threads, blocks, 4, (from, to) -> {
            for (int b = from; b < to; b++) {
                int start = b * BLOCK;
                int end = Math.min(n, (b + 1) * BLOCK);
                if (squares == null) {
                    sums[b] = Summation.plainSum(x, start, end, mu);
                } else {
                    secondPass(x, start, end, mu, sums, squares, b);
                }
            }
        });
        double mean = mu + Summation.sum(sums, 0, blocks) / n;
        return new ImageMoments(max, mean, energy ? Summation.sum(squares, 0, blocks) : Double.NaN);
    }

    /**
     * {@code Σ x} over {@code [from, to)} in {@link Summation#plainSum}'s four lanes and order, and the largest
     * {@code |x|} as the bits of its sign-cleared value (their integer order is the order of the magnitudes,
     * with infinity and NaN above every finite value, see {@link ValueScale#maxAbs(double[], int, int)}).
     */
    private static void firstPass(double[] x, int from, int to, double[] sums, long[] bits, int b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        long m0 = 0;
        long m1 = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            double x0 = x[i];
            double x1 = x[i + 1];
            double x2 = x[i + 2];
            double x3 = x[i + 3];
            // plainSum with a zero shift adds x - 0.0, which is x itself for every double
            s0 += x0;
            s1 += x1;
            s2 += x2;
            s3 += x3;
            long a0 = Double.doubleToRawLongBits(x0) & Long.MAX_VALUE;
            long a1 = Double.doubleToRawLongBits(x1) & Long.MAX_VALUE;
            long a2 = Double.doubleToRawLongBits(x2) & Long.MAX_VALUE;
            long a3 = Double.doubleToRawLongBits(x3) & Long.MAX_VALUE;
            long p = a0 > a1 ? a0 : a1;
            long q = a2 > a3 ? a2 : a3;
            m0 = p > m0 ? p : m0;
            m1 = q > m1 ? q : m1;
        }
        for (; i < to; i++) {
            s0 += x[i];
            long a = Double.doubleToRawLongBits(x[i]) & Long.MAX_VALUE;
            m0 = a > m0 ? a : m0;
        }
        sums[b] = (s0 + s1) + (s2 + s3);
        bits[b] = Math.max(m0, m1);
    }

    /** {@code Σ (x - mu)} in {@link Summation#plainSum}'s lanes and order, and {@code Σ (x - mu)²}. */
    private static void secondPass(double[] x, int from, int to, double mu, double[] sums, double[] squares, int b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double q0 = 0;
        double q1 = 0;
        double q2 = 0;
        double q3 = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            double d0 = x[i] - mu;
            double d1 = x[i + 1] - mu;
            double d2 = x[i + 2] - mu;
            double d3 = x[i + 3] - mu;
            s0 += d0;
            s1 += d1;
            s2 += d2;
            s3 += d3;
            q0 += d0 * d0;
            q1 += d1 * d1;
            q2 += d2 * d2;
            q3 += d3 * d3;
        }
        for (; i < to; i++) {
            double d0 = x[i] - mu;
            s0 += d0;
            q0 += d0 * d0;
        }
        sums[b] = (s0 + s1) + (s2 + s3);
        squares[b] = (q0 + q1) + (q2 + q3);
    }
}
