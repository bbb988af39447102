package org.xcorr.register;

import java.util.ArrayList;
import java.util.List;
import org.xcorr.concurrent.Parallel;

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
 * BigStitcher's "peaks to check"; the cost is {@code K·2^d} passes over the overlap (each parallel, in
 * blocks fixed by the shape, so the same for every thread count).
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
            RegistrationOptions options, int threads) {
        int d = shape.length;
        long size = c.length;
        double[] maxShift = options.maxShift();
        double[] base = overlapNcc(reference, moving, shape, shift, threads);
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
                double[] q = overlapNcc(reference, moving, shape, s, threads);
                if (!bestCompetes || q[0] > best.ncc()) {
                    best = new Choice(candidate, s, q[0], (long) q[1]);
                    bestCompetes = true;
                }
            }
        }
        return climb(reference, moving, shape, best, options, threads);
    }

    /**
     * Steepest ascent of the overlap NCC over integer shifts from {@code start}: each step moves to the best of
     * the {@code 3^d - 1} neighbouring shifts if it is strictly better. The phase-normalized surface of smooth
     * images can put its peak a few pixels off the true shift (or only on a streak through it), where the
     * overlap NCC is already high and rises smoothly towards the answer.
     */
    private static Choice climb(double[] reference, double[] moving, int[] shape, Choice start,
            RegistrationOptions options, int threads) {
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
                double q = overlapNcc(reference, moving, shape, t, threads)[0];
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

    /** Sums kept per block of {@link #overlapNcc(double[], double[], int[], long[], int)}. */
    private static final int PARTS = 8;

    /** {@link #overlapNcc(double[], double[], int[], long[], int)} on one thread (the same bits). */
    static double[] overlapNcc(double[] reference, double[] moving, int[] shape, long[] s) {
        return overlapNcc(reference, moving, shape, s, 1);
    }

    /**
     * {@code {r, count}}: the Pearson correlation of {@code reference[x]} and {@code moving[x - s]} over the
     * pixels {@code x} where both exist (no wrap-around); 0 when either side is constant over the overlap or the
     * overlap is empty.
     *
     * <p>One pass over memory, as exact as two: the overlap is cut into blocks of about {@link Energy#BLOCK}
     * pixels (whole rows, or pieces of one long row), and each block is summed twice while it is in cache, first
     * for its computed means {@code m_B}, {@code k_B}, then for its moments about them and the residuals
     * {@code ρ_B = Σ (a - m_B)}, {@code σ_B = Σ (b - k_B)}; the blocks are combined, in block order, with the
     * identity {@code Σ_B Σ (a-ā)(b-b̄) = Σ_B [C_B + (m_B-ā)·σ_B + (k_B-b̄)·ρ_B + n_B·(m_B-ā)(k_B-b̄)]}, exact
     * for any centres (the residual terms make up for the rounding of the block means; Chan, Golub &amp;
     * LeVeque, Am. Stat. 37, 242 (1983)). So large offsets do not cancel, and the result does not depend on
     * {@code threads}.
     */
    static double[] overlapNcc(double[] reference, double[] moving, int[] shape, long[] s, int threads) {
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
        int width = hi[2] - lo[2];
        int rowsY = hi[1] - lo[1];
        long rows = (long) (hi[0] - lo[0]) * rowsY;
        // a block is rowsPerBlock whole rows, or (long rows) one piece of segments per row
        int segments = (width + Energy.BLOCK - 1) / Energy.BLOCK;
        int rowsPerBlock = segments > 1 ? 1 : Math.max(1, Energy.BLOCK / width);
        long blockCount = segments > 1 ? rows * segments : (rows + rowsPerBlock - 1) / rowsPerBlock;
        if (blockCount > Integer.MAX_VALUE / 8) {
            throw new IllegalStateException("overlap too large: " + count + " pixels");
        }
        int blocks = (int) blockCount;
        // per block: n, Σr, Σm, then about the block's computed means: Crm, Crr, Cmm and the residuals ρ, σ
        double[] part = new double[PARTS * blocks];
        Parallel.forRange(threads, blocks, (from, to) -> {
            for (int b = from; b < to; b++) {
                long row0;
                long row1;
                int x0;
                int x1;
                if (segments > 1) {
                    row0 = b / segments;
                    row1 = row0 + 1;
                    x0 = lo[2] + (b % segments) * Energy.BLOCK;
                    x1 = Math.min(hi[2], x0 + Energy.BLOCK);
                } else {
                    row0 = (long) b * rowsPerBlock;
                    row1 = Math.min(rows, row0 + rowsPerBlock);
                    x0 = lo[2];
                    x1 = hi[2];
                }
                double sr = 0;
                double sm = 0;
                for (long row = row0; row < row1; row++) {
                    int rBase = rowBase(row, rowsY, lo, n, 0, 0, 0);
                    int mBase = rowBase(row, rowsY, lo, n, t[0], t[1], t[2]);
                    for (int x = x0; x < x1; x++) {
                        sr += reference[rBase + x];
                        sm += moving[mBase + x];
                    }
                }
                double nb = (double) (row1 - row0) * (x1 - x0);
                double mr = sr / nb;
                double mm = sm / nb;
                double srm = 0;
                double srr = 0;
                double smm = 0;
                double rr = 0;
                double rm = 0;
                for (long row = row0; row < row1; row++) {
                    int rBase = rowBase(row, rowsY, lo, n, 0, 0, 0);
                    int mBase = rowBase(row, rowsY, lo, n, t[0], t[1], t[2]);
                    for (int x = x0; x < x1; x++) {
                        double a = reference[rBase + x] - mr;
                        double c = moving[mBase + x] - mm;
                        srm += a * c;
                        srr += a * a;
                        smm += c * c;
                        rr += a;
                        rm += c;
                    }
                }
                int o = PARTS * b;
                part[o] = nb;
                part[o + 1] = sr;
                part[o + 2] = sm;
                part[o + 3] = srm;
                part[o + 4] = srr;
                part[o + 5] = smm;
                part[o + 6] = rr;
                part[o + 7] = rm;
            }
        });
        double sr = 0;
        double sm = 0;
        for (int b = 0; b < blocks; b++) {
            sr += part[PARTS * b + 1];
            sm += part[PARTS * b + 2];
        }
        double mr = sr / count;
        double mm = sm / count;
        double srm = 0;
        double srr = 0;
        double smm = 0;
        for (int b = 0; b < blocks; b++) {
            int o = PARTS * b;
            double nb = part[o];
            // the block's centres exactly as the block computed them
            double dr = part[o + 1] / nb - mr;
            double dm = part[o + 2] / nb - mm;
            double rr = part[o + 6];
            double rm = part[o + 7];
            srm += part[o + 3] + (dr * rm + dm * rr) + nb * dr * dm;
            srr += part[o + 4] + 2 * dr * rr + nb * dr * dr;
            smm += part[o + 5] + 2 * dm * rm + nb * dm * dm;
        }
        double den = Math.sqrt(srr * smm);
        double ncc = den == 0 || !(den > 0) ? 0 : Math.max(-1, Math.min(1, srm / den));
        return new double[] {ncc, count};
    }

    /**
     * Flat index of element {@code x = 0} of overlap row {@code row} (row-major over the overlap's (z, y)), in an
     * array of padded shape {@code n} read at offset {@code -(tz, ty, tx)}: the x loop adds {@code x}.
     */
    private static int rowBase(long row, int rowsY, int[] lo, int[] n, long tz, long ty, long tx) {
        long z = lo[0] + row / rowsY;
        long y = lo[1] + row % rowsY;
        return (int) (((z - tz) * n[1] + (y - ty)) * n[2] - tx);
    }
}
