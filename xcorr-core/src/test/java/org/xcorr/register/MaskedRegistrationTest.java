package org.xcorr.register;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.Tolerances;
import org.xcorr.array.NdArray;
import org.xcorr.peak.Subpixel;

class MaskedRegistrationTest {

    private static final double EPS = Math.ulp(1.0);

    /**
     * Brute-force masked NCC by the direct definition, with scikit-image's thresholds; index {@code i} is lag
     * {@code k = i - (Nr - 1)} of {@code Σ moving[n + k]·reference[n]}. Returns {γ, denominator, count}.
     */
    static double[][] bruteForce(NdArray ref, double[] refMask, NdArray mov, double[] movMask, double ratio) {
        int[] rs = ref.shape();
        int[] ms = mov.shape();
        int d = rs.length;
        int[] full = new int[d];
        for (int a = 0; a < d; a++) {
            full[a] = rs[a] + ms[a] - 1;
        }
        int total = NdArray.sizeOf(full);
        double[] num = new double[total];
        double[] den = new double[total];
        double[] count = new double[total];
        int[] lagIdx = new int[d];
        for (int i = 0; i < total; i++) {
            double n = 0, sm = 0, sr = 0, smm = 0, srr = 0, smr = 0;
            int[] idx = new int[d];
            for (int j = 0; j < ref.size(); j++) {
                boolean inside = refMask[j] != 0;
                int mflat = 0;
                for (int a = 0; a < d && inside; a++) {
                    int p = idx[a] + lagIdx[a] - (rs[a] - 1);
                    inside = p >= 0 && p < ms[a];
                    mflat = mflat * ms[a] + p;
                }
                if (inside && movMask[mflat] != 0) {
                    double m = mov.backingReal()[mflat];
                    double r = ref.backingReal()[j];
                    n++;
                    sm += m;
                    sr += r;
                    smm += m * m;
                    srr += r * r;
                    smr += m * r;
                }
                Fixtures.increment(idx, rs);
            }
            double nn = Math.max(n, EPS);
            num[i] = smr - sm * sr / nn;
            den[i] = Math.sqrt(Math.max(smm - sm * sm / nn, 0) * Math.max(srr - sr * sr / nn, 0));
            count[i] = n;
            Fixtures.increment(lagIdx, full);
        }
        double maxDen = 0;
        double maxCount = 0;
        for (int i = 0; i < total; i++) {
            maxDen = Math.max(maxDen, den[i]);
            maxCount = Math.max(maxCount, count[i]);
        }
        double[] g = new double[total];
        for (int i = 0; i < total; i++) {
            g[i] = den[i] > 1e3 * EPS * maxDen ? Math.max(-1, Math.min(1, num[i] / den[i])) : 0;
            if (count[i] < ratio * maxCount) {
                g[i] = 0;
            }
            den[i] /= maxDen;
        }
        return new double[][] {g, den, count};
    }

    static double[] randomMask(int size, double validFraction, Random rnd) {
        double[] m = new double[size];
        for (int i = 0; i < size; i++) {
            m[i] = rnd.nextDouble() < validFraction ? 1 + rnd.nextInt(3) : 0;
        }
        m[0] = 1;
        return m;
    }

    @Test
    void surfaceAndShiftMatchTheDirectDefinition() {
        int[][][] pairs = {
            {{7}, {5}}, {{12}, {12}}, {{6, 5}, {4, 7}}, {{9, 9}, {9, 9}}, {{1, 8}, {1, 6}}, {{10, 3}, {7, 5}},
            {{4, 3, 5}, {3, 4, 4}}, {{3, 3, 3}, {3, 3, 3}}};
        Random rnd = new Random(21);
        int checked = 0;
        for (int[][] pair : pairs) {
            for (double ratio : new double[] {0.0, 0.3, 0.7}) {
                NdArray ref = Fixtures.random(pair[0], rnd.nextLong());
                NdArray mov = Fixtures.random(pair[1], rnd.nextLong());
                double[] rm = randomMask(ref.size(), 0.7, rnd);
                double[] mm = randomMask(mov.size(), 0.7, rnd);
                double[][] want = bruteForce(ref, rm, mov, mm, ratio);
                MaskedRegistrationOptions o = MaskedRegistrationOptions.defaults().withOverlapRatio(ratio)
                        .withKeepSurface(true).withThreads(1 + rnd.nextInt(3));
                Registration r = PhaseCorrelation.registerMasked(ref, mov, NdArray.wrap(rm, pair[0]),
                        NdArray.wrap(mm, pair[1]), o);
                // the returned surface is flipped: index - centre = shift
                double[] got = PhaseCorrelation.flip(r.surface().backingReal(), r.surface().shape());
                String what = java.util.Arrays.deepToString(pair) + " ratio " + ratio;
                int best = 0;
                for (int i = 0; i < got.length; i++) {
                    if (want[1][i] > 1e-6 || want[1][i] == 0 && Math.abs(got[i]) == 0) {
                        assertEquals(want[0][i], got[i], Tolerances.NCC_INVARIANCE, what + " at " + i);
                    }
                    assertTrue(Math.abs(got[i]) <= 1, what);
                    if (want[0][i] > want[0][best]) {
                        best = i;
                    }
                }
                // the shift undoes the lag of the maximum, when it is clearly unique (small overlaps give ±1 ties)
                int near = 0;
                for (double v : want[0]) {
                    near += v >= want[0][best] - 1e-9 ? 1 : 0;
                }
                if (near > 1) {
                    continue;
                }
                checked++;
                int[] full = r.surface().shape();
                int[] lag = NdArray.zeros(full).unravel(best);
                for (int a = 0; a < lag.length; a++) {
                    double expected = -(lag[a] - (pair[0][a] - 1)) + (pair[1][a] - pair[0][a]) / 2.0;
                    assertEquals(expected, r.shift()[a], 0.0, what);
                }
                assertTrue(Double.isNaN(r.error()) && Double.isNaN(r.phaseDiff()));
            }
        }
        assertTrue(checked >= 10, "only " + checked + " cases with a unique maximum");
    }

    @Test
    void maskedShiftIgnoresGarbageUnderTheMasks() {
        int[] shape = {48, 40};
        NdArray reference = Fixtures.smoothRandom(shape, 1.5, 31);
        double[] truth = {5, -7};
        double[] moving = Fixtures.fourierShift(reference, PhaseCorrelationTest.negate(truth)).toArray();
        double[] ref = reference.toArray();
        double[] rm = new double[ref.length];
        double[] mm = new double[ref.length];
        java.util.Arrays.fill(rm, 1);
        java.util.Arrays.fill(mm, 1);
        for (int y = 5; y < 20; y++) {
            for (int x = 3; x < 18; x++) {
                ref[y * 40 + x] = 500;
                rm[y * 40 + x] = 0;
                moving[(y + 20) * 40 + x + 15] = Double.NaN;
                mm[(y + 20) * 40 + x + 15] = 0;
            }
        }
        Registration r = PhaseCorrelation.registerMasked(NdArray.wrap(ref, shape), NdArray.wrap(moving, shape),
                NdArray.wrap(rm, shape), NdArray.wrap(mm, shape), MaskedRegistrationOptions.defaults());
        assertArrayEquals(truth, r.shift(), 0.0);
    }

    @Test
    void nanPixelsBecomeInvalidWithFiniteMask() {
        int[] shape = {40, 44};
        NdArray reference = Fixtures.smoothRandom(shape, 1.5, 32);
        double[] truth = {-6, 4};
        double[] moving = Fixtures.fourierShift(reference, PhaseCorrelationTest.negate(truth)).toArray();
        double[] ref = reference.toArray();
        for (int i = 0; i < ref.length; i += 7) {
            ref[i] = Double.NaN;
            moving[(i * 3) % moving.length] = Double.POSITIVE_INFINITY;
        }
        NdArray r = NdArray.wrap(ref, shape);
        NdArray m = NdArray.wrap(moving, shape);
        assertThrows(IllegalArgumentException.class, () -> PhaseCorrelation.register(r, m));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PhaseCorrelation.registerMasked(r, m, null, null, MaskedRegistrationOptions.defaults()));
        assertTrue(e.getMessage().contains("finiteMask"), e.getMessage());
        NdArray rm = PhaseCorrelation.finiteMask(r, null);
        assertEquals(0.0, rm.backingReal()[0]);
        assertEquals(1.0, rm.backingReal()[1]);
        Registration result = PhaseCorrelation.registerMasked(r, m, rm, PhaseCorrelation.finiteMask(m, null),
                MaskedRegistrationOptions.defaults());
        assertArrayEquals(truth, result.shift(), 0.0);
    }

    @Test
    void parabolicRefinementIsCloseToTheTruth() {
        // measured accuracy of the parabolic fit on the masked NCC peak (smooth images, 30% pixels invalid)
        Random rnd = new Random(33);
        int[] shape = {64, 64};
        double worst = 0;
        double worstInteger = 0;
        for (int trial = 0; trial < 10; trial++) {
            NdArray reference = Fixtures.smoothRandom(shape, 2.5, rnd.nextLong());
            double[] truth = {(rnd.nextDouble() - 0.5) * 16, (rnd.nextDouble() - 0.5) * 16};
            NdArray moving = Fixtures.fourierShift(reference, PhaseCorrelationTest.negate(truth));
            NdArray rm = NdArray.wrap(randomMask(reference.size(), 0.7, rnd), shape);
            NdArray mm = NdArray.wrap(randomMask(reference.size(), 0.7, rnd), shape);
            Registration fit = PhaseCorrelation.registerMasked(reference, moving, rm, mm,
                    MaskedRegistrationOptions.defaults().withSubpixel(Subpixel.PARABOLIC));
            Registration integer = PhaseCorrelation.registerMasked(reference, moving, rm, mm,
                    MaskedRegistrationOptions.defaults());
            for (int a = 0; a < 2; a++) {
                worst = Math.max(worst, Math.abs(fit.shift()[a] - truth[a]));
                worstInteger = Math.max(worstInteger, Math.abs(integer.shift()[a] - truth[a]));
                assertEquals(Math.rint(integer.shift()[a]), integer.shift()[a], 0.0);
            }
        }
        assertTrue(worst < 0.1, "parabolic worst error " + worst);
        assertTrue(worst < worstInteger, "parabolic " + worst + " vs integer " + worstInteger);
    }

    @Test
    void movingMaskDefaultsToTheReferenceMaskAndShapesAreChecked() {
        NdArray a = Fixtures.random(new int[] {10, 12}, 1);
        NdArray b = Fixtures.random(new int[] {10, 12}, 2);
        NdArray mask = NdArray.wrap(randomMask(120, 0.8, new Random(3)), 10, 12);
        MaskedRegistrationOptions o = MaskedRegistrationOptions.defaults().withKeepSurface(true);
        assertEquals(PhaseCorrelation.registerMasked(a, b, mask, mask, o),
                PhaseCorrelation.registerMasked(a, b, mask, null, o));
        assertThrows(IllegalArgumentException.class, () -> PhaseCorrelation.registerMasked(a,
                Fixtures.random(new int[] {9, 12}, 2), mask, null, o));
        assertThrows(IllegalArgumentException.class, () -> PhaseCorrelation.registerMasked(a, b,
                NdArray.zeros(10, 12), null, o));
        assertThrows(IllegalArgumentException.class, () -> PhaseCorrelation.registerMasked(a, b,
                NdArray.zeros(12, 10), null, o));
    }
}
