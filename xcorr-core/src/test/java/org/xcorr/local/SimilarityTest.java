package org.xcorr.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;
import org.xcorr.fft.ComplexFft;
import org.xcorr.register.RegistrationOptions;
import org.xcorr.shift.Interpolation;
import org.xcorr.shift.Shift;
import org.xcorr.shift.ShiftOptions;

class SimilarityTest {

    static final int H = 96;
    static final int W = 128;
    static final int PY0 = 40;
    static final int PY1 = 62;
    static final int PX0 = 60;
    static final int PX1 = 82;

    /**
     * A periodic, broadband but smooth texture: white noise low-pass filtered in the Fourier domain (Gaussian of
     * standard deviation 0.2 cycles per pixel), so that Fourier shifts of it are essentially exact.
     */
    static double[] texture(Random rnd) {
        double[] re = new double[H * W];
        double[] im = new double[H * W];
        for (int i = 0; i < re.length; i++) {
            re[i] = rnd.nextGaussian();
        }
        ComplexFft fft = ComplexFft.of(H, W);
        fft.forward(re, im, 1);
        for (int y = 0; y < H; y++) {
            double fy = (y < (H + 1) / 2 ? y : y - H) / (double) H;
            for (int x = 0; x < W; x++) {
                double fx = (x < (W + 1) / 2 ? x : x - W) / (double) W;
                double g = Math.exp(-(fy * fy + fx * fx) / (2 * 0.2 * 0.2));
                re[y * W + x] *= g;
                im[y * W + x] *= g;
            }
        }
        fft.inverse(re, im, 1);
        double scale = 0;
        for (double v : re) {
            scale += v * v;
        }
        scale = Math.sqrt(scale / re.length);
        for (int i = 0; i < re.length; i++) {
            re[i] /= scale;
        }
        return re;
    }

    @Test
    void registeredMapIsOneExceptWhereContentChanged() {
        Random rnd = new Random(12);
        double[] t = texture(rnd);
        double[] shift = {3.4, -5.7};
        // moving is the texture shifted by -shift: shifting it by +shift aligns it with the reference
        NdArray moving = Shift.shift(NdArray.wrap(t, H, W), new double[] {-shift[0], -shift[1]}, new ShiftOptions(Interpolation.FOURIER, 2));
        double[] ref = t.clone();
        double[] other = texture(rnd);
        for (int y = PY0; y < PY1; y++) {
            for (int x = PX0; x < PX1; x++) {
                ref[y * W + x] = other[y * W + x];
            }
        }
        NdArray reference = NdArray.wrap(ref, H, W);
        int radius = 3;
        SimilarityMap m = Similarity.map(reference, moving, radius,
                RegistrationOptions.defaults().withUpsampleFactor(20).withThreads(2));
        assertArrayEquals(shift, m.shift(), 0.05 + 1e-9, "registration finds the planted shift");
        double minOutside = 1;
        double sumInside = 0;
        int nInside = 0;
        int border = 8 + radius;
        for (int y = border; y < H - border; y++) {
            for (int x = border; x < W - border; x++) {
                double v = m.map().get(y, x);
                boolean nearPatch = y >= PY0 - radius && y < PY1 + radius && x >= PX0 - radius && x < PX1 + radius;
                boolean inPatch = y >= PY0 + radius && y < PY1 - radius && x >= PX0 + radius && x < PX1 - radius;
                if (!nearPatch) {
                    minOutside = Math.min(minOutside, v);
                }
                if (inPatch) {
                    sumInside += v;
                    nInside++;
                }
            }
        }
        assertTrue(minOutside > 0.97, "≈1 away from the change and the borders, min " + minOutside);
        assertTrue(Math.abs(sumInside / nInside) < 0.3, "dips where the content changed, mean " + sumInside / nInside);
    }

    @Test
    void withoutRegistrationTheArraysAreComparedAsTheyAre() {
        Random rnd = new Random(13);
        NdArray a = NdArray.wrap(texture(rnd), H, W);
        SimilarityMap m = Similarity.map(a, a, 2);
        assertNull(m.registration());
        assertArrayEquals(new double[2], m.shift());
        assertEquals(a, m.registered());
        assertArrayEquals(LocalNcc.localNcc(a, a, 2).backingReal(), m.map().backingReal());
    }

    @Test
    void bug_nullRegistrationOptionsMeantDoNotRegister() {
        // comparing without registration is its own overload now; a null options record is a mistake, not a switch
        NdArray a = NdArray.zeros(4, 5);
        assertThrows(NullPointerException.class, () -> Similarity.map(a, a, 1, (RegistrationOptions) null));
        assertThrows(NullPointerException.class, () -> Similarity.map(a, a, LocalNccOptions.ofRadius(1), null,
                Interpolation.FOURIER));
    }

    @Test
    void shapeMismatchNamesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Similarity.map(NdArray.zeros(4, 5), NdArray.zeros(4, 6), 1, RegistrationOptions.defaults()));
        assertTrue(e.getMessage().contains("4x5") && e.getMessage().contains("4x6"), e.getMessage());
    }
}
