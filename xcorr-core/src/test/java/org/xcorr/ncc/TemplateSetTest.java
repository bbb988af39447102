package org.xcorr.ncc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.Tolerances;
import org.xcorr.array.NdArray;
import org.xcorr.correlate.Mode;

/**
 * {@link TemplateSet} (one image transform for several templates) against {@link Ncc#ncc} per template: the same
 * map within the documented 1e-9 (another FFT length rounds differently), every mode and padding, 1-D to 3-D,
 * one tile and many, and bit-identical for every thread count.
 */
class TemplateSetTest {

    static final double TOL = Tolerances.NCC_INVARIANCE;

    private static NdArray constantFree(Random r, int[] shape, double offset, boolean quantized) {
        while (true) {
            NdArray a = NccBruteForceTest.random(r, shape, offset, 1, quantized);
            double[] v = a.backingReal();
            for (double x : v) {
                if (x != v[0]) {
                    return a;
                }
            }
        }
    }

    @Test
    void everyMapEqualsNccOfItsTemplate() {
        Random r = new Random(1417);
        int cases = 0;
        for (int trial = 0; trial < 60; trial++) {
            int rank = 1 + trial % 3;
            int[] shape = NccBruteForceTest.randomShape(r, rank, rank == 1 ? 60 : rank == 2 ? 24 : 10);
            boolean quantized = trial % 4 == 3;
            NdArray image = NccBruteForceTest.random(r, shape, trial % 5 == 0 ? 1e3 : 0, 1, quantized);
            List<NdArray> templates = new ArrayList<>();
            int k = 1 + r.nextInt(4);
            for (int t = 0; t < k; t++) {
                int[] ts = NccBruteForceTest.templateShape(r, shape);
                if (NdArray.sizeOf(ts) < 2) {
                    ts = shape.clone();
                }
                if (NdArray.sizeOf(ts) < 2) {
                    continue;
                }
                templates.add(constantFree(r, ts, 5, quantized));
            }
            if (templates.isEmpty()) {
                continue;
            }
            Mode mode = Mode.values()[trial % 3];
            Padding padding = Padding.values()[(trial / 3) % 3];
            NccOptions options = new NccOptions(mode, padding, 0.3, 1);
            // every other trial with small forced tiles, so maps are assembled from many tiles
            int[] tiles = trial % 2 == 0 ? null : NccBruteForceTest.randomShape(r, rank, 8);
            TemplateSet set = TemplateSet.prepare(templates, shape, options, tiles);
            List<NdArray> maps = set.ncc(image);
            assertEquals(templates.size(), maps.size());
            for (int t = 0; t < templates.size(); t++) {
                NdArray want = Ncc.ncc(templates.get(t), image, options);
                NdArray got = maps.get(t);
                String what = "trial " + trial + " " + set.describe() + " template " + t + " "
                        + templates.get(t).shapeString() + " image " + image.shapeString() + " " + mode + " " + padding;
                assertArrayEquals(want.shape(), got.shape(), what);
                assertArrayEquals(set.outputShape(t), got.shape(), what);
                double[] w = want.backingReal();
                double[] g = got.backingReal();
                for (int i = 0; i < w.length; i++) {
                    assertEquals(w[i], g[i], TOL, what + " at " + i);
                    assertTrue(g[i] >= -1 && g[i] <= 1, what);
                }
                cases++;
            }
        }
        assertTrue(cases > 60, "cases " + cases);
    }

    @Test
    void bitIdenticalForEveryThreadCountAndTiling() {
        Random r = new Random(1418);
        NdArray image = NccBruteForceTest.random(r, new int[] {70, 90}, 0, 1, false);
        List<NdArray> templates = List.of(constantFree(r, new int[] {9, 13}, 0, false),
                constantFree(r, new int[] {20, 7}, 0, false), constantFree(r, new int[] {3, 3}, 0, false));
        NccOptions one = new NccOptions(Mode.FULL, Padding.ZERO, 0.3, 1);
        for (int[] tiles : new int[][] {null, {32, 32}}) {
            List<NdArray> serial = TemplateSet.prepare(templates, image.shape(), one, tiles).ncc(image);
            List<NdArray> parallel = TemplateSet.prepare(templates, image.shape(), one.withThreads(3), tiles).ncc(image);
            for (int t = 0; t < templates.size(); t++) {
                assertArrayEquals(serial.get(t).backingReal(), parallel.get(t).backingReal(), "template " + t);
            }
        }
        // a planted copy of each template peaks at 1 where it was planted
        double[] v = image.toArray();
        int[][] at = {{5, 8}, {40, 60}, {60, 10}};
        for (int t = 0; t < templates.size(); t++) {
            NdArray tm = templates.get(t);
            for (int y = 0; y < tm.shape(0); y++) {
                for (int x = 0; x < tm.shape(1); x++) {
                    v[(at[t][0] + y) * 90 + at[t][1] + x] = tm.get(y, x);
                }
            }
        }
        NdArray planted = NdArray.wrap(v, 70, 90);
        List<NdArray> maps = TemplateSet.prepare(templates, planted.shape(), one.withMode(Mode.VALID)).ncc(planted);
        for (int t = 0; t < templates.size(); t++) {
            assertEquals(1.0, maps.get(t).get(at[t][0], at[t][1]), Tolerances.EXACT_NCC, "template " + t);
        }
    }

    @Test
    void badInputsNameTheTemplate() {
        int[] shape = {10, 10};
        NccOptions o = NccOptions.defaults();
        assertThrows(IllegalArgumentException.class, () -> TemplateSet.prepare(List.of(), shape, o));
        NdArray good = NdArray.of(new double[] {1, 2, 3, 4}, 2, 2);
        NdArray flat = NdArray.of(new double[] {1, 1, 1, 1}, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TemplateSet.prepare(List.of(good, flat), shape, o));
        assertTrue(e.getMessage().startsWith("template 2 of 2: "), e.getMessage());
        assertTrue(e.getMessage().contains("constant"), e.getMessage());
        TemplateSet set = TemplateSet.prepare(List.of(good), shape, o);
        assertThrows(IllegalArgumentException.class, () -> set.ncc(NdArray.zeros(9, 10)));
        double[] nan = new double[100];
        nan[3] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> set.ncc(NdArray.wrap(nan, 10, 10)));
    }
}
