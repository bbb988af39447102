package org.xcorr.ncc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;
import org.xcorr.correlate.Mode;

/**
 * {@link Precision#FLOAT}: the FFT cross term in single precision against the brute-force definition, with a
 * tolerance per output from the float FFT's error model: the cross term's error is at most
 * {@code K · 2^-24 · sqrt(M) · ||J|| · ||t'||} ({@code J} the centred image, {@code t'} the centred template, M
 * template entries), divided by the placement's denominator {@code sqrt(Σ(w - w̄)² Σ(t - t̄)²)}.
 */
class NccFloatTest {

    private static final double EPS = Math.ulp(1.0f) / 2;
    private static final double K = 16;

    @Test
    void precisionDefaultsToDoubleAndIsValidated() {
        assertEquals(Precision.DOUBLE, NccOptions.defaults().precision());
        assertEquals(Precision.DOUBLE, new NccOptions(Mode.FULL, Padding.ZERO, 0.3, 1).precision());
        NccOptions f = NccOptions.defaults().withPrecision(Precision.FLOAT);
        assertEquals(Precision.FLOAT, f.precision());
        assertEquals(Precision.FLOAT, f.withMode(Mode.VALID).withPadding(Padding.MEAN).withMinOverlap(0.5)
                .withThreads(2).precision(), "every with* keeps the precision");
        assertThrows(NullPointerException.class, () -> new NccOptions(Mode.FULL, Padding.ZERO, 0.3, 1, null));
    }

    @Test
    void floatFftPathMatchesBruteForceWithinTheFloatErrorModel() {
        Random r = new Random(2024);
        int cases = 0;
        for (int rank = 1; rank <= 3; rank++) {
            int max = rank == 1 ? 40 : rank == 2 ? 14 : 7;
            for (int rep = 0; rep < (rank == 3 ? 15 : 25); rep++) {
                int[] is = NccBruteForceTest.randomShape(r, rank, max);
                int[] ts = NccBruteForceTest.templateShape(r, is);
                if (NdArray.sizeOf(ts) < 2) {
                    continue;
                }
                boolean quantized = rep % 3 == 0;
                NdArray image = NccBruteForceTest.random(r, is, rep % 5 == 0 ? 1e3 : 0, 1, quantized);
                NdArray template = NccBruteForceTest.random(r, ts, 0, 1, quantized);
                if (NccBruteForceTest.isConstant(template)) {
                    continue;
                }
                double scale = K * EPS * Math.sqrt(template.size()) * centredNorm(image) * centredNorm(template);
                for (Mode mode : new Mode[] {Mode.FULL, Mode.SAME, Mode.VALID}) {
                    for (Padding p : Padding.values()) {
                        NccOptions o = new NccOptions(mode, p, 0.3, 1 + rep % 2, Precision.FLOAT);
                        BruteNcc.Reference reference = BruteNcc.reference(template, image, mode, p, 0.3);
                        NdArray want = reference.values();
                        double[] spread = reference.spread();
                        boolean[] zeros = reference.zeroByRule();
                        String what = "image " + image.shapeString() + " template " + template.shapeString() + " "
                                + mode + " " + p;
                        int[] tiles = new int[rank];
                        for (int a = 0; a < rank; a++) {
                            tiles[a] = ts[a] + 1 + r.nextInt(3);
                        }
                        for (int[] t : new int[][] {null, tiles}) {
                            TemplateMatcher m = TemplateMatcher.prepare(template, is, o, TemplateMatcher.Strategy.FFT, t);
                            assertTrue(m.describe().startsWith("float fft"), m.describe());
                            check(want, m.ncc(image), scale, spread, zeros, what + " tiles " + Arrays.toString(t));
                        }
                        cases++;
                    }
                }
            }
        }
        assertTrue(cases > 200, "too few cases: " + cases);
    }

    private static void check(NdArray want, NdArray got, double scale, double[] spread, boolean[] zeros, String what) {
        assertArrayEquals(want.shape(), got.shape(), what);
        double[] e = want.backingReal();
        double[] g = got.backingReal();
        for (int i = 0; i < e.length; i++) {
            assertTrue(g[i] >= -1 && g[i] <= 1, what + ": outside [-1, 1] at " + i);
            if (zeros[i]) {
                assertEquals(0.0, g[i], 0.0, what + ": not an exact zero at " + i);
            } else {
                double tol = spread[i] > 0 ? scale / spread[i] + 1e-12 : 2;
                assertEquals(e[i], g[i], tol, what + " at " + Arrays.toString(got.unravel(i)));
            }
        }
    }

    /** {@code sqrt(Σ(v - mean)²)}. */
    private static double centredNorm(NdArray a) {
        double[] d = a.backingReal();
        double mean = Arrays.stream(d).average().orElse(0);
        double s = 0;
        for (double v : d) {
            s += (v - mean) * (v - mean);
        }
        return Math.sqrt(s);
    }

    @Test
    void largeFloatResultIsCloseToDoubleButComputedInFloatAndThreadIndependent() {
        Random r = new Random(77);
        int[] is = {300, 280};
        NdArray image = NccBruteForceTest.random(r, is, 5, 2, false);
        double[] t = new double[40 * 33];
        double[] img = image.backingReal();
        for (int y = 0; y < 40; y++) {
            System.arraycopy(img, (100 + y) * is[1] + 60, t, y * 33, 33);
        }
        NdArray template = NdArray.wrap(t, 40, 33);
        NccOptions d = new NccOptions(Mode.SAME, Padding.ZERO, 0.3, 1);
        NccOptions f1 = d.withPrecision(Precision.FLOAT);
        NccOptions f3 = f1.withThreads(3);
        TemplateMatcher mf = TemplateMatcher.prepare(template, is, f1);
        assertTrue(mf.describe().startsWith("float fft"), mf.describe());
        double[] gd = Ncc.ncc(template, image, d).backingReal();
        double[] gf = Ncc.ncc(template, image, f1).backingReal();
        assertArrayEquals(gf, Ncc.ncc(template, image, f3).backingReal(), "thread count changed the result");
        assertArrayEquals(mf.ncc(image).backingReal(), TemplateMatcher.prepare(template, is, f3).ncc(image)
                .backingReal(), "thread count changed the prepared result");
        double maxDiff = 0;
        for (int i = 0; i < gd.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(gd[i] - gf[i]));
        }
        assertTrue(maxDiff < 1e-4, "max |float - double| " + maxDiff);
        assertTrue(maxDiff > 0, "float path gave bit-identical doubles: it did not run in float");
        // the exact match of the template with itself is found in both precisions
        int peak = (100 + 20) * is[1] + 60 + 16;
        assertEquals(1.0, gf[peak], 1e-5);
    }

    @Test
    void directPathForTinyTemplatesStaysDouble() {
        Random r = new Random(3);
        int[] is = {200, 200};
        NdArray image = NccBruteForceTest.random(r, is, 0, 1, false);
        NdArray template = NccBruteForceTest.random(r, new int[] {3, 3}, 0, 1, false);
        NccOptions d = new NccOptions(Mode.FULL, Padding.ZERO, 0.3, 2);
        TemplateMatcher mf = TemplateMatcher.prepare(template, is, d.withPrecision(Precision.FLOAT));
        assertFalse(mf.describe().contains("fft"), mf.describe());
        assertArrayEquals(Ncc.ncc(template, image, d).backingReal(),
                Ncc.ncc(template, image, d.withPrecision(Precision.FLOAT)).backingReal());
    }
}
