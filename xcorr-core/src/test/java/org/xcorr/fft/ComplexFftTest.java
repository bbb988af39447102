package org.xcorr.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xcorr.Seeds;

class ComplexFftTest {

    static final double TOL = 1e-12;

    /** Naive O(n^2) DFT along one axis of a 1-D signal: the reference every fast path is held to. */
    static double[][] naiveDft(double[] re, double[] im, boolean inverse) {
        return NaiveDft.dft(re, im, inverse);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 16, 17, 25, 27, 30, 32, 49, 64, 97, 100, 105, 128,
        210, 243, 256, 343, 512, 625, 1000, 1024, 2047, 2048, 4096, 4099})
    void forwardMatchesNaiveDft(int n) {
        Random rnd = new Random(n);
        double[] re = rnd.doubles(n, -1, 1).toArray();
        double[] im = rnd.doubles(n, -1, 1).toArray();
        double[][] want = naiveDft(re, im, false);
        double[] r = re.clone();
        double[] i = im.clone();
        ComplexFft.of(n).forward(r, i, 1);
        double scale = NaiveDft.scale(want[0], want[1]);
        double err = NaiveDft.maxError(r, i, want[0], want[1]);
        assertTrue(err <= TOL * scale, "n=" + n + " err=" + err + " scale=" + scale);
        ComplexFft.of(n).inverse(r, i, 2);
        double back = NaiveDft.maxError(r, i, re, im);
        assertTrue(back < TOL, "round trip n=" + n + " err=" + back);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 8, 15, 23, 60, 89, 1001})
    void inverseMatchesNaiveDft(int n) {
        Random rnd = new Random(31 * n);
        double[] re = rnd.doubles(n, -1, 1).toArray();
        double[] im = rnd.doubles(n, -1, 1).toArray();
        double[][] want = naiveDft(re, im, true);
        for (int k = 0; k < n; k++) {
            want[0][k] /= n;
            want[1][k] /= n;
        }
        double[] r = re.clone();
        double[] i = im.clone();
        ComplexFft.of(n).inverse(r, i, 1);
        double err = NaiveDft.maxError(r, i, want[0], want[1]);
        assertTrue(err <= TOL * NaiveDft.scale(want[0], want[1]), "n=" + n + " err=" + err);
    }

    static int[][] shapes() {
        return new int[][] {{1, 1}, {1, 7}, {7, 1}, {2, 3}, {5, 8}, {16, 16}, {13, 17}, {30, 42}, {64, 9},
            {23, 89}, {100, 3}, {3, 100}, {1, 1, 1}, {2, 3, 4}, {5, 1, 7}, {8, 8, 8}, {7, 11, 6}, {3, 40, 5},
            {12, 1, 1}};
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void multiDimensionalMatchesNaive(int[] shape) {
        int size = NaiveDft.size(shape);
        Random rnd = new Random(size * 7919L + shape.length);
        double[] re = rnd.doubles(size, -1, 1).toArray();
        double[] im = rnd.doubles(size, -1, 1).toArray();
        double[][] want = NaiveDft.dftN(shape, re, im, false);
        double[] r = re.clone();
        double[] i = im.clone();
        ComplexFft plan = ComplexFft.of(shape);
        plan.forward(r, i, 2);
        double err = NaiveDft.maxError(r, i, want[0], want[1]);
        assertTrue(err <= TOL * NaiveDft.scale(want[0], want[1]), java.util.Arrays.toString(shape) + " err=" + err);
        plan.inverse(r, i, 3);
        assertTrue(NaiveDft.maxError(r, i, re, im) < TOL, "round trip " + java.util.Arrays.toString(shape));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void bitIdenticalForAnyThreadCount(int[] shape) {
        int size = NaiveDft.size(shape);
        Random rnd = new Random(size);
        double[] re = rnd.doubles(size, -1, 1).toArray();
        double[] im = rnd.doubles(size, -1, 1).toArray();
        double[][] ref = null;
        for (int threads : new int[] {1, 2, 3, 8}) {
            double[] r = re.clone();
            double[] i = im.clone();
            ComplexFft.of(shape).forward(r, i, threads);
            ComplexFft.of(shape).inverse(r, i, threads);
            if (ref == null) {
                ref = new double[][] {r, i};
            } else {
                assertArrayEquals(ref[0], r, 0.0, "threads=" + threads);
                assertArrayEquals(ref[1], i, 0.0, "threads=" + threads);
            }
        }
    }

    @Test
    void largeShapesBitIdenticalAcrossThreads() {
        // big enough that every pass really splits into several chunks
        for (int[] shape : new int[][] {{256, 384}, {97, 130}, {16, 30, 50}}) {
            int size = NaiveDft.size(shape);
            Random rnd = new Random(17);
            double[] re = rnd.doubles(size, -1, 1).toArray();
            double[] im = rnd.doubles(size, -1, 1).toArray();
            double[] r1 = re.clone();
            double[] i1 = im.clone();
            ComplexFft.of(shape).forward(r1, i1, 1);
            for (int threads : new int[] {2, 3}) {
                double[] r = re.clone();
                double[] i = im.clone();
                ComplexFft.of(shape).forward(r, i, threads);
                assertArrayEquals(r1, r, 0.0);
                assertArrayEquals(i1, i, 0.0);
            }
        }
    }

    @Property(tries = 60, seed = Seeds.COMPLEX_FFT)
    void parsevalAndRoundTrip(@ForAll @IntRange(min = 1, max = 3) int rank, @ForAll("length") int a,
            @ForAll("length") int b, @ForAll("length") int c, @ForAll long seed) {
        int[] shape = java.util.Arrays.copyOf(new int[] {a, b, c}, rank);
        int size = NaiveDft.size(shape);
        Random rnd = new Random(seed);
        double[] re = rnd.doubles(size, -1, 1).toArray();
        double[] im = rnd.doubles(size, -1, 1).toArray();
        double[] r = re.clone();
        double[] i = im.clone();
        ComplexFft.of(shape).forward(r, i, 2);
        double energyTime = 0;
        double energyFreq = 0;
        for (int k = 0; k < size; k++) {
            energyTime += re[k] * re[k] + im[k] * im[k];
            energyFreq += r[k] * r[k] + i[k] * i[k];
        }
        assertTrue(Math.abs(energyFreq / size - energyTime) <= 1e-12 * energyTime, "Parseval");
        ComplexFft.of(shape).inverse(r, i, 1);
        assertTrue(NaiveDft.maxError(r, i, re, im) < TOL, "round trip");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> length() {
        return net.jqwik.api.Arbitraries.integers().between(1, 70);
    }

    @Test
    void rejectsBadShapesAndArrays() {
        assertThrows(IllegalArgumentException.class, () -> ComplexFft.of(4, 0));
        assertThrows(IllegalArgumentException.class, () -> ComplexFft.of(1, 2, 3, 4));
        assertThrows(IllegalArgumentException.class, () -> ComplexFft.of(4).forward(new double[4], new double[3], 1));
    }
}
