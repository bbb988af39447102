package org.xcorr.register;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xcorr.Tolerances;
import org.xcorr.array.NdArray;

class PhaseCorrelationTest {

    private static final int[][] SHAPES = {{64}, {33}, {32, 32}, {31, 40}, {24, 17}, {16, 12, 10}, {9, 11, 8}};

    private static RegistrationOptions options(int u, Normalization n) {
        return RegistrationOptions.defaults().withUpsampleFactor(u).withNormalization(n).withThreads(1);
    }

    @ParameterizedTest
    @EnumSource(Normalization.class)
    void integerShiftsAreRecoveredExactly(Normalization normalization) {
        Random rnd = new Random(11);
        for (int[] shape : SHAPES) {
            NdArray reference = Fixtures.smoothRandom(shape, 1.5, rnd.nextLong());
            for (int trial = 0; trial < 3; trial++) {
                double[] truth = new double[shape.length];
                for (int a = 0; a < shape.length; a++) {
                    truth[a] = rnd.nextInt(shape[a] / 2) - shape[a] / 4;
                }
                NdArray moving = Fixtures.fourierShift(reference, negate(truth));
                for (int u : new int[] {1, 4, 10, 100}) {
                    if (shape.length == 3 && u > 10) {
                        continue;
                    }
                    Registration r = PhaseCorrelation.register(reference, moving, options(u, normalization));
                    assertArrayEquals(truth, r.shift(), Tolerances.SHIFT_EXACT, describe(shape, u, truth));
                }
            }
        }
    }

    @Test
    void subpixelShiftsAreWithinOneOverUpsample() {
        Random rnd = new Random(12);
        for (int[] shape : SHAPES) {
            NdArray reference = Fixtures.smoothRandom(shape, 2.0, rnd.nextLong());
            for (int trial = 0; trial < 3; trial++) {
                double[] truth = new double[shape.length];
                for (int a = 0; a < shape.length; a++) {
                    truth[a] = (rnd.nextDouble() - 0.5) * shape[a] / 2;
                }
                NdArray moving = Fixtures.fourierShift(reference, negate(truth));
                for (int u : new int[] {10, 20, 100}) {
                    if (shape.length == 3 && u > 20) {
                        continue;
                    }
                    for (Normalization n : Normalization.values()) {
                        Registration r = PhaseCorrelation.register(reference, moving, options(u, n));
                        assertArrayEquals(truth, r.shift(), 1.0 / u, describe(shape, u, truth) + " " + n);
                        for (int a = 0; a < shape.length; a++) {
                            double onGrid = r.shift()[a] * u;
                            assertEquals(Math.rint(onGrid), onGrid, 1e-9, "shift is not on the 1/u grid");
                        }
                    }
                }
            }
        }
    }

    @Test
    void resultIsIdenticalForEveryThreadCount() {
        NdArray reference = Fixtures.smoothRandom(new int[] {48, 50}, 2.0, 3);
        NdArray moving = Fixtures.fourierShift(reference, new double[] {3.37, -7.81});
        for (Normalization n : Normalization.values()) {
            Registration one = PhaseCorrelation.register(reference, moving, options(30, n).withKeepSurface(true));
            for (int threads : new int[] {2, 3, 8}) {
                Registration many = PhaseCorrelation.register(reference, moving,
                        options(30, n).withKeepSurface(true).withThreads(threads));
                assertEquals(one, many, "threads " + threads);
            }
        }
    }

    @Test
    void identicalImagesWithoutNormalizationHaveNoErrorAndNoPhase() {
        NdArray reference = Fixtures.smoothRandom(new int[] {40, 36}, 2.0, 4);
        NdArray moving = Fixtures.fourierShift(reference, new double[] {-5, 6});
        for (int u : new int[] {1, 20}) {
            Registration r = PhaseCorrelation.register(reference, moving, options(u, Normalization.NONE));
            assertEquals(0, r.error(), 1e-6);
            assertEquals(0, r.phaseDiff(), 1e-12);
        }
    }

    @Test
    void errorMeasuresTheMismatch() {
        NdArray reference = Fixtures.smoothRandom(new int[] {40, 36}, 2.0, 5);
        NdArray other = Fixtures.smoothRandom(new int[] {40, 36}, 2.0, 6);
        double[] mixed = reference.toArray();
        for (int i = 0; i < mixed.length; i++) {
            mixed[i] += 0.3 * other.backingReal()[i];
        }
        Registration noisy = PhaseCorrelation.register(reference, NdArray.wrap(mixed, 40, 36),
                options(1, Normalization.NONE));
        assertTrue(noisy.error() > 0.01 && noisy.error() < 1, "error " + noisy.error());
    }

    @Test
    void surfacePeaksAtShiftPlusHalfSize() {
        int[] shape = {20, 15};
        NdArray reference = Fixtures.smoothRandom(shape, 1.0, 8);
        double[] truth = {-4, 6};
        NdArray moving = Fixtures.fourierShift(reference, negate(truth));
        Registration r = PhaseCorrelation.register(reference, moving, options(1, Normalization.PHASE)
                .withKeepSurface(true));
        NdArray surface = r.surface();
        assertArrayEquals(shape, surface.shape());
        int best = 0;
        double[] v = surface.backingReal();
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i]) > Math.abs(v[best])) {
                best = i;
            }
        }
        assertArrayEquals(new int[] {-4 + 10, 6 + 7}, surface.unravel(best));
        assertNull(PhaseCorrelation.register(reference, moving, options(1, Normalization.PHASE)).surface());
    }

    @Test
    void singletonAxisGetsZeroShiftAndZeroImageGivesNanError() {
        NdArray row = Fixtures.smoothRandom(new int[] {1, 40}, 2.0, 9);
        NdArray moved = Fixtures.fourierShift(row, new double[] {0, -3.25});
        Registration r = PhaseCorrelation.register(row, moved, options(4, Normalization.PHASE));
        assertArrayEquals(new double[] {0, 3.25}, r.shift(), Tolerances.SHIFT_EXACT);
        Registration zero = PhaseCorrelation.register(NdArray.zeros(8, 8), NdArray.zeros(8, 8));
        assertArrayEquals(new double[] {0, 0}, zero.shift(), 0.0);
        assertTrue(Double.isNaN(zero.error()));
    }

    @Test
    void inputsAreLeftUnchanged() {
        NdArray reference = Fixtures.random(new int[] {12, 14}, 1);
        NdArray moving = Fixtures.random(new int[] {12, 14}, 2);
        double[] r0 = reference.toArray();
        double[] m0 = moving.toArray();
        PhaseCorrelation.register(reference, moving, options(10, Normalization.PHASE));
        assertArrayEquals(r0, reference.backingReal(), 0.0);
        assertArrayEquals(m0, moving.backingReal(), 0.0);
    }

    /**
     * register reads finiteness off the zero frequency of the transforms instead of scanning the inputs, so every
     * non-finite value at every position, in either image, for even and odd axes in 1-3 dimensions, must still
     * be rejected, naming the image and the kind of value.
     */
    @Test
    void everyNonFiniteValueAtEveryPositionIsRejected() {
        int[][] shapes = {{7}, {8}, {1, 9}, {9, 1}, {5, 6}, {6, 5}, {4, 4}, {3, 4, 5}, {2, 3, 3}};
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int[] shape : shapes) {
            NdArray clean = Fixtures.random(shape, 3);
            for (int index = 0; index < clean.size(); index++) {
                int i = index;
                for (double value : bad) {
                    for (boolean inMoving : new boolean[] {false, true}) {
                        double[] v = clean.toArray();
                        v[i] = value;
                        NdArray dirty = NdArray.wrap(v, shape);
                        NdArray reference = inMoving ? clean : dirty;
                        NdArray moving = inMoving ? dirty : clean;
                        for (int u : new int[] {1, 4}) {
                            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                                    () -> PhaseCorrelation.register(reference, moving,
                                            options(u, Normalization.PHASE)),
                                    () -> value + " at " + i);
                            String expected = (inMoving ? "moving" : "reference") + " contains "
                                    + (Double.isNaN(value) ? "NaN" : "infinity");
                            assertTrue(e.getMessage().startsWith(expected), e.getMessage());
                        }
                    }
                }
            }
        }
    }

    /** Finite input whose sum overflows is not an error (the finiteness test only triggers a scan). */
    @Test
    void finiteInputWithAnOverflowingSumIsAccepted() {
        double[] big = new double[16];
        java.util.Arrays.fill(big, Double.MAX_VALUE / 2);
        big[3] = 0;
        NdArray a = NdArray.wrap(big, 4, 4);
        Registration r = PhaseCorrelation.register(a, a, options(1, Normalization.NONE));
        assertEquals(2, r.shift().length);
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        NdArray a = Fixtures.random(new int[] {8, 9}, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PhaseCorrelation.register(a, Fixtures.random(new int[] {9, 8}, 2)));
        assertTrue(e.getMessage().contains("8x9") || e.getMessage().contains("same shape"), e.getMessage());
        double[] nan = a.toArray();
        nan[5] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class,
                () -> PhaseCorrelation.register(a, NdArray.wrap(nan, 8, 9)));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RegistrationOptions.defaults().withUpsampleFactor(0));
        assertThrows(IllegalArgumentException.class, () -> RegistrationOptions.defaults().withOverlapRatio(1.5));
        assertThrows(IllegalArgumentException.class, () -> RegistrationOptions.defaults().withThreads(0));
        assertThrows(IllegalArgumentException.class, () -> PhaseCorrelation.register(a,
                NdArray.ofComplex(a.toArray(), a.toArray(), 8, 9)));
    }

    static double[] negate(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }

    private static String describe(int[] shape, int u, double[] truth) {
        return java.util.Arrays.toString(shape) + " u=" + u + " truth=" + java.util.Arrays.toString(truth);
    }

    @Test
    void registerUpsampleOneMillionIsRefusedInOneLine() {
        // issue 11: 1,000,000 overflowed an int in UpsampledDft.expand (NegativeArraySizeException); 30000 ran
        // out of memory and 10000 took 9.7 s and 3.6 GB on 64x64 images
        NdArray reference = Fixtures.random(new int[] {64, 64}, 1);
        NdArray moving = Fixtures.random(new int[] {64, 64}, 2);
        for (int u : new int[] {1_000_000, 100_000, 30_000, 10_000, 1366}) {
            RegistrationOptions options = RegistrationOptions.defaults().withUpsampleFactor(u);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PhaseCorrelation.register(reference, moving, options));
            assertTrue(e.getMessage().startsWith("upsampleFactor " + u + " needs an upsampled grid of "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("the largest allowed in 2-D is 1365"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"));
        }
        // the largest allowed factor runs
        PhaseCorrelation.register(reference, moving, RegistrationOptions.defaults().withUpsampleFactor(1365));
        // in 3-D the grid grows with the cube
        NdArray cube = Fixtures.random(new int[] {8, 8, 8}, 3);
        assertThrows(IllegalArgumentException.class, () -> PhaseCorrelation.register(cube, cube,
                RegistrationOptions.defaults().withUpsampleFactor(108)));
        PhaseCorrelation.register(cube, cube, RegistrationOptions.defaults().withUpsampleFactor(107));
        // 1-D keeps the options' own limit
        NdArray line = Fixtures.random(new int[] {64}, 4);
        PhaseCorrelation.register(line, line, RegistrationOptions.defaults().withUpsampleFactor(1_000_000));
    }

    @Test
    void registerOfInputsTimes1e80FindsTheShift() {
        // issue 11: x1e80 and x1e-90 gave wrong shifts (the spectra overflowed or sank below the 100·eps floor)
        NdArray reference = Fixtures.smoothRandom(new int[] {48, 40}, 2.0, 7);
        NdArray moving = Fixtures.fourierShift(reference, new double[] {-3.25, 5.5});
        RegistrationOptions options = RegistrationOptions.defaults().withUpsampleFactor(20);
        Registration want = PhaseCorrelation.register(reference, moving, options);
        for (double f : new double[] {1e80, 1e-90, 1e300, 1e-310}) {
            Registration got = PhaseCorrelation.register(times(reference, f), times(moving, f), options);
            assertArrayEquals(want.shift(), got.shift(), Tolerances.SHIFT_EXACT, "x" + f);
            assertArrayEquals(new double[] {3.25, -5.5}, got.shift(), 1.0 / 20, "x" + f);
        }
    }

    private static NdArray times(NdArray a, double f) {
        double[] v = a.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] *= f;
        }
        return NdArray.wrap(v, a.shape());
    }
}
