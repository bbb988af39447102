package org.xcorr.correlate;

import java.util.Objects;
import org.xcorr.array.NdArray;
import org.xcorr.array.ValueScale;
import org.xcorr.fft.FastSizes;

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
 * threads); {@link Method#FFT} multiplies spectra at a padded fast size; {@link Method#AUTO} picks the
 * cheaper by the cost model of {@link #chosenMethod}. All agree within rounding, and each is bit-identical for
 * every thread count.
 *
 * <h2>Errors</h2>
 * {@link IllegalArgumentException} when the ranks differ, when {@code b} is larger than {@code a} on an axis in
 * VALID or CIRCULAR mode, or when an input holds NaN or infinity. Inputs are never modified.
 *
 * <p>Reference: J. P. Lewis, "Fast normalized cross-correlation", Vision Interface 1995 (the direct/FFT cost
 * trade-off).
 */
public final class Correlation {

    /**
     * Cost of one FFT "unit" ({@code n log2 n} per line of a complex transform at a fast length) in multiply-adds
     * of the direct loop. Measured single-threaded on the development machine (docs/correlate.md): the direct
     * loop runs at about 0.5 ns per multiply-add, the radix-2/3/5/7 FFT at about 1.4 ns per unit, hence 3. It
     * moves with the FFT implementation (the first baseline FFT, Bluestein for every length not a power of two,
     * measured about 30 ns per unit), so re-measure when that changes; the choice affects speed only.
     */
    static final double FFT_UNIT_COST = 3.0;

    /** Direct loop start-up per contiguous stretch (one kernel sample on one output row), in multiply-adds. */
    static final double DIRECT_STRETCH_COST = 12.0;

    /** Direct method's per-output-element cost (allocation, zeroing, writing), in multiply-adds. */
    static final double DIRECT_OUTPUT_COST = 2.0;

    private Correlation() {
    }

    /** {@code correlate(a, b, CorrelationOptions.of(mode))}: AUTO method, all cores. */
    public static NdArray correlate(NdArray a, NdArray b, Mode mode) {
        return correlate(a, b, CorrelationOptions.of(mode));
    }

    /**
     * Cross-correlation {@code c(k) = Σ_n a[n + k] · conj(b[n])} of {@code a} (signal) with {@code b} (kernel),
     * output extent and origin as {@code options.mode()} says (see the class documentation).
     *
     * @param a       the signal, 1 to 3 axes, finite
     * @param b       the kernel, the same number of axes, finite
     * @param options mode, centred kernel (circular only), method and threads
     * @return a new array, complex if either input is complex
     * @throws IllegalArgumentException if the ranks differ, {@code b} does not fit in {@code a} in VALID or
     *                                  CIRCULAR mode, an input is not finite, or a correlation value exceeds
     *                                  the double range (inputs near {@code Double.MAX_VALUE}; the values are
     *                                  computed scaled by powers of two, so only a result that truly overflows is
     *                                  refused)
     */
    public static NdArray correlate(NdArray a, NdArray b, CorrelationOptions options) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(options, "options");
        Geometry g = Geometry.of(a.shape(), b.shape(), options.mode(), options.centered());
        // c is bilinear: each input is rescaled by a power of two when its values are far from 1 (exact, see
        // ValueScale), so no product or FFT sum overflows or underflows, and the result is scaled back exactly;
        // the max-abs pass checks finiteness
        boolean self = b == a;
        ValueScale.Scaled sa = ValueScale.normalize(a, "a", ValueScale.SAFE_DOUBLE, options.threads());
        ValueScale.Scaled sb = self ? sa : ValueScale.normalize(b, "b", ValueScale.SAFE_DOUBLE, options.threads());
        a = sa.array();
        b = sb.array();
        Method m = options.method() == Method.AUTO ? choose(g, a.isComplex(), b.isComplex(), self) : options.method();
        NdArray c = m == Method.DIRECT
                ? DirectCorrelation.correlate(a, b, g, options.threads())
                : FftCorrelation.correlate(a, b, g, options.threads());
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
     * <p>Cost model, in multiply-adds: direct = {@code T + 12 · S + 2 · Nout}, where {@code T = Π_axis Σ_i overlap(i)} is
     * the number of terms actually summed (at most {@code Π Nout · Π Nb}) and {@code S} the number of contiguous
     * row stretches (output rows × kernel samples) whose loop start-up the constant 12 covers; FFT =
     * {@code C · 3 · Σ_axis (N / n_axis) · n_axis log2 n_axis} over the padded transform size {@code N = Π n}, {@code C = 3}
     * (two forward and one inverse transform; non-fast lengths, which only the circular mode uses, are charged as
     * a Bluestein transform of three fast transforms of length {@code next(2n - 1)}), halved for real inputs,
     * plus {@code 4N} for padding, the spectrum product and the read-out. Complex inputs multiply the direct
     * cost by 2 (one complex) or 4 (both complex) and use the full complex transform. {@code C} was measured on
     * the development machine (docs/correlate.md gives the crossover it implies).
     */
    public static Method chosenMethod(NdArray a, NdArray b, CorrelationOptions options) {
        Objects.requireNonNull(options, "options");
        Geometry g = Geometry.of(a.shape(), b.shape(), options.mode(), options.centered());
        return options.method() == Method.AUTO ? choose(g, a.isComplex(), b.isComplex(), a == b) : options.method();
    }

    private static Method choose(Geometry g, boolean aComplex, boolean bComplex, boolean same) {
        return fftCost(g, aComplex || bComplex, same) < directCost(g, aComplex, bComplex) ? Method.FFT : Method.DIRECT;
    }

    static double directCost(Geometry g, boolean aComplex, boolean bComplex) {
        double terms = 1;
        for (int d = 0; d < 3; d++) {
            terms *= g.directTermsOnAxis(d);
        }
        double stretches = (double) g.out[0] * g.out[1] * g.nb[0] * g.nb[1] * g.nb[2] * (g.circular ? 2 : 1);
        double factor = aComplex && bComplex ? 4 : aComplex || bComplex ? 2 : 1;
        return factor * terms + DIRECT_STRETCH_COST * stretches + DIRECT_OUTPUT_COST * g.outputSize();
    }

    static double fftCost(Geometry g, boolean complex, boolean same) {
        int[] n = FftCorrelation.transformShape(g);
        double size = 1;
        for (int len : n) {
            size *= len;
        }
        double transform = 0;
        for (int len : n) {
            transform += size / len * lineCost(len);
        }
        int transforms = same ? 2 : 3;
        return FFT_UNIT_COST * transforms * transform * (complex ? 1.0 : 0.5) + 4 * size;
    }

    private static double lineCost(int n) {
        if (n == 1) {
            return 1;
        }
        if (FastSizes.isFast(n)) {
            return n * (Math.log(n) / Math.log(2));
        }
        int m = FastSizes.next(2 * n - 1);
        return 3 * m * (Math.log(m) / Math.log(2)) + 2 * m;
    }

    /**
     * Output shape for inputs of shapes {@code aShape} and {@code bShape} in {@code mode}: {@code Na+Nb-1} (FULL),
     * {@code Na} (SAME, CIRCULAR) or {@code Na-Nb+1} (VALID) per axis.
     *
     * @throws IllegalArgumentException as {@link #correlate(NdArray, NdArray, CorrelationOptions)} does for shapes
     */
    public static int[] outputShape(int[] aShape, int[] bShape, Mode mode) {
        return Geometry.of(aShape, bShape, mode, false).outputShape();
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
        new CorrelationOptions(mode, centered, Method.AUTO, 1);
        Geometry g = Geometry.of(new int[] {na}, new int[] {nb}, mode, centered);
        int[] lags = new int[g.out[2]];
        for (int i = 0; i < lags.length; i++) {
            lags[i] = i - g.origin[2];
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
        new CorrelationOptions(mode, centered, Method.AUTO, 1);
        Geometry g = Geometry.of(aShape, bShape, mode, centered);
        if (index.length != g.rank) {
            throw new IllegalArgumentException("index has " + index.length + " axes but the output has " + g.rank);
        }
        int[] lag = new int[g.rank];
        for (int d = 0; d < g.rank; d++) {
            int axis = 3 - g.rank + d;
            if (index[d] < 0 || index[d] >= g.out[axis]) {
                throw new IllegalArgumentException("index " + java.util.Arrays.toString(index) + " is outside the "
                        + NdArray.shapeString(g.outputShape()) + " output");
            }
            lag[d] = index[d] - g.origin[axis];
        }
        return lag;
    }
}
