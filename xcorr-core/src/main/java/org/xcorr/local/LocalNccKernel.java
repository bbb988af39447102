package org.xcorr.local;

import org.xcorr.concurrent.Parallel;

/**
 * The box-sum kernel behind {@link LocalNcc}: window sums of the five moments
 * {@code a, b, a², b², ab} (of globally centred values) over clipped Chebyshev boxes, computed by separable
 * running sums, plus an exact test for constant windows.
 *
 * <p>Every array is seen as 3-D {@code (n0, n1, n2)} (leading axes of length 1 for 1-D and 2-D). The slowest
 * non-trivial axis is cut into blocks of fixed length (a function of the radius only, never of the thread
 * count); each block starts from window sums computed from scratch and then slides, adding the sample that
 * enters and subtracting the one that leaves. Restarting on a fixed grid bounds the rounding error of the
 * running sums to that of summing a few windows directly, however long the axis, and makes the arithmetic of
 * every output element independent of how blocks are shared among threads, so results are bit-identical for
 * any thread count. The same restart scheme is used along the rows.
 *
 * <p>Constant windows are found exactly, without thresholds: along each axis the kernel tracks where the
 * current run of equal values starts; a segment is constant when that run covers it, and the value of a
 * constant segment (NaN for a non-constant one, which compares unequal to everything) is what the next axis
 * looks at. A box is constant exactly when its segments along the slow axes are constant and share one value.
 */
final class LocalNccKernel {

    /**
     * Fewest rows or columns between two restarts of a running sum. Each restart sums a whole window
     * directly, so longer blocks cost less (a quarter of a window per output at 4 windows per block) while
     * the rounding error grows only linearly with the block length (see flatBound).
     */
    private static final int MIN_BLOCK = 64;


    private final double[] a;
    private final double[] b;
    private final int n0;
    private final int n1;
    private final int n2;
    private final int r0;
    private final int r1;
    private final int r2;
    private final double meanA;
    private final double meanB;
    /** Bounds on the computed n²·var of a constant window of a and of b in the 2-D stage (see rowPass). */
    private final double flatA;
    private final double flatB;
    private final double[] out;

    private LocalNccKernel(double[] a, double[] b, int[] shape3, int[] radius3, double meanA, double meanB,
                           double boundA, double boundB, double[] out) {
        this.a = a;
        this.b = b;
        this.n0 = shape3[0];
        this.n1 = shape3[1];
        this.n2 = shape3[2];
        // A radius of n-1 already covers the whole axis from every pixel; larger ones change nothing.
        this.r0 = Math.min(radius3[0], n0 - 1);
        this.r1 = Math.min(radius3[1], n1 - 1);
        this.r2 = Math.min(radius3[2], n2 - 1);
        this.meanA = meanA;
        this.meanB = meanB;
        this.out = out;
        if (n0 == 1) {
            this.flatA = flatBound(boundA, r1, r2);
            this.flatB = flatBound(boundB, r1, r2);
        } else {
            // The 3-D stage tracks constancy exactly everywhere.
            this.flatA = Double.POSITIVE_INFINITY;
            this.flatB = Double.POSITIVE_INFINITY;
        }
    }

    /**
     * Computes the local NCC of {@code a} and {@code b} (row-major, shape {@code shape3}, radii
     * {@code radius3}, both given as 3-D) into {@code out}; {@code meanA} and {@code meanB} are subtracted
     * from every sample first (any constants work; the global means remove a DC offset before squaring).
     * {@code boundA} and {@code boundB} bound {@code |a - meanA|} and {@code |b - meanB|} as computed in
     * double over the whole array (larger values, infinity included, are allowed and only cost time).
     */
    static void compute(double[] a, double[] b, int[] shape3, int[] radius3, double meanA, double meanB,
                        double boundA, double boundB, double[] out, int threads) {
        new LocalNccKernel(a, b, shape3, radius3, meanA, meanB, boundA, boundB, out).run(threads);
    }

    /**
     * A bound on the computed {@code n·Σx² − (Σx)²} of any constant window in the 2-D stage, for centred
     * values bounded by {@code |x| <= m}; a window whose computed value exceeds it is provably not constant.
     *
     * <p>Derivation (u = 2⁻⁵³, w = 2r+1 samples across the window on an axis, k = restart period, n <= N =
     * w1·w2 the window count). Each column sum is at most w1 + 2·k1 roundings of results bounded by w1·m² (for
     * x²; w1·m for x, whose leaving/entering differences reach 2m), so its error is at most
     * u·(w1 + k1)(w1 + 2)·m; the row pass adds w2 of them (errors add) and performs at most w2 + 2·kx further
     * roundings of results bounded by w2·w1·m. Terms that left the window cancel exactly (the same doubles are
     * added and later subtracted). Hence the window sums Σx and Σx² are within E = u·K·m and u·K·m² of the
     * exact sums of their computed terms, K = w2(w1 + k1)(w1 + 2) + w1(w2 + kx)(w2 + 2). For a constant window
     * every term is the same double c (|c| <= m) and fl(c²), so exactly n·Σx² − (Σx)² = n²(fl(c²) − c²),
     * at most n²·u·m². Adding the perturbations n·E(x²) + 2·n·m·E(x) + E(x)², and the three final roundings
     * (at most u·(n·Σx² + (Σx)²) ≈ 2·u·n²·m²), the computed value is at most u·m²·(3n² + 3n·K) to first order;
     * the bound doubles that, which covers the second-order terms while u·K <= 1e-6 (otherwise it is
     * infinite: track exactly everywhere). Underflow adds at most 2⁻¹⁰⁷⁵ per product: n² of them through
     * fl(c²), two more in the final products; sums of subnormals are exact.
     */
    static double flatBound(double m, int r1, int r2) {
        double w1 = 2.0 * r1 + 1;
        double w2 = 2.0 * r2 + 1;
        double k1 = blockLength(r1, MIN_BLOCK);
        double kx = blockLength(r2, MIN_BLOCK);
        double n = w1 * w2;
        double k = w2 * (w1 + k1) * (w1 + 2) + w1 * (w2 + kx) * (w2 + 2);
        if (!(k * 0x1p-53 <= 1e-6)) {
            return Double.POSITIVE_INFINITY;
        }
        return 6.0 * n * (n + k) * 0x1p-53 * (m * m) + 4.0 * n * n * Double.MIN_VALUE;
    }

    /** Restart period of a running sum of half-width {@code r}: at least four windows. */
    static int blockLength(int r, int minimum) {
        // at most 2^30 (r < 2^31 would overflow 4(2r + 1)); a block longer than the axis is one block anyway
        return (int) Math.min(1 << 30, Math.max(4 * (2L * r + 1), minimum));
    }

    private void run(int threads) {
        if (n0 == 1) {
            int k1 = blockLength(r1, MIN_BLOCK);
            int blocks = (n1 + k1 - 1) / k1;
            int width = stripWidth();
            Parallel.forRange(threads, blocks, 1, (from, to) -> {
                Rows rows = new Rows(width);
                for (int blk = from; blk < to; blk++) {
                    rows.rawBlock(blk * k1, Math.min(n1, (blk + 1) * k1));
                }
            });
        } else {
            int k0 = blockLength(r0, 4);
            int blocks = (n0 + k0 - 1) / k0;
            Parallel.forRange(threads, blocks, 1, (from, to) -> {
                Planes planes = new Planes();
                for (int blk = from; blk < to; blk++) {
                    planes.block(blk * k0, Math.min(n0, (blk + 1) * k0));
                }
            });
        }
    }

    // ------------------------------------------------------------------------------------------ 3-D stage

    /** Per-thread state for sliding along axis 0: moment sums over the plane window, run starts, segments. */
    private final class Planes {
        final int planeSize = n1 * n2;
        final double[] pa = new double[planeSize];
        final double[] pb = new double[planeSize];
        final double[] paa = new double[planeSize];
        final double[] pbb = new double[planeSize];
        final double[] pab = new double[planeSize];
        final int[] runA = new int[planeSize];
        final int[] runB = new int[planeSize];
        final double[] segA = new double[planeSize];
        final double[] segB = new double[planeSize];
        final Rows rows = new Rows(n2);

        void block(int zs, int ze) {
            for (int z = zs; z < ze; z++) {
                int lo = Math.max(0, z - r0);
                int hi = Math.min(n0 - 1, z + r0);
                if (z == zs) {
                    java.util.Arrays.fill(pa, 0);
                    java.util.Arrays.fill(pb, 0);
                    java.util.Arrays.fill(paa, 0);
                    java.util.Arrays.fill(pbb, 0);
                    java.util.Arrays.fill(pab, 0);
                    for (int k = lo; k <= hi; k++) {
                        addPlane(k);
                    }
                    startRuns(runA, a, lo, hi);
                    startRuns(runB, b, lo, hi);
                } else {
                    if (z + r0 <= n0 - 1) {
                        updatePlane(hi, z - r0 - 1 >= 0 ? z - r0 - 1 : -1);
                        extendRuns(runA, a, hi);
                        extendRuns(runB, b, hi);
                    } else if (z - r0 - 1 >= 0) {
                        updatePlane(-1, z - r0 - 1);
                    }
                }
                segments(segA, runA, a, lo, hi);
                segments(segB, runB, b, lo, hi);
                rows.summedPlane(this, hi - lo + 1, z * planeSize);
            }
        }

        private void addPlane(int k) {
            final int base = k * planeSize;
            final double ma = meanA;
            final double mb = meanB;
            for (int i = 0; i < planeSize; i++) {
                double x = a[base + i] - ma;
                double y = b[base + i] - mb;
                pa[i] += x;
                pb[i] += y;
                paa[i] += x * x;
                pbb[i] += y * y;
                pab[i] += x * y;
            }
        }

        /** Adds plane {@code in} and removes plane {@code outPlane}; -1 means none. */
        private void updatePlane(int in, int outPlane) {
            final double ma = meanA;
            final double mb = meanB;
            if (in >= 0 && outPlane >= 0) {
                final int bi = in * planeSize;
                final int bo = outPlane * planeSize;
                for (int i = 0; i < planeSize; i++) {
                    double x = a[bi + i] - ma;
                    double y = b[bi + i] - mb;
                    double u = a[bo + i] - ma;
                    double v = b[bo + i] - mb;
                    pa[i] += x - u;
                    pb[i] += y - v;
                    paa[i] += x * x - u * u;
                    pbb[i] += y * y - v * v;
                    pab[i] += x * y - u * v;
                }
            } else if (in >= 0) {
                addPlane(in);
            } else {
                final int bo = outPlane * planeSize;
                for (int i = 0; i < planeSize; i++) {
                    double u = a[bo + i] - ma;
                    double v = b[bo + i] - mb;
                    pa[i] -= u;
                    pb[i] -= v;
                    paa[i] -= u * u;
                    pbb[i] -= v * v;
                    pab[i] -= u * v;
                }
            }
        }

        private void startRuns(int[] run, double[] src, int lo, int hi) {
            java.util.Arrays.fill(run, lo);
            for (int k = lo + 1; k <= hi; k++) {
                extendRuns(run, src, k);
            }
        }

        private void extendRuns(int[] run, double[] src, int k) {
            final int cur = k * planeSize;
            final int prev = cur - planeSize;
            for (int i = 0; i < planeSize; i++) {
                if (src[cur + i] != src[prev + i]) {
                    run[i] = k;
                }
            }
        }

        private void segments(double[] seg, int[] run, double[] src, int lo, int hi) {
            final int base = hi * planeSize;
            for (int i = 0; i < planeSize; i++) {
                seg[i] = run[i] <= lo ? src[base + i] : Double.NaN;
            }
        }
    }

    // ------------------------------------------------------------------------------------- 2-D and 1-D stage

    /**
     * Output columns per strip of the 2-D stage, rounded to a multiple of the row restart period: the per-row
     * buffers of one strip (some twenty arrays) then stay in the L1 cache instead of streaming from L2 at
     * every one of the dozen passes over a row.
     */
    private static final int STRIP = 256;

    /** Strip width of the 2-D stage: a multiple of the row restart period, so strips keep its grid. */
    private int stripWidth() {
        int kx = blockLength(r2, MIN_BLOCK);
        long width = (long) Math.max(1, STRIP / kx) * kx;
        return (int) Math.min(n2, width);
    }

    /**
     * Per-thread state for sliding along axis 1 and then along the rows, over one strip of output columns
     * {@code [xs0, xs1)} at a time. The column sums of a strip cover its halo {@code [hx0, hx1)} (the strip
     * widened by r2 on each side, clipped to the row); the row restarts lie on multiples of kx, as do strip
     * starts, so every output gets the same arithmetic whatever the strip width.
     */
    private final class Rows {
        final int width;
        final int off = r2 + 1;
        final int padded;
        // Column sums over the current row window at local index x - xs0 + off, zero outside the row so the
        // row pass slides without edge tests (adding and subtracting exact zeros changes nothing).
        final double[] va;
        final double[] vb;
        final double[] vaa;
        final double[] vbb;
        final double[] vab;
        // Rows entering and leaving the window, at the same local index as the column sums.
        final double[] inA;
        final double[] inB;
        final double[] outA;
        final double[] outB;
        // Runs along axis 1 and constant segments, per halo column (index x - hx0).
        final int[] runA;
        final int[] runB;
        final double[] segA;
        final double[] segB;
        final int kx = blockLength(r2, MIN_BLOCK);
        final int k1 = blockLength(r1, MIN_BLOCK);
        // Window sums along the row, per strip column (index x - xs0).
        final double[] sa;
        final double[] sb;
        final double[] saa;
        final double[] sbb;
        final double[] sab;
        final double[] rho;
        final double[] countX;
        /** n²·var of a and b (n·Σx² − (Σx)²) of the windows of the current row. */
        final double[] varA;
        final double[] varB;
        /** Start (column) of the run of equal segment values through each halo column. */
        final int[] runXA;
        final int[] runXB;
        /** Whether the current row has a constant column segment in a or b (else no window is constant). */
        boolean anyConstantSegment;
        /** Largest {@code vaa}, {@code vbb} per column since the block began: what their rounding is relative to. */
        final double[] histA;
        final double[] histB;
        /** Whether each window of the current row was found exactly constant by {@link #finish}. */
        final boolean[] constantX;
        /** Window buffers of {@link #exactRho}, allocated on first use (most rows never need them). */
        double[] wa;
        double[] wb;
        // The current strip and its halo.
        int xs0;
        int xs1;
        int hx0;
        int hx1;

        Rows(int width) {
            this.width = width;
            this.padded = org.xcorr.array.NdArray.checkedSize(width + 2L * r2 + 1, "local NCC row buffer");
            int halo = Math.min(n2, width + 2 * r2);
            va = new double[padded];
            vb = new double[padded];
            vaa = new double[padded];
            vbb = new double[padded];
            vab = new double[padded];
            inA = new double[padded];
            inB = new double[padded];
            outA = new double[padded];
            outB = new double[padded];
            runA = new int[halo];
            runB = new int[halo];
            segA = new double[halo];
            segB = new double[halo];
            runXA = new int[halo];
            runXB = new int[halo];
            sa = new double[width];
            sb = new double[width];
            saa = new double[width];
            sbb = new double[width];
            sab = new double[width];
            rho = new double[width];
            countX = new double[width];
            varA = new double[width];
            varB = new double[width];
            histA = new double[padded];
            histB = new double[padded];
            constantX = new boolean[width];
            strip(0, width);
        }

        /** Makes {@code [from, to)} the current strip. */
        void strip(int from, int to) {
            xs0 = from;
            xs1 = to;
            hx0 = Math.max(0, from - r2);
            hx1 = Math.min(n2, to + r2);
            for (int x = from; x < to; x++) {
                countX[x - from] = Math.min(n2 - 1, x + r2) - Math.max(0, x - r2) + 1;
            }
        }

        // ---------------- 2-D: rows of the raw inputs

        /** Rows {@code [ys, ye)}, strip by strip. */
        void rawBlock(int ys, int ye) {
            for (int from = 0; from < n2; from += width) {
                strip(from, Math.min(n2, from + width));
                rawStrip(ys, ye);
            }
        }

        /**
         * Rows {@code [ys, ye)} of the current strip. Constancy is tracked only from the first row that has a
         * window whose computed variance is within the rounding bound of zero (flatA, flatB); elsewhere no
         * window can be constant. From then on the runs are kept up to date until the end of the block, so they
         * are rebuilt at most once per block and strip (block length >= 4·(2r1+1): amortized O(1) per pixel
         * whatever the radius).
         */
        private void rawStrip(int ys, int ye) {
            boolean tracking = false;
            for (int y = ys; y < ye; y++) {
                int lo = Math.max(0, y - r1);
                int hi = Math.min(n1 - 1, y + r1);
                boolean enters = y + r1 <= n1 - 1;
                if (y == ys) {
                    clearColumns();
                    for (int k = lo; k <= hi; k++) {
                        addRawRow(k);
                    }
                } else {
                    int leaving = y - r1 - 1;
                    if (enters && leaving >= 0) {
                        updateRawRow(hi, leaving);
                    } else if (enters) {
                        addRawRow(hi);
                    } else if (leaving >= 0) {
                        removeRawRow(leaving);
                    }
                    if (tracking && enters) {
                        extendRuns(a, b, hi);
                    }
                }
                int outBase = y * n2;
                java.util.Arrays.fill(constantX, false);
                if (rowPass(hi - lo + 1, outBase)) {
                    if (!tracking) {
                        startRuns(a, b, lo, hi);
                        tracking = true;
                    }
                    segments(a, b, lo, hi);
                    finish(outBase);
                }
                refine(y, lo, hi, outBase);
            }
        }

        private void clearColumns() {
            java.util.Arrays.fill(histA, 0);
            java.util.Arrays.fill(histB, 0);
            java.util.Arrays.fill(va, 0);
            java.util.Arrays.fill(vb, 0);
            java.util.Arrays.fill(vaa, 0);
            java.util.Arrays.fill(vbb, 0);
            java.util.Arrays.fill(vab, 0);
        }

        /** First local index of the halo in the column buffers. */
        private int haloStart() {
            return hx0 - xs0 + off;
        }

        /** End (exclusive) local index of the halo in the column buffers. */
        private int haloEnd() {
            return hx1 - xs0 + off;
        }

        /**
         * Copies the halo of row {@code k} of a and b to the local index of {@code da} and {@code db}. The
         * column update then indexes all its arrays by x alone: C2 (JDK 17) does not vectorize a loop that
         * also reads at a run-time offset (such as a row of the input), but a copy costs little.
         */
        private void rawRows(int k, double[] da, double[] db) {
            System.arraycopy(a, k * n2 + hx0, da, haloStart(), hx1 - hx0);
            System.arraycopy(b, k * n2 + hx0, db, haloStart(), hx1 - hx0);
        }

        /*
         * The column updates centre each sample (x - mean, the same double wherever it is computed) and update
         * all five sums in one loop: C2 vectorizes it, and one pass reads the rows once.
         */

        private void addRawRow(int k) {
            rawRows(k, inA, inB);
            final int start = haloStart();
            final int end = haloEnd();
            final double ma = meanA;
            final double mb = meanB;
            final double[] pa = inA;
            final double[] pb = inB;
            final double[] s1 = va;
            final double[] s2 = vb;
            final double[] s3 = vaa;
            final double[] s4 = vbb;
            final double[] s5 = vab;
            for (int x = start; x < end; x++) {
                double p = pa[x] - ma;
                double q = pb[x] - mb;
                s1[x] += p;
                s2[x] += q;
                s3[x] += p * p;
                s4[x] += q * q;
                s5[x] += p * q;
            }
            history(start, end);
        }

        /** Records the column sums of squares just reached (after a row entered). */
        private void history(int start, int end) {
            final double[] ha = histA;
            final double[] hb = histB;
            final double[] s3 = vaa;
            final double[] s4 = vbb;
            for (int x = start; x < end; x++) {
                ha[x] = Math.max(ha[x], s3[x]);
                hb[x] = Math.max(hb[x], s4[x]);
            }
        }

        private void removeRawRow(int k) {
            rawRows(k, outA, outB);
            final int start = haloStart();
            final int end = haloEnd();
            final double ma = meanA;
            final double mb = meanB;
            final double[] pa = outA;
            final double[] pb = outB;
            final double[] s1 = va;
            final double[] s2 = vb;
            final double[] s3 = vaa;
            final double[] s4 = vbb;
            final double[] s5 = vab;
            for (int x = start; x < end; x++) {
                double u = pa[x] - ma;
                double v = pb[x] - mb;
                s1[x] -= u;
                s2[x] -= v;
                s3[x] -= u * u;
                s4[x] -= v * v;
                s5[x] -= u * v;
            }
        }

        private void updateRawRow(int in, int leaving) {
            rawRows(in, inA, inB);
            rawRows(leaving, outA, outB);
            final int start = haloStart();
            final int end = haloEnd();
            updateMoments(va, vaa, inA, outA, meanA, start, end);
            updateMoments(vb, vbb, inB, outB, meanB, start, end);
            final double ma = meanA;
            final double mb = meanB;
            final double[] pa = inA;
            final double[] pb = inB;
            final double[] ua = outA;
            final double[] ub = outB;
            final double[] s5 = vab;
            for (int x = start; x < end; x++) {
                s5[x] += (pa[x] - ma) * (pb[x] - mb) - (ua[x] - ma) * (ub[x] - mb);
            }
            history(start, end);
        }

        private static void updateMoments(double[] s1, double[] s2, double[] pa, double[] ua, double m,
                                          int start, int end) {
            for (int x = start; x < end; x++) {
                s1[x] += (pa[x] - m) - (ua[x] - m);
            }
            for (int x = start; x < end; x++) {
                double p = pa[x] - m;
                double u = ua[x] - m;
                s2[x] += p * p - u * u;
            }
        }

        // ---------------- 3-D: rows of the plane-window sums (one strip: the whole row)

        void summedPlane(Planes p, int countZ, int outBase) {
            for (int ys = 0; ys < n1; ys += k1) {
                int ye = Math.min(n1, ys + k1);
                for (int y = ys; y < ye; y++) {
                    int lo = Math.max(0, y - r1);
                    int hi = Math.min(n1 - 1, y + r1);
                    if (y == ys) {
                        clearColumns();
                        for (int k = lo; k <= hi; k++) {
                            addSummedRow(p, k, 1.0);
                        }
                        startRuns(p.segA, p.segB, lo, hi);
                    } else {
                        boolean enters = y + r1 <= n1 - 1;
                        int leaving = y - r1 - 1;
                        if (enters) {
                            addSummedRow(p, hi, 1.0);
                            extendRuns(p.segA, p.segB, hi);
                        }
                        if (leaving >= 0) {
                            addSummedRow(p, leaving, -1.0);
                        }
                    }
                    // flatA is infinite here: every row takes the exact test.
                    if (rowPass((double) countZ * (hi - lo + 1), outBase + y * n2)) {
                        segments(p.segA, p.segB, lo, hi);
                        finish(outBase + y * n2);
                    }
                }
            }
        }

        private void addSummedRow(Planes p, int k, double sign) {
            final int base = k * n2;
            if (sign > 0) {
                for (int x = 0; x < n2; x++) {
                    va[off + x] += p.pa[base + x];
                    vb[off + x] += p.pb[base + x];
                    vaa[off + x] += p.paa[base + x];
                    vbb[off + x] += p.pbb[base + x];
                    vab[off + x] += p.pab[base + x];
                }
            } else {
                for (int x = 0; x < n2; x++) {
                    va[off + x] -= p.pa[base + x];
                    vb[off + x] -= p.pb[base + x];
                    vaa[off + x] -= p.paa[base + x];
                    vbb[off + x] -= p.pbb[base + x];
                    vab[off + x] -= p.pab[base + x];
                }
            }
        }

        // ---------------- shared: runs along axis 1 and the pass along the row

        private void startRuns(double[] srcA, double[] srcB, int lo, int hi) {
            java.util.Arrays.fill(runA, lo);
            java.util.Arrays.fill(runB, lo);
            for (int k = lo + 1; k <= hi; k++) {
                extendRuns(srcA, srcB, k);
            }
        }

        /** Row {@code k} enters the window: a halo column's run restarts there where its value changes. */
        private void extendRuns(double[] srcA, double[] srcB, int k) {
            final int cur = k * n2 + hx0;
            final int prev = cur - n2;
            final int[] ra = runA;
            final int[] rb = runB;
            final int length = hx1 - hx0;
            for (int h = 0; h < length; h++) {
                // NaN (a non-constant segment of the previous axis) never equals anything: the run restarts.
                if (!(srcA[cur + h] == srcA[prev + h])) {
                    ra[h] = k;
                }
                if (!(srcB[cur + h] == srcB[prev + h])) {
                    rb[h] = k;
                }
            }
        }

        /** The value of each halo column's segment {@code [lo, hi]} where it is constant, else NaN. */
        private void segments(double[] srcA, double[] srcB, int lo, int hi) {
            final int cur = hi * n2 + hx0;
            final int length = hx1 - hx0;
            boolean any = false;
            for (int h = 0; h < length; h++) {
                double u = runA[h] <= lo ? srcA[cur + h] : Double.NaN;
                double v = runB[h] <= lo ? srcB[cur + h] : Double.NaN;
                segA[h] = u;
                segB[h] = v;
                any |= u == u || v == v;
            }
            anyConstantSegment = any;
        }

        /**
         * Slides along the row of the strip over the column sums, turns the five window sums into ρ clamped to
         * [-1, 1] and writes them to {@code out} (row start {@code outBase}); {@code countYZ} is the number of
         * samples of the window along the slower axes. Returns whether some window of the strip may be constant
         * (its n²·var is at most flatA or flatB, or not a number): then {@link #finish} must settle the strip
         * exactly. Every other window is provably not constant and has positive variances, so its ρ is final.
         */
        private boolean rowPass(double countYZ, int outBase) {
            // Three and two running sums per loop: measured faster than all five in one loop (register
            // pressure) or one per loop (the latency of each sum's chain of additions).
            slide3(va, vaa, vab, sa, saa, sab);
            slide2(vb, vbb, sb, sbb);
            final int w = xs1 - xs0;
            final double[] o = rho;
            final double[] da = varA;
            final double[] db = varB;
            correlations(countX, countYZ, sa, sb, saa, sbb, sab, da, db, o, w);
            // Clamps rounding excursions to [-1, 1] (NaN passes and is settled by finish), in place so that the
            // loop indexes every array by x alone, and copies the strip out.
            for (int x = 0; x < w; x++) {
                o[x] = Math.min(Math.max(o[x], -1.0), 1.0);
            }
            System.arraycopy(o, 0, out, outBase + xs0, w);
            return mayBeFlat(da, flatA, w) || mayBeFlat(db, flatB, w);
        }

        /** Window sums along the row of three column-sum arrays, restarting on multiples of kx. */
        private void slide3(double[] v1, double[] v2, double[] v3, double[] o1, double[] o2, double[] o3) {
            final int r = r2;
            final int shift = off - xs0;
            for (int xs = xs0; xs < xs1; xs += kx) {
                int xe = Math.min(xs1, xs + kx);
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int j = xs - r + shift; j <= xs + r + shift; j++) {
                    s1 += v1[j];
                    s2 += v2[j];
                    s3 += v3[j];
                }
                o1[xs - xs0] = s1;
                o2[xs - xs0] = s2;
                o3[xs - xs0] = s3;
                for (int x = xs + 1; x < xe; x++) {
                    int p = x + r + shift;
                    int m = x - r - 1 + shift;
                    s1 += v1[p] - v1[m];
                    s2 += v2[p] - v2[m];
                    s3 += v3[p] - v3[m];
                    o1[x - xs0] = s1;
                    o2[x - xs0] = s2;
                    o3[x - xs0] = s3;
                }
            }
        }

        /** Window sums along the row of two column-sum arrays, restarting on multiples of kx. */
        private void slide2(double[] v1, double[] v2, double[] o1, double[] o2) {
            final int r = r2;
            final int shift = off - xs0;
            for (int xs = xs0; xs < xs1; xs += kx) {
                int xe = Math.min(xs1, xs + kx);
                double s1 = 0;
                double s2 = 0;
                for (int j = xs - r + shift; j <= xs + r + shift; j++) {
                    s1 += v1[j];
                    s2 += v2[j];
                }
                o1[xs - xs0] = s1;
                o2[xs - xs0] = s2;
                for (int x = xs + 1; x < xe; x++) {
                    int p = x + r + shift;
                    int m = x - r - 1 + shift;
                    s1 += v1[p] - v1[m];
                    s2 += v2[p] - v2[m];
                    o1[x - xs0] = s1;
                    o2[x - xs0] = s2;
                }
            }
        }

        /** Whether some n²·var is at most {@code bound} or not a number; the answer is almost always no. */
        private static boolean mayBeFlat(double[] d, double bound, int length) {
            for (int x = 0; x < length; x++) {
                if (!(d[x] > bound)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * ρ = n·Σab − Σa·Σb over sqrt of the product of the n²·variances (also stored), for n = countX·countYZ.
         * Static, branch-free, every array indexed by x alone, and split in three loops: C2 (JDK 17) vectorizes
         * each of them but not the loop that computes all three at once. The arithmetic is the same.
         */
        private static void correlations(double[] countX, double countYZ, double[] sa, double[] sb,
                                         double[] saa, double[] sbb, double[] sab, double[] da, double[] db,
                                         double[] o, int length) {
            variances(countX, countYZ, sa, saa, da, length);
            variances(countX, countYZ, sb, sbb, db, length);
            for (int x = 0; x < length; x++) {
                double n = countX[x] * countYZ;
                // n·cov: one subtraction of two terms of like size.
                double c = n * sab[x] - sa[x] * sb[x];
                o[x] = c / Math.sqrt(da[x] * db[x]);
            }
        }

        /** n·Σx² − (Σx)², n²·var of the window. */
        private static void variances(double[] countX, double countYZ, double[] s, double[] ss, double[] d,
                                      int length) {
            for (int x = 0; x < length; x++) {
                double n = countX[x] * countYZ;
                d[x] = n * ss[x] - s[x] * s[x];
            }
        }

        /**
         * Recomputes exactly ({@link #exactRho}) the windows of row {@code y} (2-D stage) whose fast sums cannot be
         * trusted: the error they predict for ρ, {@code 8 · 2^-53 · n · (H + Σx²) / (n²·var)}, exceeds 1e-10,
         * where {@code H} is the sum over the columns the running row sum has carried of the largest column sums
         * of squares since the block began (one bright pixel that passed through makes it huge) and {@code Σx²}
         * the window's own (large when the window's mean is far from the global centre). Constant windows keep
         * their exact 0. The decision depends only on the block and restart grid, never on threads.
         */
        private void refine(int y, int lo, int hi, int outBase) {
            if (n0 != 1) {
                return;
            }
            final int r = r2;
            final int shift = off - xs0;
            final double countYZ = hi - lo + 1;
            for (int xs = xs0; xs < xs1; xs += kx) {
                int xe = Math.min(xs1, xs + kx);
                double ha = 0;
                double hb = 0;
                for (int j = xs - r + shift; j < xs + r + shift; j++) {
                    ha += histA[j];
                    hb += histB[j];
                }
                for (int x = xs; x < xe; x++) {
                    ha += histA[x + r + shift];
                    hb += histB[x + r + shift];
                    int i = x - xs0;
                    double n = countX[i] * countYZ;
                    if (untrusted(ha, saa[i], varA[i], n) || untrusted(hb, sbb[i], varB[i], n)) {
                        if (!constantX[i]) {
                            out[outBase + x] = exactRho(lo, hi, Math.max(0, x - r), Math.min(n2 - 1, x + r));
                        }
                    }
                }
            }
        }

        /** Whether a window's sums are not bounded by its own magnitude (see {@link #refine}). */
        private static boolean untrusted(double carried, double own, double d, double n) {
            return !(d * 1e-10 > 8 * 0x1p-53 * n * (carried + own));
        }

        /** ρ of the window rows {@code [y0, y1]}, columns {@code [x0, x1]} (2-D), two-pass, each side rescaled. */
        private double exactRho(int y0, int y1, int x0, int x1) {
            if (wa == null) {
                // the largest window, clipped to the array (radii are already at most n - 1): at most n1·n2
                int size = (int) (Math.min(2L * r1 + 1, n1) * Math.min(2L * r2 + 1, n2)); // <= n1·n2
                wa = new double[size];
                wb = new double[size];
            }
            int count = 0;
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    wa[count] = a[y * n2 + x];
                    wb[count] = b[y * n2 + x];
                    count++;
                }
            }
            return LocalNcc.pearson(wa, wb, count);
        }

        /**
         * Sets exactly 0 wherever the window of a or of b is constant, and where rounding left a variance at
         * or below zero for a window that is not exactly constant (its values agree to about eight digits of
         * their local mean): such windows carry no usable correlation. Needs {@link #segments} of the row.
         * A run of equal segments that starts left of the halo is seen to start at the halo's edge, which is
         * still at or left of every window of the strip.
         */
        private void finish(int outBase) {
            final double[] o = out;
            final double[] da = varA;
            final double[] db = varB;
            if (!anyConstantSegment) {
                for (int x = xs0; x < xs1; x++) {
                    if (!(da[x - xs0] > 0 && db[x - xs0] > 0)) {
                        o[outBase + x] = 0.0;
                    }
                }
                return;
            }
            int startA = hx0;
            int startB = hx0;
            final int length = hx1 - hx0;
            for (int h = 0; h < length; h++) {
                if (h > 0 && !(segA[h] == segA[h - 1])) {
                    startA = hx0 + h;
                }
                if (h > 0 && !(segB[h] == segB[h - 1])) {
                    startB = hx0 + h;
                }
                runXA[h] = startA;
                runXB[h] = startB;
            }
            final int r = r2;
            for (int x = xs0; x < xs1; x++) {
                int lo = Math.max(0, x - r);
                int hi = Math.min(n2 - 1, x + r) - hx0;
                boolean constA = runXA[hi] <= lo && segA[hi] == segA[hi];
                boolean constB = runXB[hi] <= lo && segB[hi] == segB[hi];
                constantX[x - xs0] = constA || constB;
                if (constA || constB || !(da[x - xs0] > 0 && db[x - xs0] > 0)) {
                    o[outBase + x] = 0.0;
                }
            }
        }
    }
}
