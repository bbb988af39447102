package org.xcorr.ncc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.Tolerances;
import org.xcorr.array.Masks;
import org.xcorr.array.NdArray;
import org.xcorr.correlate.Mode;

/**
 * Masked NCC over both masks against a direct sum per placement, and its degenerate cases.
 */
class MaskedNccTest {

    /** Tolerance against the brute force (random data in [0, 1)). */
    static final double TOL = Tolerances.NCC_VS_BRUTE;

    static NdArray mask(Random r, int[] shape, double validFraction) {
        double[] m = new double[NdArray.sizeOf(shape)];
        for (int i = 0; i < m.length; i++) {
            m[i] = r.nextDouble() < validFraction ? 1 : 0;
        }
        m[r.nextInt(m.length)] = 1;
        return NdArray.wrap(m, shape);
    }

    static void assertClose(NdArray expected, NdArray got, double tol, String what) {
        assertArrayEquals(expected.shape(), got.shape(), what + ": shape");
        double[] e = expected.backingReal();
        double[] g = got.backingReal();
        for (int i = 0; i < e.length; i++) {
            assertTrue(Double.isFinite(g[i]) && g[i] >= -1 && g[i] <= 1,
                    what + ": " + g[i] + " at " + Arrays.toString(got.unravel(i)));
            if (e[i] == 0) {
                // the reference is exactly 0 only for constant sides and too-small overlaps: so must the result be
                assertEquals(0.0, g[i], 0.0, what + ": not an exact zero at " + Arrays.toString(got.unravel(i)));
            } else {
                assertEquals(e[i], g[i], tol, what + " at " + Arrays.toString(got.unravel(i)));
            }
        }
    }

    @Test
    void matchesDirectSumsOverBothMasksForRandomShapesRanksModesAndPaddings() {
        Random r = new Random(14);
        for (int trial = 0; trial < 60; trial++) {
            int rank = 1 + trial % 3;
            int max = rank == 1 ? 40 : rank == 2 ? 13 : 6;
            int[] is = NccBruteForceTest.randomShape(r, rank, max);
            int[] ts = NccBruteForceTest.templateShape(r, is);
            boolean quantized = trial % 4 == 0; // many exactly constant windows
            NdArray image = NccBruteForceTest.random(r, is, trial % 5 == 0 ? 1e6 : 0, 1, quantized);
            NdArray template = NccBruteForceTest.random(r, ts, 0, 1, false);
            if (template.size() == 1) {
                continue; // a one-entry template is constant
            }
            NdArray tMask = trial % 6 == 1 ? null : mask(r, ts, 0.75);
            NdArray iMask = trial % 6 == 2 ? null : mask(r, is, 0.7);
            if (constantOverMask(template, tMask)) {
                continue;
            }
            Mode mode = Mode.values()[trial % 3];
            Padding padding = Padding.values()[(trial / 3) % 3];
            double minOverlap = trial % 2 == 0 ? 0.3 : 0.0;
            NccOptions o = NccOptions.defaults().withMode(mode).withPadding(padding).withMinOverlap(minOverlap)
                    .withThreads(1 + trial % 3);
            String what = "trial " + trial + " " + Arrays.toString(ts) + " in " + Arrays.toString(is) + " " + mode
                    + " " + padding + " minOverlap " + minOverlap;
            // a DC of 1e6 costs the brute force's own one-pass means some digits
            double tol = trial % 5 == 0 ? 1e-7 : TOL;
            assertClose(BruteNcc.masked(template, tMask, image, iMask, o), MaskedNcc.ncc(template, tMask, image, iMask, o),
                    tol, what);
        }
    }

    static boolean constantOverMask(NdArray t, NdArray m) {
        double first = Double.NaN;
        for (int i = 0; i < t.size(); i++) {
            if (m == null || m.backingReal()[i] != 0) {
                if (Double.isNaN(first)) {
                    first = t.backingReal()[i];
                } else if (t.backingReal()[i] != first) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void allOnesMasksEqualPlainNccForEveryModeAndPadding() {
        Random r = new Random(5);
        for (int trial = 0; trial < 27; trial++) {
            int rank = 1 + trial % 3;
            int[] is = rank == 1 ? new int[] {57} : rank == 2 ? new int[] {23, 31} : new int[] {7, 9, 8};
            int[] ts = rank == 1 ? new int[] {9} : rank == 2 ? new int[] {6, 5} : new int[] {3, 4, 2};
            NdArray image = NccBruteForceTest.random(r, is, 100, 1, trial % 2 == 0);
            NdArray template = NccBruteForceTest.random(r, ts, 0, 1, false);
            double[] ones = new double[image.size()];
            Arrays.fill(ones, 1);
            NdArray iMask = NdArray.wrap(ones, is);
            NccOptions o = NccOptions.defaults().withMode(Mode.values()[(trial / 3) % 3])
                    .withPadding(Padding.values()[trial % 3]).withThreads(2);
            NdArray plain = Ncc.ncc(template, image, o);
            NdArray masked = MaskedNcc.ncc(template, null, image, iMask, o);
            String what = "trial " + trial + " " + o.mode() + " " + o.padding();
            assertArrayEquals(plain.shape(), masked.shape(), what);
            for (int i = 0; i < plain.size(); i++) {
                assertEquals(plain.backingReal()[i], masked.backingReal()[i], Tolerances.NCC_INVARIANCE, what + " at " + i);
                if (plain.backingReal()[i] == 0) {
                    assertEquals(0.0, masked.backingReal()[i], 0.0, what + ": exact 0 at " + i);
                }
            }
        }
    }

    @Test
    void constantMaskedWindowsGiveExactlyZeroNeverNaN() {
        // the image is constant except under its invalid pixels, which hold wild values: every window is constant
        int[] is = {20, 24};
        double[] img = new double[20 * 24];
        double[] m = new double[img.length];
        Random r = new Random(3);
        for (int i = 0; i < img.length; i++) {
            boolean valid = r.nextDouble() < 0.6;
            m[i] = valid ? 1 : 0;
            img[i] = valid ? 7.25 : 1e9 * r.nextGaussian();
        }
        NdArray image = NdArray.wrap(img, is);
        NdArray template = NccBruteForceTest.random(r, new int[] {5, 6}, 0, 1, false);
        for (Padding p : Padding.values()) {
            NdArray g = MaskedNcc.ncc(template, null, image, NdArray.wrap(m, is),
                    NccOptions.defaults().withPadding(p).withMode(Mode.VALID));
            for (double v : g.backingReal()) {
                assertEquals(0.0, v, 0.0, p.toString());
            }
        }
    }

    @Test
    void flatBackgroundsWithHolesAndATexturedPatchMatchTheDirectSums() {
        // large exactly constant areas (two levels), holes with garbage, a textured patch: the O(1) flat-box test
        // and the direct recompute decide most placements here, in 1-D, 2-D and 3-D. Windows of the [0, 1) patch sit
        // 160 below the image's mean: the variance from the FFT sums loses about eps·Σw²/V ≈ 1e-10 (class comment)
        Random r = new Random(31);
        int[][] shapes = {{90}, {26, 31}, {9, 10, 11}};
        int[][] templates = {{7}, {5, 6}, {3, 4, 3}};
        for (int s = 0; s < 3; s++) {
            int[] is = shapes[s];
            NdArray image = NdArray.wrap(new double[NdArray.sizeOf(is)], is);
            double[] v = image.backingReal();
            double[] m = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = i < v.length / 3 ? 3.0 : 250.0;
                m[i] = r.nextDouble() < 0.85 ? 1 : 0;
                if (m[i] == 0) {
                    v[i] = r.nextDouble() * 1e5;
                }
                if (i > v.length / 2 && i < v.length / 2 + v.length / 8) {
                    v[i] = r.nextDouble();
                }
            }
            NdArray template = NccBruteForceTest.random(r, templates[s], 0, 1, false);
            NdArray tMask = mask(r, templates[s], 0.8);
            if (constantOverMask(template, tMask)) {
                continue;
            }
            for (Padding p : Padding.values()) {
                for (Mode mode : new Mode[] {Mode.FULL, Mode.VALID}) {
                    NccOptions o = NccOptions.defaults().withPadding(p).withMode(mode).withThreads(2);
                    NdArray iMask = NdArray.wrap(m, is);
                    assertClose(BruteNcc.masked(template, tMask, image, iMask, o), MaskedNcc.ncc(template, tMask, image, iMask,
                            o), Tolerances.NCC_INVARIANCE, Arrays.toString(is) + " " + p + " " + mode);
                }
            }
        }
    }

    @Test
    void templateConstantOverThePairsGivesExactlyZero() {
        // template: 1 on its left half, 2..n on its right half; its left half alone is constant
        double[] t = {1, 1, 1, 2, 3, 4};
        NdArray template = NdArray.wrap(t, 6);
        NdArray image = NccBruteForceTest.random(new Random(1), new int[] {30}, 0, 1, false);
        double[] m = new double[30];
        Arrays.fill(m, 1);
        Arrays.fill(m, 10, 30, 0); // placements where only the template's left half meets valid pixels
        NccOptions o = NccOptions.defaults().withMode(Mode.FULL).withPadding(Padding.OVERLAP).withMinOverlap(0);
        NdArray g = MaskedNcc.ncc(template, null, image, NdArray.wrap(m, 30), o);
        // lag k = i - 5; at k = 7 the pairs are template entries 0..2 (image 7..9): constant template part
        assertEquals(0.0, g.get(12), 0.0);
        assertClose(BruteNcc.masked(template, null, image, NdArray.wrap(m, 30), o), g, TOL, "left half");
    }

    @Test
    void zeroOverlapPlacementsGiveZeroNeverNaN() {
        // valid pixels only at the image's two ends: placements in the middle meet none
        double[] m = new double[40];
        m[0] = m[1] = m[2] = m[37] = m[38] = m[39] = 1;
        NdArray image = NccBruteForceTest.random(new Random(2), new int[] {40}, 0, 1, false);
        NdArray template = NccBruteForceTest.random(new Random(4), new int[] {5}, 0, 1, false);
        for (double minOverlap : new double[] {0, 0.3, 1}) {
            NccOptions o = NccOptions.defaults().withMode(Mode.VALID).withMinOverlap(minOverlap);
            NdArray g = MaskedNcc.ncc(template, null, image, NdArray.wrap(m, 40), o);
            for (int i = 5; i < 30; i++) {
                assertEquals(0.0, g.get(i), 0.0, "placement " + i + " minOverlap " + minOverlap);
            }
            assertClose(BruteNcc.masked(template, null, image, NdArray.wrap(m, 40), o), g, TOL, "minOverlap " + minOverlap);
        }
    }

    @Test
    void minOverlapIsAFractionOfTheValidTemplateEntries() {
        Random r = new Random(8);
        NdArray image = NccBruteForceTest.random(r, new int[] {12, 12}, 0, 1, false);
        NdArray template = NccBruteForceTest.random(r, new int[] {4, 4}, 0, 1, false);
        double[] tm = new double[16];
        Arrays.fill(tm, 0, 8, 1); // T1 = 8
        double[] im = new double[144];
        Arrays.fill(im, 1);
        for (int x = 0; x < 12; x++) {
            im[5 * 12 + x] = 0; // one invalid row
        }
        NccOptions strict = NccOptions.defaults().withMode(Mode.VALID).withMinOverlap(1.0);
        NdArray g = MaskedNcc.ncc(template, NdArray.wrap(tm, 4, 4), image, NdArray.wrap(im, 12, 12), strict);
        // the template's valid entries are its rows 0 and 1: a placement at row 4 or 5 loses one of them (N = 4 < 8)
        for (int x = 0; x < 9; x++) {
            assertEquals(0.0, g.get(4, x), 0.0);
            assertEquals(0.0, g.get(5, x), 0.0);
            assertTrue(g.get(0, x) != 0.0);
        }
        assertClose(BruteNcc.masked(template, NdArray.wrap(tm, 4, 4), image, NdArray.wrap(im, 12, 12), strict), g, TOL, "strict");
    }

    @Test
    void nanPixelsMaskedWithFiniteMaskMatchTheImageWithoutThem() {
        Random r = new Random(11);
        NdArray image = NccBruteForceTest.random(r, new int[] {18, 21}, 0, 1, false);
        NdArray template = NccBruteForceTest.random(r, new int[] {5, 4}, 0, 1, false);
        double[] holes = image.backingReal().clone();
        double[] tHoles = template.backingReal().clone();
        holes[10 * 21 + 10] = Double.NaN;
        holes[3] = Double.POSITIVE_INFINITY;
        tHoles[7] = Double.NaN;
        NdArray nanImage = NdArray.wrap(holes, 18, 21);
        NdArray nanTemplate = NdArray.wrap(tHoles, 5, 4);
        NdArray iMask = Masks.finite(nanImage, null);
        NdArray tMask = Masks.finite(nanTemplate, null);
        NccOptions o = NccOptions.defaults().withPadding(Padding.OVERLAP);
        NdArray got = MaskedNcc.ncc(nanTemplate, tMask, nanImage, iMask, o);
        assertClose(BruteNcc.masked(template, tMask, image, iMask, o), got, TOL, "NaN holes");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaskedNcc.ncc(template, null, nanImage, null, o));
        assertEquals("image contains infinity at valid index [0, 3]; values must be finite where valid (mask it out,"
                + " e.g. with Masks.finite)", e.getMessage());
    }

    @Test
    void bitIdenticalForAnyThreadCount() {
        Random r = new Random(21);
        NdArray image = NccBruteForceTest.random(r, new int[] {61, 47}, 0, 1, true);
        NdArray template = NccBruteForceTest.random(r, new int[] {9, 12}, 0, 1, false);
        NdArray iMask = mask(r, image.shape(), 0.8);
        NdArray tMask = mask(r, template.shape(), 0.8);
        NccOptions o = NccOptions.defaults().withMode(Mode.SAME).withPadding(Padding.MEAN);
        NdArray one = MaskedNcc.ncc(template, tMask, image, iMask, o.withThreads(1));
        for (int threads : new int[] {2, 3, 8}) {
            assertArrayEquals(one.backingReal(), MaskedNcc.ncc(template, tMask, image, iMask,
                    o.withThreads(threads)).backingReal(), "threads " + threads);
        }
    }

    @Test
    void badMasksAndTemplatesAreRefusedInOneLine() {
        NdArray image = NccBruteForceTest.random(new Random(1), new int[] {10, 10}, 0, 1, false);
        NdArray template = NccBruteForceTest.random(new Random(2), new int[] {3, 3}, 0, 1, false);
        NccOptions o = NccOptions.defaults();
        assertEquals("imageMask 9x10 must have the shape of image 10x10", assertThrows(
                IllegalArgumentException.class,
                () -> MaskedNcc.ncc(template, null, image, NdArray.wrap(new double[90], 9, 10), o)).getMessage());
        assertEquals("templateMask has no valid (nonzero) pixel; every score would be empty", assertThrows(
                IllegalArgumentException.class,
                () -> MaskedNcc.ncc(template, NdArray.wrap(new double[9], 3, 3), image, null, o)).getMessage());
        double[] tm = new double[9];
        tm[4] = 1; // one valid entry: constant
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MaskedNcc.ncc(template, NdArray.wrap(tm, 3, 3), image, null, o)).getMessage()
                .contains("is constant over its valid entries"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MaskedNcc.ncc(image, null, template, null, o)).getMessage().contains("may be swapped"));
    }
}
