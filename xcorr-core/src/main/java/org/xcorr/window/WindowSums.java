package org.xcorr.window;

import java.util.function.Supplier;
import org.xcorr.concurrent.Parallel;

/**
 * The one window-statistics kernel of the library (internal): box sums of chosen moments over the clipped windows
 * of a {@link WindowGeometry}, with one exact test for constant windows. NCC's denominators
 * ({@code org.xcorr.ncc}), template matching's window sums ({@code org.xcorr.match}) and local NCC
 * ({@code org.xcorr.local}) are its clients.
 *
 * <p><b>Moments.</b> Values are centred by a constant first ({@code x = a - centreA}; any constant works, the
 * global mean removes a DC offset before squaring). {@link #one} sums {@code Σx, Σx²}; {@link #two} also
 * {@code Σy, Σy², Σxy} of a second array of the same shape; {@link #weighted} sums {@code Σw·x, Σw·x², Σw} with a
 * weight image {@code w} of the array's shape (masked statistics: a zero weight removes a sample from the sums).
 * A client reads them per output row from a {@link WindowRows}.
 *
 * <p><b>Method.</b> Separable running sums: along axis 0 over whole planes (3-D only), along axis 1 per column,
 * along axis 2 per row, each adding the sample that enters a window and subtracting the one that leaves. Every
 * axis is cut into blocks of outputs of a fixed length ({@link WindowGeometry#restart}, a function of the shapes
 * only) and every block starts from window sums computed from scratch. This bounds the rounding error of the
 * running sums to that of summing a few windows directly, however long the axis, and makes the arithmetic of every
 * output independent of how blocks are shared among threads: results are bit-identical for any thread count.
 * Block-centred sums ({@link #twoBlockCentred}) with windows of three columns form each row sum from its window's
 * own columns instead of sliding it (one vectorized pass, cheaper there than the running sum's dependent adds).
 *
 * <p><b>Rounding.</b> Each running sum errs by a few units of roundoff relative to the magnitudes that passed
 * through it since its block began — not relative to the window's own. {@link WindowRows#carriedA} gives that
 * magnitude per window (the columns' largest sums of squares since the block began, summed over the columns the
 * row sum has carried), and {@link WindowRows#carriedBoundA} one bound for a whole row that a client tests first;
 * a client compares the window's sum of squared deviations with it by {@link #trusted}, the
 * one rule for when fast sums may be used, and recomputes an untrusted window from its definition.
 *
 * <p><b>Constant windows.</b> A window is constant when all its values are equal ({@code ==}, so {@code -0.0}
 * equals {@code 0.0}; values are finite). The test is exact, without thresholds: along each axis the kernel tracks
 * where the current run of equal values starts; a segment is constant when that run covers it, and the value of a
 * constant segment (NaN for another, which equals nothing) is what the next axis compares. It is evaluated on
 * demand ({@link WindowRows#settle}), since only windows whose variance is within the rounding bound of zero — the
 * untrusted ones — can be constant (their computed variance is at most a few roundoffs of their magnitude, far
 * below {@link #MARGIN}); from the first such row to the end of its block the runs are kept up to date, so they
 * are rebuilt at most once per block: O(1) per sample whatever the window. For {@link #weighted} sums the test
 * looks at every sample of the window, weighted or not.
 */
public final class WindowSums {

    /** The moment layout. */
    enum Kind {
        /** {@code Σx, Σx²}. */
        ONE(2),
        /** {@code Σx, Σx², Σy, Σy², Σxy}. */
        TWO(5),
        /** {@code Σw·x, Σw·x², Σw}. */
        WEIGHTED(3);

        final int slots;

        Kind(int slots) {
            this.slots = slots;
        }
    }

    /** Slots of the sums in {@link WindowRows}. */
    static final int X = 0;
    static final int XX = 1;
    static final int Y = 2;
    static final int W = 2;
    static final int YY = 3;
    static final int XY = 4;

    /**
     * Relative rounding margin of a window's sum of squared deviations {@code D = Σx² - (Σx)²/n}: its sums err by
     * about {@code c · 2^-53 · (H + Σx²)} with {@code H} the magnitude they carried, and a correlation coefficient
     * by about half the relative error of each variance; {@code c = 8} and a target error of 1e-10 (ten times below
     * the 1e-9 of the golden cases, and covering a coefficient with two variances) give {@code 8 · 2^-53 / 1e-10}.
     */
    public static final double MARGIN = 8 * 0x1p-53 / 1e-10;

    final WindowGeometry geometry;
    final Kind kind;
    final double[] a;
    final double centreA;
    final double[] b;
    final double centreB;
    final double[] w;
    /** Whether each block of a strip is centred by its own first row ({@link #twoBlockCentred}). */
    final boolean blockCentred;

    private WindowSums(WindowGeometry geometry, Kind kind, double[] a, double centreA, double[] b, double centreB,
            double[] w, boolean blockCentred) {
        this.geometry = geometry;
        this.blockCentred = blockCentred;
        this.kind = kind;
        this.a = a;
        this.centreA = centreA;
        this.b = b;
        this.centreB = centreB;
        this.w = w;
    }

    /** {@code Σx, Σx²} of {@code x = a - centre} ({@code a} row-major over the geometry's shape). */
    public static WindowSums one(WindowGeometry geometry, double[] a, double centre) {
        return new WindowSums(geometry, Kind.ONE, a, centre, null, 0, null, false);
    }

    /** {@code Σx, Σx², Σy, Σy², Σxy} of {@code x = a - centreA}, {@code y = b - centreB}. */
    public static WindowSums two(WindowGeometry geometry, double[] a, double centreA, double[] b, double centreB) {
        return new WindowSums(geometry, Kind.TWO, a, centreA, b, centreB, null, false);
    }

    /**
     * {@link #two} without a global centre, so that a client needs no pass over the inputs before this one (1-D and
     * 2-D geometries only): every block of output rows of every strip subtracts its own constants, the means of
     * {@code a} and {@code b} over the first row its windows read, restricted to the strip's columns. Those lie on
     * the fixed restart grid, so the results stay bit-identical for any thread count; a block's constants are
     * close to its values, which removes a local DC offset before squaring (the purpose of centring) at least as
     * well as a global mean. {@link WindowRows#inRange} says whether the centred values stayed in the range the
     * sums handle (which a global pass would have checked before: non-finite input, overflow, subnormal squares).
     *
     * @throws IllegalArgumentException for a 3-D geometry (its planes are centred globally)
     */
    public static WindowSums twoBlockCentred(WindowGeometry geometry, double[] a, double[] b) {
        if (geometry.shape[0] != 1) {
            throw new IllegalArgumentException("block centring needs a 1-D or 2-D geometry, got shape "
                    + java.util.Arrays.toString(geometry.shape));
        }
        return new WindowSums(geometry, Kind.TWO, a, 0, b, 0, null, true);
    }

    /**
     * {@code Σw·x, Σw·x², Σw} of {@code x = a - centre} with weights {@code w} (finite, of {@code a}'s length; the
     * client validates them). {@link WindowRows#sumA()}, {@link WindowRows#sumSqA()} and
     * {@link WindowRows#weight()} hold them.
     */
    public static WindowSums weighted(WindowGeometry geometry, double[] a, double centre, double[] w) {
        return new WindowSums(geometry, Kind.WEIGHTED, a, centre, null, 0, w, false);
    }

    /**
     * Whether a window's fast statistics may be used: its computed sum of squared deviations {@code deviations}
     * exceeds {@link #MARGIN} times {@code magnitude} (at least {@link WindowRows#carriedA} plus the window's own
     * {@code Σx²}; a client adds the magnitudes of its own further terms). False for NaN. A constant window is
     * never trusted (see the class comment), so trusted windows need no constant test.
     */
    public static boolean trusted(double deviations, double magnitude) {
        return deviations > MARGIN * magnitude;
    }

    /** Receives the sums of each output row of one strip of columns, on the worker thread that owns it. */
    @FunctionalInterface
    public interface Sink {
        /** The sums of {@code row}'s current output row and strip; valid only during the call. */
        void accept(WindowRows row);
    }

    /**
     * Computes every window's sums and hands them to a sink row by row: {@code sinks} makes one sink per worker
     * thread (it may keep per-thread scratch). Every output row of every strip is delivered exactly once, in an
     * order that depends on the thread count; the values do not.
     */
    public void run(int threads, Supplier<? extends Sink> sinks) {
        WindowGeometry g = geometry;
        if (g.shape[0] == 1) {
            int k1 = g.restart(1);
            int blocks = (g.output[1] + k1 - 1) / k1;
            int width = WindowRows.stripWidth(g);
            int strips = (g.output[2] + width - 1) / width;
            Parallel.forEachItem(threads, blocks * strips, () -> new WindowRows(this, sinks.get()), (rows, it) -> {
                int blk = it / strips;
                int from = (it % strips) * width;
                rows.rawBlock(blk * k1, Math.min(g.output[1], (blk + 1) * k1), from,
                        Math.min(g.output[2], from + width));
            });
        } else {
            int k0 = g.restart(0);
            int blocks = (g.output[0] + k0 - 1) / k0;
            Parallel.forEachItem(threads, blocks, () -> new WindowPlanes(this, new WindowRows(this, sinks.get())),
                    (planes, blk) -> planes.block(blk * k0, Math.min(g.output[0], (blk + 1) * k0)));
        }
    }
}
