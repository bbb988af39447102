package org.xcorr.register;

import org.xcorr.array.NdArray;
import org.xcorr.ncc.internal.MaskedSums;

/**
 * The masked normalized cross-correlation surface of Padfield (2012, doi:10.1109/TIP.2011.2181402) over every
 * lag, with scikit-image 0.19's thresholds; see {@link PhaseCorrelation} for the formula. The six correlation
 * sums come from {@link MaskedSums}, the engine masked {@code ncc} shares; this class applies registration's
 * rules to them (overlap ratio of the largest overlap, denominator tolerance relative to the largest one).
 */
final class MaskedSurface {

    private static final double EPS = Math.ulp(1.0);

    private MaskedSurface() {
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
        int[] from = new int[d];
        for (int a = 0; a < d; a++) {
            full[a] = rs[a] + ms[a] - 1;
            from[a] = -(rs[a] - 1);
        }
        // Σ over the pairs (moving[n + k], reference[n]) valid in both masks, every lag k of the full range
        MaskedSums.Sums sums = MaskedSums.compute(moving.backingReal(), movValid, ms,
                reference.backingReal(), refValid, rs, from, full, threads);
        double[] overlap = sums.count();   // Σ mask_m·mask_r
        double[] movSum = sums.sumA();     // Σ m·mask_r
        double[] refSum = sums.sumB();     // Σ mask_m·r
        double[] cross = sums.cross();     // Σ m·r
        double[] movSq = sums.sqA();       // Σ m²·mask_r
        double[] refSq = sums.sqB();       // Σ mask_m·r²

        int total = NdArray.sizeOf(full);
        double[] count = new double[total];
        double[] numerator = new double[total];
        double[] denominator = new double[total];
        for (int i = 0; i < total; i++) {
            double n = Math.max(Math.rint(overlap[i]), EPS);
            double ms1 = movSum[i];
            double rs1 = refSum[i];
            numerator[i] = cross[i] - ms1 * rs1 / n;
            double movDen = Math.max(movSq[i] - ms1 * ms1 / n, 0.0);
            double refDen = Math.max(refSq[i] - rs1 * rs1 / n, 0.0);
            denominator[i] = Math.sqrt(movDen * refDen);
            count[i] = n;
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
