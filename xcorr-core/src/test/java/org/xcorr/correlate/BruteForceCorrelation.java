package org.xcorr.correlate;

import java.util.Random;
import org.xcorr.Tolerances;
import org.xcorr.array.NdArray;

/**
 * The SPEC §1 definition summed literally, element by element, with no shared code from the main sources: the
 * reference every fast path is compared with. Also the test data generators and the one tolerance rule.
 */
final class BruteForceCorrelation {

    private BruteForceCorrelation() {
    }

    /** {@code out[i] = c(i - origin)} per SPEC, or the circular sum; result complex if either input is. */
    static NdArray correlate(NdArray a, NdArray b, Mode mode, boolean centered) {
        int rank = a.rank();
        int[] na = a.shape();
        int[] nb = b.shape();
        int[] out = new int[rank];
        int[] origin = new int[rank];
        for (int d = 0; d < rank; d++) {
            switch (mode) {
                case FULL -> {
                    out[d] = na[d] + nb[d] - 1;
                    origin[d] = nb[d] - 1;
                }
                case SAME -> {
                    out[d] = na[d];
                    origin[d] = nb[d] / 2;
                }
                case VALID -> {
                    out[d] = na[d] - nb[d] + 1;
                    origin[d] = 0;
                }
                case CIRCULAR -> {
                    out[d] = na[d];
                    origin[d] = centered ? nb[d] / 2 : 0;
                }
            }
        }
        int size = NdArray.sizeOf(out);
        double[] re = new double[size];
        double[] im = new double[size];
        int[] i = new int[rank];
        int[] n = new int[rank];
        int[] j = new int[rank];
        int nbSize = b.size();
        for (int flat = 0; flat < size; flat++) {
            unravel(flat, out, i);
            double sr = 0;
            double si = 0;
            for (int fb = 0; fb < nbSize; fb++) {
                unravel(fb, nb, n);
                boolean inside = true;
                for (int d = 0; d < rank; d++) {
                    int idx = n[d] + i[d] - origin[d];
                    if (mode == Mode.CIRCULAR) {
                        idx = Math.floorMod(idx, na[d]);
                    } else if (idx < 0 || idx >= na[d]) {
                        inside = false;
                    }
                    j[d] = idx;
                }
                if (!inside) {
                    continue;
                }
                double ar = a.get(j);
                double ai = a.getImag(j);
                double br = b.get(n);
                double bi = b.getImag(n);
                sr += ar * br + ai * bi;
                si += ai * br - ar * bi;
            }
            re[flat] = sr;
            im[flat] = si;
        }
        return a.isComplex() || b.isComplex() ? NdArray.wrapComplex(re, im, out) : NdArray.wrap(re, out);
    }

    static void unravel(int flat, int[] shape, int[] idx) {
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
    }

    /** Uniform values in [-1, 1), complex when asked. */
    static NdArray random(Random rnd, boolean complex, int... shape) {
        int n = NdArray.sizeOf(shape);
        double[] re = rnd.doubles(n, -1, 1).toArray();
        if (!complex) {
            return NdArray.wrap(re, shape);
        }
        return NdArray.wrapComplex(re, rnd.doubles(n, -1, 1).toArray(), shape);
    }

    static double norm(NdArray x) {
        double s = 0;
        for (int k = 0; k < x.size(); k++) {
            double r = x.backingReal()[k];
            double m = x.isComplex() ? x.backingImag()[k] : 0;
            s += r * r + m * m;
        }
        return Math.sqrt(s);
    }

    /** The one tolerance rule of these tests: rounding of an FFT of the padded size, scaled by ‖a‖·‖b‖. */
    static double tolerance(NdArray a, NdArray b) {
        return Tolerances.FFT_RELATIVE * (1 + Math.log(a.size() + b.size()) * 4) * Math.max(1e-300, norm(a) * norm(b));
    }

    /** Null when {@code got} equals {@code want} in shape, complexity and values within {@code tol}. */
    static String compare(NdArray got, NdArray want, double tol) {
        if (!java.util.Arrays.equals(got.shape(), want.shape())) {
            return "shape " + got.shapeString() + " != " + want.shapeString();
        }
        if (got.isComplex() != want.isComplex()) {
            return "complex " + got.isComplex() + " != " + want.isComplex();
        }
        for (int k = 0; k < got.size(); k++) {
            double dr = got.backingReal()[k] - want.backingReal()[k];
            double di = got.isComplex() ? got.backingImag()[k] - want.backingImag()[k] : 0;
            double e = Math.hypot(dr, di);
            if (!(e <= tol)) {
                return "at " + java.util.Arrays.toString(want.unravel(k)) + ": got " + got.backingReal()[k]
                        + (got.isComplex() ? "+" + got.backingImag()[k] + "i" : "") + " want " + want.backingReal()[k]
                        + (want.isComplex() ? "+" + want.backingImag()[k] + "i" : "") + " (|d|=" + e + " > " + tol + ")";
            }
        }
        return null;
    }
}
