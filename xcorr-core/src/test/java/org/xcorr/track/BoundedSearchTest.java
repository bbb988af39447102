package org.xcorr.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;
import org.xcorr.ncc.BruteNcc;
import org.xcorr.ncc.Padding;
import org.xcorr.peak.PeakQuality;
import org.xcorr.peak.Subpixel;
import org.xcorr.peak.SubpixelFit;

/**
 * Issue 14 §1 and §3: the peak search of {@link Offsets} restricted to {@link Placements} (minimum overlap, shift
 * bound), checked against brute force, and the cases that a new user got wrong answers for.
 */
class BoundedSearchTest {

    private static final OffsetOptions ONE_THREAD = OffsetOptions.defaults().withThreads(1);

    // ------------------------------------------------------------ Placements against counting

    @Test
    void placementsCountTheTemplatePixelsInsideTheImage() {
        Random rnd = new Random(141);
        for (int trial = 0; trial < 60; trial++) {
            int rank = 1 + trial % 3;
            int[] nt = new int[rank];
            int[] ni = new int[rank];
            for (int a = 0; a < rank; a++) {
                ni[a] = 1 + rnd.nextInt(rank == 3 ? 5 : 9);
                nt[a] = 1 + rnd.nextInt(ni[a]);
            }
            double f = new double[] {0, 0.2, 0.3, 0.5, 1}[rnd.nextInt(5)];
            int[] bound = rnd.nextBoolean() ? null : randomBound(rnd, ni);
            Placements p = new Placements(nt, ni, f, bound);
            int[] shape = p.surfaceShape();
            int size = NdArray.sizeOf(nt);
            boolean anyLeftOut = false;
            for (int i = 0; i < NdArray.sizeOf(shape); i++) {
                int[] idx = unravel(i, shape);
                long count = countInside(idx, nt, ni);
                String where = Arrays.toString(idx) + " of " + p;
                assertEquals(count, p.overlapCount(idx), where);
                assertEquals(count / (double) size, p.overlap(idx), 0, where);
                boolean expected = bruteSearched(idx, nt, ni, f, bound);
                assertEquals(expected, p.searched(idx), where);
                anyLeftOut |= !expected;
                boolean edge = false;
                for (int a = 0; a < rank; a++) {
                    for (int step = -1; step <= 1; step += 2) {
                        int[] n = idx.clone();
                        n[a] += step;
                        edge |= !bruteSearched(n, nt, ni, f, bound);
                    }
                }
                assertEquals(edge, p.edge(idx), where);
            }
            assertEquals(anyLeftOut, p.restricted(), p.toString());
        }
    }

    @Test
    void validSearchIsTheValidLags() {
        Placements p = new Placements(new int[] {3, 4}, new int[] {7, 9}, 1, null);
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 12; j++) {
                boolean valid = i >= 2 && i <= 6 && j >= 3 && j <= 8;
                assertEquals(valid, p.searched(new int[] {i, j}), i + "," + j);
                boolean touches = i == 2 || i == 6 || j == 3 || j == 8;
                if (valid) {
                    assertEquals(touches, p.edge(new int[] {i, j}), i + "," + j);
                }
            }
        }
    }

    // ------------------------------------------------------------ the restricted search against brute force

    @Test
    void restrictedPeakSearchMatchesBruteForce() {
        Random rnd = new Random(142);
        for (int trial = 0; trial < 120; trial++) {
            int rank = 1 + trial % 3;
            int[] nt = new int[rank];
            int[] ni = new int[rank];
            for (int a = 0; a < rank; a++) {
                ni[a] = 2 + rnd.nextInt(rank == 3 ? 6 : rank == 2 ? 12 : 30);
                nt[a] = 1 + rnd.nextInt(ni[a]);
            }
            int[] shape = new Placements(nt, ni, 0, null).surfaceShape();
            double[] v = new double[NdArray.sizeOf(shape)];
            for (int i = 0; i < v.length; i++) {
                // coarse values: ties must go to the first in row-major order
                v[i] = Math.round(rnd.nextGaussian() * 4) / 4.0;
            }
            NdArray surface = NdArray.wrap(v, shape);
            double f = new double[] {0, 0.25, 0.5, 0.8, 1}[rnd.nextInt(5)];
            int[] bound = rnd.nextInt(3) == 0 ? null : randomBound(rnd, ni);
            Subpixel method = Subpixel.values()[rnd.nextInt(Subpixel.values().length)];
            int radius = rnd.nextInt(3);
            OffsetOptions options = ONE_THREAD.withMinOverlap(f).withSubpixel(method).withExclusionRadius(radius);
            if (bound != null) {
                options = options.withMaxShift(bound);
            }
            Offset o = Offsets.fromSurface(surface, nt, options);
            String where = "trial " + trial + " " + o.placements() + " " + method;

            boolean[] searched = new boolean[v.length];
            int best = -1;
            for (int i = 0; i < v.length; i++) {
                searched[i] = bruteSearched(unravel(i, shape), nt, ni, f, bound);
                if (searched[i] && (best < 0 || v[i] > v[best])) {
                    best = i;
                }
            }
            int[] peak = unravel(best, shape);
            assertArrayEquals(peak, o.integerPeak(), where);
            assertEquals(v[best], o.fit(), 0, where);

            // sub-pixel: only between searched neighbours
            for (int a = 0; a < rank; a++) {
                int[] lo = peak.clone();
                int[] hi = peak.clone();
                lo[a]--;
                hi[a]++;
                boolean both = bruteSearched(lo, nt, ni, f, bound) && bruteSearched(hi, nt, ni, f, bound);
                double d = both ? SubpixelFit.offset(surface.get(lo), v[best], surface.get(hi), method) : 0;
                assertEquals(peak[a] + d, o.peak()[a], 1e-15, where + " axis " + a);
                assertEquals(peak[a] + d - (nt[a] - 1), o.offset()[a], 1e-12, where + " axis " + a);
                if (bound != null) {
                    assertTrue(Math.abs(o.offset()[a]) <= bound[a], where);
                }
            }

            // PSR and the separated peak over the searched samples outside the exclusion window
            double sum = 0;
            int count = 0;
            int second = -1;
            for (int i = 0; i < v.length; i++) {
                int[] idx = unravel(i, shape);
                if (!searched[i] || inWindow(idx, peak, radius)) {
                    continue;
                }
                sum += v[i];
                count++;
                if ((second < 0 || v[i] > v[second]) && localMax(idx, v, shape, searched)) {
                    second = i;
                }
            }
            PeakQuality q = o.quality();
            if (count == 0) {
                assertTrue(Double.isNaN(q.peakToSidelobe()), where);
            } else {
                double mean = sum / count;
                double ss = 0;
                for (int i = 0; i < v.length; i++) {
                    if (searched[i] && !inWindow(unravel(i, shape), peak, radius)) {
                        ss += (v[i] - mean) * (v[i] - mean);
                    }
                }
                double std = Math.sqrt(ss / count);
                double psr = std > 0 ? (v[best] - mean) / std : Double.NaN;
                if (Double.isNaN(psr)) {
                    assertTrue(Double.isNaN(q.peakToSidelobe()), where);
                } else {
                    assertEquals(psr, q.peakToSidelobe(), 1e-9 * Math.max(1, Math.abs(psr)), where);
                }
            }
            if (second < 0) {
                assertNull(q.secondPeak(), where);
            } else {
                assertArrayEquals(unravel(second, shape), q.secondPeak(), where);
                assertEquals(v[best] > 0 ? v[second] / v[best] : Double.NaN, q.secondPeakRatio(), 0, where);
            }
            assertEquals(o.placements().overlap(peak), o.overlap(), 0);
            assertEquals(o.placements().edge(peak), o.edge());
        }
    }

    @Test
    void defaultOptionsSearchTheWholeSurfaceAsBefore() {
        Random rnd = new Random(143);
        NdArray image = TrackerTest.noise(rnd, new int[] {20, 25});
        NdArray template = Patches.crop(image, new int[] {15, 0}, new int[] {5, 7});
        NdArray surface = BruteNcc.full(template, image);
        Offset o = Offsets.fromSurface(surface, template.shape(), ONE_THREAD);
        assertFalse(o.placements().restricted());
        assertEquals(0, ONE_THREAD.effectiveMinOverlap());
        assertEquals(0.3, ONE_THREAD.withPadding(Padding.OVERLAP).effectiveMinOverlap());
        assertArrayEquals(org.xcorr.peak.Peaks.argmax(surface), o.integerPeak());
        assertEquals(org.xcorr.peak.Peaks.quality(surface, o.integerPeak(), 5), o.quality());
        assertEquals(1.0, o.overlap());
        // touching the image's border is no edge of a full search: placements further out were searched too
        assertFalse(o.edge());
    }

    @Test
    void maxShiftBoundsTheOffsetEvenWhenTheMatchLiesBeyond() {
        Random rnd = new Random(144);
        NdArray image = TrackerTest.noise(rnd, new int[] {40, 40});
        NdArray template = Patches.crop(image, new int[] {12, 20}, new int[] {9, 9});
        Offset free = Offsets.offset(template, image, ONE_THREAD);
        assertArrayEquals(new double[] {12, 20}, free.offset());
        for (Subpixel m : Subpixel.values()) {
            Offset bounded = Offsets.offset(template, image, ONE_THREAD.withMaxShift(6, 15).withSubpixel(m));
            double[] off = bounded.offset();
            assertTrue(Math.abs(off[0]) <= 6 && Math.abs(off[1]) <= 15, Arrays.toString(off));
            assertTrue(bounded.fit() < 0.9, "the true match is out of bounds: " + bounded);
            Offset wide = Offsets.offset(template, image, ONE_THREAD.withMaxShift(12, 20).withSubpixel(m));
            assertArrayEquals(new int[] {12, 20}, wide.integerOffset(template.shape()), m.toString());
            assertTrue(wide.edge(), "the match sits on the bound");
        }
        assertThrows(IllegalArgumentException.class, () -> ONE_THREAD.withMaxShift(-1));
        assertThrows(IllegalArgumentException.class, () -> ONE_THREAD.withMinOverlap(1.5));
        assertThrows(IllegalArgumentException.class,
                () -> Offsets.offset(template, image, ONE_THREAD.withMaxShift(1, 2, 3)));
    }

    // ------------------------------------------------------------ the cases of the issue

    /**
     * Issue 14 §1, "tile B inside tile A": two tiles of a mosaic under uneven illumination (brighter to the
     * right) that share a third of their width. Zero padding (MATLAB {@code normxcorr2}) compares B's darker
     * shared part and its brighter rest with A's pixels and the zeros beside them, so the true placement scores
     * below 0, and the peak lands on a wrong placement with a poor fit (the user got [0, -131], fit 0.42);
     * overlap padding compares the shared part alone and finds [0, 200] with fit 1.
     */
    @Test
    void bug_issue14_tileBInsideTileA() {
        NdArray scene = smoothScene(new Random(145), 100, 500, 80);
        NdArray a = Patches.crop(scene, new int[] {0, 0}, new int[] {100, 300});
        NdArray b = Patches.crop(scene, new int[] {0, 200}, new int[] {100, 300});
        Offset zero = Offsets.offset(b, a, OffsetOptions.defaults().withThreads(2));
        assertFalse(Arrays.equals(new int[] {0, 200}, zero.integerOffset(b.shape())),
                "the anchor's answer is wrong on this input: " + zero);
        assertTrue(zero.fit() < 0.9, zero.toString());

        Offset overlap = Offsets.offset(b, a, OffsetOptions.defaults().withThreads(2).withPadding(Padding.OVERLAP));
        assertArrayEquals(new int[] {0, 200}, overlap.integerOffset(b.shape()), overlap.toString());
        assertEquals(1.0, overlap.fit(), 1e-9);
        assertEquals(1 / 3.0, overlap.overlap(), 1e-15);
        assertFalse(overlap.edge());
        // a minimum overlap above the shared third leaves the true placement out
        Offset strict = Offsets.offset(b, a, OffsetOptions.defaults().withThreads(2).withPadding(Padding.OVERLAP)
                .withMinOverlap(0.5));
        assertTrue(strict.overlap() >= 0.5 && strict.fit() < 0.9, strict.toString());
    }

    /**
     * Issue 14 §1, the stereo pair: {@code track --template-radius 15 --image-radius 20,80} returned
     * {@code [28.06, 87.86]}, past both radii, from a placement overlapping the search region by about 8×8 pixels
     * (zero padding scores such placements high on images with a large DC level). Here the disparity (100 px) is
     * beyond the search, so no placement truly matches: the default valid search must still answer inside the
     * radii (at most {@code imageRadius - templateRadius} away), and the full search of before shows the bug on
     * these inputs. A disparity inside the search is found exactly.
     */
    @Test
    void bug_issue14_stereoPairNeverAnswersPastTheRadii() {
        TrackOptions options = TrackOptions.defaults().withTemplateRadius(15).withImageRadius(20, 80).withThreads(2);
        int[] point = {60, 150};
        int pastTheRadii = 0;
        for (int seed = 0; seed < 8; seed++) {
            NdArray scene = smoothScene(new Random(146 + seed), 120, 500, 0);
            int disparity = 100;
            NdArray left = Patches.crop(scene, new int[] {0, disparity}, new int[] {120, 400});
            NdArray right = Patches.crop(scene, new int[] {0, 0}, new int[] {120, 400});
            Track valid = Tracker.track(left, right, point, point, options);
            double[] o = valid.offset();
            assertTrue(Math.abs(o[0]) <= 5 && Math.abs(o[1]) <= 65, "seed " + seed + ": " + valid);
            assertEquals(1.0, valid.match().overlap(), "seed " + seed);

            Track full = Tracker.track(left, right, point, point, options.withSearch(Search.FULL));
            double[] f = full.offset();
            if (Math.abs(f[0]) > 20 || Math.abs(f[1]) > 80) {
                pastTheRadii++;
                assertTrue(full.match().overlap() < 0.5, "a partial placement: " + full.match());
            }
            // the search is bounded, not blind: a disparity of 40 lies inside it and is found exactly
            NdArray near = Patches.crop(scene, new int[] {0, 40}, new int[] {120, 400});
            Track found = Tracker.track(near, right, point, point, options);
            assertArrayEquals(new double[] {0, 40}, found.offset(), "seed " + seed);
            assertEquals(1.0, found.fit(), 1e-9);
            assertFalse(found.match().edge());
        }
        assertTrue(pastTheRadii > 0, "these inputs must reproduce the full search's answer past the radii");
    }

    // ------------------------------------------------------------ helpers

    /**
     * A smooth texture on a large DC level, like an 8-bit photograph: box-blurred noise, 128 ± 40, plus a
     * brightness ramp from {@code -ramp} at the left to {@code +ramp} at the right (uneven illumination).
     */
    static NdArray smoothScene(Random rnd, int h, int w, double ramp) {
        double[] v = new double[h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        double[] b = new double[v.length];
        int r = 3;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                int n = 0;
                for (int dy = -r; dy <= r; dy++) {
                    for (int dx = -r; dx <= r; dx++) {
                        int yy = y + dy;
                        int xx = x + dx;
                        if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                            s += v[yy * w + xx];
                            n++;
                        }
                    }
                }
                b[y * w + x] = 128 + 40 * 7 * s / n + ramp * (2.0 * x / (w - 1) - 1);
            }
        }
        return NdArray.wrap(b, h, w);
    }

    private static int[] randomBound(Random rnd, int[] ni) {
        int[] b = new int[ni.length];
        for (int a = 0; a < b.length; a++) {
            b[a] = rnd.nextInt(ni[a] + 1);
        }
        return b;
    }

    private static long countInside(int[] idx, int[] nt, int[] ni) {
        long count = 0;
        for (int j = 0; j < NdArray.sizeOf(nt); j++) {
            int[] m = unravel(j, nt);
            boolean inside = true;
            for (int a = 0; a < nt.length; a++) {
                int p = idx[a] - (nt[a] - 1) + m[a];
                inside &= p >= 0 && p < ni[a];
            }
            count += inside ? 1 : 0;
        }
        return count;
    }

    private static boolean bruteSearched(int[] idx, int[] nt, int[] ni, double f, int[] bound) {
        for (int a = 0; a < idx.length; a++) {
            if (idx[a] < 0 || idx[a] >= ni[a] + nt[a] - 1) {
                return false;
            }
            if (bound != null && Math.abs(idx[a] - (nt[a] - 1)) > bound[a]) {
                return false;
            }
        }
        long count = countInside(idx, nt, ni);
        return count > 0 && count >= f * NdArray.sizeOf(nt);
    }

    private static boolean inWindow(int[] idx, int[] peak, int radius) {
        for (int a = 0; a < idx.length; a++) {
            if (Math.abs(idx[a] - peak[a]) > radius) {
                return false;
            }
        }
        return true;
    }

    /** Not smaller than any searched neighbour within Chebyshev distance 1. */
    private static boolean localMax(int[] idx, double[] v, int[] shape, boolean[] searched) {
        double x = v[flat(idx, shape)];
        int rank = idx.length;
        int cells = (int) Math.pow(3, rank);
        for (int c = 0; c < cells; c++) {
            int[] n = idx.clone();
            int k = c;
            boolean inside = true;
            for (int a = 0; a < rank; a++) {
                n[a] += k % 3 - 1;
                k /= 3;
                inside &= n[a] >= 0 && n[a] < shape[a];
            }
            if (inside && searched[flat(n, shape)] && v[flat(n, shape)] > x) {
                return false;
            }
        }
        return true;
    }

    private static int flat(int[] idx, int[] shape) {
        int f = 0;
        for (int a = 0; a < shape.length; a++) {
            f = f * shape[a] + idx[a];
        }
        return f;
    }

    private static int[] unravel(int i, int[] shape) {
        int[] idx = new int[shape.length];
        for (int a = shape.length - 1; a >= 0; a--) {
            idx[a] = i % shape[a];
            i /= shape[a];
        }
        return idx;
    }
}
