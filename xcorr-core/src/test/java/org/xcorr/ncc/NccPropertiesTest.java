package org.xcorr.ncc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.Tolerances;
import org.xcorr.array.NdArray;
import org.xcorr.correlate.Mode;

/** Properties of ncc: invariances, sign symmetry, exact copies, flat images, thread independence, errors. */
class NccPropertiesTest {

    static NdArray affine(NdArray a, double scale, double offset) {
        double[] d = a.toArray();
        for (int i = 0; i < d.length; i++) {
            d[i] = scale * d[i] + offset;
        }
        return NdArray.wrap(d, a.shape());
    }

    static NdArray crop2d(NdArray a, int y, int x, int h, int w) {
        double[] d = new double[h * w];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                d[r * w + c] = a.get(y + r, x + c);
            }
        }
        return NdArray.wrap(d, h, w);
    }

    @Test
    void invariantToPositiveAffineChangesOfImageAndTemplate() {
        Random r = new Random(7);
        NdArray image = NccBruteForceTest.random(r, new int[] {37, 41}, 0, 1, false);
        NdArray template = NccBruteForceTest.random(r, new int[] {9, 6}, 0, 1, false);
        for (Padding p : Padding.values()) {
            for (Mode mode : new Mode[] {Mode.FULL, Mode.SAME, Mode.VALID}) {
                NccOptions o = new NccOptions(mode, p, 0.3, 2);
                NdArray base = Ncc.ncc(template, image, o);
                // the template may always be changed; the image only where the padding moves with it
                NdArray t2 = Ncc.ncc(affine(template, 3.5, -20), image, o);
                NccBruteForceTest.assertClose(base, t2, 1e-11, null, mode + " " + p + " template affine");
                if (mode == Mode.VALID || p != Padding.ZERO) {
                    NdArray i2 = Ncc.ncc(template, affine(image, 0.01, 1e4), o);
                    NccBruteForceTest.assertClose(base, i2, Tolerances.NCC_INVARIANCE, null, mode + " " + p + " image affine");
                }
            }
        }
    }

    @Test
    void negatedImageNegatesTheResult() {
        Random r = new Random(8);
        NdArray image = NccBruteForceTest.random(r, new int[] {5, 23, 19}, 0, 1, false);
        NdArray template = NccBruteForceTest.random(r, new int[] {3, 4, 7}, 0, 1, false);
        for (Padding p : Padding.values()) {
            NccOptions o = NccOptions.defaults().withPadding(p).withThreads(1);
            double[] a = Ncc.ncc(template, image, o).backingReal();
            double[] b = Ncc.ncc(template, affine(image, -1, 0), o).backingReal();
            for (int i = 0; i < a.length; i++) {
                assertEquals(-a[i], b[i], Tolerances.EXACT_NCC, p + " at " + i);
            }
        }
    }

    @Test
    void exactCopyGivesOneAndIsTheMaximum() {
        Random r = new Random(9);
        NdArray image = NccBruteForceTest.random(r, new int[] {60, 70}, 0, 1, false);
        NdArray template = crop2d(image, 23, 41, 11, 8);
        for (Mode mode : new Mode[] {Mode.FULL, Mode.SAME, Mode.VALID}) {
            NdArray out = Ncc.ncc(template, image, mode);
            int[] origin = mode == Mode.FULL ? new int[] {10, 7} : mode == Mode.SAME ? new int[] {5, 4} : new int[] {0, 0};
            int py = 23 + origin[0];
            int px = 41 + origin[1];
            assertEquals(1.0, out.get(py, px), Tolerances.EXACT_NCC, mode.toString());
            double[] d = out.backingReal();
            int best = 0;
            for (int i = 1; i < d.length; i++) {
                if (d[i] > d[best]) {
                    best = i;
                }
            }
            assertArrayEquals(new int[] {py, px}, out.unravel(best), mode + ": planted match not found");
        }
    }

    @Test
    void uniformImageGivesExactZerosNeverNaN() {
        NdArray image = NdArray.wrap(filled(40 * 30, 7.25), 40, 30);
        NdArray template = NccBruteForceTest.random(new Random(10), new int[] {5, 9}, 0, 1, false);
        for (Padding p : Padding.values()) {
            for (Mode mode : new Mode[] {Mode.FULL, Mode.SAME, Mode.VALID}) {
                double[] d = Ncc.ncc(template, image, new NccOptions(mode, p, 0.3, 2)).backingReal();
                for (double v : d) {
                    assertTrue(!Double.isNaN(v) && v >= -1 && v <= 1, mode + " " + p);
                    if (p != Padding.ZERO || mode == Mode.VALID) {
                        assertEquals(0.0, v, 0.0, mode + " " + p + ": a constant window must give exactly 0");
                    }
                }
            }
        }
    }

    @Test
    void resultsAreBitIdenticalForEveryThreadCount() {
        Random r = new Random(11);
        int[][][] shapes = {{{300}, {17}}, {{130, 120}, {21, 9}}, {{20, 25, 30}, {4, 5, 6}}, {{64, 64}, {3, 2}}};
        for (int[][] s : shapes) {
            NdArray image = NccBruteForceTest.random(r, s[0], 5, 1, false);
            NdArray template = NccBruteForceTest.random(r, s[1], 0, 1, false);
            for (Padding p : Padding.values()) {
                NccOptions o = NccOptions.defaults().withPadding(p);
                double[] one = Ncc.ncc(template, image, o.withThreads(1)).backingReal();
                for (int threads : new int[] {2, 3, 7}) {
                    assertArrayEquals(one, Ncc.ncc(template, image, o.withThreads(threads)).backingReal(),
                            "threads " + threads + " " + p);
                    int[] tiles = new int[s[1].length];
                    for (int a = 0; a < tiles.length; a++) {
                        tiles[a] = 2 * s[1][a] + 1;
                    }
                    double[] t1 = TemplateMatcher.prepare(template, s[0], o.withThreads(1), TemplateMatcher.Strategy.FFT,
                            tiles).ncc(image).backingReal();
                    double[] tn = TemplateMatcher.prepare(template, s[0], o.withThreads(threads),
                            TemplateMatcher.Strategy.FFT, tiles).ncc(image).backingReal();
                    assertArrayEquals(t1, tn, "tiled, threads " + threads);
                }
            }
        }
    }

    @Test
    void largeDcOffsetKeepsAccuracy() {
        Random r = new Random(12);
        NdArray texture = NccBruteForceTest.random(r, new int[] {50, 40}, 0, 1, false);
        NdArray template = crop2d(texture, 10, 12, 9, 7);
        for (double dc : new double[] {1e4, 1e6}) {
            NdArray image = affine(texture, 0.5, dc);
            for (Mode mode : new Mode[] {Mode.FULL, Mode.VALID}) {
                NdArray want = BruteNcc.ncc(template, image, mode, Padding.ZERO, 0.3);
                NdArray got = Ncc.ncc(template, image, mode);
                NccBruteForceTest.assertClose(want, got, Tolerances.NCC_INVARIANCE, null, "dc " + dc + " " + mode);
            }
        }
    }

    @Test
    void badArgumentsAreRejectedWithClearMessages() {
        NdArray small = NdArray.of(new double[] {1, 2, 3, 4}, 2, 2);
        NdArray big = NdArray.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ncc.ncc(big, small));
        assertTrue(e.getMessage().contains("swapped"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Ncc.ncc(NdArray.of(filled(4, 2), 2, 2), big));
        assertTrue(e.getMessage().contains("constant"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Ncc.ncc(small, big, Mode.CIRCULAR));
        assertTrue(e.getMessage().contains("circular"), e.getMessage());
        NdArray nan = NdArray.of(new double[] {1, Double.NaN, 3, 4, 5, 6}, 3, 2);
        assertThrows(IllegalArgumentException.class, () -> Ncc.ncc(small, nan));
        assertThrows(IllegalArgumentException.class, () -> Ncc.ncc(NdArray.of1d(1, 2), big));
        assertThrows(IllegalArgumentException.class, () -> NccOptions.defaults().withMinOverlap(1.5));
        assertThrows(IllegalArgumentException.class, () -> NccOptions.defaults().withThreads(0));
    }

    static double[] filled(int n, double v) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, v);
        return d;
    }
}
