package org.xcorr.ncc;

import org.xcorr.array.NdArray;
import org.xcorr.correlate.Mode;

/**
 * The one brute-force NCC reference of the core tests: the SPEC definition
 * {@code γ = Σ(w - w̄)(t - t̄) / sqrt(Σ(w - w̄)² Σ(t - t̄)²)} summed directly per placement, with two-pass means
 * and no code shared with the main sources (slow; for small inputs). {@link #reference} gives the unmasked
 * result with its conditioning, {@link #full} the {@code full}/zero-padding surface the trackers search, and
 * {@link #masked} the masked generalisation ({@link MaskedNcc}). Each window and template part is scaled by a power
 * of two before γ is formed, so the reference holds for hostile magnitudes too ({@code NccHostileValuesTest}).
 * Results are returned, never kept in fields.
 */
public final class BruteNcc {

    private BruteNcc() {
    }

    /**
     * The reference result of one call, per placement (row-major, as {@code values}).
     *
     * @param values     γ per placement
     * @param condition  how much rounding of sums over the whole image (global centring) is amplified in each
     *                   value, {@code (Σ(w-μ)²/Σ(w-w̄)²) · (Σt'²/Σ(t-t̄_o)²)}: 1 for well-conditioned windows,
     *                   large for nearly flat ones
     * @param spread     {@code sqrt(Σ(w - w̄)² · Σ(t - t̄)²)} over the placement's pairs (the overlap, for
     *                   {@link Padding#OVERLAP}): the denominator of γ
     * @param zeroByRule where γ is 0 by rule (constant window or template part, too small an overlap)
     */
    public record Reference(NdArray values, double[] condition, double[] spread, boolean[] zeroByRule) {
    }

    /** γ per placement: {@link #reference}'s values. */
    public static NdArray ncc(NdArray template, NdArray image, Mode mode, Padding padding, double minOverlap) {
        return reference(template, image, mode, padding, minOverlap).values();
    }

    /**
     * γ in {@code full} mode with zero padding: index {@code i} is lag {@code k = i - (Nt - 1)}, {@code w[n] =
     * image[n + k]} or 0 outside; 0 where the window is constant (the surface {@code track.Offsets} searches).
     */
    public static NdArray full(NdArray template, NdArray image) {
        return ncc(template, image, Mode.FULL, Padding.ZERO, 0.0);
    }

    /** γ per placement with, for each, its condition, spread and whether it is 0 by rule. */
    public static Reference reference(NdArray template, NdArray image, Mode mode, Padding padding, double minOverlap) {
        int rank = image.rank();
        int[] n = widen(image.shape());
        int[] m = widen(template.shape());
        int[] out = new int[3];
        int[] origin = new int[3];
        for (int a = 0; a < 3; a++) {
            switch (mode) {
                case FULL -> {
                    out[a] = n[a] + m[a] - 1;
                    origin[a] = -(m[a] - 1);
                }
                case SAME -> {
                    out[a] = n[a];
                    origin[a] = -(m[a] / 2);
                }
                default -> {
                    out[a] = n[a] - m[a] + 1;
                    origin[a] = 0;
                }
            }
        }
        double[] img = image.toArray();
        double[] tpl = template.toArray();
        // sums of values scaled by a power of two (exact), so that hostile magnitudes (near the double range's
        // ends) neither overflow nor underflow; for ordinary data the result is bit-identical to the plain sum
        double big = 0;
        for (double v : img) {
            big = Math.max(big, Math.abs(v));
        }
        int eb = Math.getExponent(big);
        double imageMean = 0;
        for (double v : img) {
            imageMean += Math.scalb(v, -eb);
        }
        imageMean = Math.scalb(imageMean / img.length, eb);
        int tsize = tpl.length;
        double[] res = new double[out[0] * out[1] * out[2]];
        double[] condition = new double[res.length];
        double[] spread = new double[res.length];
        boolean[] zeroByRule = new boolean[res.length];
        double tmean = 0;
        for (double v : tpl) {
            tmean += v;
        }
        tmean /= tpl.length;
        double[] w = new double[tsize];
        double[] t = new double[tsize];
        int idx = 0;
        for (int o0 = 0; o0 < out[0]; o0++) {
            for (int o1 = 0; o1 < out[1]; o1++) {
                for (int o2 = 0; o2 < out[2]; o2++) {
                    int cnt = 0;
                    for (int m0 = 0; m0 < m[0]; m0++) {
                        for (int m1 = 0; m1 < m[1]; m1++) {
                            for (int m2 = 0; m2 < m[2]; m2++) {
                                int y0 = o0 + origin[0] + m0;
                                int y1 = o1 + origin[1] + m1;
                                int y2 = o2 + origin[2] + m2;
                                boolean inside = y0 >= 0 && y0 < n[0] && y1 >= 0 && y1 < n[1] && y2 >= 0 && y2 < n[2];
                                double tv = tpl[(m0 * m[1] + m1) * m[2] + m2];
                                if (inside) {
                                    w[cnt] = img[(y0 * n[1] + y1) * n[2] + y2];
                                } else if (padding == Padding.OVERLAP) {
                                    continue;
                                } else {
                                    w[cnt] = padding == Padding.MEAN ? imageMean : 0.0;
                                }
                                t[cnt] = tv;
                                cnt++;
                            }
                        }
                    }
                    condition[idx] = cond(w, t, cnt, imageMean, tmean);
                    spread[idx] = spread(w, t, cnt);
                    boolean small = padding == Padding.OVERLAP && cnt < minOverlap * tsize;
                    zeroByRule[idx] = small || constant(w, cnt) || constant(t, cnt);
                    res[idx++] = small ? 0.0 : gamma(scaled(w, cnt), scaled(t, cnt), cnt);
                }
            }
        }
        int[] shape = new int[rank];
        System.arraycopy(out, 3 - rank, shape, 0, rank);
        return new Reference(NdArray.wrap(res, shape), condition, spread, zeroByRule);
    }

    /**
     * The first cnt values scaled by one power of two (exact; γ is invariant to it) so that the largest is near 1:
     * the sums in {@link #gamma} then neither overflow nor underflow whatever the input's magnitude.
     */
    public static double[] scaled(double[] v, int cnt) {
        double max = 0;
        for (int i = 0; i < cnt; i++) {
            max = Math.max(max, Math.abs(v[i]));
        }
        double[] s = v.clone();
        if (max > 0) {
            int e = Math.getExponent(max * 0x1p60) - 60;
            for (int i = 0; i < cnt; i++) {
                s[i] = Math.scalb(v[i], -e);
            }
        }
        return s;
    }

    /** γ over the first cnt pairs; 0 when either side is constant. */
    static double gamma(double[] w, double[] t, int cnt) {
        boolean wc = true;
        boolean tc = true;
        for (int i = 1; i < cnt; i++) {
            wc &= w[i] == w[0];
            tc &= t[i] == t[0];
        }
        if (wc || tc) {
            return 0.0;
        }
        double wm = 0;
        double tm = 0;
        for (int i = 0; i < cnt; i++) {
            wm += w[i];
            tm += t[i];
        }
        wm /= cnt;
        tm /= cnt;
        double sw = 0;
        double st = 0;
        double swt = 0;
        for (int i = 0; i < cnt; i++) {
            double a = w[i] - wm;
            double b = t[i] - tm;
            sw += a * a;
            st += b * b;
            swt += a * b;
        }
        return Math.max(-1, Math.min(1, swt / Math.sqrt(sw * st)));
    }

    static double spread(double[] w, double[] t, int cnt) {
        double wm = 0;
        double tm = 0;
        for (int i = 0; i < cnt; i++) {
            wm += w[i];
            tm += t[i];
        }
        wm /= cnt;
        tm /= cnt;
        double sw = 0;
        double st = 0;
        for (int i = 0; i < cnt; i++) {
            sw += (w[i] - wm) * (w[i] - wm);
            st += (t[i] - tm) * (t[i] - tm);
        }
        return Math.sqrt(sw * st);
    }

    static double cond(double[] w, double[] t, int cnt, double imageMean, double tmean) {
        double wm = 0;
        double tm = 0;
        for (int i = 0; i < cnt; i++) {
            wm += w[i];
            tm += t[i];
        }
        wm /= cnt;
        tm /= cnt;
        double a = 0;
        double b = 0;
        double c = 0;
        double d = 0;
        for (int i = 0; i < cnt; i++) {
            a += (w[i] - imageMean) * (w[i] - imageMean);
            b += (w[i] - wm) * (w[i] - wm);
            c += (t[i] - tmean) * (t[i] - tmean);
            d += (t[i] - tm) * (t[i] - tm);
        }
        double kw = b > 0 ? (a + 1e-300) / b : 1;
        double kt = d > 0 ? (c + 1e-300) / d : 1;
        return Math.max(1, kw) * Math.max(1, kt);
    }

    static boolean constant(double[] v, int cnt) {
        for (int i = 1; i < cnt; i++) {
            if (v[i] != v[0]) {
                return false;
            }
        }
        return true;
    }

    static int[] widen(int[] shape) {
        int[] s = {1, 1, 1};
        System.arraycopy(shape, 0, s, 3 - shape.length, shape.length);
        return s;
    }

    /**
     * The definition, summed directly per placement: the pairs are the valid template entries whose image position
     * is valid (inside and unmasked, or outside with zero/mean padding); two-pass means; 0 for fewer than
     * {@code minOverlap·T₁} or no pairs, or a constant side. A null mask means all valid.
     */
    public static NdArray masked(NdArray template, NdArray tMask, NdArray image, NdArray iMask, NccOptions o) {
        int rank = image.rank();
        int[] is = image.shape();
        int[] ts = template.shape();
        int[] out = new int[rank];
        int[] origin = new int[rank];
        for (int a = 0; a < rank; a++) {
            switch (o.mode()) {
                case FULL -> { out[a] = is[a] + ts[a] - 1; origin[a] = -(ts[a] - 1); }
                case SAME -> { out[a] = is[a]; origin[a] = -(ts[a] / 2); }
                default -> { out[a] = is[a] - ts[a] + 1; origin[a] = 0; }
            }
        }
        double validSum = 0;
        int validCount = 0;
        for (int i = 0; i < image.size(); i++) {
            if (iMask == null || iMask.backingReal()[i] != 0) {
                validSum += image.backingReal()[i];
                validCount++;
            }
        }
        double pad = o.padding() == Padding.MEAN ? validSum / validCount : 0.0;
        int t1 = 0;
        for (int i = 0; i < template.size(); i++) {
            t1 += tMask == null || tMask.backingReal()[i] != 0 ? 1 : 0;
        }
        double[] res = new double[NdArray.sizeOf(out)];
        double[] w = new double[template.size()];
        double[] t = new double[template.size()];
        for (int f = 0; f < res.length; f++) {
            int[] oi = unravel(f, out);
            int n = 0;
            for (int j = 0; j < template.size(); j++) {
                if (tMask != null && tMask.backingReal()[j] == 0) {
                    continue;
                }
                int[] tj = unravel(j, ts);
                boolean inside = true;
                int flat = 0;
                for (int a = 0; a < rank; a++) {
                    int p = tj[a] + oi[a] + origin[a];
                    inside &= p >= 0 && p < is[a];
                    flat = flat * is[a] + p;
                }
                double v;
                if (inside) {
                    if (iMask != null && iMask.backingReal()[flat] == 0) {
                        continue;
                    }
                    v = image.backingReal()[flat];
                } else if (o.padding() == Padding.OVERLAP) {
                    continue;
                } else {
                    v = pad;
                }
                w[n] = v;
                t[n] = template.backingReal()[j];
                n++;
            }
            if (n == 0 || n < o.minOverlap() * t1) {
                continue;
            }
            double mw = 0;
            double mt = 0;
            for (int j = 0; j < n; j++) {
                mw += w[j];
                mt += t[j];
            }
            mw /= n;
            mt /= n;
            double sww = 0;
            double stt = 0;
            double swt = 0;
            boolean wConst = true;
            boolean tConst = true;
            for (int j = 0; j < n; j++) {
                wConst &= w[j] == w[0];
                tConst &= t[j] == t[0];
                sww += (w[j] - mw) * (w[j] - mw);
                stt += (t[j] - mt) * (t[j] - mt);
                swt += (w[j] - mw) * (t[j] - mt);
            }
            res[f] = wConst || tConst ? 0 : Math.max(-1, Math.min(1, swt / Math.sqrt(sww * stt)));
        }
        return NdArray.wrap(res, out);
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int a = shape.length - 1; a >= 0; a--) {
            idx[a] = flat % shape[a];
            flat /= shape[a];
        }
        return idx;
    }
}
