package org.xcorr.correlate.internal;

import java.util.Arrays;
import org.xcorr.concurrent.Parallel;

/**
 * Direct summation, for small kernels. Output rows are cut into fixed runs of columns; for each run, the image
 * segments a kernel row needs are kept as {@code M2} copies shifted by one column each
 * ({@code S_k[x] = J[row, x0 + x + k]}, zero outside a linear axis, wrapped on a circular one) in a small ring
 * that stays in cache: an image row serves {@code M0·M1} consecutive output rows, so each copy is made once per
 * run instead of once per output row and kernel row. A run then accumulates four kernel taps per pass,
 * {@code acc[x] += t0·S_0[x] + t1·S_1[x] + t2·S_2[x] + t3·S_3[x]}, a loop along the row whose arrays share one
 * index, which C2 vectorizes. Complex data are four real sums:
 * {@code Re = ar⋆br + ai⋆bi}, {@code Im = ai⋆br - ar⋆bi}, added in that order. Each output element accumulates its
 * terms in the same order whichever thread or run computes it, so results are bit-identical for any thread count.
 */
final class DirectPlan extends CorrelationPlan {

    private final double[] kernelRe;
    private final double[] kernelIm;

    DirectPlan(Geometry g, double[] kernelRe, double[] kernelIm) {
        super(g, kernelIm != null);
        this.kernelRe = kernelRe.clone();
        this.kernelIm = kernelIm == null ? null : kernelIm.clone();
    }

    @Override
    public boolean isDirect() {
        return true;
    }

    @Override
    public void compute(double[] imageRe, double[] imageIm, double offset, double[] outRe, double[] outIm,
            int threads) {
        sum(imageRe, offset, kernelRe, outRe, threads);
        if (imageIm == null && kernelIm == null) {
            return;
        }
        double[] part = new double[outRe.length];
        if (imageIm != null && kernelIm != null) {
            sum(imageIm, 0.0, kernelIm, part, threads);
            add(outRe, part, 1);
        }
        if (imageIm != null) {
            sum(imageIm, 0.0, kernelRe, outIm, threads);
        } else {
            Arrays.fill(outIm, 0.0);
        }
        if (kernelIm != null) {
            sum(imageRe, offset, kernelIm, part, threads);
            add(outIm, part, -1);
        }
    }

    private static void add(double[] to, double[] v, double sign) {
        for (int i = 0; i < to.length; i++) {
            to[i] += sign * v[i];
        }
    }

    /** {@code out[o] = Σ_n (image[n + k] - offset) · kernel[n]}, real. */
    private void sum(double[] image, double offset, double[] kernel, double[] out, int threads) {
        Geometry g = geometry;
        int[] n = g.image;
        int[] m = g.template;
        int[] o = g.output;
        boolean wrap = g.circular;
        int rows = o[0] * o[1];
        long workPerRow = (long) o[2] * g.templateSize;
        int minChunk = (int) Math.max(1, Math.min(rows, Tuning.DIRECT_MIN_WORK / Math.max(1, workPerRow)));
        // shifted copies only while they fit the ring with runs of 64 or more; a large kernel (a long 1-D signal
        // with a lag limit) reads its segment in place instead, which needs no scratch beyond one segment
        boolean copies = g.templateSize <= Tuning.DIRECT_RING / Tuning.DIRECT_MIN_RUN;
        int run = Math.min(o[2], copies ? Math.min(Tuning.DIRECT_RUN, Tuning.DIRECT_RING / g.templateSize)
                : Tuning.DIRECT_RUN);
        // items of consecutive output rows (a fixed split: the ring of row copies is refilled once per item)
        int perItem = Math.max(minChunk, (rows + Tuning.DIRECT_ITEMS - 1) / Tuning.DIRECT_ITEMS);
        int items = (rows + perItem - 1) / perItem;
        Parallel.forEachItem(threads, items, () -> new Scratch(run, m, copies), (w, item) -> {
            int from = item * perItem;
            int to = Math.min(rows, from + perItem);
            double[] acc = w.acc;
            double[] seg = w.seg;
            double[][][] shifted = w.shifted;
            int[] slotRow = w.slotRow;
            int[] slotRun = w.slotRun;
            for (int c0 = 0; c0 < o[2]; c0 += run) {
                int cl = Math.min(run, o[2] - c0);
                Arrays.fill(slotRow, -1);
                for (int r = from; r < to; r++) {
                    int o0 = r / o[1];
                    int o1 = r % o[1];
                    Arrays.fill(acc, 0, cl, 0.0);
                    for (int m0 = 0; m0 < m[0]; m0++) {
                        int y0 = source(o0 + g.lagOrigin[0] + m0, n[0], wrap);
                        if (y0 < 0) {
                            continue;
                        }
                        for (int m1 = 0; m1 < m[1]; m1++) {
                            int y1 = source(o1 + g.lagOrigin[1] + m1, n[1], wrap);
                            if (y1 < 0) {
                                continue;
                            }
                            int row = y0 * n[1] + y1;
                            int tRow = (m0 * m[1] + m1) * m[2];
                            if (!copies) {
                                loadSegment(image, offset, row * n[2], n[2], c0 + g.lagOrigin[2], cl + m[2] - 1,
                                        wrap, seg);
                                accumulateInPlace(acc, cl, seg, kernel, tRow, m[2]);
                                continue;
                            }
                            // slot (y0 mod M0, y1 mod M1): the rows one output row needs are consecutive, so they
                            // rarely collide (only across a circular wrap, where the tag check reloads)
                            int slot = (y0 % m[0]) * m[1] + y1 % m[1];
                            double[][] taps = shifted[slot];
                            if (slotRow[slot] != row || slotRun[slot] != c0) {
                                loadSegment(image, offset, row * n[2], n[2], c0 + g.lagOrigin[2], cl + m[2] - 1,
                                        wrap, seg);
                                for (int k = 0; k < m[2]; k++) {
                                    System.arraycopy(seg, k, taps[k], 0, cl);
                                }
                                slotRow[slot] = row;
                                slotRun[slot] = c0;
                            }
                            accumulate(acc, cl, taps, kernel, tRow, m[2]);
                        }
                    }
                    System.arraycopy(acc, 0, out, r * o[2] + c0, cl);
                }
            }
        });
    }

    /** Index into the image along an outer axis, or -1 where a linear axis has no sample. */
    private static int source(int j, int n, boolean wrap) {
        if (wrap) {
            return Math.floorMod(j, n);
        }
        return j >= 0 && j < n ? j : -1;
    }

    /** Per-thread scratch: accumulator, segment, and the ring of shifted copies with their tags. */
    private static final class Scratch {
        final double[] acc;
        final double[] seg;
        final double[][][] shifted;
        final int[] slotRow;
        final int[] slotRun;

        Scratch(int run, int[] m, boolean copies) {
            acc = new double[run];
            seg = new double[run + m[2] + 3];
            shifted = copies ? new double[m[0] * m[1]][m[2]][run] : null;
            slotRow = new int[m[0] * m[1]];
            slotRun = new int[m[0] * m[1]];
        }
    }

    /**
     * {@code seg[j] = image[row + x0 + j] - offset} for {@code j < len}: zero for columns outside {@code [0, n2)}
     * on a linear axis, the column modulo {@code n2} on a circular one.
     */
    private static void loadSegment(double[] image, double offset, int row, int n2, int x0, int len, boolean wrap,
            double[] seg) {
        int inFrom;
        int inTo;
        if (wrap) {
            for (int j = 0; j < len; ) {
                int c = Math.floorMod(x0 + j, n2);
                int count = Math.min(len - j, n2 - c);
                System.arraycopy(image, row + c, seg, j, count);
                j += count;
            }
            inFrom = 0;
            inTo = len;
        } else {
            inFrom = Math.min(len, Math.max(0, -x0));
            inTo = Math.max(inFrom, Math.min(len, n2 - x0));
            Arrays.fill(seg, 0, inFrom, 0.0);
            System.arraycopy(image, row + x0 + inFrom, seg, inFrom, inTo - inFrom);
            Arrays.fill(seg, inTo, len, 0.0);
        }
        if (offset != 0.0) {
            // in place with a plain index: C2 (JDK 17) vectorizes only loops whose array refs share one offset
            for (int j = inFrom; j < inTo; j++) {
                seg[j] = seg[j] - offset;
            }
        }
    }

    /**
     * {@code acc[x] += Σ_k t[tRow + k] · seg[x + k]} for {@code k < m2}, four taps per pass, reading the segment in
     * place (for kernels too large for the ring of shifted copies); the same order of terms as {@link #accumulate}.
     * The two loops are twins on purpose: one inner loop each, with its operands in the form C2 vectorizes (an
     * indirection through a shared accessor would cost the vectorization), so the tap loads repeat.
     */
    private static void accumulateInPlace(double[] acc, int cl, double[] seg, double[] t, int tRow, int m2) {
        int k = 0;
        for (; k + 4 <= m2; k += 4) {
            double t0 = t[tRow + k];
            double t1 = t[tRow + k + 1];
            double t2 = t[tRow + k + 2];
            double t3 = t[tRow + k + 3];
            for (int x = 0; x < cl; x++) {
                acc[x] += t0 * seg[x + k] + t1 * seg[x + k + 1] + t2 * seg[x + k + 2] + t3 * seg[x + k + 3];
            }
        }
        for (; k < m2; k++) {
            double t0 = t[tRow + k];
            for (int x = 0; x < cl; x++) {
                acc[x] += t0 * seg[x + k];
            }
        }
    }

    /** {@code acc[x] += Σ_k t[tRow + k] · taps[k][x]} for {@code k < m2}, four taps per pass. */
    private static void accumulate(double[] acc, int cl, double[][] taps, double[] t, int tRow, int m2) {
        int k = 0;
        for (; k + 4 <= m2; k += 4) {
            double t0 = t[tRow + k];
            double t1 = t[tRow + k + 1];
            double t2 = t[tRow + k + 2];
            double t3 = t[tRow + k + 3];
            double[] s0 = taps[k];
            double[] s1 = taps[k + 1];
            double[] s2 = taps[k + 2];
            double[] s3 = taps[k + 3];
            for (int x = 0; x < cl; x++) {
                acc[x] += t0 * s0[x] + t1 * s1[x] + t2 * s2[x] + t3 * s3[x];
            }
        }
        for (; k < m2; k++) {
            double t0 = t[tRow + k];
            double[] s0 = taps[k];
            for (int x = 0; x < cl; x++) {
                acc[x] += t0 * s0[x];
            }
        }
    }

    @Override
    public double tileRoundoff() {
        return 0;
    }

    @Override
    public String describe() {
        return "direct";
    }
}
