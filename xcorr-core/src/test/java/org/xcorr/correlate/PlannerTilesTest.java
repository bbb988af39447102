package org.xcorr.correlate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xcorr.correlate.BruteForceCorrelation.compare;
import static org.xcorr.correlate.BruteForceCorrelation.random;
import static org.xcorr.correlate.BruteForceCorrelation.tolerance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcorr.array.NdArray;
import org.xcorr.correlate.internal.CorrelationPlan;
import org.xcorr.correlate.internal.Geometry;

/**
 * The planner's overlap-save tiles, forced to many tile lengths (fast and awkward, several tiles per axis, the
 * period on circular axes), real and complex, against the brute-force definition; and bit-identical for any
 * thread count when the output is cut into several tiles.
 */
class PlannerTilesTest {

    record Case(int[] aShape, int[] bShape, Mode mode, boolean centered, boolean aComplex, boolean bComplex,
            int[] tiles, long seed) {
        @Override
        public String toString() {
            return mode + (centered ? " centred" : "") + " a" + java.util.Arrays.toString(aShape) + (aComplex ? "c" : "")
                    + " b" + java.util.Arrays.toString(bShape) + (bComplex ? "c" : "") + " tiles "
                    + java.util.Arrays.toString(tiles);
        }
    }

    static Stream<Arguments> cases() {
        Random rnd = new Random(20261205);
        List<Arguments> out = new ArrayList<>();
        Mode[] modes = Mode.values();
        for (int t = 0; t < 160; t++) {
            int rank = 1 + t % 3;
            Mode mode = modes[(t / 3) % modes.length];
            int[] a = new int[rank];
            int[] b = new int[rank];
            int[] tiles = new int[rank];
            for (int d = 0; d < rank; d++) {
                int max = rank == 1 ? 60 : rank == 2 ? 24 : 10;
                a[d] = 1 + rnd.nextInt(max);
                b[d] = 1 + rnd.nextInt(mode == Mode.VALID || mode == Mode.CIRCULAR ? a[d] : max);
            }
            boolean centered = mode == Mode.CIRCULAR && rnd.nextBoolean();
            Geometry g = new Geometry(a, b, mode, centered);
            for (int d = 0; d < rank; d++) {
                int axis = 3 - rank + d;
                int out1 = g.output[axis];
                // from the template's length (one lag per tile) to past one whole-output tile; the period on a
                // circular axis every fourth case
                tiles[d] = mode == Mode.CIRCULAR && rnd.nextInt(4) == 0 ? a[d]
                        : b[d] + rnd.nextInt(out1 + b[d] + 1);
            }
            int kind = t % 4;
            out.add(Arguments.of(new Case(a, b, mode, centered, kind == 1 || kind == 3, kind == 2 || kind == 3,
                    tiles, rnd.nextLong())));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forcedTilesMatchBruteForce(Case c) {
        Random rnd = new Random(c.seed);
        NdArray a = random(rnd, c.aComplex, c.aShape);
        NdArray b = random(rnd, c.bComplex, c.bShape);
        NdArray want = BruteForceCorrelation.correlate(a, b, c.mode, c.centered);
        Geometry g = new Geometry(c.aShape, c.bShape, c.mode, c.centered);
        CorrelationPlan plan = CorrelationPlan.fft(g, b.backingReal(), b.backingImag(), a.isComplex(), c.tiles);
        for (int threads : new int[] {1, 3}) {
            NdArray got = run(plan, g, a, threads);
            assertNull(compare(got, want, tolerance(a, b)), c + " " + plan.describe() + " threads " + threads);
        }
    }

    private static NdArray run(CorrelationPlan plan, Geometry g, NdArray a, int threads) {
        boolean complex = a.isComplex() || plan.describe().startsWith("complex");
        double[] re = new double[g.outputSize()];
        double[] im = complex ? new double[g.outputSize()] : null;
        plan.compute(a.backingReal(), a.backingImag(), 0.0, re, im, threads);
        int[] shape = g.narrow(g.output);
        return complex ? NdArray.wrapComplex(re, im, shape) : NdArray.wrap(re, shape);
    }

    /** Several tiles per axis on real and complex data, linear and circular: 1, 2 and 3 threads give the same bits. */
    @Test
    void manyTilesAreBitIdenticalForAnyThreadCount() {
        Random rnd = new Random(3);
        for (Mode mode : new Mode[] {Mode.FULL, Mode.CIRCULAR}) {
            for (boolean complex : new boolean[] {false, true}) {
                NdArray a = random(rnd, complex, 90, 77);
                NdArray b = random(rnd, false, 9, 12);
                Geometry g = new Geometry(a.shape(), b.shape(), mode, false);
                CorrelationPlan plan = CorrelationPlan.fft(g, b.backingReal(), null, complex, new int[] {32, 27});
                assertTrue(plan.describe().endsWith(mode == Mode.FULL ? "x 30" : "x 20"), plan.describe());
                NdArray one = run(plan, g, a, 1);
                for (int threads : new int[] {2, 3}) {
                    NdArray many = run(plan, g, a, threads);
                    assertArrayEquals(one.backingReal(), many.backingReal(), mode + " threads " + threads);
                    if (complex) {
                        assertArrayEquals(one.backingImag(), many.backingImag(), mode + " threads " + threads);
                    }
                }
            }
        }
    }

    /** The offset is subtracted from the image on the fly, exactly as a centred copy would be. */
    @Test
    void offsetIsSubtractedOnTheFly() {
        Random rnd = new Random(5);
        NdArray a = random(rnd, false, 40, 35);
        NdArray b = random(rnd, false, 7, 6);
        double offset = 0.375;
        double[] shifted = a.toArray();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] -= offset;
        }
        NdArray want = BruteForceCorrelation.correlate(NdArray.wrap(shifted, 40, 35), b, Mode.SAME, false);
        Geometry g = new Geometry(a.shape(), b.shape(), Mode.SAME);
        for (CorrelationPlan plan : new CorrelationPlan[] {CorrelationPlan.fft(g, b.backingReal(), new int[] {16, 16}),
            CorrelationPlan.plan(g, b.backingReal(), null, false, Method.DIRECT, false, 1)}) {
            double[] out = new double[g.outputSize()];
            plan.compute(a.backingReal(), offset, out, 2);
            assertNull(compare(NdArray.wrap(out, 40, 35), want, tolerance(a, b)), plan.describe());
        }
    }

    /**
     * Kernels too large for the direct sum's ring of shifted copies (over 1,024 samples) read their segments in
     * place; bug found timing a lag-limited 1-D correlation of 2^20 samples, whose ring would have been 512 MiB.
     */
    @Test
    void bug_largeKernelsSumDirectlyWithoutShiftedCopies() {
        Random rnd = new Random(17);
        for (Mode mode : Mode.values()) {
            for (boolean complex : new boolean[] {false, true}) {
                NdArray a = random(rnd, complex, 50, 61);
                NdArray b = random(rnd, false, 40, 33);
                NdArray want = BruteForceCorrelation.correlate(a, b, mode, false);
                for (int threads : new int[] {1, 3}) {
                    NdArray got = Correlation.correlate(a, b,
                            new CorrelationOptions(mode, false, Method.DIRECT, threads));
                    assertNull(compare(got, want, tolerance(a, b)), mode + " complex " + complex + " threads " + threads);
                }
            }
        }
    }
}
