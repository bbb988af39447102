package org.xcorr.peak;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.xcorr.Seeds;
import org.xcorr.array.NdArray;

/**
 * {@link Peaks#find(NdArray, PeakOptions)} against a brute-force reference written from the definition: every local
 * extremum found by comparing with every sample of the map, a sort of all of them, greedy suppression against the
 * list of accepted peaks.
 */
class PeakFindTest {

    @Property(tries = 200, seed = Seeds.PEAK_FIND)
    void equalsTheBruteForceReference(@ForAll @IntRange(min = 1, max = 3) int rank,
                                      @ForAll @IntRange(min = 1, max = 14) int n0,
                                      @ForAll @IntRange(min = 1, max = 14) int n1,
                                      @ForAll @IntRange(min = 1, max = 9) int n2,
                                      @ForAll @IntRange(min = 0, max = 4) int d0,
                                      @ForAll @IntRange(min = 0, max = 4) int d1,
                                      @ForAll @IntRange(min = 1, max = 12) int count,
                                      @ForAll @IntRange(min = 0, max = 3) int kind,
                                      @ForAll long seed) {
        int[] shape = rank == 1 ? new int[] {n0 * n1} : rank == 2 ? new int[] {n0, n1} : new int[] {n0, n1, n2};
        Random rnd = new Random(seed);
        // kind 0: continuous values; 1: few levels (ties and plateaus everywhere); 2: with NaN; 3: smooth blobs
        NdArray map = surface(rnd, shape, kind);
        int[] radius = rank == 1 ? new int[] {d0} : rank == 2 ? new int[] {d0, d1} : new int[] {d0, d1, d0};
        if (d1 % 2 == 0) {
            radius = new int[] {d0};
        }
        double threshold = rnd.nextInt(3) == 0 ? Double.NEGATIVE_INFINITY : rnd.nextDouble() * 0.8;
        Subpixel fit = Subpixel.values()[rnd.nextInt(3)];
        Extremum extremum = rnd.nextInt(3) == 0 ? Extremum.MINIMUM : Extremum.MAXIMUM;
        if (extremum == Extremum.MINIMUM && threshold == Double.NEGATIVE_INFINITY) {
            threshold = Double.POSITIVE_INFINITY;
        }
        PeakOptions options = new PeakOptions(count, radius, threshold, fit, extremum);
        List<Peak> got = Peaks.find(map, options);
        List<Peak> want = reference(map, options);
        assertEquals(want, got, "shape " + map.shapeString() + " " + options);
        checkDefinition(map, options, got);
    }

    @Test
    void findsEveryPlantedBlobBestFirst() {
        int ny = 60;
        int nx = 80;
        int[][] centres = {{10, 10}, {10, 40}, {45, 20}, {30, 70}, {50, 60}};
        double[] heights = {0.9, 1.0, 0.7, 0.95, 0.5};
        double[] v = new double[ny * nx];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                for (int b = 0; b < centres.length; b++) {
                    double dy = y - centres[b][0] - 0.25;
                    double dx = x - centres[b][1] + 0.2;
                    v[y * nx + x] += heights[b] * Math.exp(-(dy * dy + dx * dx) / 6.0);
                }
            }
        }
        NdArray map = NdArray.wrap(v, ny, nx);
        List<Peak> peaks = Peaks.find(map, 10, 5, 0.6);
        assertEquals(4, peaks.size(), "the 0.5 blob is below the threshold: " + peaks);
        int[][] order = {{10, 40}, {30, 70}, {10, 10}, {45, 20}};
        for (int i = 0; i < order.length; i++) {
            assertArrayEquals(order[i], peaks.get(i).index(), "peak " + i);
            // the parabolic fit moves each peak towards the true centre (+0.25, -0.2)
            assertEquals(order[i][0] + 0.25, peaks.get(i).position()[0], 0.05);
            assertEquals(order[i][1] - 0.2, peaks.get(i).position()[1], 0.05);
            assertEquals(map.get(order[i]), peaks.get(i).value());
        }
        assertArrayEquals(Peaks.argmax(map), Peaks.find(map, PeakOptions.defaults()).get(0).index());
        assertEquals(2, Peaks.find(map, 2, 5, Double.NEGATIVE_INFINITY).size());
    }

    @Test
    void minimaAreTheBestOfSquaredDifferences() {
        NdArray map = NdArray.of(new double[][] {{5, 5, 5, 5, 5}, {5, 0, 5, 2, 5}, {5, 5, 5, 5, 5}});
        PeakOptions minima = PeakOptions.defaults().withCount(5).withExtremum(Extremum.MINIMUM);
        List<Peak> peaks = Peaks.find(map, minima);
        assertEquals(2, peaks.size());
        assertArrayEquals(new int[] {1, 1}, peaks.get(0).index());
        assertArrayEquals(new int[] {1, 3}, peaks.get(1).index());
        assertEquals(1, Peaks.find(map, minima.withThreshold(1)).size(), "threshold is an upper bound for minima");
        assertEquals(0, Peaks.find(map, minima.withMinDistance(2)).indexOf(peaks.get(1)) + 1,
                "radius 2 suppresses the second minimum");
    }

    @Test
    void plateausTiesAndNanAreDeterministic() {
        NdArray flat = NdArray.of(new double[] {1, 1, 1, 1, 1, 1}, 2, 3);
        List<Peak> all = Peaks.find(flat, PeakOptions.defaults().withCount(10).withMinDistance(0));
        assertEquals(6, all.size(), "every plateau sample is a candidate with radius 0");
        for (int i = 0; i < all.size(); i++) {
            assertArrayEquals(flat.unravel(i), all.get(i).index(), "row-major order among equals");
        }
        List<Peak> one = Peaks.find(flat, PeakOptions.defaults().withCount(10).withMinDistance(2));
        assertEquals(1, one.size());
        assertArrayEquals(new int[] {0, 0}, one.get(0).index());

        assertEquals(List.of(), Peaks.find(NdArray.of1d(Double.NaN, Double.NaN), PeakOptions.defaults()));
        List<Peak> nan = Peaks.find(NdArray.of1d(Double.NaN, 2, Double.NaN, 3, 1), PeakOptions.defaults().withCount(5));
        assertEquals(2, nan.size());
        assertArrayEquals(new int[] {3}, nan.get(0).index());
        assertArrayEquals(new int[] {1}, nan.get(1).index());
    }

    @Test
    void signedZerosAreTiesInRowMajorOrder() {
        NdArray map = NdArray.of1d(0.0, -1, -0.0, -1, 0.0);
        List<Peak> peaks = Peaks.find(map, PeakOptions.defaults().withCount(3));
        assertEquals(3, peaks.size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(new int[] {2 * i}, peaks.get(i).index());
        }
    }

    @Test
    void rejectsBadArguments() {
        NdArray map = NdArray.of(new double[] {1, 2, 3, 4}, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> PeakOptions.defaults().withCount(0));
        assertThrows(IllegalArgumentException.class, () -> PeakOptions.defaults().withMinDistance(-1));
        assertThrows(IllegalArgumentException.class, () -> PeakOptions.defaults().withThreshold(Double.NaN));
        IllegalArgumentException axes = assertThrows(IllegalArgumentException.class,
                () -> Peaks.find(map, PeakOptions.defaults().withMinDistance(1, 2, 3)));
        assertTrue(axes.getMessage().contains("2 axes"), axes.getMessage());
        NdArray c = NdArray.ofComplex(new double[] {1, 2}, new double[] {0, 1}, 2);
        assertThrows(IllegalArgumentException.class, () -> Peaks.find(c, PeakOptions.defaults()));
    }

    // ------------------------------------------------------------------------------------------ the reference

    static List<Peak> reference(NdArray map, PeakOptions o) {
        double sign = o.extremum() == Extremum.MAXIMUM ? 1 : -1;
        double[] v = map.backingReal();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i]) && sign * v[i] >= sign * o.threshold() && extremum(map, i, sign)) {
                candidates.add(i);
            }
        }
        // numerically equal values (0.0 and -0.0 too) are ties, broken by row-major order
        candidates.sort((p, q) -> sign * v[p] > sign * v[q] ? -1 : sign * v[p] < sign * v[q] ? 1 : Integer.compare(p, q));
        List<Peak> out = new ArrayList<>();
        List<int[]> accepted = new ArrayList<>();
        for (int i : candidates) {
            if (out.size() == o.count()) {
                break;
            }
            int[] q = map.unravel(i);
            boolean near = false;
            for (int[] p : accepted) {
                near |= within(p, q, o);
            }
            if (!near) {
                accepted.add(q);
                out.add(new Peak(q, SubpixelFit.refine(map, q, o.subpixel()), v[i]));
            }
        }
        return out;
    }

    private static boolean within(int[] p, int[] q, PeakOptions o) {
        for (int a = 0; a < p.length; a++) {
            if (Math.abs(p[a] - q[a]) > o.minDistance(a, p.length)) {
                return false;
            }
        }
        return true;
    }

    private static boolean extremum(NdArray map, int i, double sign) {
        int[] idx = map.unravel(i);
        double[] v = map.backingReal();
        for (int j = 0; j < v.length; j++) {
            int[] k = map.unravel(j);
            boolean near = true;
            for (int a = 0; a < k.length; a++) {
                near &= Math.abs(k[a] - idx[a]) <= 1;
            }
            if (near && !Double.isNaN(v[j]) && sign * v[j] > sign * v[i]) {
                return false;
            }
        }
        return true;
    }

    /** What the result must satisfy whatever the algorithm: sorted, separated, maximal, no worse than the bound. */
    private static void checkDefinition(NdArray map, PeakOptions o, List<Peak> got) {
        double sign = o.extremum() == Extremum.MAXIMUM ? 1 : -1;
        assertTrue(got.size() <= o.count());
        for (int i = 0; i < got.size(); i++) {
            Peak p = got.get(i);
            assertTrue(sign * p.value() >= sign * o.threshold());
            if (i > 0) {
                assertTrue(sign * got.get(i - 1).value() >= sign * p.value(), "best first");
            }
            for (int j = 0; j < i; j++) {
                assertTrue(!within(got.get(j).index(), p.index(), o), "separated");
            }
            for (int a = 0; a < p.index().length; a++) {
                assertTrue(Math.abs(p.position()[a] - p.index()[a]) <= 0.5, "sub-pixel step within half a sample");
            }
        }
        if (got.size() < o.count()) {
            // nothing was left out: every candidate lies near an accepted peak at least as good
            double[] v = map.backingReal();
            for (int i = 0; i < v.length; i++) {
                if (Double.isNaN(v[i]) || sign * v[i] < sign * o.threshold() || !extremum(map, i, sign)) {
                    continue;
                }
                int[] q = map.unravel(i);
                boolean covered = false;
                for (Peak p : got) {
                    covered |= within(p.index(), q, o) && sign * p.value() >= sign * v[i];
                }
                assertTrue(covered, "candidate " + java.util.Arrays.toString(q) + " neither found nor suppressed");
            }
        }
    }

    private static NdArray surface(Random rnd, int[] shape, int kind) {
        int size = NdArray.sizeOf(shape);
        double[] v = new double[size];
        if (kind == 3) {
            NdArray grid = NdArray.zeros(shape);
            int blobs = 1 + rnd.nextInt(6);
            double[][] c = new double[blobs][shape.length];
            for (double[] centre : c) {
                for (int a = 0; a < shape.length; a++) {
                    centre[a] = rnd.nextDouble() * shape[a];
                }
            }
            for (int i = 0; i < size; i++) {
                int[] idx = grid.unravel(i);
                for (int b = 0; b < blobs; b++) {
                    double r2 = 0;
                    for (int a = 0; a < shape.length; a++) {
                        r2 += (idx[a] - c[b][a]) * (idx[a] - c[b][a]);
                    }
                    v[i] += (0.3 + 0.7 * (b + 1) / blobs) * Math.exp(-r2 / 4.0);
                }
            }
            return NdArray.wrap(v, shape);
        }
        for (int i = 0; i < size; i++) {
            v[i] = kind == 1 ? rnd.nextInt(3) / 2.0 : rnd.nextDouble();
            if (kind == 2 && rnd.nextInt(6) == 0) {
                v[i] = Double.NaN;
            }
        }
        return NdArray.wrap(v, shape);
    }
}
