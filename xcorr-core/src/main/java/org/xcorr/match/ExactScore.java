package org.xcorr.match;

import org.xcorr.array.ValueScale;

/**
 * A normalized match score by its definition, for the windows whose fast sums {@link Matcher} cannot trust: the
 * rare recomputation, kept apart from the fast path so each reads on its own.
 */
final class ExactScore {

    private ExactScore() {
    }

    /**
     * The normalized score of the window at {@code (y, x)} by its definition, for windows where the fast
     * sums' rounding bound says they cannot be trusted (a huge value elsewhere in the image, a window far
     * from the image mean relative to its spread): the window, template and mask each scaled by a power of two
     * (image and template by a common one for {@code sqdiff-normed}), two-pass sums, the degenerate rules of
     * the fast path.
     */
    static double of(MatchMethod method, double[] raw, int w, double[] t, double[] m, int th, int tw, int y, int x) {
        int n = th * tw;
        double[] wi = new double[n];
        double[] wt = t.clone();
        double[] wm = m.clone();
        boolean constant = true;
        boolean zero = true;
        for (int i = 0; i < th; i++) {
            System.arraycopy(raw, (y + i) * w + x, wi, i * tw, tw);
        }
        for (int i = 0; i < n; i++) {
            constant &= wi[i] == wi[0];
            zero &= wi[i] == 0 || wm[i] == 0;
        }
        int ei = ValueScale.exponent(ValueScale.maxAbs(wi, 0, n));
        int et = ValueScale.exponent(ValueScale.maxAbs(wt, 0, n));
        if (method == MatchMethod.SQDIFF_NORMED) {
            ei = Math.max(ei, et);
            et = ei;
        }
        scaleBy(wi, ei);
        scaleBy(wt, et);
        scaleBy(wm, ValueScale.exponent(ValueScale.maxAbs(wm, 0, n)));
        switch (method) {
            case SQDIFF_NORMED, CCORR_NORMED -> {
                double te = 0;
                double we = 0;
                double cross = 0;
                double sq = 0;
                for (int i = 0; i < n; i++) {
                    double mm = wm[i] * wm[i];
                    te += mm * wt[i] * wt[i];
                    we += mm * wi[i] * wi[i];
                    cross += mm * wt[i] * wi[i];
                    double d = wt[i] - wi[i];
                    sq += mm * d * d;
                }
                double den = Math.sqrt(te * we);
                if (method == MatchMethod.CCORR_NORMED) {
                    return zero || !(den > 0) ? 0.0 : Math.max(-1.0, Math.min(1.0, cross / den));
                }
                if (zero || te == 0) {
                    return zero && te == 0 ? 0.0 : 1.0;
                }
                return den > 0 ? sq / den : 1.0;
            }
            default -> {
                if (constant) {
                    return 0.0;
                }
                double sm = 0;
                double smt = 0;
                double smi = 0;
                for (int i = 0; i < n; i++) {
                    sm += wm[i];
                    smt += wm[i] * wt[i];
                    smi += wm[i] * wi[i];
                }
                double a = smt / sm;
                double b = smi / sm;
                double r = 0;
                double tv = 0;
                double iv = 0;
                for (int i = 0; i < n; i++) {
                    double mm = wm[i] * wm[i];
                    double dt = wt[i] - a;
                    double di = wi[i] - b;
                    r += mm * dt * di;
                    tv += mm * dt * dt;
                    iv += mm * di * di;
                }
                return tv > 0 && iv > 0 ? Math.max(-1.0, Math.min(1.0, r / Math.sqrt(tv * iv))) : 0.0;
            }
        }
    }

    private static void scaleBy(double[] v, int e) {
        if (e == ValueScale.ZERO || e == 0) {
            return;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = ValueScale.scalb(v[i], -e);
        }
    }
}
