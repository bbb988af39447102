package org.xcorr.match;

import org.xcorr.array.NdArray;
import org.xcorr.concurrent.Parallel;
import org.xcorr.correlate.Mode;
import org.xcorr.correlate.internal.CorrelationPlan;
import org.xcorr.correlate.internal.Geometry;
import org.xcorr.ncc.internal.Summation;

/**
 * One call of {@link TemplateMatching#match}: the image centred on its mean, the template and mask, the window sums
 * each method needs (correlations through the planner, or the window kernel's statistics when unmasked) with
 * bounds on their rounding errors, and the three score formulas ({@link #sqdiff}, {@link #ccorr},
 * {@link #ccoeff}); windows whose bound exceeds {@link #TAU} are recomputed by {@link ExactScore}. Kept in one
 * class because the formulas and the sums share the bounds' state (which sums were FFT tiles, the image energy).
 */
final class Matcher {

    /** Unit roundoff of double. */
    static final double EPS = 0x1p-53;
    /** Target absolute error of a normalized score; windows whose bound exceeds it are recomputed exactly. */
    static final double TAU = 1e-10;

    final int h;
    final int w;
    final int th;
    final int tw;
    final int oh;
    final int ow;
    final double[] raw;
    final double[] t;
    final double[] m;
    final boolean masked;
    final int threads;
    final double mean;
    final double[] centred;
    final Geometry geometry;
    double[] centredSq;

    Matcher(NdArray image, NdArray template, NdArray mask, int threads) {
        h = image.shape(0);
        w = image.shape(1);
        th = template.shape(0);
        tw = template.shape(1);
        oh = h - th + 1;
        ow = w - tw + 1;
        raw = image.backingReal();
        t = template.backingReal();
        masked = mask != null;
        if (masked) {
            m = mask.backingReal();
        } else {
            m = new double[t.length];
            java.util.Arrays.fill(m, 1.0);
        }
        this.threads = threads;
        mean = Summation.mean(raw, threads);
        centred = new double[raw.length];
        Parallel.forRange(threads, raw.length, 1 << 16, (from, to) -> {
            for (int i = from; i < to; i++) {
                centred[i] = raw[i] - mean;
            }
        });
        geometry = new Geometry(image.shape(), template.shape(), Mode.VALID);
    }

    /** {@code out[o] = Σ_n data[o + n] · kernel[n]} over valid placements. */
    double[] corr(double[] data, double[] kernel) {
        double[] out = new double[oh * ow];
        CorrelationPlan plan = CorrelationPlan.plan(geometry, kernel);
        roundoff = Math.max(roundoff, plan.tileRoundoff());
        plan.compute(data, out, threads);
        return out;
    }

    /** Largest tile roundoff of the cross terms computed so far (0: all direct). */
    double roundoff;
    private double energy = -1;
    private double energy4 = -1;

    /**
     * The absolute error {@code 16 · u · sqrt(Σ J^(2p) · Σ k²)} that an FFT cross term of {@code J^p} (p = 1
     * or 2) with kernel {@code k} may have in every output (0 on the direct path; see
     * {@code CorrelationPlan#tileRoundoff}).
     */
    double fftError(int p, double[] kernel) {
        if (roundoff == 0) {
            return 0;
        }
        if (energy < 0) {
            double e2 = 0;
            double e4 = 0;
            for (double v : centred) {
                double q = v * v;
                e2 += q;
                e4 += q * q;
            }
            energy = e2;
            energy4 = e4;
        }
        double kk = 0;
        for (double v : kernel) {
            kk += v * v;
        }
        return 16 * roundoff * Math.sqrt((p == 1 ? energy : energy4) * kk);
    }

    /** The kernel {@code M^power}. */
    double[] maskPower(int power) {
        double[] k = new double[m.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = power == 1 ? m[i] : m[i] * m[i];
        }
        return k;
    }

    double[] sq() {
        if (centredSq == null) {
            centredSq = new double[centred.length];
            for (int i = 0; i < centred.length; i++) {
                centredSq[i] = centred[i] * centred[i];
            }
        }
        return centredSq;
    }

    /** The unmasked window statistics (one pass of the window kernel, on first use). */
    private WindowStats stats;

    WindowStats stats() {
        if (stats == null) {
            stats = WindowStats.of(raw, mean, h, w, th, tw, threads);
        }
        return stats;
    }

    /** {@code Σ M^power · J} (or of J²) per window; from the window kernel when unmasked. */
    double[] weighted(boolean squares, int power) {
        if (!masked) {
            return squares ? stats().sumSq : stats().sum;
        }
        double[] data = squares ? sq() : centred;
        double[] k = new double[m.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = power == 1 ? m[i] : m[i] * m[i];
        }
        return corr(data, k);
    }

    /**
     * Error bound of {@link #weighted} at window {@code i}: the FFT's ({@code fft}, the same for every window)
     * when masked, the running sums' when unmasked.
     */
    double weightedError(boolean squares, int i, double fft) {
        if (masked) {
            return fft;
        }
        return squares ? stats().sqError[i] : stats().sumError[i];
    }

    /** Whether each window is exactly constant (the window kernel's exact test, over the whole window). */
    boolean[] constantWindows() {
        return stats().constant;
    }

    /** Whether each window is all zero where the mask is nonzero (exact: integer counts, or the kernel's test). */
    boolean[] zeroWindows() {
        if (!masked) {
            return stats().zero;
        }
        double[] nz = new double[raw.length];
        for (int i = 0; i < nz.length; i++) {
            nz[i] = raw[i] != 0 ? 1 : 0;
        }
        double[] support = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            support[i] = m[i] != 0 ? 1 : 0;
        }
        double[] count = corr(nz, support);
        boolean[] z = new boolean[count.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.rint(count[i]) == 0;
        }
        return z;
    }

    /** Replaces {@code out[i]} by {@link ExactScore#of} where {@code untrusted[i]}. */
    void refine(double[] out, boolean[] untrusted, MatchMethod method) {
        for (int i = 0; i < out.length; i++) {
            if (untrusted[i]) {
                out[i] = ExactScore.of(method, raw, w, t, m, th, tw, i / ow, i % ow);
            }
        }
    }

    NdArray run(MatchMethod method) {
        double[] out = switch (method) {
            case SQDIFF, SQDIFF_NORMED -> sqdiff(method == MatchMethod.SQDIFF_NORMED);
            case CCORR, CCORR_NORMED -> ccorr(method == MatchMethod.CCORR_NORMED);
            case CCOEFF, CCOEFF_NORMED -> ccoeff(method == MatchMethod.CCOEFF_NORMED);
        };
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = 0.0; // unreachable by construction; the contract forbids NaN and infinity
            }
        }
        return NdArray.wrap(out, oh, ow);
    }

    /** Whether {@code T·M} is exactly zero everywhere. */
    boolean templateZero() {
        for (int i = 0; i < t.length; i++) {
            if (t[i] != 0 && m[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code Σ M²T²} over the raw template (exactly 0 only if T·M is all zero). */
    double templateEnergy() {
        double s = 0;
        for (int i = 0; i < t.length; i++) {
            double v = t[i] * m[i];
            s += v * v;
        }
        return s;
    }

    /** Where {@link #windowEnergy} cannot be trusted (filled by it). */
    boolean[] weUntrusted;
    /** The absolute error bound of each {@link #windowEnergy} value, relative to the numerator's units. */
    double[] energyError;

    /**
     * {@code Σ M² I²} of raw windows from centred sums: {@code Q2 + 2μ A2 + μ² Σ M²}; also marks in
     * {@link #weUntrusted} the windows where that sum cancels beyond its rounding bound (its terms far larger
     * than the result: a window far from the image mean relative to its spread) or within the FFT's.
     */
    double[] windowEnergy() {
        double[] q2 = weighted(true, 2);
        double[] a2 = weighted(false, 2);
        double sw2 = 0;
        for (double v : m) {
            sw2 += v * v;
        }
        double[] m2 = maskPower(2);
        double q2Error = masked ? fftError(2, m2) : 0;
        double a2Error = masked ? fftError(1, m2) : 0;
        weUntrusted = new boolean[q2.length];
        energyError = new double[q2.length];
        for (int i = 0; i < q2.length; i++) {
            double terms = q2[i] + 2 * Math.abs(mean * a2[i]) + mean * mean * sw2;
            double error = 8 * EPS * terms + weightedError(true, i, q2Error)
                    + 2 * Math.abs(mean) * weightedError(false, i, a2Error);
            q2[i] = Math.max(0.0, q2[i] + 2 * mean * a2[i] + mean * mean * sw2);
            weUntrusted[i] = !(2 * TAU * q2[i] > error);
            energyError[i] = error;
        }
        return q2;
    }

    double[] sqdiff(boolean normed) {
        // Σ M²((T-μ) - (I-μ))² = Σ M²(T-μ)² - 2 Σ M²(T-μ)J + Σ M² J²
        double[] k = new double[t.length];
        double tt = 0;
        for (int i = 0; i < t.length; i++) {
            double mm = m[i] * m[i];
            double tc = t[i] - mean;
            k[i] = mm * tc;
            tt += mm * tc * tc;
        }
        double[] cross = corr(centred, k);
        double[] q2 = weighted(true, 2);
        double[] out = new double[oh * ow];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0.0, tt - 2 * cross[i] + q2[i]);
        }
        if (normed) {
            double te = templateEnergy();
            double[] we = windowEnergy();
            boolean[] zero = zeroWindows();
            double crossError = 2 * fftError(1, k);
            boolean[] untrusted = new boolean[out.length];
            for (int i = 0; i < out.length; i++) {
                if (zero[i] || te == 0) {
                    out[i] = zero[i] && te == 0 ? 0.0 : 1.0;
                    // te may be 0 by underflow only (image and template share one scale here)
                    untrusted[i] = te == 0 && !zero[i] && !templateZero();
                } else {
                    double den = Math.sqrt(te * we[i]);
                    // the numerator cancels terms of size tt, q2 and 2·cross
                    double bound = 8 * EPS * (tt + q2[i] + 2 * Math.abs(cross[i])) + crossError
                            + energyError[i];
                    untrusted[i] = !(TAU * den > bound) || weUntrusted[i];
                    out[i] = den > 0 ? out[i] / den : 1.0;
                }
            }
            refine(out, untrusted, MatchMethod.SQDIFF_NORMED);
        }
        return out;
    }

    double[] ccorr(boolean normed) {
        // Σ M² T I = Σ M² T J + μ Σ M² T
        double[] k = new double[t.length];
        double st = 0;
        for (int i = 0; i < t.length; i++) {
            k[i] = m[i] * m[i] * t[i];
            st += k[i];
        }
        double[] out = corr(centred, k);
        for (int i = 0; i < out.length; i++) {
            out[i] += mean * st;
        }
        if (normed) {
            double te = templateEnergy();
            double[] we = windowEnergy();
            boolean[] zero = zeroWindows();
            double crossError = fftError(1, k);
            boolean[] untrusted = new boolean[out.length];
            for (int i = 0; i < out.length; i++) {
                double den = Math.sqrt(te * we[i]);
                untrusted[i] = !zero[i] && (!(TAU * den > crossError + 8 * EPS * Math.abs(mean * st))
                        || weUntrusted[i]);
                out[i] = zero[i] || !(den > 0) ? 0.0 : Math.max(-1.0, Math.min(1.0, out[i] / den));
            }
            refine(out, untrusted, MatchMethod.CCORR_NORMED);
        }
        return out;
    }

    double[] ccoeff(boolean normed) {
        // a = Σ M T / Σ M; U = M²(T - a); R = Σ U·J - b Σ U with b = Σ M J / Σ M (centred window mean)
        double sm = 0;
        double smt = 0;
        for (int i = 0; i < t.length; i++) {
            sm += m[i];
            smt += m[i] * t[i];
        }
        double[] out = new double[oh * ow];
        if (!(sm > 0)) {
            return out; // zero mask: T' = 0 and I' = 0 everywhere
        }
        double a = smt / sm;
        double[] u = new double[t.length];
        double su = 0;
        double tvar = 0;
        for (int i = 0; i < t.length; i++) {
            double d = t[i] - a;
            double mm = m[i] * m[i];
            u[i] = mm * d;
            su += u[i];
            tvar += mm * d * d;
        }
        boolean[] constant = constantWindows();
        if (!(tvar > 0)) {
            return out; // T' = 0: every score is 0
        }
        double[] cross = corr(centred, u);
        double[] a1 = weighted(false, 1);
        double[] q2 = normed ? weighted(true, 2) : null;
        double[] a2 = normed ? weighted(false, 2) : null;
        double sw2 = 0;
        for (double v : m) {
            sw2 += v * v;
        }
        boolean[] untrusted = normed ? new boolean[out.length] : null;
        double crossError = normed ? fftError(1, u) : 0;
        double q2Error = normed && masked ? fftError(2, maskPower(2)) : 0;
        double a2Error = normed && masked ? fftError(1, maskPower(2)) : 0;
        double a1Error = normed && masked ? fftError(1, maskPower(1)) : 0;
        for (int i = 0; i < out.length; i++) {
            if (constant[i]) {
                continue;
            }
            double b = a1[i] / sm;
            double r = cross[i] - b * su;
            if (normed) {
                double ivar = q2[i] - 2 * b * a2[i] + b * b * sw2;
                // the variance cancels terms of size q2, 2·b·a2, b²·Σ M² (a window far from the image
                // mean); the numerator carries the FFT's error and that of b·Σu
                double bError = weightedError(false, i, a1Error) / sm;
                double varError = 8 * EPS * (q2[i] + 2 * Math.abs(b * a2[i]) + b * b * sw2)
                        + weightedError(true, i, q2Error) + 2 * Math.abs(b) * weightedError(false, i, a2Error)
                        + 2 * bError * (Math.abs(a2[i]) + Math.abs(b) * sw2);
                double numError = crossError + 8 * EPS * Math.abs(b * su) + bError * Math.abs(su);
                untrusted[i] = !(2 * TAU * ivar > varError) || !(TAU * Math.sqrt(tvar * ivar) > numError);
                r = ivar > 0 ? Math.max(-1.0, Math.min(1.0, r / Math.sqrt(tvar * ivar))) : 0.0;
            }
            out[i] = r;
        }
        if (normed) {
            refine(out, untrusted, MatchMethod.CCOEFF_NORMED);
        }
        return out;
    }
}
