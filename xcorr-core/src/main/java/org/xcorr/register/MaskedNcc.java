package org.xcorr.register;

import org.xcorr.concurrent.Parallel;
import org.xcorr.array.NdArray;
import org.xcorr.fft.FastSizes;
import org.xcorr.fft.RealFft;

/**
 * The masked normalized cross-correlation surface of Padfield (2012, doi:10.1109/TIP.2011.2181402), with
 * scikit-image 0.19's thresholds; see {@link PhaseCorrelation} for the formula. Six real FFTs of the padded
 * shape {@code FastSizes.next(Nr + Nm - 1)} give the six correlation sums, six inverse ones bring them back.
 */
final class MaskedNcc {

    private static final double EPS = Math.ulp(1.0);

    private MaskedNcc() {
    }

    /**
     * @param surface    γ over the full lags, shape {@code Nr + Nm - 1}; index {@code i} is lag {@code i - (Nr-1)}
     * @param shape      its shape
     * @param peak       mean position of the maxima
     * @param uniquePeak flat index of the maximum when unique, else -1
     */
    record Result(double[] surface, int[] shape, double[] peak, int uniquePeak) {
    }

    static Result compute(NdArray reference, double[] refValid, NdArray moving, double[] movValid,
            double overlapRatio, int threads) {
        int[] rs = reference.shape();
        int[] ms = moving.shape();
        int d = rs.length;
        int[] full = new int[d];
        int[] padded = new int[d];
        for (int a = 0; a < d; a++) {
            full[a] = rs[a] + ms[a] - 1;
            padded[a] = FastSizes.next(full[a]);
        }
        RealFft fft = RealFft.of(padded);
        int size = fft.size();
        int spectrum = fft.spectrumSize();

        // zero-padded inputs: r (reference·mask), r², mask_r, m (moving·mask), m², mask_m
        double[][] ref = pad(reference.backingReal(), refValid, rs, padded);
        double[][] mov = pad(moving.backingReal(), movValid, ms, padded);
        double[][][] refSpec = new double[3][][];
        double[][][] movSpec = new double[3][][];
        for (int t = 0; t < 3; t++) {
            refSpec[t] = forward(fft, ref[t], spectrum, threads);
            movSpec[t] = forward(fft, mov[t], spectrum, threads);
        }
        // corr(a, b)[k] = Σ_n a[n + k]·b[n] = irfft(A·conj(B)), negative lags wrapped to the end
        double[] overlap = correlate(fft, movSpec[2], refSpec[2], size, threads);   // Σ mask_m·mask_r
        double[] movSum = correlate(fft, movSpec[0], refSpec[2], size, threads);    // Σ m·mask_r
        double[] refSum = correlate(fft, movSpec[2], refSpec[0], size, threads);    // Σ mask_m·r
        double[] cross = correlate(fft, movSpec[0], refSpec[0], size, threads);     // Σ m·r
        double[] movSq = correlate(fft, movSpec[1], refSpec[2], size, threads);     // Σ m²·mask_r
        double[] refSq = correlate(fft, movSpec[2], refSpec[1], size, threads);     // Σ mask_m·r²

        int total = NdArray.sizeOf(full);
        double[] count = new double[total];
        double[] numerator = new double[total];
        double[] denominator = new double[total];
        int[] idx = new int[d];
        for (int i = 0; i < total; i++) {
            int src = 0;
            for (int a = 0; a < d; a++) {
                src = src * padded[a] + Math.floorMod(idx[a] - (rs[a] - 1), padded[a]);
            }
            double n = Math.max(Math.rint(overlap[src]), EPS);
            double ms1 = movSum[src];
            double rs1 = refSum[src];
            numerator[i] = cross[src] - ms1 * rs1 / n;
            double movDen = Math.max(movSq[src] - ms1 * ms1 / n, 0.0);
            double refDen = Math.max(refSq[src] - rs1 * rs1 / n, 0.0);
            denominator[i] = Math.sqrt(movDen * refDen);
            count[i] = n;
            for (int a = d - 1; a >= 0; a--) {
                if (++idx[a] < full[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        double maxDen = 0;
        double maxCount = 0;
        for (int i = 0; i < total; i++) {
            maxDen = Math.max(maxDen, denominator[i]);
            maxCount = Math.max(maxCount, count[i]);
        }
        double tolerance = 1e3 * EPS * maxDen;
        double threshold = overlapRatio * maxCount;
        double[] out = numerator; // reused in place
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < total; i++) {
            double g = denominator[i] > tolerance ? numerator[i] / denominator[i] : 0.0;
            g = Math.min(1.0, Math.max(-1.0, g));
            if (count[i] < threshold) {
                g = 0.0;
            }
            out[i] = g;
            best = Math.max(best, g);
        }
        double[] mean = new double[d];
        int ties = 0;
        int first = -1;
        for (int i = 0; i < total; i++) {
            if (out[i] == best) {
                if (ties == 0) {
                    first = i;
                }
                ties++;
                int rem = i;
                for (int a = d - 1; a >= 0; a--) {
                    mean[a] += rem % full[a];
                    rem /= full[a];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            mean[a] /= ties;
        }
        return new Result(out, full, mean, ties == 1 ? first : -1);
    }

    private static double[][] pad(double[] values, double[] valid, int[] shape, int[] padded) {
        int size = NdArray.sizeOf(padded);
        double[] v = new double[size];
        double[] v2 = new double[size];
        double[] m = new double[size];
        int d = shape.length;
        int[] idx = new int[d];
        for (int i = 0; i < values.length; i++) {
            int dst = 0;
            for (int a = 0; a < d; a++) {
                dst = dst * padded[a] + idx[a];
            }
            if (valid[i] != 0) {
                double x = values[i];
                v[dst] = x;
                v2[dst] = x * x;
                m[dst] = 1;
            }
            for (int a = d - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return new double[][] {v, v2, m};
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

    /**
     * The mean position of the maxima of {@code r}'s surface among the lags whose shift
     * {@code -(i - (Nr - 1)) + (Nm - Nr)/2} lies within {@code maxShift} on every axis (the bounded search of
     * {@link RegistrationOptions#maxShift()}); the same tie rule as {@link #compute}.
     */
    static double[] peakWithin(Result r, int[] rs, int[] ms, double[] maxShift) {
        int d = rs.length;
        int[] full = r.shape();
        double[] out = r.surface();
        boolean[][] allowed = new boolean[d][];
        for (int a = 0; a < d; a++) {
            allowed[a] = new boolean[full[a]];
            for (int i = 0; i < full[a]; i++) {
                double shift = -(i - (rs[a] - 1)) + (ms[a] - rs[a]) / 2.0;
                allowed[a][i] = Math.abs(shift) <= maxShift[a];
            }
        }
        double best = Double.NEGATIVE_INFINITY;
        double[] mean = new double[d];
        int ties = 0;
        int[] idx = new int[d];
        for (int i = 0; i < out.length; i++) {
            boolean ok = true;
            for (int a = 0; a < d && ok; a++) {
                ok = allowed[a][idx[a]];
            }
            if (ok && out[i] >= best) {
                if (out[i] > best) {
                    best = out[i];
                    ties = 0;
                    java.util.Arrays.fill(mean, 0);
                }
                ties++;
                for (int a = 0; a < d; a++) {
                    mean[a] += idx[a];
                }
            }
            for (int a = d - 1; a >= 0; a--) {
                if (++idx[a] < full[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        if (ties == 0) {
            throw new IllegalArgumentException("maxShift " + java.util.Arrays.toString(maxShift)
                    + " allows no lag of the masked search");
        }
        for (int a = 0; a < d; a++) {
            mean[a] /= ties;
        }
        return mean;
    }
}
