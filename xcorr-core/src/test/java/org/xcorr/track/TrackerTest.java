package org.xcorr.track;

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
import org.xcorr.ncc.BruteNcc;

class TrackerTest {

    /** The slow path: brute-force NCC surface, then the same peak logic. */
    static final Tracker.Matcher BRUTE = (t, r, o) -> Offsets.fromSurface(BruteNcc.full(t, r), t.shape(), o);

    @Test
    void shiftedImageGivesTheShiftWhateverTheClipping() {
        Random rnd = new Random(21);
        int done = 0;
        int clippedTemplate = 0;
        int clippedRegion = 0;
        while (done < 60) {
            int rank = 1 + done % 3;
            int[] shape = new int[rank];
            int[] s = new int[rank];
            int[] c = new int[rank];
            int[] tr = new int[rank];
            int[] ir = new int[rank];
            for (int a = 0; a < rank; a++) {
                shape[a] = rank == 3 ? 8 + rnd.nextInt(6) : rank == 2 ? 14 + rnd.nextInt(14) : 30 + rnd.nextInt(40);
                tr[a] = 1 + rnd.nextInt(rank == 3 ? 2 : 4);
                ir[a] = tr[a] + 1 + rnd.nextInt(rank == 3 ? 3 : 6);
                s[a] = rnd.nextInt(2 * (ir[a] - tr[a]) + 1) - (ir[a] - tr[a]);
                c[a] = rnd.nextInt(shape[a]);
            }
            if (!shiftedPatchInside(shape, c, tr, s)) {
                continue;
            }
            NdArray templateImage = noise(rnd, shape);
            NdArray image = shifted(templateImage, s, rnd);
            TrackOptions opts = TrackOptions.defaults().withTemplateRadius(tr).withImageRadius(ir).withThreads(1);
            Track t = Tracker.track(templateImage, image, c, c, opts, BRUTE);
            String what = "shape " + NdArray.shapeString(shape) + " centre " + java.util.Arrays.toString(c)
                    + " radii " + java.util.Arrays.toString(tr) + "/" + java.util.Arrays.toString(ir);
            assertArrayEquals(toDouble(s), t.offset(), what);
            assertEquals(1.0, t.fit(), Tolerances.EXACT_NCC, what);
            for (int a = 0; a < rank; a++) {
                clippedTemplate += t.templateShape()[a] < 2 * tr[a] + 1 ? 1 : 0;
                clippedRegion += t.regionShape()[a] < 2 * ir[a] + 1 ? 1 : 0;
            }
            done++;
        }
        // the sample must exercise clipping, else the geometry is not tested
        assertTrue(clippedTemplate > 10 && clippedRegion > 20, clippedTemplate + " / " + clippedRegion);
    }

    @Test
    void publicTrackOnTheFastNccAgreesWithTheBruteForcePath() {
        Random rnd = new Random(30);
        int done = 0;
        while (done < 20) {
            int rank = 1 + done % 3;
            int[] shape = new int[rank];
            int[] s = new int[rank];
            int[] c = new int[rank];
            int[] tr = new int[rank];
            int[] ir = new int[rank];
            for (int a = 0; a < rank; a++) {
                shape[a] = rank == 3 ? 10 + rnd.nextInt(6) : rank == 2 ? 20 + rnd.nextInt(20) : 40 + rnd.nextInt(60);
                tr[a] = 2 + rnd.nextInt(rank == 3 ? 2 : 5);
                ir[a] = tr[a] + 1 + rnd.nextInt(rank == 3 ? 3 : 8);
                s[a] = rnd.nextInt(2 * (ir[a] - tr[a]) + 1) - (ir[a] - tr[a]);
                c[a] = rnd.nextInt(shape[a]);
            }
            if (!shiftedPatchInside(shape, c, tr, s)) {
                continue;
            }
            NdArray templateImage = noise(rnd, shape);
            NdArray image = shifted(templateImage, s, rnd);
            TrackOptions opts = TrackOptions.defaults().withTemplateRadius(tr).withImageRadius(ir).withThreads(2);
            Track fast = Tracker.track(templateImage, image, c, c, opts);
            Track slow = Tracker.track(templateImage, image, c, c, opts, BRUTE);
            assertArrayEquals(toDouble(s), fast.offset());
            assertArrayEquals(slow.offset(), fast.offset());
            assertEquals(slow.fit(), fast.fit(), Tolerances.NCC_VS_BRUTE);
            done++;
        }
    }

    @Test
    void differentCentresReportTheDisplacementFromImageCenter() {
        Random rnd = new Random(22);
        NdArray templateImage = noise(rnd, new int[] {40, 50});
        int[] s = {3, -4};
        NdArray image = shifted(templateImage, s, rnd);
        // the point (20, 25) moves to (23, 21); searching around (22, 20) the answer is relative to that centre
        TrackOptions opts = TrackOptions.defaults().withTemplateRadius(4).withImageRadius(9);
        Track t = Tracker.track(templateImage, image, new int[] {20, 25}, new int[] {22, 20}, opts, BRUTE);
        assertArrayEquals(new double[] {1, 1}, t.offset());
    }

    @Test
    void clippedTemplateAtTheTopFollowsTheTrack03Geometry() {
        // as golden track-03: centre 6 rows from the top, radius 15 -> rows 0..21; region radius 40 clipped too
        Random rnd = new Random(23);
        NdArray templateImage = noise(rnd, new int[] {64, 128});
        int[] s = {2, -3};
        NdArray image = shifted(templateImage, s, rnd);
        TrackOptions opts = TrackOptions.defaults().withTemplateRadius(15).withImageRadius(40);
        Track t = Tracker.track(templateImage, image, new int[] {6, 100}, new int[] {6, 100}, opts, BRUTE);
        assertArrayEquals(new int[] {0, 85}, t.templateStart());
        assertArrayEquals(new int[] {22, 31}, t.templateShape());
        assertArrayEquals(new int[] {0, 60}, t.regionStart());
        assertArrayEquals(new int[] {47, 68}, t.regionShape());
        assertArrayEquals(new double[] {2, -3}, t.offset());
    }

    @Test
    void trimHookSeesTheClippedPatchAndKeepsThePoint() {
        Random rnd = new Random(24);
        NdArray templateImage = noise(rnd, new int[] {50, 60});
        int[] s = {2, 5};
        NdArray image = shifted(templateImage, s, rnd);
        List<int[]> seen = new ArrayList<>();
        // cut so much on one side that the tracked point falls outside the trimmed template
        TemplateTrim trim = patch -> {
            seen.add(patch.shape());
            return new int[][] {{0, 2}, {6, 1}};
        };
        TrackOptions opts = TrackOptions.defaults().withTemplateRadius(5).withImageRadius(12).withTrim(trim);
        Track t = Tracker.track(templateImage, image, new int[] {3, 30}, new int[] {3, 30}, opts, BRUTE);
        assertEquals(1, seen.size());
        assertArrayEquals(new int[] {9, 11}, seen.get(0), "clipped patch: rows 0..8, columns 25..35");
        assertArrayEquals(new int[] {0, 31}, t.templateStart());
        assertArrayEquals(new int[] {7, 4}, t.templateShape());
        assertArrayEquals(new double[] {2, 5}, t.offset());
        assertEquals(1.0, t.fit(), Tolerances.EXACT_NCC);
    }

    @Test
    void trimThatCutsTheWholePatchIsAnError() {
        Random rnd = new Random(25);
        NdArray a = noise(rnd, new int[] {30, 30});
        TrackOptions opts = TrackOptions.defaults().withTemplateRadius(3).withImageRadius(6)
                .withTrim(p -> new int[][] {{3, 4}, {0, 0}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tracker.track(a, a, new int[] {15, 15}, new int[] {15, 15}, opts, BRUTE));
        assertTrue(e.getMessage().contains("trim"), e.getMessage());
        TrackOptions wrongRank = opts.withTrim(p -> new int[][] {{0, 0}});
        assertThrows(IllegalArgumentException.class,
                () -> Tracker.track(a, a, new int[] {15, 15}, new int[] {15, 15}, wrongRank, BRUTE));
        TrackOptions negative = opts.withTrim(p -> new int[][] {{-1, 0}, {0, 0}});
        assertThrows(IllegalArgumentException.class,
                () -> Tracker.track(a, a, new int[] {15, 15}, new int[] {15, 15}, negative, BRUTE));
    }

    @Test
    void centreOutsideItsArrayIsAnError() {
        Random rnd = new Random(26);
        NdArray a = noise(rnd, new int[] {64, 128});
        TrackOptions opts = TrackOptions.defaults().withTemplateRadius(5).withImageRadius(20);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tracker.track(a, a, new int[] {10, 140}, new int[] {10, 40}, opts, BRUTE));
        assertTrue(e.getMessage().startsWith("templateCenter [10, 140] is outside templateImage 64x128 on axis 1"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Tracker.track(a, a, new int[] {10, 40}, new int[] {-1, 40}, opts, BRUTE));
        assertTrue(e.getMessage().startsWith("imageCenter [-1, 40] is outside image"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Tracker.track(a, a, new int[] {10}, new int[] {10, 40}, opts, BRUTE));
    }

    @Test
    void templateRadiusNotSmallerThanImageRadiusIsAnError() {
        Random rnd = new Random(27);
        NdArray a = noise(rnd, new int[] {64, 64});
        TrackOptions equal = TrackOptions.defaults().withTemplateRadius(20).withImageRadius(20);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tracker.track(a, a, new int[] {32, 32}, new int[] {32, 32}, equal, BRUTE));
        assertTrue(e.getMessage().contains("templateRadius"), e.getMessage());
        TrackOptions oneAxis = TrackOptions.defaults().withTemplateRadius(5, 12).withImageRadius(10, 12);
        assertThrows(IllegalArgumentException.class,
                () -> Tracker.track(a, a, new int[] {32, 32}, new int[] {32, 32}, oneAxis, BRUTE));
    }

    @Test
    void templateLargerThanAClippedRegionIsAClearError() {
        Random rnd = new Random(28);
        NdArray a = noise(rnd, new int[] {64, 64});
        TrackOptions opts = TrackOptions.defaults().withTemplateRadius(6).withImageRadius(8);
        // template in the middle (13 rows), region at the top edge (rows 0..8, 9 rows)
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tracker.track(a, a, new int[] {32, 32}, new int[] {0, 32}, opts, BRUTE));
        assertTrue(e.getMessage().contains("larger than the search region"), e.getMessage());
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> TrackOptions.defaults().withTemplateRadius(-1));
        assertThrows(IllegalArgumentException.class, () -> TrackOptions.defaults().withImageRadius());
        assertThrows(NullPointerException.class, () -> TrackOptions.defaults().withTrim(null));
        NdArray a = noise(new Random(29), new int[] {20, 20, 20});
        TrackOptions twoValues = TrackOptions.defaults().withTemplateRadius(2, 3).withImageRadius(5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tracker.track(a, a, new int[] {9, 9, 9}, new int[] {9, 9, 9}, twoValues, BRUTE));
        assertTrue(e.getMessage().contains("one value or one per axis"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tracker.track(a, noise(new Random(1), new int[] {20, 20}),
                new int[] {9, 9, 9}, new int[] {9, 9}, TrackOptions.defaults(), BRUTE));
    }

    // ------------------------------------------------------------ helpers

    /** Whether the template patch around c, moved by s, lies inside the array (its content then exists there). */
    static boolean shiftedPatchInside(int[] shape, int[] c, int[] tr, int[] s) {
        for (int a = 0; a < shape.length; a++) {
            int lo = Math.max(0, c[a] - tr[a]) + s[a];
            int hi = Math.min(shape[a] - 1, c[a] + tr[a]) + s[a];
            if (lo < 0 || hi >= shape[a]) {
                return false;
            }
        }
        return true;
    }

    /** image[p + s] = a[p] where both exist; fresh noise where the shift uncovers pixels. */
    static NdArray shifted(NdArray a, int[] s, Random rnd) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            int[] p = a.unravel(i);
            boolean inside = true;
            for (int d = 0; d < p.length; d++) {
                p[d] -= s[d];
                inside &= p[d] >= 0 && p[d] < a.shape(d);
            }
            out[i] = inside ? a.get(p) : rnd.nextGaussian();
        }
        return NdArray.wrap(out, a.shape());
    }

    static NdArray noise(Random rnd, int[] shape) {
        double[] v = new double[NdArray.sizeOf(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        return NdArray.wrap(v, shape);
    }

    static double[] toDouble(int[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
