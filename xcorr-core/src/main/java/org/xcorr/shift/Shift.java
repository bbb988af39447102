package org.xcorr.shift;

import java.util.Objects;
import org.xcorr.array.NdArray;
import org.xcorr.array.ValueScale;
import org.xcorr.concurrent.Parallel;
import org.xcorr.fft.RealFft;

/**
 * Translates a real array by a (sub-pixel) shift, per axis in axis order ({@code [dy, dx]} in 2-D).
 *
 * <p>Sign convention (SciPy's): a positive shift moves content to higher indices,
 * {@code out[i] = in(i - s)}. A registration result {@code shift} is applied as is: shifting {@code moving}
 * by it aligns it with {@code reference}. The output has the input's shape.
 *
 * <p>Methods ({@link Interpolation}): {@code FOURIER} is the exact periodic shift of
 * {@code scipy.ndimage.fourier_shift}; {@code LINEAR} and {@code CUBIC} are {@code scipy.ndimage.shift} with
 * {@code order=1} and {@code order=3}, {@code mode='constant'}, {@code cval=0}. Results are bit-identical for
 * every thread count.
 */
public final class Shift {

    /** Pole of the cubic B-spline prefilter, {@code sqrt(3) - 2}. */
    private static final double CUBIC_POLE = -0.267949192431122706472553658494127633;

    private Shift() {
    }

    /** Shifts {@code in} by {@code by} with the Fourier method on all cores. */
    public static NdArray shift(NdArray in, double... by) {
        return shift(in, by, ShiftOptions.defaults());
    }

    /**
     * Shifts {@code in} by {@code by} (one value per axis) with the options' interpolation and thread count.
     *
     * @throws IllegalArgumentException if {@code in} is complex or not finite, {@code by} has the wrong length
     *                                  or a non-finite value, or a shifted value exceeds
     *                                  the double range (Fourier or cubic overshoot of values near
     *                                  {@code Double.MAX_VALUE}; they are computed scaled, never as NaN)
     */
    public static NdArray shift(NdArray in, double[] by, ShiftOptions options) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(options, "options");
        Interpolation interpolation = options.interpolation();
        int threads = options.threads();
        if (in.isComplex()) {
            throw new IllegalArgumentException("shift needs a real array, got a complex one");
        }
        if (by.length != in.rank()) {
            throw new IllegalArgumentException("shift has " + by.length + " values but the array " + in.shapeString()
                    + " has " + in.rank() + " axes; give one per axis");
        }
        for (int i = 0; i < by.length; i++) {
            if (!Double.isFinite(by[i])) {
                throw new IllegalArgumentException("shift on axis " + i + " must be finite, got " + by[i]);
            }
        }
        // the shift is linear in the values: values far from 1 are shifted scaled by a power of two (exact, see
        // ValueScale) so that no FFT sum or spline coefficient overflows, and scaled back; the max-abs pass
        // checks finiteness
        ValueScale.Scaled scaled = ValueScale.normalize(in, "input", ValueScale.SAFE_DOUBLE, threads);
        NdArray out = switch (interpolation) {
            case FOURIER -> fourier(scaled.array(), by, threads);
            case LINEAR -> spline(scaled.array(), by, 1, threads);
            case CUBIC -> spline(scaled.array(), by, 3, threads);
        };
        if (scaled.shift() != 0) {
            double[] v = out.backingReal();
            for (int i = 0; i < v.length; i++) {
                v[i] = ValueScale.scalb(v[i], -scaled.shift());
                if (Double.isInfinite(v[i])) {
                    throw new IllegalArgumentException("the shifted values exceed the double range (about 1.8e308)"
                            + " at " + java.util.Arrays.toString(out.unravel(i)) + ": " + interpolation.name()
                            .toLowerCase(java.util.Locale.ROOT) + " interpolation overshoots the input; scale it"
                            + " down or use linear interpolation");
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------- Fourier

    /**
     * The spectrum is multiplied by the Hermitian part of SciPy's factor. SciPy multiplies the full spectrum
     * by {@code exp(iθ)}, {@code θ = Σ_a -2π s_a j_a / n_a}, with signed frequency {@code j_a} and the
     * Nyquist bin of an even axis taken as {@code -n_a/2}; of the inverse only the real part is kept. For
     * real input that equals the inverse of the Hermitian-symmetric spectrum {@code X · exp(iθ') · cos(ν)},
     * where {@code θ'} sums the non-Nyquist axes and {@code ν = Σ π s_a} the Nyquist ones, so the real
     * (half-spectrum) transform gives the same result.
     */
    private static NdArray fourier(NdArray in, double[] by, int threads) {
        int[] shape = in.shape();
        int rank = shape.length;
        RealFft fft = RealFft.of(shape);
        int[] spec = fft.spectrumShape();
        double[] re = new double[fft.spectrumSize()];
        double[] im = new double[fft.spectrumSize()];
        fft.forward(in.backingReal(), re, im, threads);
        double[][] theta = new double[rank][];
        boolean[][] nyquist = new boolean[rank][];
        for (int a = 0; a < rank; a++) {
            int n = shape[a];
            double w = -2.0 * Math.PI * by[a] / n;
            theta[a] = new double[spec[a]];
            nyquist[a] = new boolean[spec[a]];
            for (int k = 0; k < spec[a]; k++) {
                int j = k < (n + 1) / 2 ? k : k - n;
                theta[a][k] = n > 1 ? w * j : 0.0;
                nyquist[a][k] = n > 1 && n % 2 == 0 && k == n / 2;
            }
        }
        int last = spec[rank - 1];
        int lines = fft.spectrumSize() / last;
        Parallel.forRange(threads, lines, 16, (from, to) -> {
            int[] idx = new int[rank];
            for (int line = from; line < to; line++) {
                int rest = line;
                for (int a = rank - 2; a >= 0; a--) {
                    idx[a] = rest % spec[a];
                    rest /= spec[a];
                }
                double t0 = 0;
                double v0 = 0;
                for (int a = 0; a < rank - 1; a++) {
                    if (nyquist[a][idx[a]]) {
                        v0 += -theta[a][idx[a]];
                    } else {
                        t0 += theta[a][idx[a]];
                    }
                }
                int base = line * last;
                for (int k = 0; k < last; k++) {
                    double t = t0;
                    double v = v0;
                    if (nyquist[rank - 1][k]) {
                        v += -theta[rank - 1][k];
                    } else {
                        t += theta[rank - 1][k];
                    }
                    double g = v == 0 ? 1.0 : Math.cos(v);
                    double c = Math.cos(t) * g;
                    double s = Math.sin(t) * g;
                    double x = re[base + k];
                    double y = im[base + k];
                    re[base + k] = x * c - y * s;
                    im[base + k] = x * s + y * c;
                }
            }
        });
        double[] out = new double[fft.size()];
        fft.inverse(re, im, out, threads);
        return NdArray.wrap(out, shape);
    }

    // ------------------------------------------------------------------------------------------- splines

    private static NdArray spline(NdArray in, double[] by, int order, int threads) {
        int[] shape = in.shape();
        double[] data = in.toArray();
        for (int a = 0; a < shape.length; a++) {
            final int axis = a;
            if (order == 3) {
                alongAxis(data, shape, axis, threads, (line, n, buf) -> prefilterCubic(line, n));
            }
            final double s = by[a];
            alongAxis(data, shape, axis, threads, (line, n, buf) -> resample(line, n, s, order, buf));
        }
        return NdArray.wrap(data, shape);
    }

    @FunctionalInterface
    private interface LineOp {
        /** Transforms {@code line[0..n)} in place; {@code scratch} has at least n elements. */
        void apply(double[] line, int n, double[] scratch);
    }

    /** Applies {@code op} in place to every line of {@code data} along {@code axis}, in parallel over lines. */
    private static void alongAxis(double[] data, int[] shape, int axis, int threads, LineOp op) {
        int n = shape[axis];
        int stride = 1;
        for (int a = axis + 1; a < shape.length; a++) {
            stride *= shape[a];
        }
        int outer = data.length / (n * stride);
        final int st = stride;
        int lines = outer * stride;
        Parallel.forRange(threads, lines, 64, (from, to) -> {
            double[] line = new double[n];
            double[] scratch = new double[n];
            for (int l = from; l < to; l++) {
                int base = (l / st) * n * st + (l % st);
                for (int i = 0; i < n; i++) {
                    line[i] = data[base + i * st];
                }
                op.apply(line, n, scratch);
                for (int i = 0; i < n; i++) {
                    data[base + i * st] = line[i];
                }
            }
        });
    }

    /**
     * Resamples one line at {@code i - s} with the B-spline kernel of {@code order} (1 or 3), 0 outside
     * {@code [0, n-1]}, taps beyond the edge mirrored, as SciPy's {@code NI_ZoomShift}.
     */
    static void resample(double[] line, int n, double s, int order, double[] out) {
        double[] w = new double[order + 1];
        for (int i = 0; i < n; i++) {
            double x = i + (-s);
            if (x < 0 || x > n - 1) {
                out[i] = 0.0;
                continue;
            }
            int start = (int) Math.floor(x) - order / 2;
            weights(x, order, w);
            double t = 0.0;
            for (int h = 0; h <= order; h++) {
                t += line[mirror(start + h, n)] * w[h];
            }
            out[i] = t;
        }
        System.arraycopy(out, 0, line, 0, n);
    }

    /** SciPy's {@code get_spline_interpolation_weights} for odd orders 1 and 3. */
    private static void weights(double x, int order, double[] w) {
        x -= Math.floor(x);
        if (order == 1) {
            w[0] = 1.0 - x;
        } else {
            double y = x;
            double z = 1.0 - x;
            w[1] = (y * y * (y - 2.0) * 3.0 + 4.0) / 6.0;
            w[2] = (z * z * (z - 2.0) * 3.0 + 4.0) / 6.0;
            w[0] = z * z * z / 6.0;
        }
        // The weights add to 1; the last one is what remains, as SciPy computes it.
        w[order] = 1.0;
        for (int i = 0; i < order; i++) {
            w[order] -= w[i];
        }
    }

    /** Whole-sample symmetric reflection of an index into {@code [0, n)} (period {@code 2n - 2}). */
    static int mirror(int i, int n) {
        if (n <= 1) {
            return 0;
        }
        int period = 2 * n - 2;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    /**
     * The cubic B-spline prefilter of one line with mirror boundaries (Unser, Aldroubi and Eden, IEEE PAMI
     * 13(3), 1991), as SciPy's {@code spline_filter1d(order=3, mode='mirror')}: the coefficients whose
     * cubic B-spline interpolates the samples.
     */
    static void prefilterCubic(double[] c, int n) {
        if (n <= 1) {
            return;
        }
        final double z = CUBIC_POLE;
        double gain = (1.0 - z) * (1.0 - 1.0 / z);
        for (int i = 0; i < n; i++) {
            c[i] *= gain;
        }
        // causal initialization for a mirror-symmetric extension
        double zi = z;
        double zn1 = Math.pow(z, n - 1);
        c[0] = c[0] + zn1 * c[n - 1];
        for (int i = 1; i < n - 1; i++) {
            c[0] += zi * (c[i] + zn1 * c[n - 1 - i]);
            zi *= z;
        }
        c[0] /= 1 - zn1 * zn1;
        for (int i = 1; i < n; i++) {
            c[i] += z * c[i - 1];
        }
        c[n - 1] = (z * c[n - 2] + c[n - 1]) * z / (z * z - 1);
        for (int i = n - 2; i >= 0; i--) {
            c[i] = z * (c[i + 1] - c[i]);
        }
    }
}
