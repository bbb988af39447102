package org.xcorr.ncc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.Tolerances;
import org.xcorr.array.NdArray;
import org.xcorr.correlate.Mode;

/** Every fast path against the brute-force definition over seeded random shapes. */
class NccBruteForceTest {

    static final double TOL = Tolerances.NCC_PER_CONDITION;

    static NdArray random(Random r, int[] shape, double offset, double contrast, boolean quantized) {
        double[] d = new double[NdArray.sizeOf(shape)];
        for (int i = 0; i < d.length; i++) {
            double v = r.nextDouble();
            d[i] = offset + contrast * (quantized ? Math.floor(v * 4) : v);
        }
        return NdArray.wrap(d, shape);
    }

    static int[] randomShape(Random r, int rank, int max) {
        int[] s = new int[rank];
        for (int a = 0; a < rank; a++) {
            s[a] = 1 + r.nextInt(max);
        }
        return s;
    }

    static int[] templateShape(Random r, int[] image) {
        int[] s = new int[image.length];
        for (int a = 0; a < s.length; a++) {
            s[a] = 1 + r.nextInt(image[a]);
        }
        return s;
    }

    /** Elementwise comparison; {@code condition} (may be null) scales each element's tolerance. */
    static void assertClose(NdArray expected, NdArray got, double tol, double[] condition, String what) {
        assertClose(expected, got, tol, condition, null, what);
    }

    /** As above; where {@code exactZero[i]} the result must be exactly 0. */
    static void assertClose(NdArray expected, NdArray got, double tol, double[] condition, boolean[] exactZero,
            String what) {
        assertArrayEquals(expected.shape(), got.shape(), what + ": shape");
        double[] e = expected.backingReal();
        double[] g = got.backingReal();
        for (int i = 0; i < e.length; i++) {
            assertTrue(Double.isFinite(g[i]), what + ": non-finite at " + Arrays.toString(got.unravel(i)));
            assertTrue(g[i] >= -1 && g[i] <= 1, what + ": outside [-1, 1] at " + Arrays.toString(got.unravel(i)));
            if (exactZero != null && exactZero[i]) {
                // the reference is exactly 0 only for constant windows and too-small overlaps
                assertEquals(0.0, g[i], 0.0, what + ": not an exact zero at " + Arrays.toString(got.unravel(i)));
            }
            double t = tol * (condition == null ? 1 : condition[i]);
            assertEquals(e[i], g[i], t, what + " at " + Arrays.toString(got.unravel(i)));
        }
    }

    @Test
    void everyPathMatchesBruteForce() {
        Random r = new Random(12345);
        int cases = 0;
        for (int rank = 1; rank <= 3; rank++) {
            int max = rank == 1 ? 40 : rank == 2 ? 14 : 7;
            for (int rep = 0; rep < (rank == 3 ? 25 : 40); rep++) {
                int[] is = randomShape(r, rank, max);
                int[] ts = templateShape(r, is);
                if (NdArray.sizeOf(ts) < 2) {
                    continue;
                }
                boolean quantized = rep % 3 == 0;
                NdArray image = random(r, is, rep % 5 == 0 ? 1e3 : 0, 1, quantized);
                NdArray template = random(r, ts, 0, 1, quantized);
                if (isConstant(template)) {
                    continue;
                }
                for (Mode mode : new Mode[] {Mode.FULL, Mode.SAME, Mode.VALID}) {
                    for (Padding p : Padding.values()) {
                        NccOptions o = new NccOptions(mode, p, 0.3, 1 + rep % 2);
                        BruteNcc.Reference reference = BruteNcc.reference(template, image, mode, p, 0.3);
                        NdArray want = reference.values();
                        double[] cond = reference.condition();
                        boolean[] zeros = reference.zeroByRule();
                        String what = "image " + image.shapeString() + " template " + template.shapeString() + " " + mode + " " + p;
                        for (TemplateMatcher.Strategy s : TemplateMatcher.Strategy.values()) {
                            NdArray got = TemplateMatcher.prepare(template, is, o, s, null).ncc(image);
                            assertClose(want, got, tol(image), cond, zeros, what + " " + s);
                        }
                        // small tiles: several overlap-save tiles per axis
                        int[] tiles = new int[rank];
                        for (int a = 0; a < rank; a++) {
                            tiles[a] = ts[a] + 1 + r.nextInt(3);
                        }
                        NdArray tiled = TemplateMatcher.prepare(template, is, o, TemplateMatcher.Strategy.FFT, tiles).ncc(image);
                        assertClose(want, tiled, tol(image), cond, zeros, what + " tiles " + Arrays.toString(tiles));
                        cases++;
                    }
                }
            }
        }
        assertTrue(cases > 300, "too few cases: " + cases);
    }

    /**
     * Larger images with flat patches (exactly constant windows next to textured ones, so the running
     * neighbour-change counts go up and down many times within one block of rows), against brute force.
     */
    @Test
    void flatPatchesInLargerImagesMatchBruteForce() {
        Random r = new Random(777);
        int[][][] shapes = {
            {{61, 77}, {5, 7}}, {{61, 77}, {12, 3}}, {{40, 90}, {1, 9}}, {{3, 31, 40}, {1, 5, 6}},
            {{4, 25, 33}, {2, 4, 3}},
        };
        for (int[][] sh : shapes) {
            int[] is = sh[0];
            int[] ts = sh[1];
            double[] d = new double[NdArray.sizeOf(is)];
            int cols = is[is.length - 1];
            int rows = d.length / cols;
            for (int i = 0; i < d.length; i++) {
                int y = (i / cols) % is[is.length - 2];
                int x = i % cols;
                boolean flat = (x / 9 + y / 11) % 3 == 0 || y < 4 || x > cols - 6;
                d[i] = flat ? 2.5 : Math.floor(r.nextDouble() * 3);
            }
            assertTrue(rows > 1);
            NdArray image = NdArray.wrap(d, is);
            NdArray template = random(r, ts, 0, 1, false);
            for (Mode mode : new Mode[] {Mode.FULL, Mode.SAME, Mode.VALID}) {
                for (Padding p : Padding.values()) {
                    NccOptions o = new NccOptions(mode, p, 0.3, 2);
                    BruteNcc.Reference reference = BruteNcc.reference(template, image, mode, p, 0.3);
                    NdArray want = reference.values();
                    double[] cond = reference.condition();
                    boolean[] zeros = reference.zeroByRule();
                    String what = "flat patches " + image.shapeString() + " template " + template.shapeString() + " "
                            + mode + " " + p;
                    for (TemplateMatcher.Strategy s : TemplateMatcher.Strategy.values()) {
                        NdArray got = TemplateMatcher.prepare(template, is, o, s, null).ncc(image);
                        assertClose(want, got, tol(image), cond, zeros, what + " " + s);
                    }
                }
            }
        }
    }

    static double tol(NdArray image) {
        double max = 0;
        for (double v : image.backingReal()) {
            max = Math.max(max, Math.abs(v));
        }
        return TOL * Math.max(1, max);
    }

    static boolean isConstant(NdArray a) {
        double[] d = a.backingReal();
        for (double v : d) {
            if (v != d[0]) {
                return false;
            }
        }
        return true;
    }
}
