package org.xcorr.ncc;

import org.xcorr.correlate.internal.Geometry;
import org.xcorr.ncc.internal.TemplateTables;
import org.xcorr.window.WindowGeometry;
import org.xcorr.window.WindowRows;
import org.xcorr.window.WindowSums;

/**
 * The second pass of {@link TemplateMatcher#ncc}: the window statistics ({@code Σ J}, {@code Σ J²} of the centred
 * image {@code J} over every template placement, from the window kernel {@link WindowSums}) and the final
 * normalization, in place over the cross term, row by row as the kernel hands the sums over.
 *
 * <p>A window whose sums the kernel's rounding rule ({@link WindowSums#trusted}) does not trust, or whose variance
 * is within the FFT cross term's error ({@link #numericFloor}), is settled exactly: 0 where it is constant (the
 * kernel's exact test; with the padding rules of {@link Padding}), else recomputed by {@link ExactWindow}. The
 * decisions depend only on the kernel's fixed restart grid, so results stay identical for every thread count.
 */
final class WindowPass {

    private final Geometry g;
    private final WindowGeometry windows;
    private final double[] raw;
    private final double mean;
    private final Padding padding;
    private final double padValue;
    private final double padCentred;
    private final double minCount;
    private final double tsq;
    private final double tsum;
    private final TemplateTables tables;
    private final double[] centredTemplate;
    /** A window whose variance is below {@code numericFloor} is recomputed exactly (see {@link #run}). */
    private final double numericFloor;

    /** The accuracy a window's γ must keep before it is recomputed exactly. */
    private static final double TAU = 1e-10;

    /**
     * The FFT cross term errs by about {@code c · u · sqrt(E · Σt'²)} in every output of a tile ({@code u} its
     * unit roundoff, {@code E} the energy {@code Σ J²} of the image, an upper bound for one tile's), so γ errs by
     * {@code c · u · sqrt(E / Σ(w - w̄)²)}: a window whose variance is below {@code (c·u/τ)² · E} is recomputed,
     * with {@code c = 16} and {@code τ = 1e-10}, the documented accuracy.
     *
     * @param roundoff {@link org.xcorr.correlate.internal.CorrelationPlan#tileRoundoff()}
     * @param energy   {@code Σ (raw - mean)²} over the image
     */
    static double numericFloor(double roundoff, double energy) {
        if (roundoff == 0) {
            return 0;
        }
        double k = 16 * roundoff / TAU;
        return k * k * energy;
    }

    WindowPass(Geometry g, double[] raw, double mean, Padding padding, double padValue,
            double minOverlap, double tsq, double tsum, TemplateTables tables, double[] centredTemplate,
            double numericFloor) {
        this.g = g;
        this.windows = WindowGeometry.placements(g.image, g.template, g.lagOrigin, g.output);
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
    }

    /** Normalizes {@code out} (the cross term on entry) in place. */
    void run(double[] out, int threads) {
        WindowSums.one(windows, raw, mean).run(threads, () -> new Work(out));
    }

    /** Per-thread buffers and the exact recomputation. */
    private final class Work implements WindowSums.Sink {
        final double[] out;
        final double[] num;
        final double[] wvars;
        final double[] limits;
        final ExactWindow exact = new ExactWindow(g, raw, centredTemplate, padding, padValue,
                minCount / g.templateSize);

        Work(double[] out) {
            this.out = out;
            int n = g.output[2];
            num = new double[n];
            wvars = new double[n];
            limits = new double[n];
        }

        @Override
        public void accept(WindowRows row) {
            int o0 = row.o0();
            int o1 = row.o1();
            int from = row.from();
            int length = row.length();
            int base = (o0 * g.output[1] + o1) * g.output[2] + from;
            int m2 = g.template[2];
            int lag2 = g.lagOrigin[2];
            if (padding != Padding.OVERLAP && row.countAcross() * m2 == g.templateSize) {
                // placements whose window lies inside the image: no padding terms, one vectorizable loop
                int a = Math.min(length, Math.max(0, -lag2 - from));
                int b = Math.max(a, Math.min(length, g.image[2] - m2 - lag2 + 1 - from));
                general(row, base, 0, a);
                inside(row, base, a, b);
                general(row, base, b, length);
            } else {
                general(row, base, 0, length);
            }
        }

        /**
         * Windows {@code [from, to)} of a row whose windows lie inside the image: no padding. Same arithmetic as
         * {@link #general}, as a branch-free loop (division, square root and clamping vectorize) followed by a
         * scalar pass for the rare untrusted windows.
         */
        private void inside(WindowRows row, int base, int from, int to) {
            double n = g.templateSize;
            double t2 = tsq;
            double margin = WindowSums.MARGIN;
            double floor = numericFloor;
            double[] s1s = row.sumA();
            double[] s2s = row.sumSqA();
            double[] carried = row.carriedA();
            System.arraycopy(out, base + from, num, from, to - from);
            for (int i = from; i < to; i++) {
                double s1 = s1s[i];
                double s2 = s2s[i];
                double wvar = Math.max(0.0, s2 - s1 * (s1 / n));
                wvars[i] = wvar;
                limits[i] = margin * (carried[i] + s2) + floor;
                // a zero denominator is raised to the least positive double so that no NaN arises; such a window
                // is untrusted and settled below
                double d = wvar * t2;
                num[i] = Math.min(1.0, Math.max(-1.0, num[i] / Math.sqrt(Math.max(d, Double.MIN_VALUE))));
            }
            for (int i = from; i < to; i++) {
                // rare: a window whose variance is within the rounding bound of its sums
                if (!(wvars[i] > limits[i])) {
                    row.settle();
                    num[i] = row.constantA(i) ? 0.0 : exact.value(row.o0(), row.o1(), row.from() + i);
                }
            }
            System.arraycopy(num, from, out, base + from, to - from);
        }

        private void general(WindowRows row, int base, int from, int to) {
            int o0 = row.o0();
            int o1 = row.o1();
            int c01 = (int) row.countAcross();
            int k0 = o0 + g.lagOrigin[0];
            int k1 = o1 + g.lagOrigin[1];
            int t0 = g.lo(0, o0) - k0;
            int t0e = g.hi(0, o0) - k0;
            int t1 = g.lo(1, o1) - k1;
            int t1e = g.hi(1, o1) - k1;
            int total = g.templateSize;
            for (int i = from; i < to; i++) {
                int o2 = row.from() + i;
                int k2 = o2 + g.lagOrigin[2];
                int lo2 = Math.max(0, k2);
                int hi2 = Math.min(g.image[2], k2 + g.template[2]);
                int nIn = c01 * (hi2 - lo2);
                double s1 = row.sumA()[i];
                double s2 = row.sumSqA()[i];
                double carried = row.carriedA()[i] + s2;
                double wmean = s1 / nIn;
                double deviations = Math.max(0.0, s2 - s1 * wmean);
                // only an untrusted window can be constant
                boolean constant = !WindowSums.trusted(deviations, carried) && settled(row).constantA(i);
                double num = out[base + i];
                double value;
                if (padding == Padding.OVERLAP) {
                    value = overlap(num, nIn, s1, deviations, constant, carried, t0, t0e, t1, t1e, lo2 - k2,
                            hi2 - k2);
                    if (value != value) {
                        value = exact.value(o0, o1, o2);
                    }
                } else {
                    int nOut = total - nIn;
                    double wvar;
                    if (constant) {
                        double v = row.valueA(i);
                        if (nOut == 0 || v == padValue) {
                            out[base + i] = 0.0;
                            continue;
                        }
                        double d = v - padValue;
                        wvar = (double) nIn * nOut / total * (d * d);
                    } else {
                        wvar = deviations;
                        if (nOut > 0) {
                            double d = wmean - padCentred;
                            wvar += (double) nIn * nOut / total * (d * d);
                        }
                    }
                    // the padding's terms cancel against the centred sums when the centre is far from the pad
                    // value (a huge pixel elsewhere moves the centre): count its magnitude in the bound too
                    if (!WindowSums.trusted(wvar - numericFloor, carried + total * (padCentred * padCentred))) {
                        out[base + i] = exact.value(o0, o1, o2);
                        continue;
                    }
                    if (nOut > 0) {
                        num += padCentred * (tsum - tables.sum(t0, t0e, t1, t1e, lo2 - k2, hi2 - k2));
                    }
                    value = ratio(num, wvar * tsq);
                }
                out[base + i] = value;
            }
        }

        /** γ of an overlap placement from the fast sums; NaN when they cannot be trusted (recompute exactly). */
        private double overlap(double num, int nIn, double s1, double wvar, boolean constant, double carried,
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
            if (!WindowSums.trusted(wvar - numericFloor, carried) || !WindowSums.trusted(tvar, tsq)) {
                return Double.NaN;
            }
            return ratio(num - s1 * (ts1 / nIn), wvar * tvar);
        }
    }

    private static WindowRows settled(WindowRows row) {
        row.settle();
        return row;
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
