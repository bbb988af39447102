package org.xcorr.register;

import java.util.ArrayList;
import java.util.List;

/**
 * Resolution of the periodic ambiguity of phase correlation ({@link RegistrationOptions#disambiguate()}).
 *
 * <p>The circular correlation surface {@code c} knows a lag {@code j} only modulo the image size: on an axis of
 * length {@code n} the shifts {@code j} and {@code j - n} give the same peak (scikit-image#6604). And when the
 * phase-normalized surface is dominated by the edges of smooth images, the right peak is not the highest one
 * (scikit-image#6456). So the {@code K} highest local maxima of {@code |c|} (the global maximum first, then the
 * others by decreasing height, ties in row-major order; a local maximum is at least as high as its {@code 3^d}
 * circular neighbours) each contribute their {@code 2^d} periodic alternatives ({@code j_a} or {@code j_a - n_a}
 * per axis; one alternative on an axis where {@code j_a = 0}), and the alternative whose real-space Pearson
 * correlation over the overlap of the two images is highest wins (the first in that order on a tie). Only
 * alternatives overlapping at least {@code overlapRatio·N} pixels and within {@code maxShift} compete; when
 * none does, the usual answer stands. The winner is then refined by steepest ascent of the overlap NCC over
 * neighbouring integer shifts (the phase-normalized surface of smooth images may show only a streak through
 * the true shift). Same idea as scikit-image 0.20's {@code disambiguate} (PR #6617) and
 * BigStitcher's "peaks to check"; the cost is {@code K·2^d} passes over the overlap, serial and therefore
 * the same for every thread count.
 */
final class Disambiguation {

    private Disambiguation() {
    }

    /**
     * The chosen candidate.
     *
     * @param peak    flat index into the correlation surface
     * @param shift   the integer shift per axis (may exceed half the size)
     * @param ncc     its overlap NCC
     * @param overlap its overlap in pixels
     */
    record Choice(int peak, long[] shift, double ncc, long overlap) {
    }

    static Choice choose(double[] reference, double[] moving, int[] shape, double[] c, int peak, long[] shift,
            RegistrationOptions options) {
        int d = shape.length;
        long size = c.length;
        double[] maxShift = options.maxShift();
        double[] base = overlapNcc(reference, moving, shape, shift);
        Choice best = new Choice(peak, shift.clone(), base[0], (long) base[1]);
        boolean bestCompetes = false;
        for (int candidate : peaks(c, shape, peak, options.peaksToCheck())) {
            int[] j = unravel(candidate, shape);
            for (int bits = 0; bits < (1 << d); bits++) {
                long[] s = new long[d];
                boolean skip = false;
                for (int a = 0; a < d && !skip; a++) {
                    boolean wrap = (bits >> (d - 1 - a) & 1) == 1;
                    int n = shape[a];
                    // the first alternative is the usual wrap (|s| <= n/2); the second the other period
                    long usual = j[a] > n / 2 ? j[a] - n : j[a];
                    long other = usual <= 0 ? usual + n : usual - n;
                    if (wrap && (j[a] == 0 || n == 1)) {
                        skip = true;
                    }
                    s[a] = wrap ? other : usual;
                    if (maxShift != null && Math.abs(s[a]) > maxShift[a]) {
                        skip = true;
                    }
                }
                if (skip) {
                    continue;
                }
                long overlap = 1;
                for (int a = 0; a < d; a++) {
                    overlap *= shape[a] - Math.abs(s[a]);
                }
                if (overlap <= 0 || overlap < options.overlapRatio() * size) {
                    continue;
                }
                double[] q = overlapNcc(reference, moving, shape, s);
                if (!bestCompetes || q[0] > best.ncc()) {
                    best = new Choice(candidate, s, q[0], (long) q[1]);
                    bestCompetes = true;
                }
            }
        }
        return climb(reference, moving, shape, best, options);
    }

    /**
     * Steepest ascent of the overlap NCC over integer shifts from {@code start}: each step moves to the best of
     * the {@code 3^d - 1} neighbouring shifts if it is strictly better. The phase-normalized surface of smooth
     * images can put its peak a few pixels off the true shift (or only on a streak through it), where the
     * overlap NCC is already high and rises smoothly towards the answer.
     */
    private static Choice climb(double[] reference, double[] moving, int[] shape, Choice start,
            RegistrationOptions options) {
        int d = shape.length;
        long size = 1;
        int limit = 0;
        for (int n : shape) {
            size *= n;
            limit += n;
        }
        double[] maxShift = options.maxShift();
        int neighbours = 1;
        for (int a = 0; a < d; a++) {
            neighbours *= 3;
        }
        long[] s = start.shift().clone();
        double ncc = start.ncc();
        long overlapOf = start.overlap();
        for (int step = 0; step < limit; step++) {
            long[] bestShift = null;
            double bestNcc = ncc;
            long bestOverlap = 0;
            for (int nb = 0; nb < neighbours; nb++) {
                int rem = nb;
                long[] t = new long[d];
                boolean ok = nb != (neighbours - 1) / 2;
                long overlap = 1;
                for (int a = d - 1; a >= 0 && ok; a--) {
                    t[a] = s[a] + rem % 3 - 1;
                    rem /= 3;
                    ok = Math.abs(t[a]) < shape[a] && (maxShift == null || Math.abs(t[a]) <= maxShift[a]);
                    overlap *= shape[a] - Math.abs(t[a]);
                }
                if (!ok || overlap < options.overlapRatio() * size) {
                    continue;
                }
                double q = overlapNcc(reference, moving, shape, t)[0];
                if (q > bestNcc) {
                    bestNcc = q;
                    bestShift = t;
                    bestOverlap = overlap;
                }
            }
            if (bestShift == null) {
                break;
            }
            s = bestShift;
            ncc = bestNcc;
            overlapOf = bestOverlap;
        }
        int peak = 0;
        for (int a = 0; a < d; a++) {
            peak = peak * shape[a] + (int) Math.floorMod(s[a], (long) shape[a]);
        }
        return new Choice(peak, s, ncc, overlapOf);
    }

    /** The global peak, then up to {@code k - 1} other local maxima of |c| by decreasing height. */
    static List<Integer> peaks(double[] c, int[] shape, int first, int k) {
        int d = shape.length;
        List<Integer> out = new ArrayList<>();
        out.add(first);
        if (k == 1) {
            return out;
        }
        int[] bestIndex = new int[k - 1];
        double[] bestValue = new double[k - 1];
        int found = 0;
        int[] idx = new int[d];
        int neighbours = 1;
        for (int a = 0; a < d; a++) {
            neighbours *= 3;
        }
        for (int flat = 0; flat < c.length; flat++) {
            double v = Math.abs(c[flat]);
            if (flat != first && (found < k - 1 || v > bestValue[found - 1])) {
                boolean max = true;
                for (int nb = 0; nb < neighbours && max; nb++) {
                    int rem = nb;
                    int other = 0;
                    for (int a = 0; a < d; a++) {
                        int step = rem % 3 - 1;
                        rem /= 3;
                        other = other * shape[a] + Math.floorMod(idx[a] + step, shape[a]);
                    }
                    max = Math.abs(c[other]) <= v;
                }
                if (max) {
                    // insertion into the sorted top list; strict > keeps row-major order among equals
                    int pos = Math.min(found, k - 2);
                    if (found < k - 1) {
                        found++;
                    }
                    while (pos > 0 && v > bestValue[pos - 1]) {
                        bestValue[pos] = bestValue[pos - 1];
                        bestIndex[pos] = bestIndex[pos - 1];
                        pos--;
                    }
                    bestValue[pos] = v;
                    bestIndex[pos] = flat;
                }
            }
            for (int a = d - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        for (int i = 0; i < found; i++) {
            out.add(bestIndex[i]);
        }
        return out;
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] j = new int[shape.length];
        for (int a = shape.length - 1; a >= 0; a--) {
            j[a] = flat % shape[a];
            flat /= shape[a];
        }
        return j;
    }

    /**
     * {@code {r, count}}: the Pearson correlation of {@code reference[x]} and {@code moving[x - s]} over the
     * pixels {@code x} where both exist (no wrap-around), two-pass (means first) so that large offsets do not
     * cancel; 0 when either side is constant over the overlap or the overlap is empty.
     */
    static double[] overlapNcc(double[] reference, double[] moving, int[] shape, long[] s) {
        int d = shape.length;
        // pad to three axes so one loop nest serves 1-3 axes
        int[] n = {1, 1, 1};
        long[] t = {0, 0, 0};
        for (int a = 0; a < d; a++) {
            n[3 - d + a] = shape[a];
            t[3 - d + a] = s[a];
        }
        int[] lo = new int[3];
        int[] hi = new int[3];
        long count = 1;
        for (int a = 0; a < 3; a++) {
            lo[a] = (int) Math.max(0, t[a]);
            hi[a] = (int) Math.min(n[a], n[a] + t[a]);
            if (hi[a] <= lo[a]) {
                return new double[] {0, 0};
            }
            count *= hi[a] - lo[a];
        }
        double sr = 0;
        double sm = 0;
        for (int z = lo[0]; z < hi[0]; z++) {
            for (int y = lo[1]; y < hi[1]; y++) {
                int r = (z * n[1] + y) * n[2];
                int m = (int) (((z - t[0]) * n[1] + (y - t[1])) * n[2] - t[2]);
                for (int x = lo[2]; x < hi[2]; x++) {
                    sr += reference[r + x];
                    sm += moving[m + x];
                }
            }
        }
        double mr = sr / count;
        double mm = sm / count;
        double srm = 0;
        double srr = 0;
        double smm = 0;
        for (int z = lo[0]; z < hi[0]; z++) {
            for (int y = lo[1]; y < hi[1]; y++) {
                int r = (z * n[1] + y) * n[2];
                int m = (int) (((z - t[0]) * n[1] + (y - t[1])) * n[2] - t[2]);
                for (int x = lo[2]; x < hi[2]; x++) {
                    double a = reference[r + x] - mr;
                    double b = moving[m + x] - mm;
                    srm += a * b;
                    srr += a * a;
                    smm += b * b;
                }
            }
        }
        double den = Math.sqrt(srr * smm);
        double ncc = den == 0 || !(den > 0) ? 0 : Math.max(-1, Math.min(1, srm / den));
        return new double[] {ncc, count};
    }
}
