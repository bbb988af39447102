package org.xcorr.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.Tolerances;
import org.xcorr.array.NdArray;
import org.xcorr.ncc.BruteNcc;
import org.xcorr.peak.Subpixel;
import org.xcorr.peak.SubpixelFit;

class OffsetsTest {

    private static final OffsetOptions ONE_THREAD = OffsetOptions.defaults().withThreads(1);

    @Test
    void plantedTemplateIsFoundAtItsPositionWithFitOne() {
        Random rnd = new Random(31);
        int[][] images = {{90}, {23, 31}, {10, 12, 9}};
        int[][] templates = {{40}, {7, 8}, {4, 5, 3}};
        int[][] positions = {{20}, {11, 4}, {5, 3, 6}};
        // templates of 40-60 samples: NCC noise has σ ≈ 1/sqrt(N) ≈ 0.15, so a true match stands out by > 5σ
        for (int k = 0; k < images.length; k++) {
            NdArray image = TrackerTest.noise(rnd, images[k]);
            NdArray template = Patches.crop(image, positions[k], templates[k]);
            Offset o = Offsets.fromSurface(BruteNcc.full(template, image), template.shape(), ONE_THREAD);
            assertArrayEquals(TrackerTest.toDouble(positions[k]), o.offset(), "case " + k);
            assertEquals(1.0, o.fit(), Tolerances.EXACT_NCC);
            int[] peak = new int[positions[k].length];
            for (int a = 0; a < peak.length; a++) {
                peak[a] = positions[k][a] + templates[k][a] - 1;
            }
            assertArrayEquals(peak, o.integerPeak());
            assertArrayEquals(positions[k], o.integerOffset(template.shape()));
            assertTrue(o.peakToSidelobe() > 5, "case " + k + " PSR " + o.peakToSidelobe() + " ratio " + o.secondPeakRatio());
            assertTrue(o.secondPeakRatio() < 0.9, "ratio " + o.secondPeakRatio());
        }
    }

    @Test
    void templateHangingOverTheStartGivesANegativeOffset() {
        // with zero padding, a template whose first 3 samples are 0 matches exactly 3 before the image's start
        double[] img = new double[30];
        Random rnd = new Random(32);
        for (int i = 0; i < img.length; i++) {
            img[i] = 1 + rnd.nextDouble();
        }
        double[] t = new double[8];
        System.arraycopy(img, 0, t, 3, 5);
        NdArray image = NdArray.wrap(img, 30);
        NdArray template = NdArray.wrap(t, 8);
        Offset o = Offsets.fromSurface(BruteNcc.full(template, image), template.shape(), ONE_THREAD);
        assertArrayEquals(new double[] {-3}, o.offset());
        assertArrayEquals(new double[] {4}, o.peak());
        assertEquals(1.0, o.fit(), Tolerances.EXACT_NCC);
    }

    @Test
    void subpixelMovesPeakAndOffsetButNotFit() {
        Random rnd = new Random(33);
        NdArray image = smooth(TrackerTest.noise(rnd, new int[] {30, 34}));
        NdArray template = Patches.crop(image, new int[] {9, 12}, new int[] {8, 9});
        NdArray surface = BruteNcc.full(template, image);
        Offset whole = Offsets.fromSurface(surface, template.shape(), ONE_THREAD);
        for (Subpixel m : new Subpixel[] {Subpixel.PARABOLIC, Subpixel.GAUSSIAN}) {
            Offset o = Offsets.fromSurface(surface, template.shape(), ONE_THREAD.withSubpixel(m));
            int[] p = o.integerPeak();
            assertArrayEquals(whole.integerPeak(), p);
            assertEquals(whole.fit(), o.fit(), 0.0);
            double dy = SubpixelFit.offset(surface.get(p[0] - 1, p[1]), surface.get(p[0], p[1]),
                    surface.get(p[0] + 1, p[1]), m);
            double dx = SubpixelFit.offset(surface.get(p[0], p[1] - 1), surface.get(p[0], p[1]),
                    surface.get(p[0], p[1] + 1), m);
            assertArrayEquals(new double[] {p[0] + dy, p[1] + dx}, o.peak(), 0.0, m.name());
            assertArrayEquals(new double[] {p[0] + dy - 7, p[1] + dx - 8}, o.offset(), 0.0, m.name());
        }
    }

    @Test
    void fastPathAgreesWithTheBruteForceSurface() {
        Random rnd = new Random(34);
        int[][][] cases = {
            {{1}, {1}}, {{37}, {1}}, {{37}, {5}}, {{37}, {37}}, {{64}, {13}},
            {{1, 9}, {1, 3}}, {{13, 17}, {4, 4}}, {{16, 11}, {5, 11}}, {{23, 29}, {23, 29}}, {{31, 8}, {3, 2}},
            {{7, 6, 5}, {2, 3, 2}}, {{9, 8, 11}, {9, 2, 4}}, {{5, 5, 5}, {1, 1, 5}},
        };
        for (int[][] c : cases) {
            int[] shape = c[0];
            int[] tShape = c[1];
            if (NdArray.sizeOf(tShape) < 3) {
                continue; // one sample is a constant template (an error); two give exact ±1 ties everywhere
            }
            NdArray image = TrackerTest.noise(rnd, shape);
            int[] at = new int[shape.length];
            for (int a = 0; a < at.length; a++) {
                at[a] = rnd.nextInt(shape[a] - tShape[a] + 1);
            }
            NdArray template = Patches.crop(image, at, tShape);
            Offset slow = Offsets.fromSurface(BruteNcc.full(template, image), tShape, ONE_THREAD);
            Offset fast = Offsets.offset(template, image, ONE_THREAD);
            Offset fastThreads = Offsets.offset(template, image, ONE_THREAD.withThreads(4));
            String what = NdArray.shapeString(tShape) + " in " + NdArray.shapeString(shape);
            assertArrayEquals(slow.offset(), fast.offset(), what);
            assertArrayEquals(slow.integerPeak(), fast.integerPeak(), what);
            assertEquals(slow.fit(), fast.fit(), Tolerances.NCC_VS_BRUTE, what);
            assertEquals(fast, fastThreads, what + ": thread count changed the result");
            assertArrayEquals(slow.surface().backingReal(), fast.surface().backingReal(), Tolerances.NCC_INVARIANCE, what);
        }
    }

    @Test
    void constantTemplateAndSwappedArgumentsAreErrors() {
        NdArray image = TrackerTest.noise(new Random(35), new int[] {10, 10});
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> Offsets.offset(NdArray.of(new double[6], 2, 3), image, ONE_THREAD));
        assertTrue(flat.getMessage().contains("template"), flat.getMessage());
        IllegalArgumentException swapped = assertThrows(IllegalArgumentException.class,
                () -> Offsets.offset(image, Patches.crop(image, new int[] {0, 0}, new int[] {4, 4}), ONE_THREAD));
        assertTrue(swapped.getMessage().contains("swapped"), swapped.getMessage());
    }

    @Test
    void constantImageGivesFitZeroAtTheFirstPlacement() {
        NdArray template = TrackerTest.noise(new Random(36), new int[] {3, 4});
        NdArray flat = NdArray.of(new double[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, 4, 5);
        Offset o = Offsets.offset(template, flat, ONE_THREAD);
        // every window holding only image pixels is constant (0); partial windows mix 2 with zero padding, so
        // they are not constant: the answer is whatever the NCC says, but it must be finite and in [-1, 1]
        assertTrue(o.fit() >= -1 && o.fit() <= 1, "fit " + o.fit());
        for (double v : o.surface().backingReal()) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void fromSurfaceRejectsShapesThatCannotBeFullMode() {
        NdArray s = NdArray.zeros(5, 6);
        assertThrows(IllegalArgumentException.class, () -> Offsets.fromSurface(s, new int[] {3}, ONE_THREAD));
        assertThrows(IllegalArgumentException.class, () -> Offsets.fromSurface(s, new int[] {6, 2}, ONE_THREAD));
        assertThrows(IllegalArgumentException.class, () -> Offsets.fromSurface(s, new int[] {0, 2}, ONE_THREAD));
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> OffsetOptions.defaults().withThreads(0));
        assertThrows(IllegalArgumentException.class, () -> OffsetOptions.defaults().withExclusionRadius(-1));
        assertThrows(NullPointerException.class, () -> OffsetOptions.defaults().withSubpixel(null));
    }

    /** A 3x3 box blur, so the NCC peak is smooth enough for a sub-pixel fit to move it. */
    static NdArray smooth(NdArray a) {
        int ny = a.shape(0);
        int nx = a.shape(1);
        double[] out = new double[ny * nx];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double s = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        s += a.get(Math.floorMod(y + dy, ny), Math.floorMod(x + dx, nx));
                    }
                }
                out[y * nx + x] = s / 9;
            }
        }
        return NdArray.wrap(out, ny, nx);
    }
}
