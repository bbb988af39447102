package org.xcorr.ncc.internal;

import org.xcorr.array.ValueScale;
import org.xcorr.concurrent.Parallel;

/**
 * The three whole-image statistics of an NCC call — the largest magnitude (finiteness and the power-of-two rescale
 * of {@link ValueScale}), the mean, and the energy {@code Σ (x - μ)²} that bounds the FFT cross term's rounding —
 * in one or two parallel passes instead of four (one for the largest magnitude, two for {@link Summation#mean},
 * one for {@link Summation#sumOfSquares}); at 1024² each pass reads 8 MiB from memory.
 * <ul>
 *   <li>With {@code refine}: the first pass takes the largest magnitude and the plain block sums of
 *       {@link Summation#mean}'s first estimate {@code μ₀}, the second the sums of the deviations {@code x - μ₀}
 *       (the mean's refinement) and their squares. The mean is then bit-identical to
 *       {@link Summation#mean(double[], int)} (same fixed blocks, lanes and order), and the energy is taken about
 *       {@code μ₀}, larger than about the mean by {@code n (μ - μ₀)²}, a relative {@code 1e-30} or so.</li>
 *   <li>Without: one pass takes the largest magnitude, {@code Σx} and {@code Σx²}; the mean is {@code μ₀} itself
 *       (a few ulps from the refined mean; what needs no more is a centring constant — NCC's windows and cross
 *       term are exact for any centre, the centre only keeps a DC offset out of the squares — but not the
 *       padding value of {@link org.xcorr.ncc.Padding#MEAN}), and the energy {@code Σx² - μ₀ Σx}, unless that
 *       cancels to below {@code 1e-6 Σx²} (an offset a thousand times the spread), where a second pass sums
 *       {@code Σ (x - μ₀)²}.</li>
 * </ul>
 * The energy is a rounding bound, not a result: its own error of a relative {@code 1e-9} at most moves the
 * threshold of the windows recomputed exactly by as much. The largest magnitude is
 * {@link ValueScale#maxAbs(double[], int)}'s. Every sum runs over blocks of fixed length, so everything is
 * identical for any thread count.
 *
 * @param maxAbs the largest {@code |x[i]|}
 * @param mean   the mean: refined as {@link Summation#mean(double[], int)}, or the first estimate {@code μ₀}
 * @param energy {@code Σ (x - μ₀)²} (see above), or NaN when not asked for
 */
public record ImageMoments(double maxAbs, double mean, double energy) {

    /** Block length of the partial sums: {@link Summation}'s, which keeps the mean bit-identical to it. */
    private static final int BLOCK = 1 << 14;

    /** Below this fraction of {@code Σx²} the one-pass energy {@code Σx² - μ₀ Σx} is summed again about μ₀. */
    private static final double CANCELLATION = 1e-6;

    /**
     * The moments of {@code x}, or {@code null} when {@code x} holds a non-finite value or its largest magnitude
     * lies outside {@code 2^±safe} (the caller then rescales by {@link ValueScale#normalize}, which also reports
     * the bad value, and sums the rescaled copy: plain sums of such values could overflow or lose bits).
     *
     * @param x      the values (not empty)
     * @param energy whether to sum the energy too (only the FFT cross term needs it)
     * @param refine whether the mean must be the refined one of {@link Summation#mean(double[], int)}
     * @param safe    the largest binary exponent of {@code max|x|} used unscaled ({@link ValueScale#SAFE_DOUBLE})
     * @param threads threads for the passes (the result does not depend on it)
     */
    public static ImageMoments of(double[] x, boolean energy, boolean refine, int safe, int threads) {
        int n = x.length;
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] sums = new double[blocks];
        double[] squares = energy ? new double[blocks] : null;
        boolean onePass = energy && !refine;
        long[] bits = new long[blocks];
        Parallel.forRange(threads, blocks, 4, (from, to) -> {
            for (int b = from; b < to; b++) {
                int start = b * BLOCK;
                int end = Math.min(n, (b + 1) * BLOCK);
                firstPass(x, start, end, sums, bits, b);
                if (onePass) {
                    squares[b] = squares(x, start, end, 0.0);
                }
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
        double total = Summation.sum(sums, 0, blocks);
        double mu = total / n;
        if (!refine) {
            if (!energy) {
                return new ImageMoments(max, mu, Double.NaN);
            }
            double square = Summation.sum(squares, 0, blocks);
            double e = square - mu * total;
            if (e > CANCELLATION * square) {
                return new ImageMoments(max, mu, e);
            }
        }
        Parallel.forRange(threads, blocks, 4, (from, to) -> {
            for (int b = from; b < to; b++) {
                int start = b * BLOCK;
                int end = Math.min(n, (b + 1) * BLOCK);
                if (refine) {
                    sums[b] = Summation.plainSum(x, start, end, mu);
                }
                if (energy) {
                    squares[b] = squares(x, start, end, mu);
                }
            }
        });
        double mean = refine ? mu + Summation.sum(sums, 0, blocks) / n : mu;
        return new ImageMoments(max, mean, energy ? Summation.sum(squares, 0, blocks) : Double.NaN);
    }

    /**
     * {@code Σ x} over {@code [from, to)} as {@link Summation#plainSum} (the same call), and the largest
     * {@code |x|} as the bits of its sign-cleared value (their integer order is the order of the magnitudes, with
     * infinity and NaN above every finite value, see {@link ValueScale#maxAbs(double[], int, int)}). Two loops over
     * one block, which stays in cache between them: one loop doing both ran at a third of the speed (C2 keeps
     * each small loop's lanes in registers, not the fused one's).
     */
    private static void firstPass(double[] x, int from, int to, double[] sums, long[] bits, int b) {
        sums[b] = Summation.plainSum(x, from, to, 0.0);
        bits[b] = Double.doubleToRawLongBits(ValueScale.maxAbs(x, from, to));
    }

    /** {@code Σ (x - mu)²} over {@code [from, to)}, four lanes in a fixed order. */
    private static double squares(double[] x, int from, int to, double mu) {
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
            q0 += d0 * d0;
            q1 += d1 * d1;
            q2 += d2 * d2;
            q3 += d3 * d3;
        }
        for (; i < to; i++) {
            double d0 = x[i] - mu;
            q0 += d0 * d0;
        }
        return (q0 + q1) + (q2 + q3);
    }
}
