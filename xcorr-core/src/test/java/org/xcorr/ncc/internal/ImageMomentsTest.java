package org.xcorr.ncc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.array.ValueScale;

/** The fused image statistics of an NCC call against the separate passes they replace. */
class ImageMomentsTest {

    /** Math.max of Math.abs, the definition the bit-pattern maximum must reproduce. */
    private static double referenceMaxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static double[] values(int n, long seed, double offset, double scale) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = offset + scale * (r.nextDouble() - 0.5);
        }
        return v;
    }

    @Test
    void meanIsBitIdenticalToSummationAndMaxAbsToItsDefinitionForAnyThreadCount() {
        // lengths around the block length (2^14) and its multiples, offsets that make the mean's refinement matter
        for (int n : new int[] {1, 3, 1000, 16384, 16385, 50001, 200000}) {
            for (double offset : new double[] {0, 1e6, -3.5}) {
                double[] x = values(n, n, offset, 2);
                x[n / 2] = -0.0;
                ImageMoments one = ImageMoments.of(x, true, true, ValueScale.SAFE_DOUBLE, 1);
                assertNotNull(one);
                assertEquals(Summation.mean(x, 1), one.mean(), 0.0, "n=" + n + " offset=" + offset);
                assertEquals(referenceMaxAbs(x), one.maxAbs(), 0.0);
                assertEquals(ValueScale.maxAbs(x, 3), one.maxAbs(), 0.0);
                double energy = Summation.sumOfSquares(x, Summation.mean(x, 1), 1);
                assertEquals(energy, one.energy(), 1e-9 * energy + 1e-300);
                for (int threads = 2; threads <= 5; threads++) {
                    ImageMoments more = ImageMoments.of(x, true, true, ValueScale.SAFE_DOUBLE, threads);
                    assertEquals(one, more, "threads=" + threads);
                }
                ImageMoments noEnergy = ImageMoments.of(x, false, true, ValueScale.SAFE_DOUBLE, 2);
                assertEquals(one.mean(), noEnergy.mean(), 0.0);
                assertTrue(Double.isNaN(noEnergy.energy()));
            }
        }
    }

    /**
     * Without refinement one pass gives the first estimate of the mean and the energy from Σx² - μ₀Σx; an offset a
     * million times the spread cancels that, and the energy is then summed again about μ₀: both within 1e-9 of the
     * two-pass energy, identical for any thread count.
     */
    @Test
    void onePassEnergyAndItsFallbackUnderCancellation() {
        for (double offset : new double[] {0, 10, 1e6, -1e9}) {
            double[] x = values(70000, 3, offset, 1);
            ImageMoments one = ImageMoments.of(x, true, false, ValueScale.SAFE_DOUBLE, 1);
            double mu = Summation.mean(x, 1);
            assertEquals(mu, one.mean(), 1e-12 * Math.abs(offset) + 1e-15, "offset " + offset);
            double energy = Summation.sumOfSquares(x, mu, 1);
            assertEquals(energy, one.energy(), 1e-9 * energy, "offset " + offset);
            for (int threads = 2; threads <= 4; threads++) {
                assertEquals(one, ImageMoments.of(x, true, false, ValueScale.SAFE_DOUBLE, threads));
            }
            assertTrue(Double.isNaN(ImageMoments.of(x, false, false, ValueScale.SAFE_DOUBLE, 2).energy()));
        }
    }

    @Test
    void nonFiniteOrFarFromOneLeavesTheImageToValueScale() {
        double[] x = values(40000, 7, 0, 1);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0x1p101,
            -0x1p120}) {
            double[] y = x.clone();
            y[33333] = bad;
            assertNull(ImageMoments.of(y, true, false, ValueScale.SAFE_DOUBLE, 2), "value " + bad);
        }
        double[] tiny = values(100, 8, 0, 0x1p-110);
        assertNull(ImageMoments.of(tiny, true, true, ValueScale.SAFE_DOUBLE, 1));
        // inside the window: used as it is
        double[] edge = values(100, 9, 0, 1);
        edge[5] = 0x1.fp100;
        assertNotNull(ImageMoments.of(edge, true, false, ValueScale.SAFE_DOUBLE, 1));
    }

    /** ValueScale.maxAbs compares bit patterns now: same values as Math.max, NaN still wins, -0.0 counts as 0. */
    @Test
    void valueScaleMaxAbsMatchesMathMaxOnEdgeValues() {
        double[][] cases = {
            {-0.0}, {0.0, -0.0}, {Double.MIN_VALUE, -Double.MIN_NORMAL}, {-Double.MAX_VALUE, 1},
            {1, Double.NEGATIVE_INFINITY, 2}, {Double.NaN, Double.POSITIVE_INFINITY}, {3, -Double.NaN, -7}, {},
        };
        for (double[] c : cases) {
            double expected = referenceMaxAbs(c);
            double got = ValueScale.maxAbs(c, 0, c.length);
            if (Double.isNaN(expected)) {
                assertTrue(Double.isNaN(got));
            } else {
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(got));
            }
        }
    }
}
