package org.xcorr.local;

import java.util.Arrays;
import java.util.Objects;
import org.xcorr.array.NdArray;
import org.xcorr.array.ValueScale;
import org.xcorr.concurrent.Parallel;

/**
 * Local normalized cross-correlation: a per-pixel similarity map of two arrays of the same shape.
 *
 * <p>For each pixel {@code p}, the window {@code W(p)} is every pixel {@code q} with
 * {@code |q_i - p_i| <= r_i} on every axis {@code i} (Chebyshev distance, per-axis radius), clipped to the
 * array, holding {@code n(p)} pixels. With population statistics over the window,
 * <pre>
 *   ρ(p) = cov_W(a, b) / (σ_W(a) · σ_W(b))
 *        = (n Σab − Σa Σb) / sqrt((n Σa² − (Σa)²) (n Σb² − (Σb)²)),   sums over q ∈ W(p).
 * </pre>
 * The output has the inputs' shape (1-D, 2-D or 3-D); every value lies in {@code [-1, 1]}.
 *
 * <p>Degenerate windows: {@code ρ = 0} exactly wherever the window of {@code a} or of {@code b} is constant;
 * the test is exact (runs of equal values along each axis, the window kernel's {@code org.xcorr.window}),
 * never a threshold. A window that is not constant but whose variance vanishes in rounding is recomputed from
 * its definition (below). A radius of 0 makes every window a single pixel, so the whole map
 * is 0.
 *
 * <p>Cost and accuracy: O(N) whatever the radius. Window sums are separable running box sums of the five
 * moments of centred values {@code a - c_a}, {@code b - c_b} (removing a DC offset before squaring avoids the
 * cancellation of {@code Σx² − (Σx)²/n}); the running sums restart from a direct summation on a fixed grid of rows
 * and columns so rounding does not accumulate along long axes (with a radius of 1 along the rows of a 1-D or 2-D
 * input each row sum is formed directly from its three columns). 1-D and 2-D inputs are read in one pass, with no
 * pass before it: each block of rows of each strip of columns (the restart grid) is centred by the means of the
 * first row its windows read, so a local offset is removed as well as a global one; 3-D inputs are centred by
 * their global means. The absolute error of ρ is about
 * {@code 1e-16 · (local mean² + local variance) / local variance} of the centred values; a window where that
 * estimate, or the same with the magnitudes that passed through its running sums since their last restart (one
 * bright pixel), exceeds 1e-10 is recomputed directly from its definition (two-pass, rescaled), so such windows
 * cost O(window) — only where the bound asks for it. Values far from 1 are rescaled by an exact power of two of
 * each input (largest magnitude outside {@code 2^±100}; in 1-D and 2-D only when a block's sums of squares leave
 * the range they handle, found by the pass itself, which then runs again), so every finite input works and an
 * input times {@code 2^k} gives the identical result. Results are bit-identical for every thread count.
 *
 * <p>This is the windowed Pearson correlation used for similarity maps, computed with running sums in the
 * manner of Lewis, "Fast normalized cross-correlation", Vision Interface 1995.
 */
public final class LocalNcc {

    private LocalNcc() {
    }

    /**
     * The local NCC map of {@code a} and {@code b} with the same radius on every axis, on all cores.
     *
     * @throws IllegalArgumentException if the shapes differ, a value is not finite, or {@code radius < 0}
     */
    public static NdArray localNcc(NdArray a, NdArray b, int radius) {
        return localNcc(a, b, LocalNccOptions.ofRadius(radius));
    }

    /**
     * The local NCC map of {@code a} and {@code b} with the given radii and thread count.
     *
     * @throws IllegalArgumentException if the shapes differ, either array is complex or holds NaN or
     *                                  infinity, or the radii do not fit the rank
     */
    public static NdArray localNcc(NdArray a, NdArray b, LocalNccOptions options) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(options, "options");
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException("a and b must have the same shape, got a " + a.shapeString()
                    + " and b " + b.shapeString());
        }
        if (a.isComplex() || b.isComplex()) {
            throw new IllegalArgumentException("local NCC needs real arrays, got a complex " + (a.isComplex() ? "a" : "b"));
        }
        int rank = a.rank();
        int[] shape3 = {1, 1, 1};
        int[] radius3 = {0, 0, 0};
        for (int i = 0; i < rank; i++) {
            shape3[3 - rank + i] = a.shape(i);
            radius3[3 - rank + i] = options.radiusOf(i, rank);
        }
        double[] out = new double[a.size()];
        int threads = options.threads();
        double[] av = a.backingReal();
        double[] bv = b.backingReal();
        if (rank <= 2 && LocalNccKernel.computeBlockCentred(av, bv, shape3, radius3, out, threads, true)) {
            // 1-D and 2-D: one pass, no pass before it (every block centres itself and checks its own range)
            return NdArray.wrap(out, a.shape());
        }
        // 3-D, or (rare) a block of the one pass met a value that is not finite or far from 1
        double[] means = means(av, bv, threads);
        if (!Double.isFinite(means[0]) || !Double.isFinite(means[1])) {
            // a NaN or infinity anywhere makes its sum non-finite: name it (else a sum overflowed on huge values)
            a.requireFinite("a");
            b.requireFinite("b");
        }
        // ρ is invariant to a positive scale of a and of b: values far from 1 are rescaled by a power of two
        // (exact, see ValueScale), so neither the moments nor their sums over- or underflow; the extremes found
        // with the means give the exponent without another pass
        int shiftA = ValueScale.shiftFor(ValueScale.exponent(Math.max(Math.abs(means[2]), Math.abs(means[3]))),
                ValueScale.SAFE_DOUBLE);
        int shiftB = ValueScale.shiftFor(ValueScale.exponent(Math.max(Math.abs(means[4]), Math.abs(means[5]))),
                ValueScale.SAFE_DOUBLE);
        if (shiftA != 0 || shiftB != 0) {
            av = ValueScale.scaled(av, shiftA, threads);
            bv = ValueScale.scaled(bv, shiftB, threads);
            // a rescaled 1-D or 2-D input whose blocks are now in range keeps the one-pass arithmetic, so that an
            // input times 2^k gives the same bits as the input
            if (rank <= 2 && LocalNccKernel.computeBlockCentred(av, bv, shape3, radius3, out, threads, true)) {
                return NdArray.wrap(out, a.shape());
            }
            means = means(av, bv, threads);
        }
        LocalNccKernel.compute(av, bv, shape3, radius3, means[0], means[1], out, threads);
        return NdArray.wrap(out, a.shape());
    }

    /** Chunk of the mean sums; fixed so the summation order never depends on the thread count. */
    private static final int MEAN_CHUNK = 1 << 14;

    /**
     * The means of x and y, summed in fixed chunks (partial sums in parallel, combined in order), and their
     * extremes: {@code {mean x, mean y, min x, max x, min y, max y}}. The extremes are meaningful only when
     * the means are finite (a NaN compares false and is skipped).
     */
    static double[] means(double[] x, double[] y, int threads) {
        int chunks = (x.length + MEAN_CHUNK - 1) / MEAN_CHUNK;
        double[] sx = new double[chunks];
        double[] sy = new double[chunks];
        double[] ex = new double[4 * chunks];
        Parallel.forRange(threads, chunks, 4, (from, to) -> {
            for (int c = from; c < to; c++) {
                int s = c * MEAN_CHUNK;
                int e = Math.min(x.length, s + MEAN_CHUNK);
                double p = 0;
                double q = 0;
                double loX = x[s];
                double hiX = x[s];
                double loY = y[s];
                double hiY = y[s];
                for (int i = s; i < e; i++) {
                    double u = x[i];
                    double v = y[i];
                    p += u;
                    q += v;
                    // Branches rather than Math.min/max: they are almost never taken, and NaN needs no care here.
                    if (u < loX) {
                        loX = u;
                    }
                    if (u > hiX) {
                        hiX = u;
                    }
                    if (v < loY) {
                        loY = v;
                    }
                    if (v > hiY) {
                        hiY = v;
                    }
                }
                sx[c] = p;
                sy[c] = q;
                ex[4 * c] = loX;
                ex[4 * c + 1] = hiX;
                ex[4 * c + 2] = loY;
                ex[4 * c + 3] = hiY;
            }
        });
        double p = 0;
        double q = 0;
        double[] r = {0, 0, ex[0], ex[1], ex[2], ex[3]};
        for (int c = 0; c < chunks; c++) {
            p += sx[c];
            q += sy[c];
            r[2] = Math.min(r[2], ex[4 * c]);
            r[3] = Math.max(r[3], ex[4 * c + 1]);
            r[4] = Math.min(r[4], ex[4 * c + 2]);
            r[5] = Math.max(r[5], ex[4 * c + 3]);
        }
        r[0] = p / x.length;
        r[1] = q / y.length;
        return r;
    }
}
