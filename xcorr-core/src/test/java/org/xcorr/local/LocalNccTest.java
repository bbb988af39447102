package org.xcorr.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xcorr.Seeds;
import org.xcorr.Tolerances;
import org.xcorr.array.NdArray;
import org.xcorr.ncc.BruteNcc;

class LocalNccTest {

    /** Absolute tolerance on ρ against the two-pass brute force, for data of unit scale. */
    static final double TOL = Tolerances.NCC_VS_BRUTE;

    /** Direct window loops, two-pass statistics per window (scaled first): the one local NCC reference, hostile values too. */
    static NdArray bruteForce(NdArray a, NdArray b, int[] radius) {
        int rank = a.rank();
        int[] shape = a.shape();
        double[] out = new double[a.size()];
        for (int f = 0; f < a.size(); f++) {
            int[] p = a.unravel(f);
            int[] lo = new int[rank];
            int[] hi = new int[rank];
            for (int i = 0; i < rank; i++) {
                int r = radius.length == 1 ? radius[0] : radius[i];
                lo[i] = (int) Math.max(0, (long) p[i] - r);
                hi[i] = (int) Math.min(shape[i] - 1, (long) p[i] + r);
            }
            // each window scaled by a power of two (exact; ρ is invariant to it), so the reference holds for any
            // finite magnitudes and is bit-identical to the unscaled sums for ordinary data
            double[] wa = window(a, lo, hi);
            double[] wb = window(b, lo, hi);
            out[f] = pearson(BruteNcc.scaled(wa, wa.length), BruteNcc.scaled(wb, wb.length));
        }
        return NdArray.wrap(out, shape);
    }

    static double[] window(NdArray x, int[] lo, int[] hi) {
        int rank = lo.length;
        int n = 1;
        for (int i = 0; i < rank; i++) {
            n *= hi[i] - lo[i] + 1;
        }
        double[] w = new double[n];
        int[] idx = lo.clone();
        for (int k = 0; k < n; k++) {
            w[k] = x.get(idx);
            for (int i = rank - 1; i >= 0; i--) {
                if (++idx[i] <= hi[i]) {
                    break;
                }
                idx[i] = lo[i];
            }
        }
        return w;
    }

    /** Whether the window of a or of b around each pixel is constant (direct test). */
    static boolean[] constantWindows(NdArray a, NdArray b, int[] radius) {
        int rank = a.rank();
        int[] shape = a.shape();
        boolean[] out = new boolean[a.size()];
        for (int f = 0; f < a.size(); f++) {
            int[] p = a.unravel(f);
            int[] lo = new int[rank];
            int[] hi = new int[rank];
            for (int i = 0; i < rank; i++) {
                int r = radius.length == 1 ? radius[0] : radius[i];
                lo[i] = (int) Math.max(0, (long) p[i] - r);
                hi[i] = (int) Math.min(shape[i] - 1, (long) p[i] + r);
            }
            double[] wa = window(a, lo, hi);
            double[] wb = window(b, lo, hi);
            out[f] = Arrays.stream(wa).allMatch(v -> v == wa[0]) || Arrays.stream(wb).allMatch(v -> v == wb[0]);
        }
        return out;
    }

    static double pearson(double[] x, double[] y) {
        boolean cx = Arrays.stream(x).allMatch(v -> v == x[0]);
        boolean cy = Arrays.stream(y).allMatch(v -> v == y[0]);
        if (cx || cy) {
            return 0;
        }
        double mx = Arrays.stream(x).sum() / x.length;
        double my = Arrays.stream(y).sum() / y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    static NdArray random(Random rnd, int[] shape, double dc) {
        double[] d = new double[NdArray.sizeOf(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = dc + rnd.nextGaussian();
        }
        return NdArray.wrap(d, shape);
    }

    /** b correlated with a (so ρ spans a real range), plus independent noise. */
    static NdArray related(Random rnd, NdArray a, double dc) {
        double[] d = a.toArray();
        for (int i = 0; i < d.length; i++) {
            d[i] = dc + 0.7 * (d[i] - a.backingReal()[0]) + rnd.nextGaussian();
        }
        return NdArray.wrap(d, a.shape());
    }

    static void assertClose(NdArray want, NdArray got, double tol, String what) {
        assertArrayEquals(want.shape(), got.shape(), what + ": shape");
        for (int i = 0; i < want.size(); i++) {
            double w = want.backingReal()[i];
            double g = got.backingReal()[i];
            if (w == 0) {
                // brute force gives exact 0 only for constant windows (random data has no others)
                assertEquals(0.0, g, 0.0, what + ": expected exact 0 at " + Arrays.toString(want.unravel(i)));
            } else {
                assertTrue(Math.abs(w - g) <= tol, what + " at " + Arrays.toString(want.unravel(i))
                        + ": want " + w + " got " + g);
            }
        }
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(new int[] {1}, 0), Arguments.of(new int[] {1}, 3),
                Arguments.of(new int[] {2}, 1), Arguments.of(new int[] {7}, 2),
                Arguments.of(new int[] {13}, 20), Arguments.of(new int[] {97}, 4), Arguments.of(new int[] {200}, 33),
                Arguments.of(new int[] {1, 1}, 1), Arguments.of(new int[] {1, 17}, 2), Arguments.of(new int[] {17, 1}, 2),
                Arguments.of(new int[] {5, 4}, 1), Arguments.of(new int[] {10, 9}, 12), Arguments.of(new int[] {16, 16}, 3),
                Arguments.of(new int[] {31, 29}, 0), Arguments.of(new int[] {31, 29}, 1), Arguments.of(new int[] {31, 29}, 7),
                Arguments.of(new int[] {70, 45}, 5), Arguments.of(new int[] {70, 45}, 30), Arguments.of(new int[] {97, 11}, 2),
                Arguments.of(new int[] {2, 3, 4}, 1), Arguments.of(new int[] {7, 5, 6}, 2), Arguments.of(new int[] {9, 8, 11}, 3),
                Arguments.of(new int[] {13, 4, 7}, 20), Arguments.of(new int[] {23, 6, 5}, 1), Arguments.of(new int[] {1, 9, 9}, 2),
                Arguments.of(new int[] {40, 3, 3}, 4));
    }

    @ParameterizedTest(name = "{index}: shape {0} radius {1}")
    @MethodSource("shapes")
    void matchesBruteForce(int[] shape, int radius) {
        Random rnd = new Random(Arrays.hashCode(shape) * 31 + radius);
        NdArray a = random(rnd, shape, 0);
        NdArray b = related(rnd, a, 0);
        NdArray want = bruteForce(a, b, new int[] {radius});
        for (int threads : new int[] {1, 3}) {
            NdArray got = LocalNcc.localNcc(a, b, LocalNccOptions.ofRadius(radius).withThreads(threads));
            assertClose(want, got, TOL, Arrays.toString(shape) + " r=" + radius + " threads=" + threads);
        }
    }

    @Test
    void perAxisRadiiMatchBruteForce() {
        Random rnd = new Random(7);
        int[][] shapes = {{40, 33}, {12, 9, 14}};
        int[][] radii = {{0, 4}, {3, 0, 5}};
        int[][] radii2 = {{6, 1}, {1, 2, 0}};
        for (int s = 0; s < shapes.length; s++) {
            NdArray a = random(rnd, shapes[s], 0);
            NdArray b = related(rnd, a, 0);
            for (int[] r : new int[][] {radii[s], radii2[s]}) {
                assertClose(bruteForce(a, b, r), LocalNcc.localNcc(a, b, LocalNccOptions.ofRadii(r)), TOL,
                        "per-axis " + Arrays.toString(r));
            }
        }
    }

    /** Long rows and columns: the running sums restart on a fixed grid, so error must not grow with length. */
    @Test
    void longAxesWithLargeOffsetStayAccurate() {
        Random rnd = new Random(11);
        int[] shape = {300, 700};
        NdArray a = random(rnd, shape, 1e3);
        NdArray b = related(rnd, a, -5e3);
        for (int r : new int[] {1, 9}) {
            assertClose(bruteForce(a, b, new int[] {r}), LocalNcc.localNcc(a, b, r), 1e-11, "dc r=" + r);
        }
    }

    @Test
    void constantPatchesGiveExactZeroAndMatchBruteForce() {
        Random rnd = new Random(3);
        int[][] shapes = {{41, 37}, {9, 12, 10}, {300}};
        for (int[] shape : shapes) {
            NdArray a0 = random(rnd, shape, 0);
            double[] a = a0.toArray();
            double[] b = related(rnd, a0, 0).toArray();
            // plant constant blocks, one of them with -0.0 and 0.0 mixed (equal values)
            for (int i = 0; i < a.length; i++) {
                int[] p = a0.unravel(i);
                if (p[p.length - 1] < 8 && (p.length == 1 || p[0] < 9)) {
                    a[i] = (i % 2 == 0) ? 0.0 : -0.0;
                }
                if (p[p.length - 1] >= shape[shape.length - 1] - 6) {
                    b[i] = 2.5;
                }
            }
            NdArray aa = NdArray.wrap(a, shape);
            NdArray bb = NdArray.wrap(b, shape);
            for (int r : new int[] {1, 2, 4}) {
                NdArray want = bruteForce(aa, bb, new int[] {r});
                long zeros = Arrays.stream(want.backingReal()).filter(v -> v == 0).count();
                assertTrue(zeros > 0, "the test must plant constant windows");
                assertClose(want, LocalNcc.localNcc(aa, bb, r), TOL, "constant " + Arrays.toString(shape) + " r=" + r);
            }
        }
    }

    /**
     * Constant windows reached right after large values have passed through the running sums (whose rounding
     * then dwarfs the window's own scale), next to windows that vary only in the last few bits: the first must
     * be exact zeros (found although the fast path skips the exact test where the variance is clearly
     * positive), the second must not be taken for constant.
     */
    @Test
    void constantWindowsAfterLargeValuesAreExactZeros() {
        Random rnd = new Random(12);
        int[] shape = {140, 150};
        double[] a = new double[shape[0] * shape[1]];
        double[] b = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            int y = i / shape[1];
            int x = i % shape[1];
            a[i] = 1e7 * rnd.nextGaussian();
            b[i] = rnd.nextGaussian();
            if (y >= 50 && y < 100 && x >= 40 && x < 110) {
                a[i] = 12345.678;
            }
            if (y >= 60 && y < 90 && x >= 120) {
                // one ulp of 0.3 apart: not constant, and tiny variance
                a[i] = (x + y) % 3 == 0 ? Math.nextUp(0.3) : 0.3;
            }
        }
        NdArray aa = NdArray.wrap(a, shape);
        NdArray bb = NdArray.wrap(b, shape);
        for (int r : new int[] {1, 3, 7}) {
            boolean[] flat = constantWindows(aa, bb, new int[] {r});
            double[] got = LocalNcc.localNcc(aa, bb, r).backingReal();
            long zeros = 0;
            for (int i = 0; i < got.length; i++) {
                if (flat[i]) {
                    zeros++;
                    assertEquals(0L, Double.doubleToRawLongBits(got[i]), "constant window at " + i + " r=" + r);
                }
                assertTrue(got[i] >= -1 && got[i] <= 1, "bounded at " + i);
            }
            assertTrue(zeros > 100, "the test must plant constant windows");
        }
    }

    /**
     * Rows wider than one strip of the 2-D stage (a few hundred columns): constant patches straddle the strip
     * edges, where a strip's halo and its runs of equal values must reach into the neighbouring strips.
     */
    @Test
    void wideRowsWithConstantPatchesAcrossStripEdgesMatchBruteForce() {
        Random rnd = new Random(13);
        for (int[] shape : new int[][] {{23, 1100}, {1100}}) {
            NdArray a0 = random(rnd, shape, 4);
            double[] a = a0.toArray();
            double[] b = related(rnd, a0, -2).toArray();
            int w = shape[shape.length - 1];
            for (int i = 0; i < a.length; i++) {
                int x = i % w;
                int y = i / w;
                for (int edge : new int[] {228, 248, 256, 496, 684, 768}) {
                    // patches across strip edges for small and large radii (widths 256, 248, 228)
                    if (x >= edge - 12 && x < edge + 20 && (shape.length == 1 || y < 20)) {
                        a[i] = 1.25;
                    }
                }
                if (x >= 500 && x < 540 && (y % 7) < 5) {
                    b[i] = -3.0;
                }
            }
            NdArray aa = NdArray.wrap(a, shape);
            NdArray bb = NdArray.wrap(b, shape);
            for (int r : new int[] {1, 4, 9}) {
                NdArray want = bruteForce(aa, bb, new int[] {r});
                assertTrue(Arrays.stream(want.backingReal()).filter(v -> v == 0).count() > 0,
                        "the test must plant constant windows");
                double[] tol = conditionedTolerance(aa, bb, r);
                for (int threads : new int[] {1, 2}) {
                    NdArray got = LocalNcc.localNcc(aa, bb, LocalNccOptions.ofRadius(r).withThreads(threads));
                    for (int i = 0; i < a.length; i++) {
                        double wv = want.backingReal()[i];
                        double gv = got.backingReal()[i];
                        String where = "wide " + Arrays.toString(shape) + " r=" + r + " threads=" + threads + " at " + i;
                        if (wv == 0) {
                            assertEquals(0.0, gv, 0.0, where);
                        } else {
                            assertTrue(Math.abs(wv - gv) <= tol[i], where + ": want " + wv + " got " + gv);
                        }
                    }
                }
            }
        }
    }

    /**
     * TOL plus the documented error scale of each window, 1e-16·(mean² + var)/var of the globally centred
     * values of a and of b (the larger), with a factor of 1e4 for the running sums' length: a window of two
     * nearly equal samples at the end of a row has a tiny variance and a correspondingly larger error.
     */
    static double[] conditionedTolerance(NdArray a, NdArray b, int radius) {
        double ma = Arrays.stream(a.backingReal()).average().orElse(0);
        double mb = Arrays.stream(b.backingReal()).average().orElse(0);
        int rank = a.rank();
        double[] tol = new double[a.size()];
        for (int f = 0; f < a.size(); f++) {
            int[] p = a.unravel(f);
            int[] lo = new int[rank];
            int[] hi = new int[rank];
            for (int i = 0; i < rank; i++) {
                lo[i] = Math.max(0, p[i] - radius);
                hi[i] = Math.min(a.shape(i) - 1, p[i] + radius);
            }
            tol[f] = TOL + Tolerances.NCC_PER_CONDITION * Math.max(condition(window(a, lo, hi), ma), condition(window(b, lo, hi), mb));
        }
        return tol;
    }

    private static double condition(double[] w, double centre) {
        double mean = Arrays.stream(w).map(v -> v - centre).average().orElse(0);
        double var = Arrays.stream(w).map(v -> (v - centre - mean) * (v - centre - mean)).average().orElse(0);
        return var > 0 ? (mean * mean + var) / var : 0;
    }

    @Test
    void radiusZeroIsAllZeros() {
        Random rnd = new Random(5);
        NdArray a = random(rnd, new int[] {6, 7}, 0);
        NdArray got = LocalNcc.localNcc(a, related(rnd, a, 0), 0);
        for (double v : got.backingReal()) {
            assertEquals(0.0, v, 0.0);
            assertEquals(0L, Double.doubleToRawLongBits(v), "must be +0.0");
        }
    }

    @Test
    void identicalInputsGiveOneWhereVaried() {
        Random rnd = new Random(8);
        NdArray a = random(rnd, new int[] {30, 20}, 100);
        for (double v : LocalNcc.localNcc(a, a, 2).backingReal()) {
            assertEquals(1.0, v, Tolerances.EXACT_NCC);
        }
    }

    @Test
    void threadCountDoesNotChangeBits() {
        Random rnd = new Random(9);
        for (int[] shape : new int[][] {{257, 190}, {30, 40, 50}, {5000}}) {
            NdArray a = random(rnd, shape, 10);
            NdArray b = related(rnd, a, 3);
            NdArray one = LocalNcc.localNcc(a, b, LocalNccOptions.ofRadius(3).withThreads(1));
            for (int t : new int[] {2, 3, 8}) {
                NdArray many = LocalNcc.localNcc(a, b, LocalNccOptions.ofRadius(3).withThreads(t));
                assertArrayEquals(one.backingReal(), many.backingReal(), "threads " + t + " " + Arrays.toString(shape));
            }
        }
    }

    @Test
    void inputsAreLeftUnchanged() {
        Random rnd = new Random(10);
        NdArray a = random(rnd, new int[] {20, 21}, 0);
        NdArray b = related(rnd, a, 0);
        double[] a0 = a.toArray();
        double[] b0 = b.toArray();
        LocalNcc.localNcc(a, b, 3);
        assertArrayEquals(a0, a.backingReal());
        assertArrayEquals(b0, b.backingReal());
    }

    @Test
    void errorsNameTheProblem() {
        NdArray a = NdArray.zeros(4, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalNcc.localNcc(a, NdArray.zeros(5, 4), 1));
        assertTrue(e.getMessage().contains("4x5") && e.getMessage().contains("5x4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LocalNcc.localNcc(a, a, -1));
        assertTrue(e.getMessage().contains("radius") && e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LocalNcc.localNcc(a, a, LocalNccOptions.ofRadii(1, 2, 3)));
        assertTrue(e.getMessage().contains("radius has 3 values"), e.getMessage());
        NdArray nan = NdArray.of(new double[] {1, Double.NaN, 3}, 3);
        e = assertThrows(IllegalArgumentException.class, () -> LocalNcc.localNcc(nan, nan, 1));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LocalNccOptions.ofRadius(2).withThreads(0));
    }

    // ------------------------------------------------------------------------------------ properties

    @Property(tries = 60, seed = Seeds.LOCAL_NCC)
    void boundedSymmetricAndAffineInvariant(@ForAll @IntRange(min = 1, max = 40) int h,
                                            @ForAll @IntRange(min = 1, max = 40) int w,
                                            @ForAll @IntRange(min = 0, max = 6) int r,
                                            @ForAll @DoubleRange(min = 0.01, max = 100) double scale,
                                            @ForAll @DoubleRange(min = -1e4, max = 1e4) double offset,
                                            @ForAll long seed) {
        Random rnd = new Random(seed);
        // quantized values so that constant windows actually occur
        double[] x = new double[h * w];
        double[] y = new double[h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextInt(3);
            y[i] = rnd.nextInt(4) + 0.5 * x[i];
        }
        NdArray a = NdArray.wrap(x, h, w);
        NdArray b = NdArray.wrap(y, h, w);
        NdArray ab = LocalNcc.localNcc(a, b, r);
        NdArray ba = LocalNcc.localNcc(b, a, r);
        assertArrayEquals(ab.backingReal(), ba.backingReal(), "symmetric in a and b");
        double[] xs = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xs[i] = scale * x[i] + offset;
        }
        NdArray scaled = LocalNcc.localNcc(NdArray.wrap(xs, h, w), b, r);
        NdArray want = bruteForce(a, b, new int[] {r});
        boolean[] constant = constantWindows(a, b, new int[] {r});
        for (int i = 0; i < x.length; i++) {
            double v = ab.backingReal()[i];
            assertTrue(v >= -1 && v <= 1, "bounded");
            assertEquals(want.backingReal()[i], v, Tolerances.NCC_VS_BRUTE, "brute force");
            // scaling a by a > 0 and shifting it keeps ρ, and keeps exact zeros exact
            assertEquals(v, scaled.backingReal()[i], Tolerances.NCC_INVARIANCE, "affine invariance");
            if (constant[i]) {
                assertEquals(0.0, v, 0.0, "exact zero");
                assertEquals(0.0, scaled.backingReal()[i], 0.0, "exact zero after scaling");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e6, 1e9, 1e12, 1e100, 1e300, Double.MAX_VALUE})
    void localNccFarFromASpikeMatchesBruteForce(double spike) {
        // issue 11: one bright pixel broke the windows its running sums passed through
        Random r = new Random(21);
        int[] shape = {70, 150};
        double[] av = new double[70 * 150];
        double[] bv = new double[70 * 150];
        for (int i = 0; i < av.length; i++) {
            av[i] = r.nextDouble();
            bv[i] = 0.5 * av[i] + r.nextDouble();
        }
        av[9 * 150 + 12] = spike;
        bv[40 * 150 + 100] = -spike;
        NdArray a = NdArray.wrap(av, shape);
        NdArray b = NdArray.wrap(bv, shape);
        for (int radius : new int[] {1, 3}) {
            NdArray want = bruteForce(a, b, new int[] {radius});
            NdArray got = LocalNcc.localNcc(a, b, LocalNccOptions.ofRadius(radius).withThreads(2));
            for (int i = 0; i < want.size(); i++) {
                assertTrue(Math.abs(want.backingReal()[i] - got.backingReal()[i]) <= TOL, "spike " + spike
                        + " radius " + radius + " at " + Arrays.toString(want.unravel(i)) + ": want "
                        + want.backingReal()[i] + " got " + got.backingReal()[i]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e6, 1e9, 1e12})
    void bug_threeDimensionalWindowsFarFromASpikeMatchBruteForce(double spike) {
        // the window kernel's rounding rule now covers 3-D too: before, 3-D windows whose running sums had carried
        // a bright pixel were never recomputed
        Random r = new Random(23);
        int[] shape = {9, 14, 40};
        double[] av = new double[9 * 14 * 40];
        double[] bv = new double[av.length];
        for (int i = 0; i < av.length; i++) {
            av[i] = r.nextDouble();
            bv[i] = 0.5 * av[i] + r.nextDouble();
        }
        av[(2 * 14 + 3) * 40 + 5] = spike;
        bv[(6 * 14 + 10) * 40 + 30] = -spike;
        NdArray a = NdArray.wrap(av, shape);
        NdArray b = NdArray.wrap(bv, shape);
        for (int radius : new int[] {1, 2}) {
            NdArray want = bruteForce(a, b, new int[] {radius});
            NdArray got = LocalNcc.localNcc(a, b, LocalNccOptions.ofRadius(radius).withThreads(2));
            for (int i = 0; i < want.size(); i++) {
                assertTrue(Math.abs(want.backingReal()[i] - got.backingReal()[i]) <= TOL, "spike " + spike
                        + " radius " + radius + " at " + Arrays.toString(want.unravel(i)) + ": want "
                        + want.backingReal()[i] + " got " + got.backingReal()[i]);
            }
        }
    }

    @Test
    void localNccOfInputsTimes1e80IsTheSame() {
        Random r = new Random(22);
        NdArray a = random(r, new int[] {30, 40}, 0.5);
        NdArray b = related(r, a, 0.5);
        NdArray want = LocalNcc.localNcc(a, b, 2);
        double[] av = a.toArray();
        double[] bv = b.toArray();
        for (int i = 0; i < av.length; i++) {
            av[i] *= 1e80;
            bv[i] *= 1e-90;
        }
        NdArray got = LocalNcc.localNcc(NdArray.wrap(av, 30, 40), NdArray.wrap(bv, 30, 40), 2);
        assertClose(want, got, 1e-12, "x1e80, x1e-90");
    }

    // ------------------------------------------------------------------------------------ the one-pass kernel (issue 16)
    // 1-D and 2-D inputs are read once: every block of rows (restart grid: 64 rows, or 4 windows) of every strip of
    // columns (256, or a multiple of the row period) is centred by its own first row and checks its own range.

    /** Shapes that cross several row blocks and column strips, and a radius past the restart minimum. */
    private static final int[][] BAND_SHAPES = {{300, 700}, {129, 513}, {70, 65}, {3000}, {1, 900}, {900, 1}};

    @Test
    void onePassMatchesBruteForceAcrossBlockAndStripEdges() {
        Random rnd = new Random(31);
        for (int[] shape : BAND_SHAPES) {
            // a local offset that changes across blocks and strips: each block removes its own
            double[] x = new double[NdArray.sizeOf(shape)];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = 1e4 * Math.sin(i * 1e-3) + rnd.nextGaussian();
                y[i] = -3e3 + 0.6 * x[i] + rnd.nextGaussian();
            }
            NdArray a = NdArray.wrap(x, shape);
            NdArray b = NdArray.wrap(y, shape);
            for (int r : new int[] {1, 2, 17}) {
                assertClose(bruteForce(a, b, new int[] {r}), LocalNcc.localNcc(a, b, r), 1e-10,
                        Arrays.toString(shape) + " r=" + r);
            }
        }
    }

    @Test
    void onePassIsBitIdenticalForOneTwoAndThreeThreads() {
        Random rnd = new Random(32);
        for (int[] shape : BAND_SHAPES) {
            NdArray a = random(rnd, shape, 100);
            NdArray b = related(rnd, a, -7);
            for (int r : new int[] {1, 5, 40}) {
                NdArray one = LocalNcc.localNcc(a, b, LocalNccOptions.ofRadius(r).withThreads(1));
                for (int t : new int[] {2, 3}) {
                    NdArray many = LocalNcc.localNcc(a, b, LocalNccOptions.ofRadius(r).withThreads(t));
                    assertArrayEquals(one.backingReal(), many.backingReal(),
                            "threads " + t + " r=" + r + " " + Arrays.toString(shape));
                }
            }
        }
    }

    @Test
    void radiusOneRowSumsFromTheirOwnColumnsMatchBruteForceOnNarrowAndStripEdgeWidths() {
        // radius 1 sums each row window from its own three columns (no running sum): images two to four columns wide,
        // a strip edge at 256 columns (one column past it, one short), rows across the 64-row blocks, a spike and
        // constant patches (untrusted windows: the bound, then the exact magnitudes, then the exact path)
        Random rnd = new Random(37);
        for (int[] shape : new int[][] {{40, 2}, {9, 3}, {70, 4}, {130, 255}, {70, 257}, {3, 513}, {514}}) {
            NdArray a = random(rnd, shape, 50);
            NdArray b = related(rnd, a, -3);
            double[] x = a.toArray();
            double[] y = b.toArray();
            x[x.length / 3] = 1e7;
            for (int i = 2 * x.length / 3; i < Math.min(x.length, 2 * x.length / 3 + 9); i++) {
                y[i] = 2.5;
            }
            a = NdArray.wrap(x, shape);
            b = NdArray.wrap(y, shape);
            NdArray want = bruteForce(a, b, new int[] {1});
            NdArray one = LocalNcc.localNcc(a, b, LocalNccOptions.ofRadius(1).withThreads(1));
            assertClose(want, one, TOL, "r=1 " + Arrays.toString(shape));
            NdArray three = LocalNcc.localNcc(a, b, LocalNccOptions.ofRadius(1).withThreads(3));
            assertArrayEquals(one.backingReal(), three.backingReal(), "threads, r=1 " + Arrays.toString(shape));
        }
    }

    @Test
    void radiusLargerThanTheImageIsOneWindowOfTheWholeAxis() {
        Random rnd = new Random(33);
        for (int[] shape : new int[][] {{7, 9}, {11}, {1, 5}}) {
            NdArray a = random(rnd, shape, 2);
            NdArray b = related(rnd, a, 1);
            NdArray huge = LocalNcc.localNcc(a, b, 1000);
            assertClose(bruteForce(a, b, new int[] {1000}), huge, TOL, "r=1000 " + Arrays.toString(shape));
            // every window is the whole array: one value everywhere, the same as with radius n - 1
            NdArray exact = LocalNcc.localNcc(a, b, Math.max(shape[0], shape[shape.length - 1]) - 1);
            assertArrayEquals(exact.backingReal(), huge.backingReal(), Arrays.toString(shape));
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-150, 1e-155, 1e-157, 1e-158, 1e-159, 1e-160})
    void blocksOfTinyValuesInAnOrdinaryImageMatchBruteForce(double scale) {
        // a block centred by its own values leaves tiny values tiny, their squares near or in subnormal range, where
        // the rounding rule assumes too much; the smallest send the call to the globally centred path
        Random rnd = new Random(34);
        int[] shape = {150, 300};
        double[] x = new double[150 * 300];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            boolean tiny = i / 300 >= 70 && i % 300 < 80;
            double s = tiny ? scale : 1;
            x[i] = s * rnd.nextGaussian();
            y[i] = s * (0.5 * x[i] / s + rnd.nextGaussian());
        }
        NdArray a = NdArray.wrap(x, shape);
        NdArray b = NdArray.wrap(y, shape);
        for (int r : new int[] {1, 4}) {
            assertClose(bruteForce(a, b, new int[] {r}), LocalNcc.localNcc(a, b, r), TOL, "tiny block " + scale + " r=" + r);
        }
    }

    @Test
    void inputTimesAPowerOfTwoGivesTheSameBits() {
        // far from 1 the pass finds its blocks out of range, rescales exactly and runs the same arithmetic again
        Random rnd = new Random(35);
        NdArray a = random(rnd, new int[] {90, 260}, 3);
        NdArray b = related(rnd, a, -2);
        NdArray want = LocalNcc.localNcc(a, b, 3);
        for (int k : new int[] {-700, -300, 60, 300, 900}) {
            double[] av = a.toArray();
            double[] bv = b.toArray();
            for (int i = 0; i < av.length; i++) {
                av[i] = Math.scalb(av[i], k);
                bv[i] = Math.scalb(bv[i], -k / 3);
            }
            NdArray got = LocalNcc.localNcc(NdArray.wrap(av, 90, 260), NdArray.wrap(bv, 90, 260), 3);
            assertArrayEquals(want.backingReal(), got.backingReal(), "2^" + k);
        }
    }

    @Test
    void nonFiniteValuesAnywhereAreNamed() {
        Random rnd = new Random(36);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            for (int at : new int[] {0, 37 * 400 + 399, 199 * 400 + 5}) {
                NdArray a = random(rnd, new int[] {200, 400}, 0);
                NdArray b = related(rnd, a, 0);
                b.backingReal()[at] = bad;
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> LocalNcc.localNcc(a, b, LocalNccOptions.ofRadius(2).withThreads(2)));
                assertTrue(e.getMessage().contains("b"), e.getMessage());
            }
        }
    }
}
