package org.xcorr.ncc;

import java.util.Arrays;
import org.xcorr.concurrent.Parallel;
import org.xcorr.correlate.internal.Geometry;
import org.xcorr.ncc.internal.TemplateTables;

/**
 * The fused second pass of {@link TemplateMatcher#ncc}: window statistics by running sums and the final
 * normalization, in place over the cross term.
 *
 * <p>Work is cut into fixed blocks of output rows (independent of the thread count, so results are identical for
 * every count). Within a block, per image column {@code x}, running sums over the window's rows give
 * {@code Σ J}, {@code Σ J²} and integer counts of unequal neighbours; a prefix sum along the row then gives every
 * window's totals. A window with no unequal neighbours is exactly constant.
 */
final class WindowPass {

    private final Geometry g;
    private final double[] raw;
    private final double mean;
    private final Padding padding;
    private final double padValue;
    private final double padCentred;
    private final double minCount;
    private final double tsq;
    private final double tsum;
    private final TemplateTables tables;
    private final int block;
    private final double[] centredTemplate;
    /** A window whose variance is below {@code numericFloor} is recomputed exactly (see {@link #run}). */
    private final double numericFloor;

    /**
     * Relative rounding margin of the window variance: a window whose computed {@code Σ(w - w̄)²} is below
     * {@code VARIANCE_MARGIN} times the magnitudes its sums carried is recomputed exactly. The running and prefix
     * sums err by about {@code c · 2^-53 · H}, where {@code H} is the largest sum of squares that passed through
     * them (a sum over the columns to the window's right end of the largest column sums seen since the block
     * began); γ then errs by about half that relative to the variance. With {@code c = 8} and a target error of
     * 1e-10 (ten times below the 1e-9 of the golden cases): {@code 8 · 2^-53 / (2 · 1e-10) ≈ 4.4e-6}.
     */
    static final double VARIANCE_MARGIN = 8 * 0x1p-53 / 2e-10;

    /**
     * The FFT cross term errs by about {@code c · u · sqrt(E · Σt'²)} in every output of a tile ({@code u} its
     * unit roundoff, {@code E} the energy {@code Σ J²} of the image, an upper bound for one tile's), so γ errs by
     * {@code c · u · sqrt(E / Σ(w - w̄)²)}: a window whose variance is below {@code (c·u/τ)² · E} is recomputed,
     * with {@code c = 16} and {@code τ} = 1e-10 in double, 1e-3 in float (whose documented accuracy is coarser).
     *
     * @param roundoff {@link org.xcorr.correlate.internal.CorrelationPlan#tileRoundoff()}
     * @param energy   {@code Σ (raw - mean)²} over the image
     */
    static double numericFloor(double roundoff, double energy) {
        if (roundoff == 0) {
            return 0;
        }
        double tau = roundoff > 0x1p-40 ? 1e-3 : 1e-10;
        double k = 16 * roundoff / tau;
        return k * k * energy;
    }

    WindowPass(Geometry g, double[] raw, double mean, Padding padding, double padValue,
            double minOverlap, double tsq, double tsum, TemplateTables tables, double[] centredTemplate,
            double numericFloor) {
        this.g = g;
        this.raw = raw;
        this.mean = mean;
        this.padding = padding;
        this.padValue = padValue;
        this.padCentred = padValue - mean;
        this.minCount = minOverlap * g.templateSize;
        this.tsq = tsq;
        this.tsum = tsum;
        this.tables = tables;
        this.centredTemplate = centredTemplate;
        this.numericFloor = numericFloor;
        // Block length depends on shapes only: at most 16 blocks per plane, and blocks of a few template heights
        // where that still leaves two blocks, since each block pays a template height of initial rows.
        int o1 = g.output[1];
        this.block = Math.max(1, Math.max((o1 + 15) / 16, Math.min((o1 + 1) / 2, 4 * g.template[1])));
    }

    /**
     * Normalizes {@code out} (the cross term on entry) in place. Windows whose rounding bound says the fast
     * sums cannot be trusted — their variance below {@link #VARIANCE_MARGIN} times the largest sums of squares
     * that passed through their running and prefix sums, or below {@link #numericFloor} — are recomputed by
     * {@link ExactWindow}; the bound depends only on the block's own data, so results stay identical for every
     * thread count.
     */
    void run(double[] out, int threads) {
        int blocksPerPlane = (g.output[1] + block - 1) / block;
        int items = g.output[0] * blocksPerPlane;
        Parallel.forEachItem(threads, items, Work::new, (w, it) -> {
            int o0 = it / blocksPerPlane;
            int b = it % blocksPerPlane;
            w.block(out, o0, b * block, Math.min(g.output[1], (b + 1) * block));
        });
    }

    /**
     * 1 if {@code d != 0}, else 0, for a finite or infinite {@code d} (never NaN here: inputs are finite), as
     * branch-free arithmetic that C2 vectorizes: the smallest subnormal times 2^1200 exceeds 1.
     */
    static double changed(double d) {
        return Math.min(1.0, Math.abs(d) * 0x1p600 * 0x1p600);
    }

    /** Per-thread buffers (every block resets what it reads). Neighbour-change counts are held as doubles: exact integers, vectorizable updates. */
    private final class Work {
        final int n2 = g.image[2];
        final double[] cs1 = new double[n2];
        final double[] cs2 = new double[n2];
        /** Largest {@code cs2[x]} since the block began: the magnitude its rounding error is relative to. */
        final double[] hist2 = new double[n2];
        /** Prefix sums of {@code hist2}. */
        final double[] ph = new double[n2 + 1];
        final double[] hiHist = new double[g.output[2]];
        final double[] wvars = new double[g.output[2]];
        final double[] limits = new double[g.output[2]];
        final ExactWindow exact = new ExactWindow(g, raw, centredTemplate, padding, padValue,
                minCount / g.templateSize);
        int curO0;
        int curO1;
        final double[] hc = new double[n2];
        final double[] cc = new double[n2];
        final double[] p1 = new double[n2 + 1];
        final double[] p2 = new double[n2 + 1];
        /** Prefix sums of {@code hc + cc}. */
        final double[] pq = new double[n2 + 1];
        // Image rows copied to offset 0 (C2 on JDK 17 vectorizes only loops whose array refs share one offset);
        // the "shifted" copies hold the row moved right by one, their first element equal to the row's own.
        final double[] line = new double[n2];
        final double[] shifted = new double[n2];
        final double[] other = new double[n2];
        final double[] removed = new double[n2];
        final double[] removedShifted = new double[n2];
        final double[] removedNext = new double[n2];
        final double[] hiSum = new double[g.output[2]];
        final double[] loSum = new double[g.output[2]];
        final double[] hiSq = new double[g.output[2]];
        final double[] loSq = new double[g.output[2]];
        final double[] hiQ = new double[g.output[2]];
        final double[] loQ = new double[g.output[2]];
        final double[] firstC = new double[g.output[2]];
        final double[] num = new double[g.output[2]];
        final double[] den = new double[g.output[2]];
        int lo0;
        int hi0;

        void block(double[] out, int o0, int o1From, int o1To) {
            lo0 = g.lo(0, o0);
            hi0 = g.hi(0, o0);
            Arrays.fill(cs1, 0);
            Arrays.fill(cs2, 0);
            Arrays.fill(hist2, 0);
            Arrays.fill(hc, 0);
            Arrays.fill(cc, 0);
            int curLo = 0;
            int curHi = 0;
            int vLo = 0;
            int vHi = 0;
            for (int o1 = o1From; o1 < o1To; o1++) {
                int lo = g.lo(1, o1);
                int hi = g.hi(1, o1);
                if (o1 != o1From && hi0 - lo0 == 1 && lo == curLo + 1 && hi == curHi + 1 && hi - lo >= 2
                        && vLo == curLo + 1 && vHi == curHi) {
                    // the common step: the window moves down one row in one plane
                    slide(hi - 1, curLo);
                    curLo = lo;
                    curHi = hi;
                    vLo = lo + 1;
                    vHi = hi;
                    finishRow(out, o0, o1, lo, hi);
                    continue;
                }
                // main rows [lo, hi)
                if (lo >= curHi || o1 == o1From) {
                    if (o1 != o1From) {
                        Arrays.fill(cs1, 0);
                        Arrays.fill(cs2, 0);
                        Arrays.fill(hc, 0);
                        for (int y = vLo; y < vHi; y++) {
                            vertical(y, -1);
                        }
                        for (int y = curLo; y < curHi; y++) {
                            depth(y, -1);
                        }
                        vLo = vHi = lo + 1;
                    }
                    for (int y = lo; y < hi; y++) {
                        row(y, 1);
                    }
                } else {
                    for (int y = curLo; y < lo; y++) {
                        row(y, -1);
                    }
                    for (int y = curHi; y < hi; y++) {
                        row(y, 1);
                    }
                }
                curLo = lo;
                curHi = hi;
                // vertical neighbour pairs (y-1, y) with both rows inside: y in [lo+1, hi)
                int nvLo = lo + 1;
                if (o1 == o1From || nvLo >= vHi) {
                    for (int y = vLo; y < vHi && o1 != o1From; y++) {
                        vertical(y, -1);
                    }
                    for (int y = nvLo; y < hi; y++) {
                        vertical(y, 1);
                    }
                } else {
                    for (int y = vLo; y < nvLo; y++) {
                        vertical(y, -1);
                    }
                    for (int y = vHi; y < hi; y++) {
                        vertical(y, 1);
                    }
                }
                vLo = nvLo;
                vHi = hi;
                finishRow(out, o0, o1, lo, hi);
            }
        }

        /** Copies image row {@code base} to {@code row} and, moved right by one, to {@code shiftedRow}. */
        private void load(int base, double[] row, double[] shiftedRow) {
            System.arraycopy(raw, base, row, 0, n2);
            System.arraycopy(raw, base, shiftedRow, 1, n2 - 1);
            shiftedRow[0] = row[0];
        }

        /**
         * One step down in plane {@code lo0}: adds image row {@code a} with its vertical pair {@code (a-1, a)},
         * removes row {@code r} with its vertical pair {@code (r, r+1)}, in one fused loop.
         */
        void slide(int a, int r) {
            int n1 = g.image[1];
            int plane = lo0 * n1;
            double mu = mean;
            load((plane + a) * n2, line, shifted);
            load((plane + r) * n2, removed, removedShifted);
            System.arraycopy(raw, (plane + a - 1) * n2, other, 0, n2);
            System.arraycopy(raw, (plane + r + 1) * n2, removedNext, 0, n2);
            // three small loops rather than one: C2 vectorizes only loops small enough to unroll
            for (int x = 0; x < n2; x++) {
                double va = line[x] - mu;
                double vr = removed[x] - mu;
                cs1[x] += va - vr;
                double c2 = cs2[x] + (va * va - vr * vr);
                cs2[x] = c2;
                hist2[x] = Math.max(hist2[x], c2);
            }
            for (int x = 0; x < n2; x++) {
                hc[x] += changed(line[x] - shifted[x]) - changed(removed[x] - removedShifted[x]);
            }
            for (int x = 0; x < n2; x++) {
                cc[x] += changed(line[x] - other[x]) - changed(removedNext[x] - removed[x]);
            }
        }

        /** Adds (sign 1) or removes (sign -1) image row y over the planes of the window. */
        void row(int y, int sign) {
            double s = sign;
            int n1 = g.image[1];
            double mu = mean;
            for (int z = lo0; z < hi0; z++) {
                load((z * n1 + y) * n2, line, shifted);
                for (int x = 0; x < n2; x++) {
                    double v = line[x] - mu;
                    cs1[x] += s * v;
                    cs2[x] += s * (v * v);
                }
                for (int x = 0; x < n2; x++) {
                    hc[x] += s * changed(line[x] - shifted[x]);
                }
            }
            if (sign > 0) {
                for (int x = 0; x < n2; x++) {
                    hist2[x] = Math.max(hist2[x], cs2[x]);
                }
            }
            depth(y, sign);
        }

        /** Neighbour changes between planes z-1 and z, both in the window, on row y. */
        void depth(int y, int sign) {
            double s = sign;
            int n1 = g.image[1];
            int plane = n1 * n2;
            for (int z = lo0 + 1; z < hi0; z++) {
                int base = (z * n1 + y) * n2;
                System.arraycopy(raw, base, line, 0, n2);
                System.arraycopy(raw, base - plane, other, 0, n2);
                for (int x = 0; x < n2; x++) {
                    cc[x] += s * changed(line[x] - other[x]);
                }
            }
        }

        /** Neighbour changes between rows y-1 and y over the planes of the window. */
        void vertical(int y, int sign) {
            double s = sign;
            int n1 = g.image[1];
            for (int z = lo0; z < hi0; z++) {
                int base = (z * n1 + y) * n2;
                System.arraycopy(raw, base, line, 0, n2);
                System.arraycopy(raw, base - n2, other, 0, n2);
                for (int x = 0; x < n2; x++) {
                    cc[x] += s * changed(line[x] - other[x]);
                }
            }
        }

        void finishRow(double[] out, int o0, int o1, int lo1, int hi1) {
            // running totals in registers: reading back p1[x] would put a store-to-load forward on the chain
            double a1 = 0;
            double a2 = 0;
            double aq = 0;
            double ah = 0;
            for (int x = 0; x < n2; x++) {
                a1 += cs1[x];
                a2 += cs2[x];
                aq += hc[x] + cc[x];
                ah += hist2[x];
                p1[x + 1] = a1;
                p2[x + 1] = a2;
                pq[x + 1] = aq;
                ph[x + 1] = ah;
            }
            curO0 = o0;
            curO1 = o1;
            int o2n = g.output[2];
            int base = (o0 * g.output[1] + o1) * o2n;
            int c01 = (hi0 - lo0) * (hi1 - lo1);
            int k0 = o0 + g.lagOrigin[0];
            int k1 = o1 + g.lagOrigin[1];
            int t0 = lo0 - k0;
            int t0e = hi0 - k0;
            int t1 = lo1 - k1;
            int t1e = hi1 - k1;
            int cornerRow = (lo0 * g.image[1] + lo1) * n2;
            int total = g.templateSize;
            int m2 = g.template[2];
            int lag2 = g.lagOrigin[2];
            if (padding != Padding.OVERLAP && c01 * m2 == total) {
                // placements whose window lies inside the image: no padding terms, one vectorizable loop
                int a = Math.min(o2n, Math.max(0, -lag2));
                int b = Math.max(a, Math.min(o2n, n2 - m2 - lag2 + 1));
                general(out, base, 0, a, cornerRow, c01, t0, t0e, t1, t1e);
                inside(out, base, a, b, lag2, m2, total);
                general(out, base, b, o2n, cornerRow, c01, t0, t0e, t1, t1e);
            } else {
                general(out, base, 0, o2n, cornerRow, c01, t0, t0e, t1, t1e);
            }
        }

        /**
         * Output {@code [from, to)} of a row whose windows lie inside the image: {@code nIn = total}, no padding.
         * Same arithmetic as {@link #general}, as a branch-free loop (division, square root and clamping
         * vectorize) followed by a scalar pass for the rare degenerate windows.
         */
        private void inside(double[] out, int base, int from, int to, int lag2, int m2, int total) {
            double n = total;
            double t2 = tsq;
            int len = to - from;
            // Operands copied to offset 0 first: C2 (JDK 17) vectorizes only loops whose array refs share one
            // offset, and arraycopy is a memmove.
            System.arraycopy(p1, from + lag2 + m2, hiSum, 0, len);
            System.arraycopy(p1, from + lag2, loSum, 0, len);
            System.arraycopy(p2, from + lag2 + m2, hiSq, 0, len);
            System.arraycopy(p2, from + lag2, loSq, 0, len);
            System.arraycopy(pq, from + lag2 + m2, hiQ, 0, len);
            System.arraycopy(pq, from + lag2 + 1, loQ, 0, len);
            System.arraycopy(cc, from + lag2, firstC, 0, len);
            System.arraycopy(ph, from + lag2 + m2, hiHist, 0, len);
            System.arraycopy(out, base + from, num, 0, len);
            double margin = VARIANCE_MARGIN;
            double floor = numericFloor;
            for (int i = 0; i < len; i++) {
                double s1 = hiSum[i] - loSum[i];
                double s2 = hiSq[i] - loSq[i];
                double wvar = Math.max(0.0, s2 - s1 * (s1 / n));
                wvars[i] = wvar;
                limits[i] = margin * (hiHist[i] + s2) + floor;
                double d = wvar * t2;
                den[i] = d;
                // a zero denominator is raised to the least positive double so that no NaN arises; the value is
                // zeroed below
                num[i] = Math.min(1.0, Math.max(-1.0, num[i] / Math.sqrt(Math.max(d, Double.MIN_VALUE))));
            }
            for (int i = 0; i < len; i++) {
                // keep = 1 for a window with unequal neighbours and a positive denominator, else 0 (the value is
                // then exactly 0: the product is ±0 and adding 0.0 makes it +0)
                double keep = changed(den[i]) * Math.min(1.0, hiQ[i] - loQ[i] + firstC[i]);
                num[i] = num[i] * keep + 0.0;
            }
            for (int i = 0; i < len; i++) {
                // rare: a window whose variance is within the rounding bound of its sums, and not constant
                if (!(wvars[i] > limits[i]) && hiQ[i] - loQ[i] + firstC[i] != 0) {
                    num[i] = exact.value(curO0, curO1, from + i);
                }
            }
            System.arraycopy(num, 0, out, base + from, len);
        }

        private void general(double[] out, int base, int from, int to, int cornerRow, int c01, int t0, int t0e,
                int t1, int t1e) {
            int o2n = g.output[2];
            int total = g.templateSize;
            for (int o2 = from; o2 < to; o2++) {
                int k2 = o2 + g.lagOrigin[2];
                int lo2 = Math.max(0, k2);
                int hi2 = Math.min(n2, k2 + g.template[2]);
                int nIn = c01 * (hi2 - lo2);
                double s1 = p1[hi2] - p1[lo2];
                double s2 = p2[hi2] - p2[lo2];
                boolean constant = pq[hi2] - pq[lo2 + 1] + cc[lo2] == 0;
                // Magnitudes the sums carried: the window's value is recomputed exactly (see run) where its
                // variance is within their rounding bound, or within the FFT cross term's
                double carried = ph[hi2] + s2;
                double num = out[base + o2];
                double value;
                if (padding == Padding.OVERLAP) {
                    value = overlap(num, nIn, s1, s2, constant, carried, t0, t0e, t1, t1e, lo2 - k2, hi2 - k2);
                    if (value != value) {
                        value = exact.value(curO0, curO1, o2);
                    }
                } else {
                    int nOut = total - nIn;
                    double wvar;
                    if (constant) {
                        double v = raw[cornerRow + lo2];
                        if (nOut == 0 || v == padValue) {
                            out[base + o2] = 0.0;
                            continue;
                        }
                        double d = v - padValue;
                        wvar = (double) nIn * nOut / total * (d * d);
                    } else {
                        double mean = s1 / nIn;
                        wvar = Math.max(0.0, s2 - s1 * mean);
                        if (nOut > 0) {
                            double d = mean - padCentred;
                            wvar += (double) nIn * nOut / total * (d * d);
                        }
                    }
                    // the padding's terms cancel against the centred sums when the centre is far from the pad
                    // value (a huge pixel elsewhere moves the centre): count its magnitude in the bound too
                    double bound = VARIANCE_MARGIN * (carried + total * (padCentred * padCentred)) + numericFloor;
                    if (!(wvar > bound)) {
                        out[base + o2] = exact.value(curO0, curO1, o2);
                        continue;
                    }
                    if (nOut > 0) {
                        num += padCentred * (tsum - tables.sum(t0, t0e, t1, t1e, lo2 - k2, hi2 - k2));
                    }
                    value = ratio(num, wvar * tsq);
                }
                out[base + o2] = value;
            }
        }

        /** γ of an overlap placement from the fast sums; NaN when they cannot be trusted (recompute exactly). */
        private double overlap(double num, int nIn, double s1, double s2, boolean constant, double carried,
                int t0, int t0e, int t1, int t1e, int t2, int t2e) {
            if (nIn < minCount || constant) {
                return 0.0;
            }
            double ts1;
            double ts2;
            if (nIn == g.templateSize) {
                ts1 = tsum;
                ts2 = tsq;
            } else {
                if (tables.constant(t0, t0e, t1, t1e, t2, t2e)) {
                    return 0.0;
                }
                ts1 = tables.sum(t0, t0e, t1, t1e, t2, t2e);
                ts2 = tables.sumSq(t0, t0e, t1, t1e, t2, t2e);
            }
            double tvar = ts2 - ts1 * (ts1 / nIn);
            double wvar = s2 - s1 * (s1 / nIn);
            if (!(wvar > VARIANCE_MARGIN * carried + numericFloor) || !(tvar > VARIANCE_MARGIN * tsq)) {
                return Double.NaN;
            }
            return ratio(num - s1 * (ts1 / nIn), wvar * tvar);
        }
    }

    /** {@code num / sqrt(den2)} clamped to [-1, 1]; 0 when the denominator vanishes. */
    static double ratio(double num, double den2) {
        if (!(den2 > 0)) {
            return 0.0;
        }
        double r = num / Math.sqrt(den2);
        if (r > 1) {
            return 1.0;
        }
        if (r < -1) {
            return -1.0;
        }
        return r == r ? r : 0.0;
    }
}
