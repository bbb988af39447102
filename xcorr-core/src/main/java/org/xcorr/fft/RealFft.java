package org.xcorr.fft;

import java.lang.ref.SoftReference;
import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A plan for the N-D (1-D, 2-D or 3-D) discrete Fourier transform of real data of one fixed shape, producing
 * and consuming the half spectrum, as {@code numpy.fft.rfftn} and {@code numpy.fft.irfftn}.
 *
 * <p>Layout: for a real input of shape {@code (n0, ..., nL)} the spectrum has shape
 * {@code (n0, ..., nL/2 + 1)} ({@link #spectrumShape()}): the last axis is halved, the others are complete.
 * It is stored row-major in two arrays, real and imaginary parts, each of {@link #spectrumSize()} elements.
 * The missing half is given by Hermitian symmetry {@code X[-k] = conj(X[k])}.
 *
 * <p>{@code forward} is unnormalized with {@code exp(-2πi…)}; {@code inverse} divides by the number of real
 * samples so that {@code inverse(forward(x)) == x}. Plans are immutable, cached per shape and thread-safe;
 * results are bit-identical for every thread count.
 *
 * <p>Example, real shape {@code (4, 6)}: the spectrum has shape {@code (4, 4)}; element {@code (k0, k1)} is
 * at index {@code k0·4 + k1} of {@code outRe}/{@code outIm} and holds {@code X[k0][k1]} for
 * {@code k1 = 0..3}; {@code X[k0][5] = conj(X[(4-k0)%4][1])} and {@code X[k0][4] = conj(X[(4-k0)%4][2])}.
 *
 * <p>Algorithm: the rows (last axis) are transformed as half-length complex sequences plus a post-twiddle
 * (even length) or two rows at a time as one complex sequence (odd length), then the remaining axes get
 * complex passes over the half spectrum; see {@code RealRows} and {@code AxisPass}.
 */
public final class RealFft {

    private static final Map<String, RealFft> CACHE = new ConcurrentHashMap<>();

    private final int[] shape;
    private final int[] spectrumShape;
    private final int size;
    private final int spectrumSize;
    private final Queue<SoftReference<double[][]>> buffers = new ConcurrentLinkedQueue<>();

    private RealFft(int[] shape) {
        this.shape = shape.clone();
        this.spectrumShape = shape.clone();
        spectrumShape[shape.length - 1] = shape[shape.length - 1] / 2 + 1;
        long s = 1;
        long h = 1;
        for (int a = 0; a < shape.length; a++) {
            if (shape[a] < 1) {
                throw new IllegalArgumentException("FFT shape " + Arrays.toString(shape) + " has an axis of length " + shape[a]);
            }
            s *= shape[a];
            h *= spectrumShape[a];
        }
        size = org.xcorr.array.NdArray.checkedSize(s, "FFT of shape " + Arrays.toString(shape));
        spectrumSize = org.xcorr.array.NdArray.checkedSize(h, "FFT of shape " + Arrays.toString(shape));
    }

    /** The (cached) plan for real data of {@code shape}, 1 to 3 axes, each at least 1. */
    public static RealFft of(int... shape) {
        if (shape.length < 1 || shape.length > 3) {
            throw new IllegalArgumentException("FFT needs 1 to 3 axes, got " + shape.length);
        }
        return CACHE.computeIfAbsent(Arrays.toString(shape), k -> new RealFft(shape));
    }

    /** Shape of the real data (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Shape of the half spectrum: the real shape with the last axis {@code n/2 + 1} (a copy). */
    public int[] spectrumShape() {
        return spectrumShape.clone();
    }

    /** Number of real samples. */
    public int size() {
        return size;
    }

    /** Number of complex values in the half spectrum. */
    public int spectrumSize() {
        return spectrumSize;
    }

    /**
     * Forward transform of {@code in} (left unchanged) into the half spectrum {@code outRe}, {@code outIm}
     * (each {@link #spectrumSize()} long), as {@code numpy.fft.rfftn}.
     */
    public void forward(double[] in, double[] outRe, double[] outIm, int threads) {
        checkLen(in.length, size, "input");
        checkLen(outRe.length, spectrumSize, "spectrum real part");
        checkLen(outIm.length, spectrumSize, "spectrum imaginary part");
        int last = shape.length - 1;
        int n = shape[last];
        RealRows.forward(n, size / n, in, outRe, outIm, threads);
        for (int a = last - 1; a >= 0; a--) {
            AxisPass.run(spectrumShape, a, outRe, outIm, outRe, outIm, false, 1.0, threads);
        }
    }

    /**
     * Inverse transform of the half spectrum {@code inRe}, {@code inIm} (left unchanged) into {@code out}
     * ({@link #size()} long), divided by {@link #size()}, as {@code numpy.fft.irfftn}. The imaginary parts
     * of the self-conjugate bins are ignored, as NumPy does.
     */
    public void inverse(double[] inRe, double[] inIm, double[] out, int threads) {
        checkLen(inRe.length, spectrumSize, "spectrum real part");
        checkLen(inIm.length, spectrumSize, "spectrum imaginary part");
        checkLen(out.length, size, "output");
        int last = shape.length - 1;
        int n = shape[last];
        double scale = 1.0 / size;
        if (last == 0) {
            RealRows.inverse(n, 1, inRe, inIm, out, scale, threads);
            return;
        }
        // Complex inverse along the leading (complete) axes of the half spectrum, then complex-to-real rows.
        double[][] buffer = takeBuffer();
        try {
            double[] re = buffer[0];
            double[] im = buffer[1];
            double[] srcRe = inRe;
            double[] srcIm = inIm;
            for (int a = last - 1; a >= 0; a--) {
                AxisPass.run(spectrumShape, a, srcRe, srcIm, re, im, true, 1.0, threads);
                srcRe = re;
                srcIm = im;
            }
            RealRows.inverse(n, size / n, re, im, out, scale, threads);
        } finally {
            buffers.offer(new SoftReference<>(buffer));
        }
    }

    /**
     * Circular cross-correlation with a signal given by its half spectrum {@code S} ({@code sRe}, {@code sIm},
     * each {@link #spectrumSize()} long, left unchanged):
     * <pre>  out = irfftn(rfftn(in) · conj(S)),   out[j] = Σ_n in[n + j]·s[n]   (indices modulo the shape)</pre>
     * where {@code s} is the real signal with {@code rfftn(s) = S}; the product per bin is
     * {@code (xr·sr + xi·si) + i(xi·sr − xr·si)}. The result is bit-identical to {@link #forward}, that
     * product, then {@link #inverse}, but in 2-D the product runs inside the column pass, on each block of
     * columns between its forward and its inverse transform while the block is in cache: two passes over the
     * spectrum fewer (the overlap-save tiles of NCC and {@code correlate} spend 5–10% of their time in them).
     *
     * @param in     real input, {@link #size()} long; may be the same array as {@code out}
     * @param sRe    real part of the half spectrum {@code S}, in the layout of {@link #forward}
     * @param sIm    imaginary part of {@code S}
     * @param workRe scratch of {@link #spectrumSize()} values (overwritten)
     * @param workIm scratch of {@link #spectrumSize()} values (overwritten)
     * @param out    receives the correlation, {@link #size()} long
     * @param threads threads to use (the result does not depend on it)
     */
    public void correlate(double[] in, double[] sRe, double[] sIm, double[] workRe, double[] workIm, double[] out,
            int threads) {
        checkLen(in.length, size, "input");
        checkLen(sRe.length, spectrumSize, "spectrum real part");
        checkLen(sIm.length, spectrumSize, "spectrum imaginary part");
        checkLen(workRe.length, spectrumSize, "scratch real part");
        checkLen(workIm.length, spectrumSize, "scratch imaginary part");
        checkLen(out.length, size, "output");
        int last = shape.length - 1;
        int n = shape[last];
        RealRows.forward(n, size / n, in, workRe, workIm, threads);
        if (last == 1) {
            AxisPass.correlateColumns(spectrumShape, workRe, workIm, sRe, sIm, threads);
        } else {
            for (int a = last - 1; a >= 0; a--) {
                AxisPass.run(spectrumShape, a, workRe, workIm, workRe, workIm, false, 1.0, threads);
            }
            AxisPass.multiplyConjugate(workRe, workIm, sRe, sIm, threads);
            for (int a = last - 1; a >= 0; a--) {
                AxisPass.run(spectrumShape, a, workRe, workIm, workRe, workIm, true, 1.0, threads);
            }
        }
        RealRows.inverse(n, size / n, workRe, workIm, out, 1.0 / size, threads);
    }

    /** A spectrum-sized scratch pair, reused across calls while memory allows. */
    private double[][] takeBuffer() {
        SoftReference<double[][]> ref;
        while ((ref = buffers.poll()) != null) {
            double[][] b = ref.get();
            if (b != null) {
                return b;
            }
        }
        return new double[][] {new double[spectrumSize], new double[spectrumSize]};
    }

    private static void checkLen(int got, int want, String what) {
        if (got != want) {
            throw new IllegalArgumentException("FFT " + what + " must have " + want + " values, got " + got);
        }
    }
}
