package org.xcorr.match;

import org.xcorr.window.WindowGeometry;
import org.xcorr.window.WindowSums;

/**
 * The unmasked window statistics of template matching, from the window kernel ({@link WindowSums}) in one pass:
 * per valid placement of a {@code th x tw} template on the {@code h x w} image, {@code Σ J} and {@code Σ J²} of the
 * centred image {@code J = I - mean}, bounds on their rounding errors, and the kernel's exact tests for constant
 * and all-zero windows. Indexed by output {@code y · ow + x}.
 *
 * <p>The running sums err relative to what they carried ({@code H}, see {@code WindowRows#carriedA}), not to the
 * window's own magnitude: {@code Σ J²} by at most {@code 8u(H + Σ J²)} and {@code Σ J} by
 * {@code 8u·sqrt(N (H + Σ J²))} ({@code N} the samples carried). Only a window whose sum of squared deviations is
 * within the kernel's rounding rule can be constant, so only those are tested.
 */
final class WindowStats {

    private static final double EPS = 0x1p-53;

    /** {@code Σ J}. */
    final double[] sum;
    /** {@code Σ J²}. */
    final double[] sumSq;
    /** Bound on the absolute rounding error of {@link #sum}. */
    final double[] sumError;
    /** Bound on the absolute rounding error of {@link #sumSq}. */
    final double[] sqError;
    /** Whether the window is exactly constant. */
    final boolean[] constant;
    /** Whether the window is exactly zero. */
    final boolean[] zero;

    private WindowStats(int size) {
        sum = new double[size];
        sumSq = new double[size];
        sumError = new double[size];
        sqError = new double[size];
        constant = new boolean[size];
        zero = new boolean[size];
    }

    /** The statistics of every valid placement ({@code threads} workers, identical results for every count). */
    static WindowStats of(double[] raw, double mean, int h, int w, int th, int tw, int threads) {
        int oh = h - th + 1;
        int ow = w - tw + 1;
        WindowStats st = new WindowStats(oh * ow);
        WindowGeometry g = WindowGeometry.placements(new int[] {1, h, w}, new int[] {1, th, tw}, new int[3],
                new int[] {1, oh, ow});
        double n = (double) th * tw;
        WindowSums.one(g, raw, mean).run(threads, () -> row -> {
            int base = row.o1() * ow + row.from();
            double[] s1 = row.sumA();
            double[] s2 = row.sumSqA();
            double[] carried = row.carriedA();
            double count = row.carriedCount();
            for (int i = 0; i < row.length(); i++) {
                double magnitude = carried[i] + s2[i];
                st.sum[base + i] = s1[i];
                st.sumSq[base + i] = s2[i];
                st.sqError[base + i] = 8 * EPS * magnitude;
                st.sumError[base + i] = 8 * EPS * Math.sqrt(count * magnitude);
                if (!WindowSums.trusted(s2[i] - s1[i] * (s1[i] / n), magnitude)) {
                    row.settle();
                    boolean constant = row.constantA(i);
                    st.constant[base + i] = constant;
                    st.zero[base + i] = constant && row.valueA(i) == 0;
                }
            }
        });
        return st;
    }
}
