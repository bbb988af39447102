package org.xcorr.fft;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xcorr.concurrent.Parallel;

/**
 * A plan for the N-D (1-D, 2-D or 3-D) complex discrete Fourier transform of one fixed shape, applied in
 * place to split real and imaginary arrays stored row-major (last axis contiguous).
 *
 * <p>Conventions are NumPy's: the forward transform is
 * {@code X[k] = Σ_n x[n] · exp(-2πi Σ_a k_a n_a / N_a)}, unnormalized; the inverse uses {@code exp(+2πi ...)}
 * and divides by {@code Π N_a}, so {@code inverse(forward(x)) == x}. {@code forward} equals
 * {@code numpy.fft.fftn} and {@code inverse} equals {@code numpy.fft.ifftn}.
 *
 * <p>Plans are immutable and cached per shape ({@link #of(int...)}); one plan may be used by many threads at
 * once. The {@code threads} argument of each call sets its parallelism; results are bit-identical for every
 * thread count because each 1-D line is transformed by the same code whichever thread runs it.
 *
 * <p>Algorithm: one pass per axis (last axis first); each pass transforms blocks of lines together with the
 * lines' elements interleaved ("lanes"), so every butterfly is a simple loop over contiguous memory.
 * Lengths whose prime factors are 2, 3, 5, 7 use mixed radix-8/4/2/3/5/7 Stockham passes (see
 * {@link FastSizes}); other lengths use Bluestein's algorithm over such a length. Twiddle tables are cached
 * per length; scratch arrays are per thread and reused.
 */
public final class ComplexFft {

    private static final Map<String, ComplexFft> CACHE = new ConcurrentHashMap<>();

    private final int[] shape;
    private final int size;

    private ComplexFft(int[] shape) {
        this.shape = shape.clone();
        long s = 1;
        for (int a = 0; a < shape.length; a++) {
            if (shape[a] < 1) {
                throw new IllegalArgumentException("FFT shape " + Arrays.toString(shape) + " has an axis of length " + shape[a]);
            }
            s *= shape[a];
        }
        this.size = org.xcorr.array.NdArray.checkedSize(s, "FFT of shape " + Arrays.toString(shape));
        for (int n : shape) {
            LineFft.of(n); // builds (and caches) the twiddle tables up front
        }
    }

    /** The (cached) plan for {@code shape}, 1 to 3 axes, each at least 1. */
    public static ComplexFft of(int... shape) {
        if (shape.length < 1 || shape.length > 3) {
            throw new IllegalArgumentException("FFT needs 1 to 3 axes, got " + shape.length);
        }
        return CACHE.computeIfAbsent(Arrays.toString(shape), k -> new ComplexFft(shape));
    }

    /** The shape this plan transforms (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements, the product of the shape. */
    public int size() {
        return size;
    }

    /** In-place forward transform (unnormalized, {@code exp(-2πi…)}), as {@code numpy.fft.fftn}. */
    public void forward(double[] re, double[] im, int threads) {
        check(re, im);
        for (int a = shape.length - 1; a >= 0; a--) {
            AxisPass.run(shape, a, re, im, re, im, false, 1.0, threads);
        }
    }

    /** In-place inverse transform ({@code exp(+2πi…)}, divided by the size), as {@code numpy.fft.ifftn}. */
    public void inverse(double[] re, double[] im, int threads) {
        check(re, im);
        for (int a = shape.length - 1; a >= 0; a--) {
            // the normalization rides on the last pass, saving a sweep over the data
            AxisPass.run(shape, a, re, im, re, im, true, a == 0 ? 1.0 / size : 1.0, threads);
        }
    }

    private void check(double[] re, double[] im) {
        if (re.length != size || im.length != size) {
            throw new IllegalArgumentException("FFT of shape " + Arrays.toString(shape) + " needs arrays of length "
                    + size + ", got " + re.length + " and " + im.length);
        }
    }
}
