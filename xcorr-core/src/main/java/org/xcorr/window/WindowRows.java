package org.xcorr.window;

import java.util.Arrays;
import org.xcorr.array.NdArray;

/**
 * The row stage of {@link WindowSums} (one per worker) and what a {@link WindowSums.Sink} reads: the window sums
 * of one output row {@code (o0, o1)} over one strip of output columns {@code [from, from + length)}, indexed by
 * {@code i = o2 - from}. Arrays are the kernel's own buffers, valid during the sink's call only; only the first
 * {@link #length()} entries belong to the row.
 *
 * <p>Column sums over the current row window are slid down the output rows of a block (restarting at each
 * block), then along the row over the strip (restarting on multiples of the row period, which strips also start
 * on, so every output gets the same arithmetic whatever the strip or thread; block-centred windows of three columns
 * are summed from their own columns instead, {@link RowMoments#windowSums3}). The column buffers are indexed
 * locally, {@code j = column - (from + origin)}, and hold zero outside the array, so the row pass slides over
 * clipped windows without edge tests: adding and subtracting exact zeros changes nothing.
 *
 * <p><b>Size.</b> About 400 lines kept in one class on purpose: the row stage is one state machine over its
 * buffers (column sums slid down a block, then along the strip, with the carried magnitudes for the rounding rule
 * and the run counts for the exact constant test), and every step reads and writes the same buffers in the hot
 * loop.
 */
public final class WindowRows {

    /**
     * Output columns per strip, rounded to a multiple of the row restart period: the per-row buffers of one strip
     * (some twenty arrays) then stay in the L1 cache instead of streaming from L2 at every pass over a row.
     */
    private static final int STRIP = 256;

    private final WindowSums spec;
    private final WindowSums.Sink sink;
    private final WindowGeometry g;
    private final int n2;
    private final int len2;
    private final int origin2;
    private final int k1;
    private final int kx;
    private final boolean two;
    private final double[][] cols;
    /** 3-D: column sums of the planes' histories (the magnitudes their sums carried), else null. */
    private final double[] magA;
    private final double[] magB;
    /** Largest column sum of squares (or its 3-D magnitude) per column since the block began. */
    private final double[] histA;
    private final double[] histB;
    // Rows entering and leaving, copied to the local index so that every update loop indexes its arrays alike
    // (C2 on JDK 17 vectorizes only loops whose array references share one offset). inB holds b or the weights.
    private final double[] inA;
    private final double[] inB;
    private final double[] outA;
    private final double[] outB;
    private final double[][] sums;
    private final double[] carriedA;
    private final double[] carriedB;
    private final double[] countX;
    /** Runs along axis 1 and along the row, per halo column: the exact constant test. */
    private final Runs runsA;
    private final Runs runsB;
    /**
     * Whether the row sums are formed window by window ({@link RowMoments#windowSums3}) instead of slid: block-centred
     * sums (local NCC) with windows of three columns, where that costs one vectorized pass instead of dependent adds.
     */
    private final boolean direct;
    /** Scratch of {@link RowMoments#windowSums3}, or null. */
    private final double[] shift1;
    private final double[] shift2;

    private WindowPlanes planes;
    /** The constants subtracted from a and b in the current block (the spec's, or the block's own). */
    private double centreA;
    private double centreB;
    /** Block-centred sums only: whether every block so far kept its column sums of squares in range. */
    private boolean inRange = true;
    private double[] srcA;
    private double[] srcB;
    private int count0;
    private int o0;
    private int o1;
    private int xs0;
    private int xs1;
    private int base;
    private int hx0;
    private int hx1;
    private int lo1;
    private int hi1;
    private double countYZ;
    private boolean tracking;
    private boolean settled;
    /** Whether {@link #carriedA} and {@link #carriedB} hold the current row's values (computed on demand). */
    private boolean carriedReady;

    WindowRows(WindowSums spec, WindowSums.Sink sink) {
        this.spec = spec;
        centreA = spec.centreA;
        centreB = spec.centreB;
        this.sink = sink;
        this.g = spec.geometry;
        n2 = g.shape[2];
        len2 = g.length[2];
        origin2 = g.origin[2];
        k1 = g.restart(1);
        kx = g.restart(2);
        two = spec.kind == WindowSums.Kind.TWO;
        int width = stripWidth(g);
        int buffer = NdArray.checkedSize(width + (long) len2 - 1, "window row buffer");
        int halo = Math.min(n2, buffer);
        cols = new double[spec.kind.slots][buffer];
        boolean threeD = g.shape[0] > 1;
        magA = threeD ? new double[buffer] : null;
        magB = threeD && two ? new double[buffer] : null;
        histA = new double[buffer];
        histB = two ? new double[buffer] : null;
        inA = new double[buffer];
        outA = new double[buffer];
        inB = spec.kind == WindowSums.Kind.ONE ? null : new double[buffer];
        outB = spec.kind == WindowSums.Kind.ONE ? null : new double[buffer];
        sums = new double[spec.kind.slots][width];
        carriedA = new double[width];
        carriedB = two ? new double[width] : null;
        countX = new double[width];
        runsA = new Runs(halo);
        runsB = two ? new Runs(halo) : null;
        direct = spec.blockCentred && len2 == 3;
        shift1 = direct ? new double[buffer] : null;
        shift2 = direct ? new double[buffer] : null;
    }

    /** Strip width: a multiple of the row restart period, so strips keep its grid, and at least 8 windows wide. */
    static int stripWidth(WindowGeometry g) {
        int kx = g.restart(2);
        long target = Math.max(STRIP, 8L * g.length[2]);
        long width = Math.max(1, target / kx) * kx;
        return (int) Math.min(g.output[2], width);
    }

    // ------------------------------------------------------------------------------------------ what a sink reads

    /** The output plane (0 unless 3-D). */
    public int o0() {
        return o0;
    }

    /** The output row. */
    public int o1() {
        return o1;
    }

    /** First output column of the strip. */
    public int from() {
        return xs0;
    }

    /** Output columns in the strip. */
    public int length() {
        return xs1 - xs0;
    }

    /** The window geometry. */
    public WindowGeometry geometry() {
        return g;
    }

    /** {@code Σx} ({@code Σw·x} when weighted) per window. */
    public double[] sumA() {
        return sums[WindowSums.X];
    }

    /** {@code Σx²} ({@code Σw·x²} when weighted) per window. */
    public double[] sumSqA() {
        return sums[WindowSums.XX];
    }

    /** {@code Σy} per window ({@link WindowSums#two} only). */
    public double[] sumB() {
        return sums[WindowSums.Y];
    }

    /** {@code Σy²} per window ({@link WindowSums#two} only). */
    public double[] sumSqB() {
        return sums[WindowSums.YY];
    }

    /** {@code Σxy} per window ({@link WindowSums#two} only). */
    public double[] sumAB() {
        return sums[WindowSums.XY];
    }

    /** {@code Σw} per window ({@link WindowSums#weighted} only). */
    public double[] weight() {
        return sums[WindowSums.W];
    }

    /**
     * The magnitude the sums of {@code x} (their squares) carried into each window: the largest column sums of
     * squares since the block began, summed over the columns the row sum has passed since its restart (over the
     * window's own columns where row sums are formed per window: block-centred, three columns). Computed on the
     * first call for a row. A window
     * whose sum of squared deviations is within {@link WindowSums#MARGIN} of this plus its own {@code Σx²} is not
     * trusted ({@link WindowSums#trusted}).
     */
    public double[] carriedA() {
        carried();
        return carriedA;
    }

    /** {@link #carriedA} for {@code y} ({@link WindowSums#two} only). */
    public double[] carriedB() {
        carried();
        return carriedB;
    }

    /**
     * An upper bound on every entry of {@link #carriedA} of this row, at the cost of one scan of the column
     * magnitudes: twice their sum over the strip's columns (each carried magnitude sums some of them; twice covers
     * the rounding of either sum). A client tests its windows against it first ({@link WindowSums#trusted} with a
     * larger magnitude trusts fewer windows, never more) and asks for the exact {@link #carriedA} only for a row
     * where that test fails somewhere, so the trusted windows, and hence the results, are the same as with the
     * exact magnitudes. NaN or infinite when a magnitude is.
     */
    public double carriedBoundA() {
        return 2 * RowMoments.total(histA, hx0 - base, hx1 - base);
    }

    /** {@link #carriedBoundA} for {@code y} ({@link WindowSums#two} only). */
    public double carriedBoundB() {
        return 2 * RowMoments.total(histB, hx0 - base, hx1 - base);
    }

    private void carried() {
        if (carriedReady) {
            return;
        }
        if (direct) {
            // a window's own columns are all its row sum carried
            RowMoments.windowSums3(histA, carriedA, xs1 - xs0, shift1, shift2);
            RowMoments.windowSums3(histB, carriedB, xs1 - xs0, shift1, shift2);
        } else {
            RowMoments.carried(histA, carriedA, xs0, xs1, kx, len2);
            if (two) {
                RowMoments.carried(histB, carriedB, xs0, xs1, kx, len2);
            }
        }
        carriedReady = true;
    }

    /**
     * A bound on how many samples one window's running sums have carried (its columns since the row restart,
     * their rows since the block began, their planes since the plane block began). With {@link #carriedA} it
     * bounds the rounding error of {@code Σx}: the {@code Σ|x|} that passed through is at most
     * {@code sqrt(carriedCount() · carriedA)} (Cauchy–Schwarz).
     */
    public double carriedCount() {
        return (double) (kx + len2) * (k1 + g.length[1]) * (g.shape[0] > 1 ? g.restart(0) + g.length[0] : 1);
    }

    /** Samples of each window along axis 2; a window holds {@code countAlongRow()[i] * countAcross()} samples. */
    public double[] countAlongRow() {
        return countX;
    }

    /** Samples of the row's windows across axes 0 and 1. */
    public double countAcross() {
        return countYZ;
    }

    /**
     * Block-centred sums ({@link WindowSums#twoBlockCentred}) only: whether every block this worker has finished
     * kept the largest column sum of squares of each input, {@code H}, finite, at most {@link #MOST_SQUARES} and
     * at least {@link #LEAST_SQUARES}, or zero in a constant block (zero column sums, and a centre that is zero or
     * not tiny). Then every centred value lies below {@code 2^200} (no moment, no
     * product of two window sums overflows) and none is so small that its square loses precision in subnormal
     * range (a square that underflows to zero leaves a window whose variance is zero, which is never trusted).
     * Non-finite input makes {@code H} NaN or infinite. A block is checked when its last output row is handed to the
     * sink. Always true for other sums.
     */
    public boolean inRange() {
        return inRange;
    }

    /** Largest column sum of squares of a block centred by its own constants. */
    public static final double MOST_SQUARES = 0x1p400;
    /** Smallest non-zero largest column sum of squares of a block centred by its own constants. */
    public static final double LEAST_SQUARES = 0x1p-900;
    /** Smallest non-zero magnitude of the centre of a constant block (smaller ones: squares may underflow). */
    static final double LEAST_CENTRE = 0x1p-400;

    /** Makes {@link #constantA} and {@link #constantB} answerable for this row (cheap after the first call). */
    public void settle() {
        if (settled) {
            return;
        }
        if (!tracking) {
            runsA.begin(lo1, hi1);
            if (two) {
                runsB.begin(lo1, hi1);
            }
            tracking = true;
        }
        runsA.segments(lo1, hi1, true);
        if (two) {
            runsB.segments(lo1, hi1, true);
        }
        settled = true;
    }

    /** Whether window {@code i} of {@code a} is exactly constant; after {@link #settle}. */
    public boolean constantA(int i) {
        return runsA.constant(g.lo(2, xs0 + i) - hx0, g.hi(2, xs0 + i) - 1 - hx0);
    }

    /** Whether window {@code i} of {@code b} is exactly constant; after {@link #settle}. */
    public boolean constantB(int i) {
        return runsB.constant(g.lo(2, xs0 + i) - hx0, g.hi(2, xs0 + i) - 1 - hx0);
    }

    /** The value of {@code a} in window {@code i} where {@link #constantA} (raw, not centred); else NaN. */
    public double valueA(int i) {
        return runsA.segment[g.hi(2, xs0 + i) - 1 - hx0];
    }

    // ------------------------------------------------------------------------------------------ the row stage

    /** 2-D: output rows {@code [os, oe)} of the strip {@code [from, to)}, from the raw rows. */
    void rawBlock(int os, int oe, int from, int to) {
        planes = null;
        srcA = spec.a;
        srcB = spec.b;
        count0 = 1;
        o0 = 0;
        strip(from, to);
        if (spec.blockCentred) {
            int row = g.lo(1, os) * n2;
            centreA = mean(spec.a, row + hx0, row + hx1);
            centreB = mean(spec.b, row + hx0, row + hx1);
        }
        block(os, oe);
    }

    /** The mean of {@code v[from, to)}, summed in order (it only needs to be deterministic and near the values). */
    private static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }

    /** 3-D: every output row of output plane {@code o}, whose plane window holds {@code count} planes. */
    void plane(WindowPlanes p, int o, int count) {
        planes = p;
        srcA = p.runsA.segment;
        srcB = two ? p.runsB.segment : null;
        count0 = count;
        o0 = o;
        int width = stripWidth(g);
        for (int from = 0; from < g.output[2]; from += width) {
            strip(from, Math.min(g.output[2], from + width));
            for (int os = 0; os < g.output[1]; os += k1) {
                block(os, Math.min(g.output[1], os + k1));
            }
        }
    }

    private void strip(int from, int to) {
        xs0 = from;
        xs1 = to;
        base = from + origin2;
        hx0 = g.lo(2, from);
        hx1 = g.hi(2, to - 1);
        for (int x = from; x < to; x++) {
            countX[x - from] = g.hi(2, x) - g.lo(2, x);
        }
        runsA.bind(srcA, n2, hx0, hx1 - hx0);
        if (two) {
            runsB.bind(srcB, n2, hx0, hx1 - hx0);
        }
    }

    private void block(int os, int oe) {
        tracking = false;
        int curLo = 0;
        int curHi = 0;
        for (int o = os; o < oe; o++) {
            int lo = g.lo(1, o);
            int hi = g.hi(1, o);
            if (o == os) {
                clearColumns();
                for (int k = lo; k < hi; k++) {
                    add(k, 1.0);
                }
            } else {
                if (hi == curHi + 1 && lo == curLo + 1 && planes == null) {
                    update(curHi, curLo);
                } else {
                    for (int k = curHi; k < hi; k++) {
                        add(k, 1.0);
                    }
                    for (int k = curLo; k < lo; k++) {
                        add(k, -1.0);
                    }
                }
                for (int k = curHi; k < hi && tracking; k++) {
                    runsA.extend(k);
                    if (two) {
                        runsB.extend(k);
                    }
                }
            }
            curLo = lo;
            curHi = hi;
            lo1 = lo;
            hi1 = hi;
            o1 = o;
            settled = false;
            countYZ = (double) count0 * (hi - lo);
            slideRow();
            if (o == oe - 1 && spec.blockCentred) {
                // every row of the block has entered: the sink's last call of the block sees its check
                checkRange();
            }
            sink.accept(this);
        }
    }

    private void clearColumns() {
        for (double[] c : cols) {
            Arrays.fill(c, 0);
        }
        Arrays.fill(histA, 0);
        fill(histB);
        fill(magA);
        fill(magB);
    }

    private static void fill(double[] v) {
        if (v != null) {
            Arrays.fill(v, 0);
        }
    }

    /** Adds ({@code sign} 1) or removes (-1) row {@code k}; the sign multiplies exactly. */
    private void add(int k, double sign) {
        int hs = hx0 - base;
        int he = hx1 - base;
        if (planes != null) {
            int src = k * n2 + hx0 - hs;
            for (int s = 0; s < cols.length; s++) {
                addShifted(cols[s], planes.sums[s], src, hs, he, sign);
            }
            addShifted(magA, planes.histA, src, hs, he, sign);
            if (magB != null) {
                addShifted(magB, planes.histB, src, hs, he, sign);
            }
        } else {
            copyRow(k, inA, inB);
            RowMoments.add(spec.kind, cols, inA, inB, centreA, centreB, hs, he, sign);
        }
        if (sign > 0) {
            history(hs, he);
        }
    }

    /** 2-D: row {@code in} enters and row {@code leaving} leaves, in one pass. */
    private void update(int in, int leaving) {
        int hs = hx0 - base;
        int he = hx1 - base;
        copyRow(in, inA, inB);
        copyRow(leaving, outA, outB);
        RowMoments.update(spec.kind, cols, inA, inB, outA, outB, centreA, centreB, hs, he);
        history(hs, he);
    }

    private static void addShifted(double[] dst, double[] src, int shift, int hs, int he, double sign) {
        for (int x = hs; x < he; x++) {
            dst[x] += sign * src[shift + x];
        }
    }

    /** Copies the halo of row {@code k} of a (and b or the weights) to the local index. */
    private void copyRow(int k, double[] da, double[] db) {
        int hs = hx0 - base;
        System.arraycopy(spec.a, k * n2 + hx0, da, hs, hx1 - hx0);
        if (db != null) {
            System.arraycopy(spec.b != null ? spec.b : spec.w, k * n2 + hx0, db, hs, hx1 - hx0);
        }
    }

    /** Block-centred sums: folds the largest column sums of squares of the block just finished into {@link #inRange}. */
    private void checkRange() {
        int hs = hx0 - base;
        int he = hx1 - base;
        inRange &= inRange(RowMoments.largest(histA, hs, he), cols[WindowSums.X], centreA, hs, he)
                && inRange(RowMoments.largest(histB, hs, he), cols[WindowSums.Y], centreB, hs, he);
    }

    /**
     * {@code h} in range, or zero because the block is constant: then its centre is not a tiny non-zero number and
     * its column sums are zero too (tiny values whose squares underflowed to zero would leave {@code h} zero).
     */
    private static boolean inRange(double h, double[] sums, double centre, int hs, int he) {
        if (h == 0) {
            double c = Math.abs(centre);
            return (c == 0 || c >= LEAST_CENTRE) && RowMoments.largestAbs(sums, hs, he) == 0;
        }
        return h <= MOST_SQUARES && h >= LEAST_SQUARES;
    }

    /** Records the column magnitudes just reached (after a row entered). */
    private void history(int hs, int he) {
        double[] sa = magA != null ? magA : cols[WindowSums.XX];
        for (int x = hs; x < he; x++) {
            histA[x] = Math.max(histA[x], sa[x]);
        }
        if (two) {
            double[] sb = magB != null ? magB : cols[WindowSums.YY];
            for (int x = hs; x < he; x++) {
                histB[x] = Math.max(histB[x], sb[x]);
            }
        }
    }

    private void slideRow() {
        carriedReady = false;
        if (direct) {
            for (int s = 0; s < WindowSums.Kind.TWO.slots; s++) {
                RowMoments.windowSums3(cols[s], sums[s], xs1 - xs0, shift1, shift2);
            }
            return;
        }
        switch (spec.kind) {
            case ONE -> {
                // the sums' and the carried magnitude's chains of additions in one loop (NCC's window pass)
                RowMoments.slide2Carried(cols[0], cols[1], histA, sums[0], sums[1], carriedA, xs0, xs1, kx, len2);
                carriedReady = true;
            }
            case TWO -> {
                // three and two sums per loop: measured faster than five (register pressure) or one (latency)
                RowMoments.slide3(cols[0], cols[1], cols[4], sums[0], sums[1], sums[4], xs0, xs1, kx, len2);
                RowMoments.slide2(cols[2], cols[3], sums[2], sums[3], xs0, xs1, kx, len2);
            }
            case WEIGHTED -> RowMoments.slide3(cols[0], cols[1], cols[2], sums[0], sums[1], sums[2], xs0, xs1, kx,
                    len2);
        }
    }
}
