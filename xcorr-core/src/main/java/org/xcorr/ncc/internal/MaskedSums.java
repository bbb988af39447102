package org.xcorr.ncc.internal;

import org.xcorr.array.NdArray;
import org.xcorr.concurrent.Parallel;
import org.xcorr.fft.FastSizes;
import org.xcorr.fft.RealFft;

/**
 * The six correlation sums of masked normalized cross-correlation (Padfield, "Masked object registration in the
 * Fourier domain", IEEE TIP 21(5), 2706–2718, 2012, doi:10.1109/TIP.2011.2181402): the one engine behind masked
 * {@code ncc} ({@link org.xcorr.ncc.MaskedNcc}) and masked registration
 * ({@link org.xcorr.register.PhaseCorrelation#registerMasked}), which differ only in how they turn the sums into
 * a score.
 *
 * <p>For arrays {@code a} (shape {@code Na}) and {@code b} ({@code Nb}, same rank) with 0/1 validity masks
 * {@code ma}, {@code mb}, and a lag {@code k}, the sums run over the pairs {@code (n + k, n)} valid in both:
 * <pre>
 *   N(k)   = Σ_n ma[n+k]·mb[n]            Sa(k)  = Σ_n a[n+k]·mb[n]      Sb(k)  = Σ_n ma[n+k]·b[n]
 *   Sab(k) = Σ_n a[n+k]·b[n]              Saa(k) = Σ_n a[n+k]²·mb[n]     Sbb(k) = Σ_n ma[n+k]·b[n]²
 * </pre>
 * (the values of invalid pixels are never read, so they may be NaN; indices outside an array count as invalid). Each is
 * one product of half spectra and one inverse real FFT on a grid of {@code L = FastSizes.next(...)} per axis, just
 * large enough that the requested lags do not alias: {@code L >= max(k1 + Nb, Na - k0)} for lags
 * {@code k0 … k1}; the full lag range gives {@code Na + Nb - 1}, the {@code valid} range {@code Na}. Six forward
 * transforms, six inverse ones; bit-identical for any thread count (the FFTs are).
 *
 * <p>Each sum comes with a bound on its rounding error, {@code 5·eps·(log2 L + 1)·‖x‖₂·‖y‖₂} for the FFT
 * correlation of {@code x} with {@code y} (the standard bound for FFT convolution, with a safety factor), so a
 * caller can tell a window variance that is real from one made of rounding noise.
 */
public final class MaskedSums {

    private static final double EPS = Math.ulp(1.0);

    /**
     * The sums over the requested lags, each an array of the lag grid's shape (row-major; element {@code i} is
     * lag {@code lagFrom + i} per axis).
     *
     * @param shape     the lag grid's shape
     * @param count     N
     * @param sumA      Sa
     * @param sumB      Sb
     * @param cross     Sab
     * @param sqA       Saa
     * @param sqB       Sbb
     * @param bounds    rounding-error bounds of N, Sa, Sb, Sab, Saa, Sbb in that order (one number each, valid
     *                  for every lag)
     */
    public record Sums(int[] shape, double[] count, double[] sumA, double[] sumB, double[] cross, double[] sqA,
            double[] sqB, double[] bounds) {
    }

    private MaskedSums() {
    }

    /**
     * The six sums for the lags {@code lagFrom[a] … lagFrom[a] + lagCount[a] - 1} per axis.
     *
     * @param a      values of {@code a}, row-major of {@code aShape} (read only where valid)
     * @param aValid 0/1 validity of {@code a}
     * @param b      values of {@code b} (read only where valid)
     * @param bValid 0/1 validity of {@code b}
     */
    public static Sums compute(double[] a, double[] aValid, int[] aShape, double[] b, double[] bValid, int[] bShape,
            int[] lagFrom, int[] lagCount, int threads) {
        int d = aShape.length;
        int[] padded = new int[d];
        for (int ax = 0; ax < d; ax++) {
            long need = Math.max((long) lagFrom[ax] + lagCount[ax] - 1 + bShape[ax], (long) aShape[ax] - lagFrom[ax]);
            need = Math.max(need, Math.max(aShape[ax], bShape[ax]));
            padded[ax] = FastSizes.next(NdArray.checkedSize(need, "masked correlation axis " + ax));
        }
        NdArray.sizeOf(padded);
        RealFft fft = RealFft.of(padded);
        int size = fft.size();
        int spectrum = fft.spectrumSize();

        // zero-padded inputs, one at a time (x·mask, x², mask for each side), each transformed at once
        double[] normA = new double[3];
        double[] normB = new double[3];
        double[][][] specA = new double[3][][];
        double[][][] specB = new double[3][][];
        for (int t = 0; t < 3; t++) {
            double[] pa = pad(a, aValid, aShape, padded, t);
            normA[t] = norm(pa);
            specA[t] = forward(fft, pa, spectrum, threads);
            double[] pb = pad(b, bValid, bShape, padded, t);
            normB[t] = norm(pb);
            specB[t] = forward(fft, pb, spectrum, threads);
        }
        int total = NdArray.sizeOf(lagCount);
        int[] map = gatherMap(lagFrom, lagCount, padded);
        // corr(x, y)[k] = Σ_n x[n + k]·y[n] = irfft(X·conj(Y)), negative lags wrapped to the end
        double[] count = gather(correlate(fft, specA[2], specB[2], size, threads), map, total);
        double[] sumA = gather(correlate(fft, specA[0], specB[2], size, threads), map, total);
        double[] sumB = gather(correlate(fft, specA[2], specB[0], size, threads), map, total);
        double[] cross = gather(correlate(fft, specA[0], specB[0], size, threads), map, total);
        double[] sqA = gather(correlate(fft, specA[1], specB[2], size, threads), map, total);
        double[] sqB = gather(correlate(fft, specA[2], specB[1], size, threads), map, total);
        double log = 1;
        for (int p : padded) {
            log += Math.log(p) / Math.log(2);
        }
        double g = 5 * EPS * log;
        double[] bounds = {g * normA[2] * normB[2], g * normA[0] * normB[2], g * normA[2] * normB[0],
            g * normA[0] * normB[0], g * normA[1] * normB[2], g * normA[2] * normB[1]};
        return new Sums(lagCount.clone(), count, sumA, sumB, cross, sqA, sqB, bounds);
    }

    /** Flat index in the padded grid of each requested lag (lag grid order). */
    private static int[] gatherMap(int[] lagFrom, int[] lagCount, int[] padded) {
        int d = padded.length;
        int total = NdArray.sizeOf(lagCount);
        int[] map = new int[total];
        int[] idx = new int[d];
        for (int i = 0; i < total; i++) {
            int src = 0;
            for (int ax = 0; ax < d; ax++) {
                src = src * padded[ax] + Math.floorMod(lagFrom[ax] + idx[ax], padded[ax]);
            }
            map[i] = src;
            for (int ax = d - 1; ax >= 0; ax--) {
                if (++idx[ax] < lagCount[ax]) {
                    break;
                }
                idx[ax] = 0;
            }
        }
        return map;
    }

    private static double[] gather(double[] full, int[] map, int total) {
        double[] out = new double[total];
        for (int i = 0; i < total; i++) {
            out[i] = full[map[i]];
        }
        return out;
    }

    private static double norm(double[] v) {
        double scale = 0;
        for (double x : v) {
            scale = Math.max(scale, Math.abs(x));
        }
        if (scale == 0) {
            return 0;
        }
        double s = 0;
        for (double x : v) {
            double y = x / scale;
            s += y * y;
        }
        return scale * Math.sqrt(s);
    }

    /** The zero-padded {@code x·valid} ({@code kind} 0), {@code x²·valid} (1) or {@code valid} (2). */
    private static double[] pad(double[] values, double[] valid, int[] shape, int[] padded, int kind) {
        double[] v = new double[NdArray.sizeOf(padded)];
        int d = shape.length;
        int[] idx = new int[d];
        for (int i = 0; i < values.length; i++) {
            int dst = 0;
            for (int a = 0; a < d; a++) {
                dst = dst * padded[a] + idx[a];
            }
            if (valid[i] != 0) {
                double x = values[i];
                v[dst] = kind == 0 ? x : kind == 1 ? x * x : 1;
            }
            for (int a = d - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return v;
    }

    private static double[][] forward(RealFft fft, double[] in, int spectrum, int threads) {
        double[] re = new double[spectrum];
        double[] im = new double[spectrum];
        fft.forward(in, re, im, threads);
        return new double[][] {re, im};
    }

    private static double[] correlate(RealFft fft, double[][] a, double[][] b, int size, int threads) {
        int spectrum = a[0].length;
        double[] re = new double[spectrum];
        double[] im = new double[spectrum];
        double[] ar = a[0];
        double[] ai = a[1];
        double[] br = b[0];
        double[] bi = b[1];
        Parallel.forRange(threads, spectrum, 4096, (from, to) -> {
            for (int k = from; k < to; k++) {
                re[k] = ar[k] * br[k] + ai[k] * bi[k];
                im[k] = ai[k] * br[k] - ar[k] * bi[k];
            }
        });
        double[] out = new double[size];
        fft.inverse(re, im, out, threads);
        return out;
    }
}
