package org.xcorr.correlate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xcorr.correlate.BruteForceCorrelation.compare;
import static org.xcorr.correlate.BruteForceCorrelation.random;
import static org.xcorr.correlate.BruteForceCorrelation.tolerance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcorr.Tolerances;
import org.xcorr.array.NdArray;

class CorrelationTest {

    private static final int[] LENGTHS = {1, 2, 3, 4, 5, 7, 8, 11, 13, 16};

    /** One seeded random geometry: shapes, mode, centred kernel, which inputs are complex. */
    record Case(int[] aShape, int[] bShape, Mode mode, boolean centered, boolean aComplex, boolean bComplex, long seed) {
        @Override
        public String toString() {
            return NdArray.shapeString(aShape) + (aComplex ? "c" : "") + " ⋆ " + NdArray.shapeString(bShape)
                    + (bComplex ? "c" : "") + " " + mode + (centered ? " centered" : "") + " seed " + seed;
        }
    }

    static Stream<Arguments> cases() {
        Random rnd = new Random(20240611L);
        List<Arguments> out = new ArrayList<>();
        for (int t = 0; t < 260; t++) {
            int rank = 1 + t % 3;
            Mode mode = Mode.values()[(t / 3) % 4];
            int maxLen = rank == 3 ? 7 : 16;
            int[] a = new int[rank];
            int[] b = new int[rank];
            for (int d = 0; d < rank; d++) {
                int na;
                do {
                    na = LENGTHS[rnd.nextInt(LENGTHS.length)];
                } while (na > maxLen);
                a[d] = na;
                boolean fits = mode == Mode.VALID || mode == Mode.CIRCULAR;
                // Kernels from 1 to the full size; in FULL and SAME also longer than a.
                b[d] = 1 + rnd.nextInt(fits ? na : na + 4);
            }
            if (t % 17 == 0) {
                b = a.clone(); // kernel of the full size
            }
            boolean centered = mode == Mode.CIRCULAR && rnd.nextBoolean();
            int kind = t % 4; // real·real, complex·real, real·complex, complex·complex
            out.add(Arguments.of(new Case(a, b, mode, centered, kind == 1 || kind == 3, kind == 2 || kind == 3,
                    rnd.nextLong())));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyMethodMatchesBruteForce(Case c) {
        Random rnd = new Random(c.seed);
        NdArray a = random(rnd, c.aComplex, c.aShape);
        NdArray b = random(rnd, c.bComplex, c.bShape);
        NdArray aCopy = NdArray.ofComplex(a.toArray(), a.isComplex() ? a.toImagArray() : new double[a.size()], c.aShape);
        NdArray want = BruteForceCorrelation.correlate(a, b, c.mode, c.centered);
        double tol = tolerance(a, b);
        for (Method m : Method.values()) {
            for (int threads : new int[] {1, 3}) {
                CorrelationOptions o = new CorrelationOptions(c.mode, c.centered, m, threads);
                NdArray got = Correlation.correlate(a, b, o);
                assertNull(compare(got, want, tol), c + " " + m + " threads " + threads);
            }
        }
        assertArrayEquals(aCopy.toArray(), a.toArray(), "input a modified");
    }

    /** Larger shapes so the work really splits into several chunks; every method bit-identical for 1, 2, 3 threads. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void threadCountDoesNotChangeTheResult(Mode mode) {
        Random rnd = new Random(7);
        List<NdArray[]> inputs = List.of(
                new NdArray[] {random(rnd, false, 300, 257), random(rnd, false, 9, 14)},
                new NdArray[] {random(rnd, true, 190, 200), random(rnd, false, 11, 8)},
                new NdArray[] {random(rnd, false, 30, 41, 37), random(rnd, true, 3, 4, 5)},
                new NdArray[] {random(rnd, false, 70000), random(rnd, false, 33)});
        for (NdArray[] in : inputs) {
            for (Method m : new Method[] {Method.DIRECT, Method.FFT}) {
                for (boolean centered : mode == Mode.CIRCULAR ? new boolean[] {false, true} : new boolean[] {false}) {
                    NdArray one = Correlation.correlate(in[0], in[1], new CorrelationOptions(mode, centered, m, 1));
                    for (int threads : new int[] {2, 3}) {
                        NdArray many = Correlation.correlate(in[0], in[1], new CorrelationOptions(mode, centered, m, threads));
                        assertEquals(one, many, in[0] + " " + in[1] + " " + mode + " " + m + " threads " + threads);
                    }
                }
            }
        }
    }

    /** Large enough that AUTO picks FFT for one and DIRECT for the other; both still match the reference. */
    @Test
    void autoAgreesWithDirectOnLargerInputs() {
        Random rnd = new Random(11);
        NdArray a = random(rnd, false, 128, 96);
        NdArray small = random(rnd, false, 3, 3);
        NdArray big = random(rnd, false, 40, 33);
        CorrelationOptions o = CorrelationOptions.of(Mode.SAME);
        assertEquals(Method.DIRECT, Correlation.chosenMethod(a, small, o));
        assertEquals(Method.FFT, Correlation.chosenMethod(a, big, o));
        for (NdArray b : new NdArray[] {small, big}) {
            NdArray direct = Correlation.correlate(a, b, o.withMethod(Method.DIRECT));
            assertNull(compare(Correlation.correlate(a, b, o), direct, tolerance(a, b)));
        }
    }

    /** The worked example of the class documentation and docs/correlate.md. */
    @Test
    void workedExample() {
        NdArray a = NdArray.of1d(0, 0, 1, 0);
        NdArray b = NdArray.of1d(1, 0);
        for (Method m : Method.values()) {
            CorrelationOptions o = CorrelationOptions.defaults().withMethod(m);
            assertArrayEquals(new double[] {0, 0, 0, 1, 0}, Correlation.correlate(a, b, o).toArray(), Tolerances.HAND_COMPUTED);
            assertArrayEquals(new double[] {0, 0, 0, 1}, Correlation.correlate(a, b, o.withMode(Mode.SAME)).toArray(), Tolerances.HAND_COMPUTED);
            assertArrayEquals(new double[] {0, 0, 1}, Correlation.correlate(a, b, o.withMode(Mode.VALID)).toArray(), Tolerances.HAND_COMPUTED);
            assertArrayEquals(new double[] {0, 0, 1, 0},
                    Correlation.correlate(a, b, o.withMode(Mode.CIRCULAR)).toArray(), Tolerances.HAND_COMPUTED);
            assertArrayEquals(new double[] {0, 0, 0, 1},
                    Correlation.correlate(a, b, o.withMode(Mode.CIRCULAR).withCentered(true)).toArray(), Tolerances.HAND_COMPUTED);
        }
        assertArrayEquals(new int[] {-1, 0, 1, 2, 3}, Correlation.lags(4, 2, Mode.FULL));
        assertArrayEquals(new int[] {-1, 0, 1, 2}, Correlation.lags(4, 2, Mode.SAME));
        assertArrayEquals(new int[] {0, 1, 2}, Correlation.lags(4, 2, Mode.VALID));
        assertArrayEquals(new int[] {0, 1, 2, 3}, Correlation.lags(4, 2, Mode.CIRCULAR));
        assertArrayEquals(new int[] {-1, 0, 1, 2}, Correlation.lags(4, 2, Mode.CIRCULAR, true));
        for (Mode mode : Mode.values()) {
            int peak = argmax(Correlation.correlate(a, b, mode).toArray());
            assertArrayEquals(new int[] {2}, Correlation.lagAt(new int[] {peak}, new int[] {4}, new int[] {2}, mode, false),
                    mode.toString());
        }
    }

    /**
     * Values printed by scipy.signal.correlation_lags(na, nb, mode) (SciPy 1.17.1), except where that function
     * disagrees with scipy.signal.correlate's own 'same' output (odd na with even nb): there the lag of each
     * element of scipy.signal.correlate(a, b, 'same'), found by locating it inside the 'full' output.
     */
    @Test
    void lagsMatchScipyCorrelationLags() {
        assertArrayEquals(new int[] {-2, -1, 0, 1, 2, 3, 4}, Correlation.lags(5, 3, Mode.FULL));
        assertArrayEquals(new int[] {-1, 0, 1, 2, 3}, Correlation.lags(5, 3, Mode.SAME));
        assertArrayEquals(new int[] {0, 1, 2}, Correlation.lags(5, 3, Mode.VALID));
        assertArrayEquals(new int[] {-3, -2, -1}, Correlation.lags(3, 7, Mode.SAME));
        assertArrayEquals(new int[] {-2, -1, 0, 1}, Correlation.lags(4, 4, Mode.SAME));
        // correlation_lags(5, 4, 'same') says [-1 … 3], but correlate(a, b, 'same')[0] is c(-2).
        assertArrayEquals(new int[] {-2, -1, 0, 1, 2}, Correlation.lags(5, 4, Mode.SAME));
        assertArrayEquals(new int[] {-4, -3, -2}, Correlation.lags(3, 8, Mode.SAME));
        assertArrayEquals(new int[] {2, -6}, Correlation.lagAt(new int[] {4, 0}, new int[] {6, 5}, new int[] {3, 7},
                Mode.FULL, false));
        assertArrayEquals(new int[] {7, 14}, Correlation.outputShape(new int[] {5, 10}, new int[] {3, 5}, Mode.FULL));
        assertArrayEquals(new int[] {3, 6}, Correlation.outputShape(new int[] {5, 10}, new int[] {3, 5}, Mode.VALID));
    }

    @Test
    void realInputsGiveRealOutputAndComplexGiveComplex() {
        Random rnd = new Random(3);
        NdArray r = random(rnd, false, 6, 5);
        NdArray c = random(rnd, true, 3, 2);
        assertFalse(Correlation.correlate(r, r.real(), Mode.SAME).isComplex());
        assertTrue(Correlation.correlate(r, c, Mode.SAME).isComplex());
        assertTrue(Correlation.correlate(c, r, Mode.FULL).isComplex());
    }

    @Test
    void autocorrelationOfTheSameObjectMatchesACopy() {
        NdArray a = random(new Random(5), false, 40, 30);
        NdArray copy = NdArray.of(a.toArray(), 40, 30);
        for (Mode mode : Mode.values()) {
            CorrelationOptions o = CorrelationOptions.of(mode).withMethod(Method.FFT);
            assertNull(compare(Correlation.correlate(a, a, o), Correlation.correlate(a, copy, o), tolerance(a, a)));
        }
    }

    @Test
    void errorsNameTheArgumentsAndTheProblem() {
        NdArray a = NdArray.zeros(4, 20);
        NdArray b = NdArray.zeros(5, 9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Correlation.correlate(a, b, Mode.VALID));
        assertTrue(e.getMessage().startsWith(
                "kernel b 5x9 is larger than a 4x20 on axis 0; valid mode needs b to fit inside a"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Correlation.correlate(a, b, Mode.CIRCULAR));
        assertTrue(e.getMessage().contains("circular mode needs b to fit inside a"), e.getMessage());
        assertEquals(5, Correlation.correlate(a, b, Mode.SAME).shape(1) / 4);
        e = assertThrows(IllegalArgumentException.class,
                () -> Correlation.correlate(a, NdArray.zeros(3), Mode.FULL));
        assertEquals("a has 2 axes (4x20) but b has 1 (3); both must have the same number of axes", e.getMessage());
        double[] bad = new double[10];
        bad[7] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class,
                () -> Correlation.correlate(NdArray.zeros(2, 20), NdArray.wrap(bad, 2, 5), Mode.FULL));
        assertTrue(e.getMessage().startsWith("b contains NaN at index [1, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CorrelationOptions.of(Mode.SAME).withCentered(true));
        assertTrue(e.getMessage().contains("centered applies only to CIRCULAR"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CorrelationOptions.defaults().withThreads(0));
        assertThrows(IllegalArgumentException.class, () -> Correlation.lags(3, 4, Mode.VALID));
        assertThrows(IllegalArgumentException.class,
                () -> Correlation.lagAt(new int[] {5}, new int[] {4}, new int[] {2}, Mode.SAME, false));
    }

    @Test
    void optionsDefaults() {
        CorrelationOptions d = CorrelationOptions.defaults();
        assertEquals(Mode.FULL, d.mode());
        assertFalse(d.centered());
        assertEquals(Method.AUTO, d.method());
        assertEquals(Runtime.getRuntime().availableProcessors(), d.threads());
        CorrelationOptions c = d.withMode(Mode.CIRCULAR).withCentered(true).withThreads(2).withMethod(Method.FFT);
        assertEquals(new CorrelationOptions(Mode.CIRCULAR, true, Method.FFT, 2), c);
    }

    private static int argmax(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void oneByOneKernelScalesA() {
        NdArray a = random(new Random(9), true, 5, 6);
        NdArray b = NdArray.ofComplex(new double[] {2}, new double[] {-1}, 1, 1);
        for (Method m : Method.values()) {
            NdArray got = Correlation.correlate(a, b, CorrelationOptions.defaults().withMethod(m));
            for (int k = 0; k < a.size(); k++) {
                // a · conj(2 - i) = a · (2 + i)
                double ar = a.backingReal()[k];
                double ai = a.backingImag()[k];
                assertEquals(2 * ar - ai, got.backingReal()[k], 1e-14, Arrays.toString(a.unravel(k)));
                assertEquals(ar + 2 * ai, got.backingImag()[k], 1e-14, Arrays.toString(a.unravel(k)));
            }
        }
    }

    private static NdArray pow2(NdArray x, int k) {
        double[] re = x.toArray();
        double[] im = x.isComplex() ? x.toImagArray() : null;
        for (int i = 0; i < re.length; i++) {
            re[i] = Math.scalb(re[i], k);
            if (im != null) {
                im[i] = Math.scalb(im[i], k);
            }
        }
        return im == null ? NdArray.wrap(re, x.shape()) : NdArray.wrapComplex(re, im, x.shape());
    }

    @Test
    void correlateOfValuesNearTheLargestDoubleIsRightOrRefused() {
        // issue 11: values near Double.MAX_VALUE gave all NaN (the FFT's sums overflowed)
        Random r = new Random(31);
        for (boolean complex : new boolean[] {false, true}) {
            NdArray a = random(r, complex, 9, 7);
            NdArray b = random(r, false, 4, 3);
            for (Method method : new Method[] {Method.DIRECT, Method.FFT}) {
                CorrelationOptions options = CorrelationOptions.defaults().withMode(Mode.FULL).withMethod(method);
                NdArray want = Correlation.correlate(a, b, options);
                // 2^1020 · 2^-1000: both inputs far outside the unscaled range (and their products' partial
                // sums), the result near 2^20: exact, since scaling by powers of two commutes with every operation
                NdArray got = Correlation.correlate(pow2(a, 1020), pow2(b, -1000), options);
                assertArrayEquals(pow2(want, 20).backingReal(), got.backingReal(), method + " " + complex);
                // a result beyond the double range is refused in one line, never NaN or infinity
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Correlation.correlate(pow2(a, 1020), pow2(b, 20), options));
                assertTrue(e.getMessage().startsWith("the correlation exceeds the double range"), e.getMessage());
            }
        }
    }
}
