package org.xcorr.correlate;

import java.util.Objects;
import org.xcorr.array.NdArray;
import org.xcorr.array.ValueScale;
import org.xcorr.correlate.internal.CorrelationPlan;
import org.xcorr.correlate.internal.Geometry;

/**
 * Cross-correlation of two 1-D, 2-D or 3-D arrays, real or complex, as {@code scipy.signal.correlate}.
 *
 * <h2>Definition</h2>
 * For a lag vector {@code k} (one integer per axis),
 * <pre>    c(k) = Σ_n a[n + k] · conj(b[n])</pre>
 * summed over every index {@code n} at which both {@code b[n]} and {@code a[n + k]} exist. {@code a} is the
 * signal (image), {@code b} the kernel (template); a positive lag means the pattern {@code b} is found
 * further along {@code a}. The result is complex when either input is complex, real otherwise.
 * Correlation is not symmetric: {@code c_ab(k) = conj(c_ba(-k))}.
 *
 * <h2>Output shape and the lag of each output index (per axis; {@code Na}, {@code Nb} the lengths)</h2>
 * <table>
 *   <caption>modes</caption>
 *   <tr><th>mode</th><th>length</th><th>{@code out[i]}</th><th>lags covered</th></tr>
 *   <tr><td>{@link Mode#FULL}</td><td>{@code Na + Nb - 1}</td><td>{@code c(i - (Nb - 1))}</td>
 *       <td>{@code -(Nb-1) … Na-1}</td></tr>
 *   <tr><td>{@link Mode#SAME}</td><td>{@code Na}</td><td>{@code c(i - floor(Nb/2))}</td>
 *       <td>{@code -floor(Nb/2) … Na-1-floor(Nb/2)}</td></tr>
 *   <tr><td>{@link Mode#VALID} (needs {@code Nb <= Na})</td><td>{@code Na - Nb + 1}</td><td>{@code c(i)}</td>
 *       <td>{@code 0 … Na-Nb}</td></tr>
 *   <tr><td>{@link Mode#CIRCULAR} (needs {@code Nb <= Na})</td><td>{@code Na}</td>
 *       <td>{@code Σ_n a[(n + i) mod Na] · conj(b[n])}</td><td>{@code 0 … Na-1} (mod {@code Na})</td></tr>
 *   <tr><td>{@link Mode#CIRCULAR}, centered</td><td>{@code Na}</td>
 *       <td>{@code Σ_m a[(i + m - floor(Nb/2)) mod Na] · conj(b[m])}</td>
 *       <td>{@code -floor(Nb/2) … Na-1-floor(Nb/2)} (mod {@code Na})</td></tr>
 * </table>
 * In every mode, output index {@code i} holds lag {@code i - origin} with origin {@code Nb-1} (FULL),
 * {@code floor(Nb/2)} (SAME and centred CIRCULAR) or 0 (VALID and CIRCULAR); {@link #lags} lists them
 * ({@code scipy.signal.correlation_lags} for the linear modes) and {@link #lagAt} converts a peak index.
 * In circular mode {@code b} is zero-padded at its end to {@code a}'s shape; for equal shapes the result is
 * {@code ifftn(fftn(a) · conj(fftn(b)))}, and with {@code centered} it is
 * {@code ifftn(fftn(a) · conj(fftn(ifftshift(b))))}: a centred unit impulse returns {@code a} unchanged and an
 * auto-correlation peaks at index {@code floor(N/2)}.
 *
 * <p>Why an FFT correlation comes out shifted or flipped (the zero lag of a plain
 * {@code ifft(fft(a) · conj(fft(b)))} sits at index 0; swapping the arguments reverses and conjugates; dropping
 * the conjugate convolves) is worked through for every mode, with the equivalents in SciPy, NumPy, MATLAB and
 * OpenCV, in the project's {@code docs/correlate.md}.
 *
 * <h2>Methods and cost</h2>
 * {@link Method#DIRECT} sums the definition (at most {@code Π Nout · Π Nb} multiply-adds, rows spread over
 * threads); {@link Method#FFT} multiplies spectra in overlap-save tiles (one padded tile when the whole output is
 * cheapest, otherwise tiles of bounded size, so the memory used is the output plus a few tiles);
 * {@link Method#AUTO} picks the cheaper by the cost model of {@link #chosenMethod}. All agree within rounding, and
 * each is bit-identical for every thread count. Both run in the one correlation planner that {@code ncc} and
 * {@code match} use too.
 *
 * <h2>Lag limits</h2>
 * With {@link CorrelationOptions#maxLag()} only the lags {@code |k_d| <= L_d} of the mode's output are computed
 * (directly when that is cheaper, else by FFT tiles over just those lags): on each axis the output holds the
 * lags {@code max(-L, first) … min(L, last)} of the mode ({@link #firstLag} gives the first), exactly the mode's
 * output cropped to them.
 *
 * <h2>Errors</h2>
 * {@link IllegalArgumentException} when the ranks differ, when {@code b} is larger than {@code a} on an axis in
 * VALID or CIRCULAR mode, or when an input holds NaN or infinity. Inputs are never modified.
 *
 * <p>Reference: J. P. Lewis, "Fast normalized cross-correlation", Vision Interface 1995 (the direct/FFT cost
 * trade-off).
 */
public final class Correlation {

    private Correlation() {
    }

    /** {@code correlate(a, b, CorrelationOptions.of(mode))}: AUTO method, all cores. */
    public static NdArray correlate(NdArray a, NdArray b, Mode mode) {
        return correlate(a, b, CorrelationOptions.of(mode));
    }

    /**
     * Cross-correlation {@code c(k) = Σ_n a[n + k] · conj(b[n])} of {@code a} (signal) with {@code b} (kernel),
     * output extent and origin as {@code options.mode()} says (see the class documentation), limited to
     * {@code options.maxLag()} when given.
     *
     * @param a       the signal, 1 to 3 axes, finite
     * @param b       the kernel, the same number of axes, finite
     * @param options mode, centred kernel (circular only), method, threads and lag limit
     * @return a new array, complex if either input is complex
     * @throws IllegalArgumentException if the ranks differ, {@code b} does not fit in {@code a} in VALID or
     *                                  CIRCULAR mode, the lag limit has the wrong rank or leaves no lag of the
     *                                  mode, an input is not finite, or a correlation value exceeds
     *                                  the double range (inputs near {@code Double.MAX_VALUE}; the values are
     *                                  computed scaled by powers of two, so only a result that truly overflows is
     *                                  refused)
     */
    public static NdArray correlate(NdArray a, NdArray b, CorrelationOptions options) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(options, "options");
        Geometry g = geometry(a.shape(), b.shape(), options);
        // c is bilinear: each input is rescaled by a power of two when its values are far from 1 (exact, see
        // ValueScale), so no product or FFT sum overflows or underflows, and the result is scaled back exactly;
        // the max-abs pass checks finiteness
        boolean self = b == a;
        ValueScale.Scaled sa = ValueScale.normalize(a, "a", ValueScale.SAFE_DOUBLE, options.threads());
        ValueScale.Scaled sb = self ? sa : ValueScale.normalize(b, "b", ValueScale.SAFE_DOUBLE, options.threads());
        a = sa.array();
        b = sb.array();
        boolean complex = a.isComplex() || b.isComplex();
        CorrelationPlan plan = CorrelationPlan.plan(g, b.backingReal(), b.backingImag(), a.isComplex(),
                options.method(), true, options.threads());
        int size = g.outputSize();
        double[] re = new double[size];
        double[] im = complex ? new double[size] : null;
        plan.compute(a.backingReal(), a.backingImag(), 0.0, re, im, options.threads());
        int[] shape = g.narrow(g.output);
        NdArray c = complex ? NdArray.wrapComplex(re, im, shape) : NdArray.wrap(re, shape);
        int unscale = -(sa.shift() + sb.shift());
        if (unscale != 0) {
            unscale(c.backingReal(), unscale, c);
            if (c.isComplex()) {
                unscale(c.backingImag(), unscale, c);
            }
        }
        return c;
    }

    /** {@code v · 2^j} in place; refuses, in one line, a value beyond the double range (never infinity). */
    private static void unscale(double[] v, int j, NdArray c) {
        for (int i = 0; i < v.length; i++) {
            v[i] = ValueScale.scalb(v[i], j);
            if (Double.isInfinite(v[i])) {
                throw new IllegalArgumentException("the correlation exceeds the double range (about 1.8e308) at "
                        + java.util.Arrays.toString(c.unravel(i)) + "; scale the inputs down");
            }
        }
    }

    /**
     * The method {@link Method#AUTO} would use for these inputs (or {@code options.method()} when it is not AUTO).
     *
     * <p>Cost model, in modelled nanoseconds of one thread (constants in the planner's {@code Tuning}, measured on
     * the reference machine): direct = {@code c_d · T + c_o · Nout}, where {@code T = Π_axis Σ_i overlap(i)} is
     * the number of multiply-adds actually summed (at most {@code Π Nout · Π Nb}; 2 or 4 per complex product);
     * FFT = per tile {@code p(L) · L log2 L} for a forward and an inverse transform of the tile's {@code L}
     * elements ({@code p} grows from cache-resident to memory-bound sizes; complex data cost twice, non-fast
     * lengths, which only a circular period tile has, are charged as Bluestein's three transforms) plus a per
     * element copy cost, over the cheapest tiling, plus the kernel's own transform.
     */
    public static Method chosenMethod(NdArray a, NdArray b, CorrelationOptions options) {
        Objects.requireNonNull(options, "options");
        Geometry g = geometry(a.shape(), b.shape(), options);
        if (options.method() != Method.AUTO) {
            return options.method();
        }
        boolean complex = a.isComplex() || b.isComplex();
        return CorrelationPlan.directCost(g, a.isComplex(), b.isComplex())
                <= CorrelationPlan.fftCost(g, complex, true) ? Method.DIRECT : Method.FFT;
    }

    /** Checks the shapes against the options and returns their placement. */
    private static Geometry geometry(int[] aShape, int[] bShape, CorrelationOptions options) {
        Mode mode = options.mode();
        if (aShape.length != bShape.length) {
            throw new IllegalArgumentException("a has " + aShape.length + " axes (" + NdArray.shapeString(aShape)
                    + ") but b has " + bShape.length + " (" + NdArray.shapeString(bShape)
                    + "); both must have the same number of axes");
        }
        if (aShape.length < 1 || aShape.length > 3) {
            throw new IllegalArgumentException("correlate takes 1-D, 2-D or 3-D arrays, got "
                    + NdArray.shapeString(aShape));
        }
        for (int d = 0; d < aShape.length; d++) {
            if (aShape[d] < 1 || bShape[d] < 1) {
                throw new IllegalArgumentException("shapes must be positive on every axis, got a "
                        + NdArray.shapeString(aShape) + " and b " + NdArray.shapeString(bShape));
            }
        }
        if (mode == Mode.VALID || mode == Mode.CIRCULAR) {
            for (int d = 0; d < aShape.length; d++) {
                if (bShape[d] > aShape[d]) {
                    throw new IllegalArgumentException("kernel b " + NdArray.shapeString(bShape) + " is larger than a "
                            + NdArray.shapeString(aShape) + " on axis " + d + "; "
                            + (mode == Mode.VALID ? "valid mode needs b to fit inside a"
                                    : "circular mode needs b to fit inside a (b is zero-padded to a's shape)")
                            + "; the arguments may be swapped");
                }
            }
        }
        Geometry g = new Geometry(aShape, bShape, mode, options.centered());
        int[] limit = options.maxLag();
        if (limit == null) {
            return g;
        }
        if (limit.length != 1 && limit.length != aShape.length) {
            throw new IllegalArgumentException("max-lag has " + limit.length + " values but the arrays have "
                    + aShape.length + " axes; give one value for every axis or one for all");
        }
        int rank = aShape.length;
        int[] first = new int[rank];
        int[] count = new int[rank];
        for (int d = 0; d < rank; d++) {
            int axis = 3 - rank + d;
            int l = limit.length == 1 ? limit[0] : limit[d];
            long lo = g.lagOrigin[axis];
            long hi = lo + g.output[axis] - 1;
            long from = Math.max(lo, -(long) l);
            long to = Math.min(hi, l);
            if (from > to) {
                throw new IllegalArgumentException("max-lag " + l + " leaves no lag of mode "
                        + mode.name().toLowerCase(java.util.Locale.ROOT) + " on axis " + d + " (it covers lags " + lo
                        + " to " + hi + ")");
            }
            first[d] = (int) from;
            count[d] = (int) (to - from + 1);
        }
        return Geometry.ofLags(aShape, bShape, first, count);
    }

    /**
     * Output shape for inputs of shapes {@code aShape} and {@code bShape} in {@code mode}: {@code Na+Nb-1} (FULL),
     * {@code Na} (SAME, CIRCULAR) or {@code Na-Nb+1} (VALID) per axis.
     *
     * @throws IllegalArgumentException as {@link #correlate(NdArray, NdArray, CorrelationOptions)} does for shapes
     */
    public static int[] outputShape(int[] aShape, int[] bShape, Mode mode) {
        return outputShape(aShape, bShape, CorrelationOptions.of(mode).withThreads(1));
    }

    /**
     * Output shape for inputs of shapes {@code aShape} and {@code bShape} with {@code options} (mode and lag
     * limit).
     *
     * @throws IllegalArgumentException as {@link #correlate(NdArray, NdArray, CorrelationOptions)} does for shapes
     */
    public static int[] outputShape(int[] aShape, int[] bShape, CorrelationOptions options) {
        Geometry g = geometry(aShape, bShape, options);
        return g.narrow(g.output);
    }

    /**
     * The lag held by output index 0 on each axis with {@code options} (mode and lag limit): output index
     * {@code i} holds lag {@code firstLag[d] + i} on axis {@code d}.
     */
    public static int[] firstLag(int[] aShape, int[] bShape, CorrelationOptions options) {
        Geometry g = geometry(aShape, bShape, options);
        return g.narrow(g.lagOrigin);
    }

    /**
     * The lag held by each output index on one axis, {@code lags[i] = i - origin}: for FULL, SAME and VALID
     * {@code scipy.signal.correlation_lags(na, nb, mode)}, except that in SAME mode these are the lags of what
     * {@code scipy.signal.correlate(a, b, 'same')} actually returns, {@code -floor(nb/2) …}, where
     * {@code correlation_lags} (SciPy 1.17) is one higher when {@code na} is odd and {@code nb} even; for CIRCULAR {@code 0 … na-1}, or
     * {@code -floor(nb/2) … na-1-floor(nb/2)} when centred. Circular lags are defined modulo {@code na}; for
     * the representative nearest zero use {@code Math.floorMod(lag + na / 2, na) - na / 2}.
     *
     * @param na       length of {@code a} on the axis
     * @param nb       length of {@code b} on the axis
     * @param mode     the mode
     * @param centered centred kernel origin (CIRCULAR only)
     */
    public static int[] lags(int na, int nb, Mode mode, boolean centered) {
        Geometry g = geometry(new int[] {na}, new int[] {nb}, new CorrelationOptions(mode, centered, Method.AUTO, 1));
        int[] lags = new int[g.output[2]];
        for (int i = 0; i < lags.length; i++) {
            lags[i] = i + g.lagOrigin[2];
        }
        return lags;
    }

    /** {@link #lags(int, int, Mode, boolean)} without a centred kernel. */
    public static int[] lags(int na, int nb, Mode mode) {
        return lags(na, nb, mode, false);
    }

    /**
     * The lag vector held by output multi-index {@code index} (for example the position of a peak):
     * {@code lag[d] = index[d] - origin[d]} per axis, with the origins of the class documentation.
     *
     * @throws IllegalArgumentException if {@code index} has the wrong rank or lies outside the output
     */
    public static int[] lagAt(int[] index, int[] aShape, int[] bShape, Mode mode, boolean centered) {
        return lagAt(index, aShape, bShape, new CorrelationOptions(mode, centered, Method.AUTO, 1));
    }

    /**
     * The lag vector held by output multi-index {@code index} of a correlation with {@code options} (mode, centred
     * kernel and lag limit): {@code lag[d] = firstLag[d] + index[d]}.
     *
     * @throws IllegalArgumentException if {@code index} has the wrong rank or lies outside the output
     */
    public static int[] lagAt(int[] index, int[] aShape, int[] bShape, CorrelationOptions options) {
        Geometry g = geometry(aShape, bShape, options);
        if (index.length != g.rank) {
            throw new IllegalArgumentException("index has " + index.length + " axes but the output has " + g.rank);
        }
        int[] lag = new int[g.rank];
        for (int d = 0; d < g.rank; d++) {
            int axis = 3 - g.rank + d;
            if (index[d] < 0 || index[d] >= g.output[axis]) {
                throw new IllegalArgumentException("index " + java.util.Arrays.toString(index) + " is outside the "
                        + NdArray.shapeString(g.narrow(g.output)) + " output");
            }
            lag[d] = index[d] + g.lagOrigin[axis];
        }
        return lag;
    }
}
