package org.xcorr.register;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;

/**
 * The reused scratch of unmasked registration (issue 16: no per-call allocation of large scratch): a prepared
 * reference or the process-wide one-shot cache used call after call, on other inputs, shapes, options and
 * threads in between, gives exactly what a fresh computation gives; and the one-pass reductions behind it
 * (energy with max-abs, blocked overlap NCC) against brute force.
 */
class RegistrationScratchTest {

    private static RegistrationOptions options(int u) {
        return RegistrationOptions.defaults().withUpsampleFactor(u).withThreads(1);
    }

    @Test
    void preparedReferenceUsedTwiceGivesIdenticalResults() {
        NdArray reference = Fixtures.smoothRandom(new int[] {40, 52}, 2.0, 21);
        NdArray moving = Fixtures.fourierShift(reference, new double[] {4.37, -9.12});
        NdArray other = Fixtures.fourierShift(reference, new double[] {-11.5, 3.25});
        for (Normalization n : Normalization.values()) {
            RegistrationOptions o = options(50).withNormalization(n).withDisambiguate(true);
            PreparedReference prepared = PreparedReference.prepare(reference, o);
            PreparedReference.Result first = prepared.register(moving, 1);
            PreparedReference.Result between = prepared.register(other, 3);
            PreparedReference.Result second = prepared.register(moving, 2);
            assertEquals(first, second, n.toString());
            assertNotEquals(first, between, "the other image has another shift");
            // and the same bits as a prepared reference that never ran a call before
            assertEquals(first, PreparedReference.prepare(reference, o).register(moving, 1), n.toString());
            assertEquals(between, PreparedReference.prepare(reference, o).register(other, 1), n.toString());
        }
    }

    @Test
    void oneShotCacheAcrossShapesAndOptionsGivesIdenticalResults() {
        int[][] shapes = {{36, 44}, {30, 30}, {64}, {12, 10, 9}, {36, 44}};
        List<Registration> firstRound = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            int i = 0;
            for (int[] shape : shapes) {
                NdArray reference = Fixtures.smoothRandom(shape, 1.5, 100 + i);
                double[] v = new double[shape.length];
                for (int a = 0; a < shape.length; a++) {
                    v[a] = 2.3 - a;
                }
                NdArray moving = Fixtures.fourierShift(reference, v);
                RegistrationOptions o = options(i % 2 == 0 ? 20 : 1).withKeepSurface(true)
                        .withWindow(i == 1 ? Window.HANN : Window.NONE).withThreads(1 + round);
                Registration r = PhaseCorrelation.register(reference, moving, o);
                // a prepared reference with its own scratch: the same engine, fresh arrays
                PreparedReference fresh = PreparedReference.prepare(reference, o);
                Registration expected = fresh.registration(moving, 1, true, true);
                assertEquals(expected, r, "shape " + java.util.Arrays.toString(shape) + " round " + round);
                if (round == 0) {
                    firstRound.add(r);
                } else {
                    assertEquals(firstRound.get(i), r);
                }
                i++;
            }
        }
    }

    @Test
    void oneShotCacheWithAnotherUpsampleFactorRebuildsTheKernels() {
        NdArray reference = Fixtures.smoothRandom(new int[] {40, 46}, 2.0, 17);
        NdArray moving = Fixtures.fourierShift(reference, new double[] {5.123, -6.789});
        for (int u : new int[] {20, 30, 20, 7, 30, 150}) {
            RegistrationOptions o = options(u);
            Registration r = PhaseCorrelation.register(reference, moving, o);
            assertEquals(PreparedReference.prepare(reference, o).registration(moving, 1, false, true), r, "u " + u);
            assertArrayEquals(new double[] {-5.123, 6.789}, r.shift(), 0.5 / u + 1e-9, "u " + u);
        }
    }

    @Test
    void keptSurfaceIsNotOverwrittenByTheNextCall() {
        NdArray reference = Fixtures.smoothRandom(new int[] {32, 40}, 2.0, 5);
        NdArray moving = Fixtures.fourierShift(reference, new double[] {3, -5});
        RegistrationOptions o = options(10).withKeepSurface(true);
        Registration first = PhaseCorrelation.register(reference, moving, o);
        double[] before = first.surface().toArray();
        PhaseCorrelation.register(moving, reference, o);
        assertArrayEquals(before, first.surface().toArray());
    }

    @Test
    void concurrentCallsOnOnePreparedReferenceGiveTheSerialResults() throws Exception {
        NdArray reference = Fixtures.smoothRandom(new int[] {48, 48}, 2.0, 8);
        RegistrationOptions o = options(40).withDisambiguate(true);
        PreparedReference prepared = PreparedReference.prepare(reference, o);
        int frames = 12;
        NdArray[] moving = new NdArray[frames];
        PreparedReference.Result[] serial = new PreparedReference.Result[frames];
        for (int f = 0; f < frames; f++) {
            moving[f] = Fixtures.fourierShift(reference, new double[] {f * 0.77 - 4, 3 - f * 0.41});
            serial[f] = PreparedReference.prepare(reference, o).register(moving[f], 1);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int repeat = 0; repeat < 3; repeat++) {
                List<Future<PreparedReference.Result>> got = new ArrayList<>();
                for (int f = 0; f < frames; f++) {
                    NdArray m = moving[f];
                    int threads = 1 + f % 3;
                    got.add(pool.submit(() -> prepared.register(m, threads)));
                }
                for (int f = 0; f < frames; f++) {
                    assertEquals(serial[f], got.get(f).get(), "frame " + f);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void registerIsBitIdenticalForThreadsOneTwoThreeOnAMultiBlockImage() {
        // 200×190 > several 2^14-value blocks: the energy, the overlap NCC and the transforms all split
        NdArray reference = Fixtures.smoothRandom(new int[] {200, 190}, 2.5, 31);
        NdArray moving = Fixtures.fourierShift(reference, new double[] {-17.31, 22.58});
        for (Window w : Window.values()) {
            RegistrationOptions o = options(100).withWindow(w).withDisambiguate(true).withKeepSurface(true);
            Registration one = PhaseCorrelation.register(reference, moving, o);
            if (w == Window.NONE) {
                // (a window tapers the content too, so its answer moves by a few hundredths here)
                assertArrayEquals(new double[] {17.31, -22.58}, one.shift(), 0.0100001, w.toString());
            }
            for (int threads : new int[] {2, 3}) {
                assertEquals(one, PhaseCorrelation.register(reference, moving, o.withThreads(threads)),
                        w + " threads " + threads);
            }
        }
    }

    @Test
    void energyAndMaxMatchBruteForceForEveryThreadCount() {
        Random rnd = new Random(4);
        for (int n : new int[] {1, 3, 4, 5, 16383, 16384, 16385, 70001}) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = (rnd.nextDouble() - 0.5) * Math.exp(rnd.nextGaussian() * 3);
            }
            double[] one = Energy.maxAndEnergy(v, 1);
            BigDecimal exact = BigDecimal.ZERO;
            double max = 0;
            for (double x : v) {
                exact = exact.add(new BigDecimal(x).multiply(new BigDecimal(x)));
                max = Math.max(max, Math.abs(x));
            }
            assertEquals(max, one[0], 0.0, "max, n " + n);
            double e = exact.round(MathContext.DECIMAL64).doubleValue();
            assertEquals(e, one[1], 1e-14 * e, "energy, n " + n);
            for (int threads : new int[] {2, 3}) {
                assertArrayEquals(one, Energy.maxAndEnergy(v, threads), 0.0, "threads " + threads);
            }
        }
    }

    @Test
    void energyOfRescaledInputIsOfTheRescaledValues() {
        double[] v = {3e200, -1e199, 2e200, 0.5e200};
        Energy.Measured m = Energy.measure(NdArray.wrap(v, 4), "x", 2);
        double[] s = m.scaled().array().backingReal();
        assertTrue(m.scaled().shift() < 0);
        double expected = 0;
        for (double x : s) {
            expected += x * x;
        }
        assertEquals(expected, m.energy(), 1e-15 * expected);
        assertTrue(Double.isFinite(m.energy()));
    }

    @Test
    void nanAfterTheLargestValueIsStillRejected() {
        // the fused pass skips NaN in its maximum; the non-finite energy must still send it to the check
        double[] v = new double[40000];
        v[5] = 7;
        v[39000] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Energy.measure(NdArray.wrap(v, 200, 200), "moving", 2));
        assertTrue(e.getMessage().contains("moving"), e.getMessage());
        double[] w = v.clone();
        w[39000] = Double.NEGATIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> Energy.measure(NdArray.wrap(w, 200, 200), "moving", 2));
    }

    @Test
    void blockedOverlapNccMatchesBruteForce() {
        Random rnd = new Random(9);
        int[][] shapes = {{300, 250}, {40000}, {20, 30, 40}, {7, 5}};
        for (int[] shape : shapes) {
            int size = NdArray.sizeOf(shape);
            double[] a = new double[size];
            double[] b = new double[size];
            for (int i = 0; i < size; i++) {
                // a large common offset: the centred sums must not cancel
                a[i] = 1e6 + rnd.nextGaussian();
                b[i] = -3e5 + 0.5 * a[i] + rnd.nextGaussian();
            }
            for (int trial = 0; trial < 4; trial++) {
                long[] s = new long[shape.length];
                for (int k = 0; k < shape.length; k++) {
                    s[k] = rnd.nextInt(shape[k]) - shape[k] / 2;
                }
                double[] one = Disambiguation.overlapNcc(a, b, shape, s, 1);
                double[] expected = bruteOverlapNcc(a, b, shape, s);
                assertEquals(expected[1], one[1], 0.0);
                assertEquals(expected[0], one[0], 1e-12, java.util.Arrays.toString(shape));
                for (int threads : new int[] {2, 3}) {
                    assertArrayEquals(one, Disambiguation.overlapNcc(a, b, shape, s, threads), 0.0);
                }
            }
        }
    }

    /** Two-pass Pearson correlation over the overlap, summed in BigDecimal. */
    private static double[] bruteOverlapNcc(double[] a, double[] b, int[] shape, long[] s) {
        int d = shape.length;
        int size = a.length;
        List<int[]> pairs = new ArrayList<>();
        int[] idx = new int[d];
        for (int flat = 0; flat < size; flat++) {
            int other = 0;
            boolean inside = true;
            for (int k = 0; k < d; k++) {
                long j = idx[k] - s[k];
                inside &= j >= 0 && j < shape[k];
                other = (int) (other * shape[k] + j);
            }
            if (inside) {
                pairs.add(new int[] {flat, other});
            }
            for (int k = d - 1; k >= 0; k--) {
                if (++idx[k] < shape[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        if (pairs.isEmpty()) {
            return new double[] {0, 0};
        }
        MathContext mc = MathContext.DECIMAL128;
        BigDecimal sa = BigDecimal.ZERO;
        BigDecimal sb = BigDecimal.ZERO;
        for (int[] p : pairs) {
            sa = sa.add(new BigDecimal(a[p[0]]));
            sb = sb.add(new BigDecimal(b[p[1]]));
        }
        BigDecimal count = BigDecimal.valueOf(pairs.size());
        BigDecimal ma = sa.divide(count, mc);
        BigDecimal mb = sb.divide(count, mc);
        BigDecimal sab = BigDecimal.ZERO;
        BigDecimal saa = BigDecimal.ZERO;
        BigDecimal sbb = BigDecimal.ZERO;
        for (int[] p : pairs) {
            BigDecimal x = new BigDecimal(a[p[0]]).subtract(ma);
            BigDecimal y = new BigDecimal(b[p[1]]).subtract(mb);
            sab = sab.add(x.multiply(y, mc), mc);
            saa = saa.add(x.multiply(x, mc), mc);
            sbb = sbb.add(y.multiply(y, mc), mc);
        }
        double den = Math.sqrt(saa.doubleValue() * sbb.doubleValue());
        return new double[] {den == 0 ? 0 : sab.doubleValue() / den, pairs.size()};
    }
}
