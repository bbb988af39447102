package org.xcorr.ncc.internal;

import org.xcorr.concurrent.Parallel;

/** Accurate, thread-count-independent sums and means. */
public final class Summation {

    /** Fixed block length of the partial sums, so results never depend on the thread count. */
    private static final int BLOCK = 1 << 14;

    private Summation() {
    }

    /** Compensated (Kahan–Neumaier) sum of {@code x[from, to)}. */
    public static double sum(double[] x, int from, int to) {
        double s = 0;
        double c = 0;
        for (int i = from; i < to; i++) {
            double v = x[i];
            double t = s + v;
            c += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
            s = t;
        }
        return s + c;
    }

    /**
     * Mean of {@code x}, refined by a second pass ({@code μ += Σ(x - μ)/n}) so it is accurate to a few ulps even
     * for data with a large offset; blocks of fixed length make it identical for every thread count.
     */
    public static double mean(double[] x, int threads) {
        int n = x.length;
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] partial = new double[blocks];
        // First estimate by plain 4-lane block sums (fast); its rounding error is removed by the second pass,
        // which sums the small deviations x - μ.
        Parallel.forRange(threads, blocks, 4, (from, to) -> {
            for (int b = from; b < to; b++) {
                partial[b] = plainSum(x, b * BLOCK, Math.min(n, (b + 1) * BLOCK), 0.0);
            }
        });
        double mu = sum(partial, 0, blocks) / n;
        Parallel.forRange(threads, blocks, 4, (from, to) -> {
            for (int b = from; b < to; b++) {
                partial[b] = plainSum(x, b * BLOCK, Math.min(n, (b + 1) * BLOCK), mu);
            }
        });
        return mu + sum(partial, 0, blocks) / n;
    }

    /** {@code Σ (x[i] - shift)} over {@code [from, to)} with four interleaved accumulators (a fixed order). */
    static double plainSum(double[] x, int from, int to, double shift) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            s0 += x[i] - shift;
            s1 += x[i + 1] - shift;
            s2 += x[i + 2] - shift;
            s3 += x[i + 3] - shift;
        }
        for (; i < to; i++) {
            s0 += x[i] - shift;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * {@code Σ (x[i] - shift)²} in fixed blocks (identical for every thread count); plain sums, accurate to a few
     * units of roundoff relative to the result, which serves as a magnitude for rounding bounds.
     */
    public static double sumOfSquares(double[] x, double shift, int threads) {
        int n = x.length;
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] partial = new double[blocks];
        Parallel.forRange(threads, blocks, 4, (from, to) -> {
            for (int b = from; b < to; b++) {
                double s0 = 0;
                double s1 = 0;
                int i = b * BLOCK;
                int end = Math.min(n, (b + 1) * BLOCK);
                for (; i + 2 <= end; i += 2) {
                    double d0 = x[i] - shift;
                    double d1 = x[i + 1] - shift;
                    s0 += d0 * d0;
                    s1 += d1 * d1;
                }
                for (; i < end; i++) {
                    double d0 = x[i] - shift;
                    s0 += d0 * d0;
                }
                partial[b] = s0 + s1;
            }
        });
        return sum(partial, 0, blocks);
    }

    /** {@link #mean(double[], int)} on one thread. */
    public static double mean(double[] x) {
        return mean(x, 1);
    }

    /** The mean of {@code v[0, count)}, refined once by the mean of the residuals (two-pass, for exact windows). */
    public static double refinedMean(double[] v, int count) {
        double s = 0;
        for (int i = 0; i < count; i++) {
            s += v[i];
        }
        double mu = s / count;
        double r = 0;
        for (int i = 0; i < count; i++) {
            r += v[i] - mu;
        }
        return mu + r / count;
    }
}
