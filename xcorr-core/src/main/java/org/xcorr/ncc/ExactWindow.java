package org.xcorr.ncc;

import org.xcorr.correlate.internal.Geometry;
import org.xcorr.window.ExactPearson;

/**
 * One NCC value computed directly from its definition, for the rare windows where the fast path's rounding bound
 * says its running sums or FFT cross term cannot be trusted (a window far smaller in spread than the values that
 * passed through its sums — one bright pixel in a dark image — or than its FFT tile).
 *
 * <p>For output index {@code (o0, o1, o2)} it gathers the window {@code w} (image values, or the padding value
 * outside the image; for {@link Padding#OVERLAP} only the overlap) and the matching entries of the centred
 * template, scales the window by a power of two so that its own largest magnitude is about 1 (exact; so a window
 * of tiny values next to a huge one keeps all its digits), and evaluates
 * {@code γ = Σ(w - w̄)(t - t̄) / sqrt(Σ(w - w̄)² Σ(t - t̄)²)} by two passes with a refined mean. Its error is that
 * of a direct sum over the window alone, a few units of roundoff relative to the window's own spread. Degenerate
 * windows follow the same rules as the fast path: a constant window or template part, or too small an overlap,
 * gives exactly 0. Not thread-safe: one instance per worker.
 */
final class ExactWindow {

    private final Geometry g;
    private final double[] raw;
    private final double[] template;
    private final Padding padding;
    private final double padValue;
    private final double minCount;
    private final double[] w;
    private final double[] t;

    /**
     * @param template the centred template, row-major over {@code g.template}
     * @param padValue the value of pixels outside the image ({@link Padding#ZERO}, {@link Padding#MEAN})
     */
    ExactWindow(Geometry g, double[] raw, double[] template, Padding padding, double padValue, double minOverlap) {
        this.g = g;
        this.raw = raw;
        this.template = template;
        this.padding = padding;
        this.padValue = padValue;
        this.minCount = minOverlap * g.templateSize;
        this.w = new double[g.templateSize];
        this.t = new double[g.templateSize];
    }

    /** γ at output index {@code (o0, o1, o2)} (widened to three axes). */
    double value(int o0, int o1, int o2) {
        int[] n = g.image;
        int[] m = g.template;
        int k0 = o0 + g.lagOrigin[0];
        int k1 = o1 + g.lagOrigin[1];
        int k2 = o2 + g.lagOrigin[2];
        int count = 0;
        for (int m0 = 0; m0 < m[0]; m0++) {
            int y0 = k0 + m0;
            boolean in0 = y0 >= 0 && y0 < n[0];
            for (int m1 = 0; m1 < m[1]; m1++) {
                int y1 = k1 + m1;
                boolean in01 = in0 && y1 >= 0 && y1 < n[1];
                int trow = (m0 * m[1] + m1) * m[2];
                int irow = (y0 * n[1] + y1) * n[2];
                for (int m2 = 0; m2 < m[2]; m2++) {
                    int y2 = k2 + m2;
                    if (in01 && y2 >= 0 && y2 < n[2]) {
                        w[count] = raw[irow + y2];
                    } else if (padding == Padding.OVERLAP) {
                        continue;
                    } else {
                        w[count] = padValue;
                    }
                    t[count] = template[trow + m2];
                    count++;
                }
            }
        }
        if (count == 0 || padding == Padding.OVERLAP && count < minCount) {
            return 0.0;
        }
        return ExactPearson.pearson(w, t, count);
    }
}
