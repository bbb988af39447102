package org.xcorr.correlate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * The planner's fused tile pipeline (real 1-D and 2-D tiles: image rows read in place, zero rows pruned, kernel
 * columns transformed per block, kept rows written straight into the output) and its 3-D and complex
 * neighbours, against the brute-force definition at odd sizes in every mode: as {@code correlate} plans it for one
 * image (one tile, the kernel kept as its row spectra), as a prepared plan (whole kernel spectrum), and with
 * forced small tiles; every result bit-identical for 1, 2 and 3 threads, with one tile (threads inside the tile)
 * and with several.
 */
class FusedPlannerTest {

    record Case(int[] a, int[] b, Mode mode, boolean centered, int[] tiles, long seed) {
        @Override
        public String toString() {
            return mode + (centered ? " centred" : "") + " a" + java.util.Arrays.toString(a) + " b"
                    + java.util.Arrays.toString(b) + (tiles == null ? " planned" : " tiles "
                    + java.util.Arrays.toString(tiles));
        }
    }

    static Stream<Arguments> cases() {
        Random rnd = new Random(20261206);
        List<Arguments> out = new ArrayList<>();
        Mode[] modes = Mode.values();
        for (int t = 0; t < 72; t++) {
            int rank = 1 + t % 3;
            Mode mode = modes[(t / 3) % modes.length];
            int[] a = new int[rank];
            int[] b = new int[rank];
            for (int d = 0; d < rank; d++) {
                int max = rank == 1 ? 301 : rank == 2 ? 41 : 11;
                // odd lengths mostly: the row-pairing real transform and awkward column lengths
                a[d] = 1 + 2 * rnd.nextInt(max / 2 + 1);
                b[d] = 1 + rnd.nextInt(mode == Mode.VALID || mode == Mode.CIRCULAR ? a[d] : max);
            }
            boolean centered = mode == Mode.CIRCULAR && rnd.nextBoolean();
            int[] tiles = null;
            if (t % 2 == 1) {
                Geometry g = new Geometry(a, b, mode, centered);
                tiles = new int[rank];
                for (int d = 0; d < rank; d++) {
                    tiles[d] = b[d] + 1 + rnd.nextInt(Math.max(1, g.output[3 - rank + d] / 2 + 1));
                }
            }
            out.add(Arguments.of(new Case(a, b, mode, centered, tiles, rnd.nextLong())));
        }
        return out.stream();
    }

    private static double[] run(CorrelationPlan plan, Geometry g, NdArray a, double offset, int threads) {
        double[] re = new double[g.outputSize()];
        plan.compute(a.backingReal(), offset, re, threads);
        return re;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesBruteForceAndIsBitIdenticalForAnyThreadCount(Case c) {
        Random rnd = new Random(c.seed);
        NdArray a = random(rnd, false, c.a);
        NdArray b = random(rnd, false, c.b);
        NdArray want = BruteForceCorrelation.correlate(a, b, c.mode, c.centered);
        Geometry g = new Geometry(c.a, c.b, c.mode, c.centered);
        List<CorrelationPlan> plans = new ArrayList<>();
        if (c.tiles == null) {
            plans.add(CorrelationPlan.plan(g, b.backingReal(), null, false, Method.FFT, true, 2));
            plans.add(CorrelationPlan.plan(g, b.backingReal(), null, false, Method.FFT, false, 3));
        } else {
            plans.add(CorrelationPlan.fft(g, b.backingReal(), c.tiles));
        }
        for (CorrelationPlan plan : plans) {
            double[] one = run(plan, g, a, 0.0, 1);
            assertNull(compare(NdArray.wrap(one, g.narrow(g.output)), want, tolerance(a, b)),
                    c + " " + plan.describe());
            for (int threads : new int[] {2, 3}) {
                assertArrayEquals(one, run(plan, g, a, 0.0, threads), c + " " + plan.describe() + " threads " + threads);
            }
        }
    }

    /**
     * A plan is reused across calls and threads: its pooled scratch holds the previous call's values, which must
     * never leak into the next result (a second image after a first one gives the same bits as alone).
     */
    @Test
    void reusedScratchDoesNotLeakBetweenCalls() {
        Random rnd = new Random(41);
        NdArray a1 = random(rnd, false, 67, 45);
        NdArray a2 = random(rnd, false, 67, 45);
        NdArray b = random(rnd, false, 13, 8);
        for (Mode mode : Mode.values()) {
            Geometry g = new Geometry(a1.shape(), b.shape(), mode, false);
            for (int[] tiles : new int[][] {null, {20, 17}}) {
                CorrelationPlan plan = tiles == null
                        ? CorrelationPlan.plan(g, b.backingReal(), null, false, Method.FFT, false, 1)
                        : CorrelationPlan.fft(g, b.backingReal(), tiles);
                CorrelationPlan fresh = tiles == null
                        ? CorrelationPlan.plan(g, b.backingReal(), null, false, Method.FFT, false, 1)
                        : CorrelationPlan.fft(g, b.backingReal(), tiles);
                run(plan, g, a1, 0.25, 2);
                double[] second = run(plan, g, a2, -0.5, 3);
                assertArrayEquals(run(fresh, g, a2, -0.5, 1), second, mode + " " + plan.describe());
                NdArray shifted = NdArray.wrap(a2.toArray(), a2.shape());
                double[] v = shifted.backingReal();
                for (int i = 0; i < v.length; i++) {
                    v[i] += 0.5;
                }
                assertNull(compare(NdArray.wrap(second, g.narrow(g.output)),
                        BruteForceCorrelation.correlate(shifted, b, mode, false), tolerance(shifted, b)),
                        mode + " " + plan.describe());
            }
        }
    }
}
