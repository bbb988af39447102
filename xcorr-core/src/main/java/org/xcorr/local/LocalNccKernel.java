package org.xcorr.local;

import java.util.ArrayList;
import java.util.List;
import org.xcorr.window.ExactPearson;
import org.xcorr.window.WindowGeometry;
import org.xcorr.window.WindowRows;
import org.xcorr.window.WindowSums;

/**
 * Local NCC as a client of the window kernel ({@link WindowSums}): the five moment sums of the globally centred
 * values over each {@code (2r+1)} box in {@code same} placement, clipped to the array, turned into ρ row by row.
 *
 * <p>Per window, with {@code n} samples, {@code da = n·Σx² − (Σx)²} and {@code db} likewise (n² times the
 * variances), {@code ρ = (n·Σxy − Σx·Σy) / sqrt(da·db)}, clamped to [-1, 1]. A window whose fast sums
 * {@link WindowSums#trusted cannot be trusted} on either side is settled exactly: 0 where the window of a or of b
 * is constant (the kernel's exact test), else ρ from its definition ({@link LocalNcc#pearson}, O(window), only
 * where the bound asks for it). Trusted windows have positive variances, so no NaN leaves this class.
 */
final class LocalNccKernel {

    private LocalNccKernel() {
    }

    /**
     * Computes the local NCC of {@code a} and {@code b} (row-major, shape {@code shape3}, radii {@code radius3},
     * both given as 3-D) into {@code out}; {@code meanA} and {@code meanB} are subtracted from every sample first
     * (any constants work; the global means remove a DC offset before squaring).
     */
    static void compute(double[] a, double[] b, int[] shape3, int[] radius3, double meanA, double meanB,
                        double[] out, int threads) {
        WindowGeometry g = WindowGeometry.centred(shape3, radius3);
        WindowSums.two(g, a, meanA, b, meanB).run(threads, () -> new Rows(g, a, b, out, false));
    }

    /**
     * 1-D and 2-D: the local NCC of {@code a} and {@code b} into {@code out} in one pass over the inputs, each
     * block of rows centred by its own constants ({@link WindowSums#twoBlockCentred}). Returns whether the result
     * is complete: false when some block's values left the range the sums handle ({@link WindowRows#inRange}:
     * non-finite, huge or subnormal-squared values), and then {@code out} holds no result. With
     * {@code mayGiveUp}, windows whose own sums are out of that range are not recomputed from their definition
     * (with NaN or overflowing sums every window would be, and the caller discards the result anyway).
     */
    static boolean computeBlockCentred(double[] a, double[] b, int[] shape3, int[] radius3, double[] out,
                                       int threads, boolean mayGiveUp) {
        WindowGeometry g = WindowGeometry.centred(shape3, radius3);
        List<Rows> sinks = new ArrayList<>();
        WindowSums.twoBlockCentred(g, a, b).run(threads, () -> {
            Rows rows = new Rows(g, a, b, out, mayGiveUp);
            synchronized (sinks) {
                sinks.add(rows);
            }
            return rows;
        });
        boolean complete = true;
        for (Rows rows : sinks) {
            // a worker that gave up has met a window out of range, so a block of it is out of range too
            complete &= rows.inRange && !rows.gaveUp;
        }
        return complete;
    }

    /** One worker's ρ of the rows it is handed. */
    private static final class Rows implements WindowSums.Sink {
        private final WindowGeometry g;
        private final double[] a;
        private final double[] b;
        private final double[] out;
        private final double[] rho;
        private final double[] varA;
        private final double[] varB;
        private final double[] trustA;
        private final double[] trustB;
        /** The smaller of {@link #trustA} and {@link #trustB} (NaN if either is): positive where both sides are trusted. */
        private final double[] trust;
        /** Window buffers of {@link #exact}, allocated on first use (most rows never need them). */
        private double[] wa;
        private double[] wb;
        private final boolean mayGiveUp;
        /** Whether a window was left without its result ({@link #computeBlockCentred}). */
        private boolean gaveUp;
        /** {@link WindowRows#inRange} of the last row seen. */
        private boolean inRange = true;

        /** A window sum of squares above this has a column above {@link WindowRows#MOST_SQUARES}. */
        private final double giveUp;

        Rows(WindowGeometry g, double[] a, double[] b, double[] out, boolean mayGiveUp) {
            this.g = g;
            // a window spans at most samples(2) columns; twice that bound covers the rounding of the row sum
            giveUp = 2.0 * WindowRows.MOST_SQUARES * g.samples(2);
            this.mayGiveUp = mayGiveUp;
            this.a = a;
            this.b = b;
            this.out = out;
            int n2 = g.outputs(2);
            rho = new double[n2];
            varA = new double[n2];
            varB = new double[n2];
            trustA = new double[n2];
            trustB = new double[n2];
            trust = new double[n2];
        }

        @Override
        public void accept(WindowRows row) {
            int length = row.length();
            double[] countX = row.countAlongRow();
            double countYZ = row.countAcross();
            // the trust test against a bound of the carried magnitudes first; the exact ones only where it fails
            variances(countX, countYZ, row.sumA(), row.sumSqA(), row.carriedBoundA(), varA, trustA, length);
            variances(countX, countYZ, row.sumB(), row.sumSqB(), row.carriedBoundB(), varB, trustA, trust, length);
            boolean exactTrust = false;
            correlations(countX, countYZ, row.sumA(), row.sumB(), row.sumAB(), varA, varB, rho, length);
            int outBase = (row.o0() * g.outputs(1) + row.o1()) * g.outputs(2) + row.from();
            System.arraycopy(rho, 0, out, outBase, length);
            double[] saa = row.sumSqA();
            double[] sbb = row.sumSqB();
            inRange = row.inRange();
            for (int i = 0; i < length; i++) {
                // WindowSums.trusted on both sides: deviations - MARGIN · magnitude > 0 (NaN fails)
                if (!(trust[i] > 0)) {
                    if (!exactTrust) {
                        // the windows before i passed the bound's test, so they pass the exact one too
                        exactTrust = true;
                        trust(countX, countYZ, row.sumSqA(), row.carriedA(), varA, trustA, length);
                        trust(countX, countYZ, row.sumSqB(), row.carriedB(), varB, trustB, length);
                        both(trustA, trustB, trust, length);
                        if (trust[i] > 0) {
                            continue;
                        }
                    }
                    if (mayGiveUp && !(saa[i] <= giveUp && sbb[i] <= giveUp)) {
                        // NaN or huge sums: the block cannot be in range (see computeBlockCentred)
                        gaveUp = true;
                        continue;
                    }
                    row.settle();
                    out[outBase + i] = row.constantA(i) || row.constantB(i) ? 0.0 : exact(row, i);
                }
            }
        }

        /**
         * {@code d = n·Σx² − (Σx)²}, n²·var of the window, and {@code t = d − MARGIN · n · (h + Σx²)} with {@code h}
         * a bound of every window's carried magnitude ({@link WindowRows#carriedBoundA}): positive only where
         * {@link WindowSums#trusted} with the exact magnitude (the difference of two finite doubles has the sign of
         * their comparison, and every operation is monotone in {@code h}; NaN and infinite differences fail as the
         * comparison does). Indexed by x alone so that C2 vectorizes it.
         */
        private static void variances(double[] countX, double countYZ, double[] s, double[] ss, double h,
                                      double[] d, double[] t, int length) {
            for (int x = 0; x < length; x++) {
                double n = countX[x] * countYZ;
                double v = n * ss[x] - s[x] * s[x];
                d[x] = v;
                t[x] = v - WindowSums.MARGIN * (n * (h + ss[x]));
            }
        }

        /**
         * {@link #variances} of the second input, writing {@code min(tOther, t)} (NaN if either is) instead of
         * {@code t}: one array then says where both inputs are trusted, and the scan for untrusted windows reads one
         * value per window instead of two.
         */
        private static void variances(double[] countX, double countYZ, double[] s, double[] ss, double h,
                                      double[] d, double[] tOther, double[] t, int length) {
            for (int x = 0; x < length; x++) {
                double n = countX[x] * countYZ;
                double v = n * ss[x] - s[x] * s[x];
                d[x] = v;
                t[x] = Math.min(tOther[x], v - WindowSums.MARGIN * (n * (h + ss[x])));
            }
        }

        /** {@code t = min(ta, tb)}, NaN if either is. */
        private static void both(double[] ta, double[] tb, double[] t, int length) {
            for (int x = 0; x < length; x++) {
                t[x] = Math.min(ta[x], tb[x]);
            }
        }

        /**
         * {@code t = d − MARGIN · n · (carried + Σx²)} with each window's exact carried magnitude: positive exactly
         * when {@link WindowSums#trusted}.
         */
        private static void trust(double[] countX, double countYZ, double[] ss, double[] h, double[] d, double[] t,
                                  int length) {
            for (int x = 0; x < length; x++) {
                double n = countX[x] * countYZ;
                t[x] = d[x] - WindowSums.MARGIN * (n * (h[x] + ss[x]));
            }
        }

        /**
         * ρ over sqrt of the product of the n²·variances, clamped (NaN passes: its window is untrusted and
         * settled). Static, branch-free and every array indexed by x alone, so that C2 (JDK 17) vectorizes it.
         */
        private static void correlations(double[] countX, double countYZ, double[] sa, double[] sb, double[] sab,
                                         double[] da, double[] db, double[] o, int length) {
            for (int x = 0; x < length; x++) {
                double n = countX[x] * countYZ;
                // n·cov: one subtraction of two terms of like size
                double c = n * sab[x] - sa[x] * sb[x];
                // two roots rather than the root of the product: da·db of a window of tiny values underflows
                // (block centring leaves a block's own scale, not the array's), each root does not
                o[x] = Math.min(Math.max(c / (Math.sqrt(da[x]) * Math.sqrt(db[x])), -1.0), 1.0);
            }
        }

        /** ρ of window {@code i} of the row by its definition ({@link LocalNcc#pearson}). */
        private double exact(WindowRows row, int i) {
            if (wa == null) {
                long size = 1;
                for (int k = 0; k < 3; k++) {
                    size *= Math.min(g.samples(k), g.hi(k, g.samples(k) / 2) - g.lo(k, g.samples(k) / 2));
                }
                wa = new double[(int) size]; // the largest window: at most the array's size
                wb = new double[(int) size];
            }
            int o2 = row.from() + i;
            int n1 = g.samples(1);
            int n2 = g.samples(2);
            int x0 = g.lo(2, o2);
            int x1 = g.hi(2, o2);
            int count = 0;
            for (int z = g.lo(0, row.o0()); z < g.hi(0, row.o0()); z++) {
                for (int y = g.lo(1, row.o1()); y < g.hi(1, row.o1()); y++) {
                    int base = (z * n1 + y) * n2;
                    System.arraycopy(a, base + x0, wa, count, x1 - x0);
                    System.arraycopy(b, base + x0, wb, count, x1 - x0);
                    count += x1 - x0;
                }
            }
            return ExactPearson.pearson(wa, wb, count);
        }
    }
}
