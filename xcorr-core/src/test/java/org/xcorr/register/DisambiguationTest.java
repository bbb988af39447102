package org.xcorr.register;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.Tolerances;
import org.xcorr.array.NdArray;
import org.xcorr.fft.ComplexFft;

/** Periodic ambiguity, the smooth-image failure of phase normalization, and the quality numbers. */
class DisambiguationTest {

    /** {@code scene[y0:y0+ny, x0:x0+nx]}. */
    static NdArray crop(NdArray scene, int y0, int x0, int ny, int nx) {
        int w = scene.shape()[1];
        double[] s = scene.backingReal();
        double[] out = new double[ny * nx];
        for (int y = 0; y < ny; y++) {
            System.arraycopy(s, (y0 + y) * w + x0, out, y * nx, nx);
        }
        return NdArray.wrap(out, ny, nx);
    }

    /** Gaussian blur (circular, in Fourier space) of {@code image}. */
    static double[] blur(double[] image, int[] shape, double sigma) {
        int size = image.length;
        double[] re = image.clone();
        double[] im = new double[size];
        ComplexFft fft = ComplexFft.of(shape);
        fft.forward(re, im, 1);
        int[] idx = new int[shape.length];
        for (int i = 0; i < size; i++) {
            double f2 = 0;
            for (int a = 0; a < shape.length; a++) {
                double f = Fixtures.frequency(idx[a], shape[a]);
                f2 += f * f;
            }
            double g = Math.exp(-2 * Math.PI * Math.PI * sigma * sigma * f2);
            re[i] *= g;
            im[i] *= g;
            Fixtures.increment(idx, shape);
        }
        fft.inverse(re, im, 1);
        return re;
    }

    /**
     * The input of scikit-image#6456 rebuilt in Java: {@code binary_blobs(256, blob_size_fraction=0.05,
     * volume_fraction=0.7)} (400 random points blurred with σ = 0.25·256·0.05, thresholded at the 30th
     * percentile) smoothed with {@code gaussian_filter(σ = 3)}.
     */
    static NdArray smoothBlobs(long seed) {
        int n = 256;
        int[] shape = {n, n};
        Random rnd = new Random(seed);
        double[] points = new double[n * n];
        for (int i = 0; i < 400; i++) {
            points[rnd.nextInt(n) * n + rnd.nextInt(n)] = 1;
        }
        double[] mask = blur(points, shape, 0.25 * n * 0.05);
        double[] sorted = mask.clone();
        Arrays.sort(sorted);
        double threshold = sorted[(int) (0.3 * sorted.length)];
        double[] blobs = new double[n * n];
        for (int i = 0; i < blobs.length; i++) {
            blobs[i] = mask[i] > threshold ? 1 : 0;
        }
        return NdArray.wrap(blur(blobs, shape, 3), shape);
    }

    @Test
    void smoothImageFailureOfPhaseNormalizationIsFixedByDisambiguation_skimage6456() {
        // mov = ref[10-5:-10-5, 10-3:-10-3], ref = ref[10:-10, 10:-10]: the registering shift is [-5, -3]
        NdArray full = smoothBlobs(6456);
        NdArray ref = crop(full, 10, 10, 236, 236);
        NdArray mov = crop(full, 5, 7, 236, 236);
        RegistrationOptions o = RegistrationOptions.defaults();
        Registration plain = PhaseCorrelation.register(ref, mov, o);
        Registration fixed = PhaseCorrelation.register(ref, mov, o.withDisambiguate(true));
        assertArrayEquals(new double[] {-5, -3}, fixed.shift(), 0, fixed.toString());
        assertTrue(fixed.overlapNcc() > 0.999, fixed.toString());
        // the failure being fixed: phase normalization alone locks onto the edges at zero shift, and its
        // overlap NCC says so
        assertArrayEquals(new double[] {0, 0}, plain.shift(), 0, plain.toString());
        assertTrue(plain.overlapNcc() < 0.99, plain.toString());
    }

    @Test
    void periodicAlternativeBeyondHalfTheSizeIsFound_skimage6604() {
        NdArray scene = Fixtures.smoothRandom(new int[] {200, 200}, 1, 6604);
        NdArray ref = crop(scene, 60, 20, 64, 128);
        // moving[y] = reference[y + s] with s = (36, -5): 36 > 64/2, so the usual wrap reports 36 - 64 = -28
        NdArray mov = crop(scene, 96, 15, 64, 128);
        RegistrationOptions o = RegistrationOptions.defaults();
        Registration plain = PhaseCorrelation.register(ref, mov, o);
        assertArrayEquals(new double[] {-28, -5}, plain.shift(), 0, plain.toString());
        Registration fixed = PhaseCorrelation.register(ref, mov, o.withDisambiguate(true));
        assertArrayEquals(new double[] {36, -5}, fixed.shift(), 0, fixed.toString());
        assertEquals(1.0, fixed.overlapNcc(), Tolerances.EXACT_NCC);
        assertEquals((64 - 36) * (128 - 5), fixed.overlap());
        // sub-pixel refinement keeps the disambiguated integer shift
        Registration up = PhaseCorrelation.register(ref, mov, o.withDisambiguate(true).withUpsampleFactor(20));
        assertArrayEquals(new double[] {36, -5}, up.shift(), 1.0 / 20, up.toString());
    }

    @Test
    void overlapNccMatchesABruteForcePearsonCorrelation() {
        NdArray a = Fixtures.random(new int[] {9, 11}, 1);
        NdArray b = Fixtures.random(new int[] {9, 11}, 2);
        long[] s = {2, -3};
        double[] x = new double[(9 - 2) * (11 - 3)];
        double[] y = new double[x.length];
        int k = 0;
        for (int r = 0; r < 9; r++) {
            for (int c = 0; c < 11; c++) {
                int mr = r - 2;
                int mc = c + 3;
                if (mr >= 0 && mr < 9 && mc >= 0 && mc < 11) {
                    x[k] = a.get(r, c);
                    y[k] = b.get(mr, mc);
                    k++;
                }
            }
        }
        assertEquals(x.length, k);
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < k; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        double[] got = Disambiguation.overlapNcc(a.backingReal(), b.backingReal(), new int[] {9, 11}, s);
        assertEquals(sxy / Math.sqrt(sxx * syy), got[0], Tolerances.EXACT_NCC);
        assertEquals(k, got[1]);
        // constant overlap gives 0, not NaN
        double[] flat = new double[99];
        assertEquals(0, Disambiguation.overlapNcc(flat, b.backingReal(), new int[] {9, 11}, s)[0]);
    }

    @Test
    void peaksAreTheGlobalMaximumThenLocalMaximaByHeight() {
        double[] c = new double[30];
        int[] shape = {5, 6};
        c[7] = 5;
        c[20] = -4; // by modulus
        c[16] = 3;
        c[28] = 3.5;
        c[8] = 4.5; // neighbour of 7: not a local maximum
        assertEquals(java.util.List.of(7, 20, 28, 16), Disambiguation.peaks(c, shape, 7, 4));
        assertEquals(java.util.List.of(7, 20), Disambiguation.peaks(c, shape, 7, 2));
    }

    @Test
    void disambiguatedResultIsIdenticalForEveryThreadCountAndLeavesInputsUnchanged() {
        NdArray full = smoothBlobs(7);
        NdArray ref = crop(full, 10, 10, 120, 100);
        NdArray mov = crop(full, 5, 17, 120, 100);
        double[] refCopy = ref.backingReal().clone();
        double[] movCopy = mov.backingReal().clone();
        RegistrationOptions o = RegistrationOptions.defaults().withDisambiguate(true).withUpsampleFactor(10)
                .withWindow(Window.TUKEY);
        Registration one = PhaseCorrelation.register(ref, mov, o.withThreads(1));
        for (int t : new int[] {2, 3, 8}) {
            assertEquals(one, PhaseCorrelation.register(ref, mov, o.withThreads(t)), "threads " + t);
        }
        assertArrayEquals(refCopy, ref.backingReal());
        assertArrayEquals(movCopy, mov.backingReal());
        // the integer answer is right; the upsampled refinement is of the phase surface, which on a smooth
        // crop is itself biased by a fraction of a pixel
        assertArrayEquals(new double[] {-5, 7}, one.shift(), 0.75, one.toString());
    }

    @Test
    void peakValueSeparatesAMatchFromNoise() {
        NdArray a = Fixtures.smoothRandom(new int[] {64, 64}, 2, 3);
        NdArray noise = Fixtures.random(new int[] {64, 64}, 4);
        Registration good = PhaseCorrelation.register(a, Fixtures.fourierShift(a, new double[] {3, -2}));
        Registration bad = PhaseCorrelation.register(a, noise);
        assertTrue(good.peakValue() > 0.5, good.toString());
        assertTrue(bad.peakValue() < 0.1, bad.toString());
        // scikit-image's error cannot tell them apart under phase normalization (scikit-image#6376)
        assertTrue(good.error() > 0.99 && bad.error() > 0.99, good + " " + bad);
    }

    @Test
    void tukeyWindowIsFlatInTheMiddleAndTaperedAtTheEdges() {
        assertEquals(0, Window.tukey(0, 0.25), 0);
        assertEquals(1, Window.tukey(0.5, 0.25), 0);
        assertEquals(1, Window.tukey(0.125, 0.25), 1e-15);
        assertEquals(0.5, Window.tukey(0.0625, 0.25), 1e-15);
        assertEquals(Window.tukey(0.03, 0.25), Window.tukey(0.97, 0.25), 1e-15);
        assertEquals(Window.TUKEY, Window.parse("Tukey"));
    }
}
