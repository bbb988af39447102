package org.xcorr.shift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;

class ShiftTest {

    static final double TOL = 1e-12;

    static double[] shift1d(double[] x, double s, Interpolation m) {
        return Shift.shift(NdArray.of1d(x), new double[] {s}, new ShiftOptions(m, 1)).toArray();
    }

    @Test
    void linearByHand() {
        // out[i] = in(i - s): content moves to higher indices; sources outside [0, n-1] give 0
        assertArrayEquals(new double[] {0, 1.5, 2.5, 3.5}, shift1d(new double[] {1, 2, 3, 4}, 0.5, Interpolation.LINEAR), TOL);
        assertArrayEquals(new double[] {2, 3, 4, 0}, shift1d(new double[] {1, 2, 3, 4}, -1, Interpolation.LINEAR), TOL);
        assertArrayEquals(new double[] {1, 2, 3, 4}, shift1d(new double[] {1, 2, 3, 4}, 0, Interpolation.LINEAR), 0);
        // source exactly at the last sample is inside
        assertArrayEquals(new double[] {0.75 * 1 + 0.25 * 2, 0.75 * 2 + 0.25 * 3, 0}, shift1d(new double[] {1, 2, 3}, -0.25, Interpolation.LINEAR), TOL);
        NdArray y = NdArray.of(new double[][] {{1, 2}, {3, 4}});
        NdArray got = Shift.shift(y, new double[] {0.5, 0}, new ShiftOptions(Interpolation.LINEAR, 1));
        assertArrayEquals(new double[] {0, 0, 2, 3}, got.toArray(), TOL);
    }

    @Test
    void linearBilinearByHand() {
        NdArray y = NdArray.of(new double[][] {{1, 2, 0}, {4, -1, 3}, {2, 2, 5}, {0, 1, -2}});
        NdArray got = Shift.shift(y, new double[] {0.6, -0.4}, new ShiftOptions(Interpolation.LINEAR, 2));
        // out[1][0] = y(0.4, 0.4) = 0.36*1 + 0.24*2 + 0.24*4 + 0.16*(-1)
        assertEquals(0.36 + 0.48 + 0.96 - 0.16, got.get(1, 0), TOL);
        // scipy.ndimage.shift(y, [0.6, -0.4], order=1, mode='constant') (SciPy 1.17.1)
        double[] scipy = {0, 0, 0, 1.6399999999999997, 0.96, 0, 2, 1.6399999999999995, 0, 1.36, 1.8400000000000003, 0};
        assertArrayEquals(scipy, got.toArray(), TOL);
    }

    @Test
    void fourierByHand() {
        // integer shifts are circular rolls
        assertArrayEquals(new double[] {4, 5, 1, 2, 3}, shift1d(new double[] {1, 2, 3, 4, 5}, 2, Interpolation.FOURIER), TOL);
        assertArrayEquals(new double[] {2, 3, 4, 1}, shift1d(new double[] {1, 2, 3, 4}, -1, Interpolation.FOURIER), TOL);
        // n = 2, s = 1/2: the Nyquist term is multiplied by cos(π/2) = 0, leaving the mean
        assertArrayEquals(new double[] {2, 2}, shift1d(new double[] {1, 3}, 0.5, Interpolation.FOURIER), TOL);
        // impulse, n = 4, s = 1/2: out[m] = (1 + 2 cos(2πm/4 - π/4)) / 4, Nyquist term cos(π/2) = 0
        double p = (1 + Math.sqrt(2)) / 4;
        double q = (1 - Math.sqrt(2)) / 4;
        assertArrayEquals(new double[] {p, p, q, q}, shift1d(new double[] {1, 0, 0, 0}, 0.5, Interpolation.FOURIER), TOL);
    }

    @Test
    void fourierMatchesScipy2d() {
        NdArray y = NdArray.of(new double[][] {{1, 2, 0}, {4, -1, 3}, {2, 2, 5}, {0, 1, -2}});
        // np.fft.ifftn(scipy.ndimage.fourier_shift(np.fft.fftn(y), [0.6, -0.4])).real (SciPy 1.17.1)
        double[] scipy = {1.476507251540099, -0.04492306562731552, -2.317279163258677,
            1.893397076174827, 0.46052545425476854, 2.067054609625376,
            1.3579596755942844, 1.2418265816496588, 5.704349239789634,
            0.9728670750967656, 2.4649651540885404, 1.7227501110720382};
        assertArrayEquals(scipy, Shift.shift(y, new double[] {0.6, -0.4}, new ShiftOptions(Interpolation.FOURIER, 1)).toArray(), TOL);
    }

    @Test
    void cubicMatchesScipy() {
        double[] x = {0, 1, 4, 9, 16, 25};
        // scipy.ndimage.shift(x, s, order=3, mode='constant') (SciPy 1.17.1)
        assertArrayEquals(new double[] {0, 0.4970334928229667, 2.8588516746411488, 7.407559808612444,
            13.250909090909095, 23.728803827751207}, shift1d(x, 0.3, Interpolation.CUBIC), TOL);
        assertArrayEquals(new double[] {1.5468002392344504, 5.123056220095695, 10.335974880382777,
            18.90804425837321, 0, 0}, shift1d(x, -1.25, Interpolation.CUBIC), TOL);
        NdArray y = NdArray.of(new double[][] {{1, 2, 0}, {4, -1, 3}, {2, 2, 5}, {0, 1, -2}});
        double[] scipy = {0, 0, 0, 1.6740608000000003, 0.6960959999999995, 0, 2.3662976000000007, 1.7391679999999985, 0,
            1.1110528000000008, 1.9654720000000017, 0};
        assertArrayEquals(scipy, Shift.shift(y, new double[] {0.6, -0.4}, new ShiftOptions(Interpolation.CUBIC, 1)).toArray(), TOL);
        // the spline interpolates: integer shifts move samples exactly (to rounding)
        assertArrayEquals(new double[] {0, 0, 1, 4, 9, 16}, shift1d(x, 1, Interpolation.CUBIC), 1e-12);
    }

    @Test
    void shiftsComposeAndThreadsDoNotMatter() {
        Random rnd = new Random(4);
        int[] shape = {9, 8, 10};
        double[] d = rnd.doubles(9 * 8 * 10, -1, 1).toArray();
        NdArray x = NdArray.wrap(d, shape);
        for (Interpolation m : Interpolation.values()) {
            NdArray one = Shift.shift(x, new double[] {0.3, -1.7, 2.2}, new ShiftOptions(m, 1));
            NdArray many = Shift.shift(x, new double[] {0.3, -1.7, 2.2}, new ShiftOptions(m, 3));
            assertArrayEquals(one.backingReal(), many.backingReal(), m + ": threads");
        }
        // On odd lengths (no Nyquist bin, whose real part is scaled by cos(πs)) Fourier shifts are exact
        // translations of the periodic band-limited signal: they invert
        NdArray odd = NdArray.wrap(rnd.doubles(9 * 7 * 11, -1, 1).toArray(), 9, 7, 11);
        NdArray there = Shift.shift(odd, new double[] {0.3, -1.7, 2.2}, new ShiftOptions(Interpolation.FOURIER, 2));
        NdArray back = Shift.shift(there, new double[] {-0.3, 1.7, -2.2}, new ShiftOptions(Interpolation.FOURIER, 2));
        assertArrayEquals(odd.backingReal(), back.backingReal(), 1e-12);
    }

    @Test
    void errors() {
        NdArray x = NdArray.zeros(3, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shift.shift(x, new double[] {1}, new ShiftOptions(Interpolation.LINEAR, 1)));
        assertTrue(e.getMessage().contains("3x4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Shift.shift(x, new double[] {1, Double.NaN}, new ShiftOptions(Interpolation.LINEAR, 1)));
        assertThrows(IllegalArgumentException.class, () -> Shift.shift(x, new double[] {1, 1}, new ShiftOptions(Interpolation.LINEAR, 0)));
    }

    @Test
    void shiftOfValuesNearTheLargestDoubleIsNeverNaN() {
        // issue 11: values near Double.MAX_VALUE came back all NaN
        Random r = new Random(32);
        double[] v = new double[12 * 10];
        for (int i = 0; i < v.length; i++) {
            v[i] = (r.nextInt(255) + 1) / 256.0;
        }
        NdArray small = NdArray.wrap(v, 12, 10);
        double[] h = v.clone();
        for (int i = 0; i < h.length; i++) {
            h[i] = Math.scalb(h[i], 1023);
        }
        NdArray huge = NdArray.wrap(h, 12, 10);
        for (Interpolation interpolation : Interpolation.values()) {
            NdArray want = Shift.shift(small, new double[] {0.3, -1.7}, new ShiftOptions(interpolation, 2));
            NdArray got;
            try {
                got = Shift.shift(huge, new double[] {0.3, -1.7}, new ShiftOptions(interpolation, 2));
            } catch (IllegalArgumentException e) {
                // Fourier and cubic interpolation may overshoot the input: refused in one line
                assertTrue(interpolation != Interpolation.LINEAR, e.getMessage());
                assertTrue(e.getMessage().startsWith("the shifted values exceed the double range"), e.getMessage());
                continue;
            }
            for (int i = 0; i < v.length; i++) {
                assertEquals(Math.scalb(want.backingReal()[i], 1023), got.backingReal()[i], 0.0, interpolation + " " + i);
            }
        }
    }
}
