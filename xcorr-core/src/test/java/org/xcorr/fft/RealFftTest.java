package org.xcorr.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcorr.Seeds;

class RealFftTest {

    static final double TOL = 1e-12;

    static int[][] shapes() {
        return new int[][] {{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {11}, {16}, {17}, {30}, {64}, {97}, {100},
            {105}, {210}, {1000}, {2046}, {2047}, {4099}, {1, 1}, {1, 6}, {6, 1}, {2, 2}, {3, 5}, {5, 8}, {8, 5},
            {7, 9}, {16, 16}, {13, 17}, {17, 13}, {23, 89}, {31, 30}, {1, 1, 1}, {2, 3, 4}, {3, 4, 5}, {5, 3, 1},
            {4, 1, 7}, {6, 7, 8}, {9, 5, 11}};
    }

    /** The full spectrum by the naive DFT of the real data. */
    static double[][] naiveFull(int[] shape, double[] x) {
        return NaiveDft.dftN(shape, x, new double[x.length], false);
    }

    /** The half spectrum (last axis 0..n/2) taken out of a full spectrum. */
    static double[][] half(int[] shape, double[][] full) {
        int n = shape[shape.length - 1];
        int h = n / 2 + 1;
        int rows = full[0].length / n;
        double[] re = new double[rows * h];
        double[] im = new double[rows * h];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(full[0], r * n, re, r * h, h);
            System.arraycopy(full[1], r * n, im, r * h, h);
        }
        return new double[][] {re, im};
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void forwardMatchesNaiveAndInverseRoundTrips(int[] shape) {
        int size = NaiveDft.size(shape);
        Random rnd = new Random(Arrays.hashCode(shape));
        double[] x = rnd.doubles(size, -1, 1).toArray();
        double[] copy = x.clone();
        RealFft plan = RealFft.of(shape);
        double[] sr = new double[plan.spectrumSize()];
        double[] si = new double[plan.spectrumSize()];
        plan.forward(x, sr, si, 2);
        assertArrayEquals(copy, x, 0.0, "input must be left unchanged");
        double[][] want = half(shape, naiveFull(shape, x));
        double err = NaiveDft.maxError(sr, si, want[0], want[1]);
        assertTrue(err <= TOL * NaiveDft.scale(want[0], want[1]), Arrays.toString(shape) + " err=" + err);

        double[] srCopy = sr.clone();
        double[] siCopy = si.clone();
        double[] back = new double[size];
        plan.inverse(sr, si, back, 3);
        assertArrayEquals(srCopy, sr, 0.0, "spectrum must be left unchanged");
        assertArrayEquals(siCopy, si, 0.0, "spectrum must be left unchanged");
        for (int k = 0; k < size; k++) {
            assertEquals(x[k], back[k], TOL, Arrays.toString(shape) + " round trip at " + k);
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void inverseMatchesComplexInverseOfHermitianSpectrum(int[] shape) {
        // an arbitrary (non-Hermitian) half spectrum: irfftn = real part of ifftn of its Hermitian completion,
        // computed on the last axis after the complex inverse along the leading axes (NumPy's order)
        RealFft plan = RealFft.of(shape);
        int[] spec = plan.spectrumShape();
        int hs = plan.spectrumSize();
        Random rnd = new Random(99 + Arrays.hashCode(shape));
        double[] sr = rnd.doubles(hs, -1, 1).toArray();
        double[] si = rnd.doubles(hs, -1, 1).toArray();
        int last = shape.length - 1;
        int n = shape[last];
        int h = spec[last];
        double[] lr = sr.clone();
        double[] li = si.clone();
        if (last > 0) {
            int[] lead = Arrays.copyOf(spec, last);
            int rowsLead = NaiveDft.size(lead);
            // inverse along leading axes, one last-axis column at a time
            for (int k = 0; k < h; k++) {
                double[] cr = new double[rowsLead];
                double[] ci = new double[rowsLead];
                for (int r = 0; r < rowsLead; r++) {
                    cr[r] = lr[r * h + k];
                    ci[r] = li[r * h + k];
                }
                double[][] t = NaiveDft.dftN(lead, cr, ci, true);
                for (int r = 0; r < rowsLead; r++) {
                    lr[r * h + k] = t[0][r];
                    li[r * h + k] = t[1][r];
                }
            }
        }
        int rows = hs / h;
        int size = plan.size();
        double[] want = new double[size];
        for (int r = 0; r < rows; r++) {
            double[] fr = new double[n];
            double[] fi = new double[n];
            for (int k = 0; k < n; k++) {
                int src = k < h ? k : n - k;
                fr[k] = lr[r * h + src];
                fi[k] = k < h ? li[r * h + src] : -li[r * h + src];
            }
            fi[0] = 0;
            if (n % 2 == 0) {
                fi[n / 2] = 0;
            }
            double[][] t = NaiveDft.dft(fr, fi, true);
            for (int j = 0; j < n; j++) {
                want[r * n + j] = t[0][j] / size;
            }
        }
        double[] got = new double[size];
        plan.inverse(sr, si, got, 2);
        double scale = 0;
        for (double v : want) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int k = 0; k < size; k++) {
            assertEquals(want[k], got[k], TOL * Math.max(1, scale), Arrays.toString(shape) + " at " + k);
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void matchesComplexFftHalf(int[] shape) {
        int size = NaiveDft.size(shape);
        Random rnd = new Random(5 + Arrays.hashCode(shape));
        double[] x = rnd.doubles(size, -1, 1).toArray();
        double[] re = x.clone();
        double[] im = new double[size];
        ComplexFft.of(shape).forward(re, im, 1);
        double[][] want = half(shape, new double[][] {re, im});
        RealFft plan = RealFft.of(shape);
        double[] sr = new double[plan.spectrumSize()];
        double[] si = new double[plan.spectrumSize()];
        plan.forward(x, sr, si, 1);
        assertTrue(NaiveDft.maxError(sr, si, want[0], want[1]) <= TOL * NaiveDft.scale(want[0], want[1]));
    }

    /**
     * {@code correlate} fuses the spectrum product into the column pass: it must equal forward, product,
     * inverse bit for bit, whatever the thread count, and be the circular cross-correlation by definition.
     */
    @ParameterizedTest
    @MethodSource("shapes")
    void correlateIsForwardProductInverseAndTheCircularCorrelation(int[] shape) {
        RealFft plan = RealFft.of(shape);
        Random rnd = new Random(Arrays.hashCode(shape));
        double[] x = rnd.doubles(plan.size(), -1, 1).toArray();
        double[] y = rnd.doubles(plan.size(), -1, 1).toArray();
        int h = plan.spectrumSize();
        double[] sRe = new double[h];
        double[] sIm = new double[h];
        plan.forward(y, sRe, sIm, 1);
        double[] xr = new double[h];
        double[] xi = new double[h];
        plan.forward(x, xr, xi, 1);
        for (int k = 0; k < h; k++) {
            double a = xr[k];
            double b = xi[k];
            xr[k] = a * sRe[k] + b * sIm[k];
            xi[k] = b * sRe[k] - a * sIm[k];
        }
        double[] expected = new double[plan.size()];
        plan.inverse(xr, xi, expected, 1);
        for (int threads : new int[] {1, 2, 3}) {
            double[] out = new double[plan.size()];
            double[] sReCopy = sRe.clone();
            double[] sImCopy = sIm.clone();
            plan.correlate(x, sRe, sIm, new double[h], new double[h], out, threads);
            assertArrayEquals(expected, out, 0.0, () -> "threads " + threads);
            assertArrayEquals(sReCopy, sRe, 0.0);
            assertArrayEquals(sImCopy, sIm, 0.0);
            double[] inPlace = x.clone();
            plan.correlate(inPlace, sRe, sIm, new double[h], new double[h], inPlace, threads);
            assertArrayEquals(expected, inPlace, 0.0);
        }
        // out[j] = Σ_n x[n + j]·y[n], indices modulo the shape
        int[] n3 = {1, 1, 1};
        for (int a = 0; a < shape.length; a++) {
            n3[3 - shape.length + a] = shape[a];
        }
        if (plan.size() <= 4096) {
            for (int j = 0; j < plan.size(); j++) {
                int j0 = j / (n3[1] * n3[2]);
                int j1 = j / n3[2] % n3[1];
                int j2 = j % n3[2];
                double sum = 0;
                for (int m = 0; m < plan.size(); m++) {
                    int m0 = m / (n3[1] * n3[2]);
                    int m1 = m / n3[2] % n3[1];
                    int m2 = m % n3[2];
                    int src = (((m0 + j0) % n3[0]) * n3[1] + (m1 + j1) % n3[1]) * n3[2] + (m2 + j2) % n3[2];
                    sum += x[src] * y[m];
                }
                assertEquals(sum, expected[j], 1e-9 * Math.max(1, Math.sqrt(plan.size())), "lag " + j);
            }
        }
    }

    @Test
    void bitIdenticalForAnyThreadCount() {
        for (int[] shape : new int[][] {{300, 256}, {301, 255}, {97, 46}, {12, 20, 33}, {4096}, {1, 5000}}) {
            RealFft plan = RealFft.of(shape);
            Random rnd = new Random(3);
            double[] x = rnd.doubles(plan.size(), -1, 1).toArray();
            double[] r1 = new double[plan.spectrumSize()];
            double[] i1 = new double[plan.spectrumSize()];
            plan.forward(x, r1, i1, 1);
            double[] back1 = new double[plan.size()];
            plan.inverse(r1, i1, back1, 1);
            for (int threads : new int[] {2, 3, 5}) {
                double[] r = new double[plan.spectrumSize()];
                double[] i = new double[plan.spectrumSize()];
                plan.forward(x, r, i, threads);
                assertArrayEquals(r1, r, 0.0, Arrays.toString(shape) + " threads=" + threads);
                assertArrayEquals(i1, i, 0.0, Arrays.toString(shape) + " threads=" + threads);
                double[] back = new double[plan.size()];
                plan.inverse(r, i, back, threads);
                assertArrayEquals(back1, back, 0.0, Arrays.toString(shape) + " threads=" + threads);
            }
        }
    }

    @Property(tries = 60, seed = Seeds.REAL_FFT)
    void roundTripAndParseval(@ForAll @IntRange(min = 1, max = 3) int rank, @ForAll("length") int a,
            @ForAll("length") int b, @ForAll("length") int c, @ForAll long seed) {
        int[] shape = Arrays.copyOf(new int[] {a, b, c}, rank);
        RealFft plan = RealFft.of(shape);
        double[] x = new Random(seed).doubles(plan.size(), -1, 1).toArray();
        double[] sr = new double[plan.spectrumSize()];
        double[] si = new double[plan.spectrumSize()];
        plan.forward(x, sr, si, 2);
        // Parseval over the half spectrum: bins 1..(n-1)/2 on the last axis stand for two bins
        int n = shape[rank - 1];
        int h = n / 2 + 1;
        double energyFreq = 0;
        for (int k = 0; k < sr.length; k++) {
            int bin = k % h;
            boolean single = bin == 0 || (n % 2 == 0 && bin == n / 2);
            energyFreq += (single ? 1 : 2) * (sr[k] * sr[k] + si[k] * si[k]);
        }
        double energyTime = 0;
        for (double v : x) {
            energyTime += v * v;
        }
        assertTrue(Math.abs(energyFreq / plan.size() - energyTime) <= 1e-12 * Math.max(1, energyTime), "Parseval");
        double[] back = new double[plan.size()];
        plan.inverse(sr, si, back, 1);
        for (int k = 0; k < back.length; k++) {
            assertEquals(x[k], back[k], TOL);
        }
    }

    @Provide
    Arbitrary<Integer> length() {
        return Arbitraries.integers().between(1, 60);
    }

    @Test
    void shapesAndErrors() {
        RealFft plan = RealFft.of(5, 8);
        assertArrayEquals(new int[] {5, 5}, plan.spectrumShape());
        assertEquals(25, plan.spectrumSize());
        assertEquals(40, plan.size());
        assertThrows(IllegalArgumentException.class, () -> plan.forward(new double[39], new double[25], new double[25], 1));
        assertThrows(IllegalArgumentException.class, () -> plan.inverse(new double[25], new double[24], new double[40], 1));
        assertThrows(IllegalArgumentException.class, () -> RealFft.of(0));
    }
}
