package org.xcorr.correlate;

import org.xcorr.array.NdArray;
import org.xcorr.concurrent.Parallel;
import org.xcorr.fft.ComplexFft;
import org.xcorr.fft.FastSizes;
import org.xcorr.fft.RealFft;

/**
 * Correlation through the Fourier transform: with {@code a} and {@code b} zero-padded at their ends to a period
 * {@code n} per axis, {@code ifftn(fftn(a) · conj(fftn(b)))[k] = Σ_j c(k + j·n)}, the linear correlation folded
 * with period {@code n}. Choosing {@code n} at least {@link Geometry#linearPeriod} keeps every fold off the lags
 * the mode needs, and rounding it up with {@link FastSizes#next(int)} keeps the transforms fast; the circular
 * mode uses {@code n = Na} exactly, as its definition requires. Output index {@code i} is then read from
 * {@code (i - origin) mod n}. Real inputs use the half-spectrum real FFT.
 */
final class FftCorrelation {

    private static final int MIN_CHUNK = 1 << 14;

    private FftCorrelation() {
    }

    /** The padded transform shape (caller's rank) for {@code g}. */
    static int[] transformShape(Geometry g) {
        int[] n = new int[g.rank];
        for (int d = 0; d < g.rank; d++) {
            int axis = 3 - g.rank + d;
            int p = g.linearPeriod(axis);
            n[d] = g.circular ? p : FastSizes.next(p);
        }
        return n;
    }

    static NdArray correlate(NdArray a, NdArray b, Geometry g, int threads) {
        int[] shape = transformShape(g);
        int[] n3 = new int[3];
        for (int d = 0; d < 3; d++) {
            n3[d] = d < 3 - g.rank ? 1 : shape[d - (3 - g.rank)];
        }
        if (!a.isComplex() && !b.isComplex()) {
            return real(a, b, g, shape, n3, threads);
        }
        return complex(a, b, g, shape, n3, threads);
    }

    private static NdArray real(NdArray a, NdArray b, Geometry g, int[] shape, int[] n3, int threads) {
        RealFft plan = RealFft.of(shape);
        int h = plan.spectrumSize();
        double[] ar = new double[h];
        double[] ai = new double[h];
        double[] circ = pad(a.backingReal(), g.na, n3, threads);
        if (a == b) {
            plan.forward(circ, ar, ai, threads);
            multiplyConjugate(ar, ai, ar, ai, threads);
            plan.inverse(ar, ai, circ, threads);
        } else {
            double[] br = new double[h];
            double[] bi = new double[h];
            plan.forward(pad(b.backingReal(), g.nb, n3, threads), br, bi, threads);
            // circ ← irfft(rfft(circ)·conj(B)), in place, the product fused into the column pass
            plan.correlate(circ, br, bi, ar, ai, circ, threads);
        }
        double[] out = new double[(int) g.outputSize()];
        extract(circ, out, g, n3, threads);
        return NdArray.wrap(out, g.outputShape());
    }

    private static NdArray complex(NdArray a, NdArray b, Geometry g, int[] shape, int[] n3, int threads) {
        ComplexFft plan = ComplexFft.of(shape);
        double[] ar = pad(a.backingReal(), g.na, n3, threads);
        double[] ai = a.isComplex() ? pad(a.backingImag(), g.na, n3, threads) : new double[plan.size()];
        plan.forward(ar, ai, threads);
        if (a == b) {
            multiplyConjugate(ar, ai, ar, ai, threads);
        } else {
            double[] br = pad(b.backingReal(), g.nb, n3, threads);
            double[] bi = b.isComplex() ? pad(b.backingImag(), g.nb, n3, threads) : new double[plan.size()];
            plan.forward(br, bi, threads);
            multiplyConjugate(ar, ai, br, bi, threads);
        }
        plan.inverse(ar, ai, threads);
        int size = (int) g.outputSize();
        double[] outRe = new double[size];
        double[] outIm = new double[size];
        extract(ar, outRe, g, n3, threads);
        extract(ai, outIm, g, n3, threads);
        return NdArray.wrapComplex(outRe, outIm, g.outputShape());
    }

    /** {@code x} (shape {@code s}) copied into the corner of a zero array of shape {@code n}. */
    private static double[] pad(double[] x, int[] s, int[] n, int threads) {
        double[] p = new double[n[0] * n[1] * n[2]];
        int rows = s[0] * s[1];
        Parallel.forRange(threads, rows, Math.max(1, MIN_CHUNK / s[2]), (from, to) -> {
            for (int r = from; r < to; r++) {
                int z = r / s[1];
                int y = r % s[1];
                System.arraycopy(x, r * s[2], p, (z * n[1] + y) * n[2], s[2]);
            }
        });
        return p;
    }

    /** {@code (ar + i ai) ← (ar + i ai) · conj(br + i bi)}, element by element. */
    private static void multiplyConjugate(double[] ar, double[] ai, double[] br, double[] bi, int threads) {
        Parallel.forRange(threads, ar.length, MIN_CHUNK, (from, to) -> {
            for (int k = from; k < to; k++) {
                double xr = ar[k];
                double xi = ai[k];
                double yr = br[k];
                double yi = bi[k];
                ar[k] = xr * yr + xi * yi;
                ai[k] = xi * yr - xr * yi;
            }
        });
    }

    /** {@code out[i] = circ[(i - origin) mod n]} per axis. */
    private static void extract(double[] circ, double[] out, Geometry g, int[] n, int threads) {
        int outY = g.out[1];
        int outX = g.out[2];
        int start = Math.floorMod(-g.origin[2], n[2]);
        int first = Math.min(outX, n[2] - start);
        Parallel.forRange(threads, g.out[0] * outY, Math.max(1, MIN_CHUNK / outX), (from, to) -> {
            for (int r = from; r < to; r++) {
                int z = Math.floorMod(r / outY - g.origin[0], n[0]);
                int y = Math.floorMod(r % outY - g.origin[1], n[1]);
                int src = (z * n[1] + y) * n[2];
                System.arraycopy(circ, src + start, out, r * outX, first);
                System.arraycopy(circ, src, out, r * outX + first, outX - first);
            }
        });
    }
}
