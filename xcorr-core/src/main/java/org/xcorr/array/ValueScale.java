package org.xcorr.array;

import org.xcorr.concurrent.Parallel;

/**
 * Exact power-of-two rescaling of input values, so that computations which are invariant (or equivariant) to a
 * positive scale work for every finite input, from subnormals to {@code Double.MAX_VALUE}.
 *
 * <p>Multiplying by {@code 2^j} changes only the exponent of a double, so it is exact as long as neither the
 * input nor the result is subnormal; and every IEEE operation the kernels use ({@code + - × / sqrt}, the FFT's
 * twiddle products) commutes exactly with such a scaling as long as no intermediate value overflows or
 * underflows. The kernels are therefore <em>bit-for-bit</em> scale-equivariant for inputs whose largest
 * magnitude {@code 2^e} lies in a safe window ({@link #SAFE_DOUBLE}, chosen so that squares, products of window
 * and template energies and FFT sums of such values stay far inside the double range). Inputs inside the window are used as they are (no copy: the common case costs one max-abs
 * pass); inputs outside it are multiplied by {@code 2^(-e)}, so that their largest magnitude lies in
 * {@code [1, 2)}. Either way, an input and the same input times any power of two give identical results.
 *
 * <p>Limit: a value smaller than {@code max|v| · 2^-1022} becomes subnormal after the scaling and keeps fewer
 * than 53 significant bits (below {@code max|v| · 2^-1074} it becomes 0). Such values are negligible next to
 * the largest one for every statistic computed over the whole array; statistics of small windows made only of
 * such values keep a relative precision of about {@code 2^-1074 / value}.
 */
public final class ValueScale {

    /** Largest |exponent| of {@code max|v|} that the double kernels use unscaled. */
    public static final int SAFE_DOUBLE = 100;
    /** Marks an all-zero array (no exponent). */
    public static final int ZERO = Integer.MIN_VALUE;

    private static final int BLOCK = 1 << 14;

    private ValueScale() {
    }

    /**
     * The largest {@code |v[i]|} (over the real and imaginary parts), NaN if some value is NaN, infinity if
     * some value is infinite; one parallel pass whose result does not depend on the thread count.
     */
    public static double maxAbs(double[] v, int threads) {
        int blocks = (v.length + BLOCK - 1) / BLOCK;
        if (blocks == 0) {
            return 0;
        }
        double[] partial = new double[blocks];
        Parallel.forRange(threads, blocks, 4, (from, to) -> {
            for (int b = from; b < to; b++) {
                partial[b] = maxAbs(v, b * BLOCK, Math.min(v.length, (b + 1) * BLOCK));
            }
        });
        double m = 0;
        for (double p : partial) {
            m = Math.max(m, p);
        }
        return m;
    }

    /** The largest {@code |v[i]|} over {@code [from, to)} (NaN propagates). */
    public static double maxAbs(double[] v, int from, int to) {
        // On the bits with the sign cleared, the order of non-negative doubles is the order of their bit patterns
        // as longs, infinity above every finite value and every NaN above infinity: an integer maximum gives the
        // same value as Math.max of Math.abs (a NaN, if any, with some NaN's payload), at a quarter of the cost
        // (Math.max on doubles is a chain of blends in C2; this is one compare and move per element).
        long m = 0;
        for (int i = from; i < to; i++) {
            long x = Double.doubleToRawLongBits(v[i]) & Long.MAX_VALUE;
            m = x > m ? x : m;
        }
        return Double.longBitsToDouble(m);
    }

    /**
     * The binary exponent {@code e} of a positive finite {@code x} ({@code 2^e <= x < 2^(e+1)}, exact for
     * subnormals too), or {@link #ZERO} for 0.
     */
    public static int exponent(double x) {
        if (x == 0) {
            return ZERO;
        }
        if (x < Double.MIN_NORMAL) {
            return Math.getExponent(x * 0x1p60) - 60;
        }
        return Math.getExponent(x);
    }

    /**
     * The power of two {@code j} to multiply an array by, given the exponent {@code e} of its largest magnitude:
     * 0 when {@code |e| <= safe} or the array is all zero, else {@code -e}.
     */
    public static int shiftFor(int e, int safe) {
        if (e == ZERO || Math.abs(e) <= safe) {
            return 0;
        }
        return -e;
    }

    /** {@code v} itself when {@code shift == 0}, else a new array {@code v · 2^shift} (exact; see the class comment). */
    public static double[] scaled(double[] v, int shift, int threads) {
        if (shift == 0 || v == null) {
            return v;
        }
        double[] out = new double[v.length];
        // 2^shift is representable for shift in [-1074, 1023]; a larger shift (a subnormal maximum scaled up)
        // takes two exact steps upwards
        int first = shift > 1023 ? 1023 : shift;
        double f1 = Math.scalb(1.0, first);
        double f2 = Math.scalb(1.0, shift - first);
        Parallel.forRange(threads, v.length, 1 << 15, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = v[i] * f1 * f2;
            }
        });
        return out;
    }

    /**
     * {@code a} with its values rescaled per the class comment, or {@code a} itself when no rescaling is
     * needed. Complex arrays are scaled as a whole (one factor for both parts).
     *
     * @param safe the largest |exponent| used unscaled, {@link #SAFE_DOUBLE}
     * @return the array to compute with and the power of two it was multiplied by
     * @throws IllegalArgumentException if a value is NaN or infinite, naming {@code what}
     */
    public static Scaled normalize(NdArray a, String what, int safe, int threads) {
        double m = maxAbs(a.backingReal(), threads);
        if (a.isComplex()) {
            m = Math.max(m, maxAbs(a.backingImag(), threads));
        }
        if (!Double.isFinite(m)) {
            a.requireFinite(what);
        }
        int e = exponent(m);
        int shift = shiftFor(e, safe);
        if (shift == 0) {
            return new Scaled(a, 0, e);
        }
        double[] re = scaled(a.backingReal(), shift, threads);
        double[] im = a.isComplex() ? scaled(a.backingImag(), shift, threads) : null;
        NdArray s = im == null ? NdArray.wrap(re, a.shape()) : NdArray.wrapComplex(re, im, a.shape());
        return new Scaled(s, shift, e + shift);
    }

    /**
     * An array as computed with and the power of two its values were multiplied by.
     *
     * @param array    the (possibly rescaled) array
     * @param shift    {@code array = original · 2^shift}
     * @param exponent the binary exponent of {@code array}'s largest magnitude, {@link #ZERO} if all zero
     */
    public record Scaled(NdArray array, int shift, int exponent) {
    }

    /**
     * {@code x · 2^j} for any int {@code j}, in two exact steps where one power of two cannot hold {@code 2^j}
     * (the result may overflow to infinity or round to a subnormal or 0, as the true value dictates).
     */
    public static double scalb(double x, int j) {
        if (j > 1000 || j < -1000) {
            int half = j / 2;
            return Math.scalb(Math.scalb(x, half), j - half);
        }
        return Math.scalb(x, j);
    }

    /**
     * Multiplies {@code v[0, count)} in place by the power of two that brings its largest magnitude into
     * {@code [1, 2)} (exact for normal results; nothing changes for an all-zero prefix or one already there).
     */
    public static void normalizeInPlace(double[] v, int count) {
        int e = exponent(maxAbs(v, 0, count));
        if (e == ZERO || e == 0) {
            return;
        }
        for (int i = 0; i < count; i++) {
            v[i] = scalb(v[i], -e);
        }
    }
}
