package org.xcorr.match;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xcorr.Tolerances;
import org.xcorr.array.NdArray;

/**
 * Each method against OpenCV's documented formulas summed directly, and what each method promises beyond the
 * shared {@code ncc.TemplateMatchContract} (which runs every method, with and without a mask).
 */
class TemplateMatchingTest {

    static NdArray random(Random r, int h, int w, double offset, double scale) {
        double[] d = new double[h * w];
        for (int i = 0; i < d.length; i++) {
            d[i] = offset + scale * r.nextDouble();
        }
        return NdArray.wrap(d, h, w);
    }

    static NdArray crop(NdArray a, int y, int x, int h, int w) {
        double[] d = new double[h * w];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                d[r * w + c] = a.get(y + r, x + c);
            }
        }
        return NdArray.wrap(d, h, w);
    }

    /** OpenCV's documented formulas, summed directly per placement. */
    static double[] brute(NdArray template, NdArray image, MatchMethod method, NdArray mask) {
        int h = image.shape(0);
        int w = image.shape(1);
        int th = template.shape(0);
        int tw = template.shape(1);
        double[] out = new double[(h - th + 1) * (w - tw + 1)];
        int n = th * tw;
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = mask == null ? 1 : mask.backingReal()[i];
        }
        double[] t = template.backingReal();
        for (int y = 0; y + th <= h; y++) {
            for (int x = 0; x + tw <= w; x++) {
                double[] iv = crop(image, y, x, th, tw).backingReal();
                double sm = 0;
                double smt = 0;
                double smi = 0;
                for (int k = 0; k < n; k++) {
                    sm += m[k];
                    smt += m[k] * t[k];
                    smi += m[k] * iv[k];
                }
                double sq = 0;
                double tt = 0;
                double ii = 0;
                double ti = 0;
                double cc = 0;
                double ct = 0;
                double ci = 0;
                for (int k = 0; k < n; k++) {
                    double d = (t[k] - iv[k]) * m[k];
                    sq += d * d;
                    tt += t[k] * m[k] * t[k] * m[k];
                    ii += iv[k] * m[k] * iv[k] * m[k];
                    ti += t[k] * iv[k] * m[k] * m[k];
                    double tp = m[k] * (t[k] - smt / sm);
                    double ip = m[k] * (iv[k] - smi / sm);
                    cc += tp * ip;
                    ct += tp * tp;
                    ci += ip * ip;
                }
                out[y * (w - tw + 1) + x] = switch (method) {
                    case SQDIFF -> sq;
                    case SQDIFF_NORMED -> sq / Math.sqrt(tt * ii);
                    case CCORR -> ti;
                    case CCORR_NORMED -> ti / Math.sqrt(tt * ii);
                    case CCOEFF -> cc;
                    case CCOEFF_NORMED -> cc / Math.sqrt(ct * ci);
                };
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(MatchMethod.class)
    void agreesWithTheDocumentedFormulas(MatchMethod method) {
        Random r = new Random(method.ordinal());
        for (int rep = 0; rep < 12; rep++) {
            int h = 3 + r.nextInt(30);
            int w = 3 + r.nextInt(30);
            NdArray image = random(r, h, w, rep % 4 == 0 ? 100 : 0.2, 1);
            NdArray template = random(r, 1 + r.nextInt(h), 1 + r.nextInt(w), 0.2, 1);
            NdArray mask = null;
            if (rep % 2 == 1) {
                mask = random(r, template.shape(0), template.shape(1), 0, 1);
            }
            double[] want = brute(template, image, method, mask);
            double[] got = TemplateMatching.match(template, image, new MatchOptions(method, mask, 1 + rep % 2)).backingReal();
            double scale = 0;
            for (double v : want) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < want.length; i++) {
                if (template.size() > 1 || (method != MatchMethod.CCOEFF_NORMED && method != MatchMethod.CCOEFF)) {
                    double tol = method.name().endsWith("NORMED") ? Tolerances.MATCH_NORMED : Tolerances.MATCH_UNNORMALIZED * Math.max(1, scale);
                    if (Double.isFinite(want[i])) {
                        assertEquals(want[i], got[i], tol, method + " rep " + rep + " at " + i);
                    }
                }
            }
        }
    }

    /**
     * What each method promises beyond {@code ncc.TemplateMatchContract} (planted match, finite scores on a uniform
     * image, zero mask refused, same-size template, inputs unmodified; run there for every method with and without
     * a mask): covariance methods give exactly 0 on constant windows, a same-size template has its exact score,
     * and the result is identical for every thread count.
     */
    @ParameterizedTest
    @EnumSource(MatchMethod.class)
    void methodSpecifics(MatchMethod method) {
        Random r = new Random(99);
        NdArray image = random(r, 50, 45, -0.5, 1);
        NdArray template = crop(image, 17, 30, 9, 7);
        NdArray mask = random(r, 9, 7, 0, 1);
        if (method == MatchMethod.CCOEFF_NORMED || method == MatchMethod.CCOEFF) {
            NdArray uniform = NdArray.wrap(filled(50 * 45, 0.7), 50, 45);
            NdArray zeros = NdArray.wrap(new double[50 * 45], 50, 45);
            for (NdArray im : new NdArray[] {uniform, zeros}) {
                for (NdArray mk : new NdArray[] {null, mask}) {
                    for (double v : TemplateMatching.match(template, im, new MatchOptions(method, mk, 1)).backingReal()) {
                        assertEquals(0.0, v, 0.0, method + ": constant window must give exactly 0");
                    }
                }
            }
        }
        // same-size template: one value; a perfect match for the normalized methods
        NdArray whole = crop(image, 0, 0, 50, 45);
        double[] one = TemplateMatching.match(whole, image, new MatchOptions(method, null, 1)).backingReal();
        assertEquals(1, one.length);
        switch (method) {
            case SQDIFF, SQDIFF_NORMED -> assertEquals(0.0, one[0], 1e-9);
            case CCORR_NORMED, CCOEFF_NORMED -> assertEquals(1.0, one[0], Tolerances.EXACT_NCC);
            default -> assertTrue(one[0] > 0);
        }
        // identical for every thread count
        assertArrayEquals(TemplateMatching.match(template, image, new MatchOptions(method, mask, 1)).backingReal(),
                TemplateMatching.match(template, image, new MatchOptions(method, mask, 3)).backingReal());
    }

    @ParameterizedTest
    @EnumSource(MatchMethod.class)
    void badArguments(MatchMethod method) {
        NdArray small = NdArray.of(new double[] {1, 2, 3, 4}, 2, 2);
        NdArray big = NdArray.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TemplateMatching.match(big, small, new MatchOptions(method, null, 1)));
        assertTrue(e.getMessage().contains("swapped"));
        assertThrows(IllegalArgumentException.class,
                () -> TemplateMatching.match(small, big, new MatchOptions(method, NdArray.of1d(1, 1, 1, 1), 1)));
        assertThrows(IllegalArgumentException.class,
                () -> TemplateMatching.match(small, big, new MatchOptions(method, NdArray.of(new double[] {1, -1, 1, 1}, 2, 2), 1)));
    }

    static double[] filled(int n, double v) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, v);
        return d;
    }

    @Test
    void matchWithAllZeroMaskIsRefused() {
        // issue 11: every method returned an all-zero map for an all-zero mask (register refused it)
        Random r = new Random(3);
        NdArray image = random(r, 30, 30, 0, 1);
        NdArray template = crop(image, 5, 6, 7, 8);
        NdArray zeroMask = NdArray.wrap(new double[56], 7, 8);
        for (MatchMethod method : MatchMethod.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TemplateMatching.match(template, image, new MatchOptions(method, zeroMask, 1)));
            assertEquals("mask has no valid (nonzero) pixel; every score would be empty", e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(MatchMethod.class)
    void matchOfInputsTimes1e80IsRightOrRefused(MatchMethod method) {
        Random r = new Random(4);
        NdArray image = random(r, 40, 36, 0, 1);
        NdArray template = crop(image, 12, 9, 9, 11);
        NdArray mask = random(r, 9, 11, 0, 1);
        for (NdArray m : new NdArray[] {null, mask}) {
            double[] want = TemplateMatching.match(template, image, new MatchOptions(method, m, 2)).backingReal();
            for (double f : new double[] {1e80, 1e-90, 1e150, 1e-300}) {
                NdArray si = scaled(image, f);
                NdArray st = scaled(template, f);
                NdArray sm = m == null ? null : scaled(m, f);
                boolean normed = method.name().endsWith("NORMED");
                double unit = switch (method) {
                    case SQDIFF -> f * f * (m == null ? 1 : f * f);
                    case CCORR, CCOEFF -> f * f * (m == null ? 1 : f * f);
                    default -> 1;
                };
                if (!normed && !Double.isFinite(unit)) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> TemplateMatching.match(st, si, new MatchOptions(method, sm, 2)));
                    assertTrue(e.getMessage().contains("exceeds the double range"), e.getMessage());
                    continue;
                }
                double[] got = TemplateMatching.match(st, si, new MatchOptions(method, sm, 2)).backingReal();
                double scale = 0;
                for (double v : want) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < want.length; i++) {
                    assertTrue(Double.isFinite(got[i]), method + " x" + f + ": non-finite at " + i);
                    if (normed) {
                        assertEquals(want[i], got[i], Tolerances.MATCH_UNNORMALIZED, method + " x" + f + " at " + i);
                    } else if (unit > 1e-250) {
                        assertEquals(want[i], got[i] / unit, Tolerances.NCC_INVARIANCE * scale, method + " x" + f + " at " + i);
                    }
                }
            }
        }
    }

    private static NdArray scaled(NdArray a, double f) {
        double[] v = a.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] *= f;
        }
        return NdArray.wrap(v, a.shape());
    }

    private static int exponent(double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        return max == 0 ? 0 : Math.getExponent(max * 0x1p60) - 60;
    }

    private static NdArray pow2(NdArray a, int e) {
        double[] v = a.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.scalb(v[i], -e);
        }
        return NdArray.wrap(v, a.shape());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(doubles = {1e6, 1e9, 1e12, 1e100, 1e300, Double.MAX_VALUE})
    void normalizedMatchFarFromASpikeMatchesBruteForce(double spike) {
        // issue 11: one bright pixel left its rounding in every window of the running sums and FFT tiles
        Random r = new Random(6);
        NdArray image = random(r, 44, 60, 0, 1);
        NdArray template = crop(image, 20, 30, 8, 9);
        image.backingReal()[3 * 60 + 50] = spike;
        NdArray mask = random(r, 8, 9, 0, 1);
        for (MatchMethod method : new MatchMethod[] {MatchMethod.CCORR_NORMED, MatchMethod.CCOEFF_NORMED,
            MatchMethod.SQDIFF_NORMED}) {
            for (NdArray m : new NdArray[] {null, mask}) {
                double[] got = TemplateMatching.match(template, image, new MatchOptions(method, m, 2)).backingReal();
                int ow = 60 - 9 + 1;
                for (int i = 0; i < got.length; i++) {
                    NdArray window = crop(image, i / ow, i % ow, 8, 9);
                    int ei = exponent(window.backingReal());
                    int et = exponent(template.backingReal());
                    if (method == MatchMethod.SQDIFF_NORMED) {
                        ei = Math.max(ei, et);
                        et = ei;
                    }
                    double want = brute(pow2(template, et), pow2(window, ei), method, m)[0];
                    assertEquals(want, got[i], Tolerances.NCC_INVARIANCE * Math.max(1, Math.abs(want)), method
                            + (m == null ? "" : " masked") + " spike " + spike
                            + " at " + (i / ow) + "," + (i % ow));
                }
            }
        }
    }
}
