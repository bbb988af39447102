package org.xcorr.fft.f32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The single-precision FFT against the double one ({@code org.xcorr.fft}, itself checked against a naive DFT) on
 * the same (float-representable) data: the error relative to the norm of the result must be at the float
 * rounding level, {@code ||X_f - X_d|| <= TOL · ||X_d||}.
 */
class Float32FftTest {

    /** About 16 units of roundoff ({@code 2^-24}); measured errors are 0.5e-7 to 3e-7 (see the package docs). */
    static final double TOL = 1e-6;

    static int[][] shapes() {
        return new int[][] {{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {11}, {16}, {17}, {30}, {64}, {97}, {100},
            {105}, {210}, {1000}, {2046}, {2047}, {4099}, {65536}, {1, 1}, {1, 6}, {6, 1}, {2, 2}, {3, 5}, {5, 8},
            {8, 5}, {7, 9}, {16, 16}, {13, 17}, {17, 13}, {23, 89}, {31, 30}, {256, 256}, {250, 343}, {127, 131},
            {1, 1, 1}, {2, 3, 4}, {3, 4, 5}, {5, 3, 1}, {4, 1, 7}, {6, 7, 8}, {9, 5, 11}, {32, 24, 40}};
    }

    static float[] randomFloats(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextGaussian() + 0.3);
        }
        return x;
    }

    static double[] widen(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    /** {@code sqrt(Σ|a - b|²) / sqrt(Σ|b|²)} over real and imaginary parts. */
    static double relativeError(float[] ar, float[] ai, double[] br, double[] bi) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < br.length; i++) {
            double dr = ar[i] - br[i];
            double di = ai == null ? 0 : ai[i] - bi[i];
            diff += dr * dr + di * di;
            norm += br[i] * br[i] + (bi == null ? 0 : bi[i] * bi[i]);
        }
        return norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void realForwardMatchesDoubleAndRoundTrips(int[] shape) {
        Random rnd = new Random(Arrays.hashCode(shape));
        RealFft plan = RealFft.of(shape);
        org.xcorr.fft.RealFft reference = org.xcorr.fft.RealFft.of(shape);
        float[] x = randomFloats(rnd, plan.size());
        float[] copy = x.clone();
        float[] sr = new float[plan.spectrumSize()];
        float[] si = new float[plan.spectrumSize()];
        plan.forward(x, sr, si, 2);
        assertArrayEquals(copy, x, "forward must leave its input unchanged");
        double[] dr = new double[plan.spectrumSize()];
        double[] di = new double[plan.spectrumSize()];
        reference.forward(widen(x), dr, di, 1);
        double forward = relativeError(sr, si, dr, di);
        assertTrue(forward <= TOL, Arrays.toString(shape) + ": forward relative error " + forward);

        float[] sCopyR = sr.clone();
        float[] sCopyI = si.clone();
        float[] back = new float[plan.size()];
        plan.inverse(sr, si, back, 2);
        assertArrayEquals(sCopyR, sr, "inverse must leave its input unchanged");
        assertArrayEquals(sCopyI, si, "inverse must leave its input unchanged");
        double trip = relativeError(back, null, widen(x), null);
        assertTrue(trip <= TOL, Arrays.toString(shape) + ": round trip relative error " + trip);

        // the inverse alone, against the double inverse of the same (float) spectrum
        double[] dBack = new double[plan.size()];
        reference.inverse(widen(sr), widen(si), dBack, 1);
        double inverse = relativeError(back, null, dBack, null);
        assertTrue(inverse <= TOL, Arrays.toString(shape) + ": inverse relative error " + inverse);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void complexForwardMatchesDoubleAndRoundTrips(int[] shape) {
        Random rnd = new Random(31L * Arrays.hashCode(shape));
        ComplexFft plan = ComplexFft.of(shape);
        float[] re = randomFloats(rnd, plan.size());
        float[] im = randomFloats(rnd, plan.size());
        double[] dr = widen(re);
        double[] di = widen(im);
        float[] origRe = re.clone();
        float[] origIm = im.clone();
        plan.forward(re, im, 3);
        org.xcorr.fft.ComplexFft.of(shape).forward(dr, di, 1);
        double forward = relativeError(re, im, dr, di);
        assertTrue(forward <= TOL, Arrays.toString(shape) + ": forward relative error " + forward);
        plan.inverse(re, im, 3);
        double trip = relativeError(re, im, widen(origRe), widen(origIm));
        assertTrue(trip <= TOL, Arrays.toString(shape) + ": round trip relative error " + trip);
    }

    @Test
    void resultsAreBitIdenticalForEveryThreadCount() {
        for (int[] shape : new int[][] {{4099}, {250, 343}, {127, 131}, {512, 512}, {32, 24, 40}}) {
            Random rnd = new Random(5);
            RealFft plan = RealFft.of(shape);
            float[] x = randomFloats(rnd, plan.size());
            float[] r1 = new float[plan.spectrumSize()];
            float[] i1 = new float[plan.spectrumSize()];
            float[] r4 = new float[plan.spectrumSize()];
            float[] i4 = new float[plan.spectrumSize()];
            plan.forward(x, r1, i1, 1);
            plan.forward(x, r4, i4, 4);
            assertArrayEquals(r1, r4, Arrays.toString(shape));
            assertArrayEquals(i1, i4, Arrays.toString(shape));
            float[] b1 = new float[plan.size()];
            float[] b4 = new float[plan.size()];
            plan.inverse(r1, i1, b1, 1);
            plan.inverse(r1, i1, b4, 4);
            assertArrayEquals(b1, b4, Arrays.toString(shape));
        }
    }

    @Test
    void aSingleSpikeTransformsToTheExactTwiddles() {
        // x = δ[n - 1] has X[k] = exp(-2πi k/n): the float result is the correctly rounded double value to
        // within a few units of roundoff, at every k (not only in norm)
        int n = 1 << 12;
        float[] x = new float[n];
        x[1] = 1;
        RealFft plan = RealFft.of(n);
        float[] re = new float[plan.spectrumSize()];
        float[] im = new float[plan.spectrumSize()];
        plan.forward(x, re, im, 1);
        for (int k = 0; k < re.length; k++) {
            double angle = -2 * Math.PI * k / n;
            assertTrue(Math.abs(re[k] - Math.cos(angle)) <= 8e-7 && Math.abs(im[k] - Math.sin(angle)) <= 8e-7,
                    "k " + k + ": " + re[k] + ", " + im[k]);
        }
    }

    @Test
    void wrongLengthsAndShapesAreRejected() {
        RealFft plan = RealFft.of(4, 6);
        assertThrows(IllegalArgumentException.class, () -> plan.forward(new float[23], new float[16], new float[16], 1));
        assertThrows(IllegalArgumentException.class, () -> plan.inverse(new float[16], new float[15], new float[24], 1));
        assertThrows(IllegalArgumentException.class, () -> RealFft.of(0, 3));
        assertThrows(IllegalArgumentException.class, () -> ComplexFft.of(1, 2, 3, 4));
        assertThrows(IllegalArgumentException.class, () -> ComplexFft.of(5).forward(new float[4], new float[5], 1));
    }
}
