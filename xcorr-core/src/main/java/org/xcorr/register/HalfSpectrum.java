package org.xcorr.register;

import org.xcorr.concurrent.Parallel;

/**
 * A half spectrum ({@code rfftn} layout: last axis {@code n/2+1}) on its way through the {@link UpsampledDft}'s
 * contractions, with the "mirror" that stands for the missing half.
 *
 * <p>The full Hermitian spectrum has {@code P[-k] = conj(H[k])}. Contracting a leading axis of the missing half
 * with kernel {@code K} equals contracting the stored half with the mirror kernel {@code K'[p,k] = conj(K[p,-k])}
 * and conjugating; {@code K'} differs from {@code K} only in the Nyquist column of an even axis (the Nyquist bin
 * has no partner). So the leading axes carry two arrays: {@code data}, contracted with {@code K}, and
 * {@code mirror}, contracted with {@code K'} ({@code null} while no even axis has made them differ). The last
 * axis then reads {@code data} for {@code kx < n/2+1} and {@code conj(mirror)} at {@code n - kx} above.
 */
final class HalfSpectrum {

    private final ComplexArray data;
    /** The mirror contraction; null: equal to {@link #data}. */
    private final ComplexArray mirror;
    /** The full real-space shape. */
    private final int[] shape;
    /** The next axis to contract. */
    private final int axis;
    /** Product of the ranks of the axes contracted so far. */
    private final int outer;

    private HalfSpectrum(ComplexArray data, ComplexArray mirror, int[] shape, int axis, int outer) {
        this.data = data;
        this.mirror = mirror;
        this.shape = shape;
        this.axis = axis;
        this.outer = outer;
    }

    /** The half spectrum {@code half} of a real array of shape {@code shape}, nothing contracted yet. */
    static HalfSpectrum of(ComplexArray half, int[] shape) {
        return new HalfSpectrum(half, null, shape, 0, 1);
    }

    /** Contracts the next leading axis with {@code ax} (and its mirror), leaving rank {@code ax.r} in its place. */
    HalfSpectrum contract(AxisKernel ax, int threads) {
        int d = shape.length;
        int inner = shape[d - 1] / 2 + 1;
        for (int b = axis + 1; b < d - 1; b++) {
            inner *= shape[b];
        }
        ComplexArray next = AxisContraction.contract(data, outer, ax, inner, false, threads);
        ComplexArray nextMirror;
        if (mirror == null) {
            nextMirror = ax.n % 2 == 0 ? nyquistMirror(next, data, outer, ax, inner) : null;
        } else {
            nextMirror = AxisContraction.contract(mirror, outer, ax, inner, true, threads);
        }
        return new HalfSpectrum(next, nextMirror, shape, axis + 1, outer * ax.r);
    }

    /** Contracts the last axis with {@code ax}, rebuilding its missing half: the result has the ranks as shape. */
    ComplexArray contractLast(AxisKernel ax, int threads) {
        return lastAxis(data, mirror == null ? data : mirror, outer, ax, shape[shape.length - 1] / 2 + 1, threads);
    }

    /**
     * The mirror contraction of the same input as {@code normal}: only the Nyquist term changes, by
     * {@code (conj(Kn) - Kn)·R·in[nyq] = -2i·Im(Kn)·R·in[nyq]}.
     */
    private static ComplexArray nyquistMirror(ComplexArray normal, ComplexArray in, int outer, AxisKernel ax,
            int inner) {
        double[] inRe = in.re();
        double[] inIm = in.im();
        int n = ax.n;
        int r = ax.r;
        int k = n / 2;
        double[] re = normal.re().clone();
        double[] im = normal.im().clone();
        double rn = ax.rRe[k];
        for (int o = 0; o < outer; o++) {
            int ia = o * n * inner + k * inner;
            for (int p = 0; p < r; p++) {
                double twoKi = 2 * ax.kIm[p * n + k] * rn;
                if (twoKi == 0) {
                    continue;
                }
                int ob = o * r * inner + p * inner;
                for (int c = 0; c < inner; c++) {
                    re[ob + c] += twoKi * inIm[ia + c];
                    im[ob + c] -= twoKi * inRe[ia + c];
                }
            }
        }
        return new ComplexArray(re, im);
    }

    /**
     * Contracts the last axis: {@code out[l,q] = Σ_{kx<nx} (A[l,kx]·R[kx])·K[q,kx]} where {@code A[l,kx]} is the
     * half array for {@code kx < h} and {@code conj(mirror[l, nx-kx])} above.
     */
    private static ComplexArray lastAxis(ComplexArray half, ComplexArray mirror, int outer, AxisKernel ax, int h,
            int threads) {
        double[] aRe = half.re();
        double[] aIm = half.im();
        double[] mRe = mirror.re();
        double[] mIm = mirror.im();
        int n = ax.n;
        int r = ax.r;
        // the demodulation R is applied to each row of data (n values) rather than folded into the kernel (r·n
        // values per call): the kernel stays the prepared basis's own
        double[] krRe = ax.kRe;
        double[] krIm = ax.kIm;
        double[] rRe = ax.rRe;
        double[] rIm = ax.rIm;
        double[] outRe = new double[outer * r];
        double[] outIm = new double[outer * r];
        Parallel.forRange(threads, outer, (from, to) -> {
            double[] fullRe = new double[n];
            double[] fullIm = new double[n];
            for (int l = from; l < to; l++) {
                int base = l * h;
                for (int k = 0; k < h && k < n; k++) {
                    fullRe[k] = aRe[base + k];
                    fullIm[k] = aIm[base + k];
                }
                for (int k = h; k < n; k++) {
                    fullRe[k] = mRe[base + n - k];
                    fullIm[k] = -mIm[base + n - k];
                }
                for (int k = 0; k < n; k++) {
                    double fr = fullRe[k];
                    double fi = fullIm[k];
                    fullRe[k] = fr * rRe[k] - fi * rIm[k];
                    fullIm[k] = fr * rIm[k] + fi * rRe[k];
                }
                int q = 0;
                // four outputs per pass: independent sums (each in the same k order) hide the add latency
                for (; q + 4 <= r; q += 4) {
                    double sr0 = 0;
                    double si0 = 0;
                    double sr1 = 0;
                    double si1 = 0;
                    double sr2 = 0;
                    double si2 = 0;
                    double sr3 = 0;
                    double si3 = 0;
                    int kb0 = q * n;
                    int kb1 = kb0 + n;
                    int kb2 = kb1 + n;
                    int kb3 = kb2 + n;
                    for (int k = 0; k < n; k++) {
                        double fr = fullRe[k];
                        double fi = fullIm[k];
                        sr0 += fr * krRe[kb0 + k] - fi * krIm[kb0 + k];
                        si0 += fr * krIm[kb0 + k] + fi * krRe[kb0 + k];
                        sr1 += fr * krRe[kb1 + k] - fi * krIm[kb1 + k];
                        si1 += fr * krIm[kb1 + k] + fi * krRe[kb1 + k];
                        sr2 += fr * krRe[kb2 + k] - fi * krIm[kb2 + k];
                        si2 += fr * krIm[kb2 + k] + fi * krRe[kb2 + k];
                        sr3 += fr * krRe[kb3 + k] - fi * krIm[kb3 + k];
                        si3 += fr * krIm[kb3 + k] + fi * krRe[kb3 + k];
                    }
                    outRe[l * r + q] = sr0;
                    outIm[l * r + q] = si0;
                    outRe[l * r + q + 1] = sr1;
                    outIm[l * r + q + 1] = si1;
                    outRe[l * r + q + 2] = sr2;
                    outIm[l * r + q + 2] = si2;
                    outRe[l * r + q + 3] = sr3;
                    outIm[l * r + q + 3] = si3;
                }
                for (; q < r; q++) {
                    double sr = 0;
                    double si = 0;
                    int kb = q * n;
                    for (int k = 0; k < n; k++) {
                        sr += fullRe[k] * krRe[kb + k] - fullIm[k] * krIm[kb + k];
                        si += fullRe[k] * krIm[kb + k] + fullIm[k] * krRe[kb + k];
                    }
                    outRe[l * r + q] = sr;
                    outIm[l * r + q] = si;
                }
            }
        });
        return new ComplexArray(outRe, outIm);
    }
}
