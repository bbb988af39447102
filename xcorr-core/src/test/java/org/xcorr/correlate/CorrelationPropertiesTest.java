package org.xcorr.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.xcorr.correlate.BruteForceCorrelation.compare;
import static org.xcorr.correlate.BruteForceCorrelation.norm;
import static org.xcorr.correlate.BruteForceCorrelation.random;
import static org.xcorr.correlate.BruteForceCorrelation.tolerance;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.xcorr.Seeds;
import org.xcorr.Tolerances;
import org.xcorr.array.NdArray;
import org.xcorr.fft.ComplexFft;

/** Algebraic laws of the correlation, each checked on seeded random 2-D inputs of random shape. */
class CorrelationPropertiesTest {

    private static Method method(int pick) {
        return pick == 0 ? Method.DIRECT : Method.FFT;
    }

    /** Circular with a centred kernel: a unit impulse at floor(Nb/2) returns a unchanged (exactly when direct). */
    @Property(tries = 60, seed = Seeds.CORRELATION_LAWS)
    void centredImpulseIsTheIdentity(@ForAll @IntRange(min = 1, max = 12) int h, @ForAll @IntRange(min = 1, max = 12) int w,
                                     @ForAll @IntRange(min = 1, max = 12) int kh, @ForAll @IntRange(min = 1, max = 12) int kw,
                                     @ForAll @IntRange(min = 0, max = 1) int pick, @ForAll long seed) {
        kh = Math.min(kh, h);
        kw = Math.min(kw, w);
        NdArray a = random(new Random(seed), pick == 1, h, w);
        double[] k = new double[kh * kw];
        k[(kh / 2) * kw + kw / 2] = 1;
        CorrelationOptions o = new CorrelationOptions(Mode.CIRCULAR, true, method(pick), 1);
        NdArray got = Correlation.correlate(a, NdArray.wrap(k, kh, kw), o);
        if (o.method() == Method.DIRECT) {
            assertEquals(a.real(), got.real());
        } else {
            assertNull(compare(got, a, Tolerances.FFT_RELATIVE * norm(a)));
        }
    }

    /** Rolling a rolls the circular correlation by the same amount. */
    @Property(tries = 60, seed = Seeds.CORRELATION_LAWS)
    void circularShiftEquivariance(@ForAll @IntRange(min = 1, max = 10) int h, @ForAll @IntRange(min = 1, max = 10) int w,
                                   @ForAll @IntRange(min = -20, max = 20) int sy, @ForAll @IntRange(min = -20, max = 20) int sx,
                                   @ForAll boolean centered, @ForAll @IntRange(min = 0, max = 1) int pick, @ForAll long seed) {
        Random rnd = new Random(seed);
        NdArray a = random(rnd, false, h, w);
        NdArray b = random(rnd, pick == 1, 1 + rnd.nextInt(h), 1 + rnd.nextInt(w));
        CorrelationOptions o = new CorrelationOptions(Mode.CIRCULAR, centered, method(pick), 2);
        NdArray rolled = Correlation.correlate(roll(a, sy, sx), b, o);
        NdArray want = roll(Correlation.correlate(a, b, o), sy, sx);
        assertNull(compare(rolled, want, tolerance(a, b)));
    }

    /** SAME and VALID are windows of FULL at offsets (Nb-1) - floor(Nb/2) and Nb-1. */
    @Property(tries = 60, seed = Seeds.CORRELATION_LAWS)
    void fullContainsSameContainsValid(@ForAll @IntRange(min = 1, max = 11) int h, @ForAll @IntRange(min = 1, max = 11) int w,
                                       @ForAll @IntRange(min = 1, max = 14) int kh, @ForAll @IntRange(min = 1, max = 14) int kw,
                                       @ForAll @IntRange(min = 0, max = 1) int pick, @ForAll long seed) {
        Random rnd = new Random(seed);
        NdArray a = random(rnd, true, h, w);
        NdArray b = random(rnd, false, kh, kw);
        CorrelationOptions o = new CorrelationOptions(Mode.FULL, false, method(pick), 1);
        NdArray full = Correlation.correlate(a, b, o);
        NdArray same = Correlation.correlate(a, b, o.withMode(Mode.SAME));
        double tol = tolerance(a, b);
        assertNull(compare(same, window(full, kh - 1 - kh / 2, kw - 1 - kw / 2, h, w), tol));
        if (kh <= h && kw <= w) {
            NdArray valid = Correlation.correlate(a, b, o.withMode(Mode.VALID));
            assertNull(compare(valid, window(full, kh - 1, kw - 1, h - kh + 1, w - kw + 1), tol));
            // VALID inside SAME too (when it fits there).
            assertNull(compare(valid, window(same, kh / 2, kw / 2, h - kh + 1, w - kw + 1), tol));
        }
    }

    /** correlate(a, b)[k] == conj(correlate(b, a)[-k]): the FULL outputs are conjugate reversals of each other. */
    @Property(tries = 60, seed = Seeds.CORRELATION_LAWS)
    void conjugateReversal(@ForAll @IntRange(min = 1, max = 9) int h, @ForAll @IntRange(min = 1, max = 9) int w,
                           @ForAll @IntRange(min = 1, max = 9) int kh, @ForAll @IntRange(min = 1, max = 9) int kw,
                           @ForAll @IntRange(min = 0, max = 1) int pick, @ForAll long seed) {
        Random rnd = new Random(seed);
        NdArray a = random(rnd, true, h, w);
        NdArray b = random(rnd, true, kh, kw);
        CorrelationOptions o = new CorrelationOptions(Mode.FULL, false, method(pick), 1);
        NdArray ab = Correlation.correlate(a, b, o);
        NdArray ba = Correlation.correlate(b, a, o);
        int n = ab.size();
        double[] re = new double[n];
        double[] im = new double[n];
        for (int k = 0; k < n; k++) {
            re[k] = ba.backingReal()[n - 1 - k];
            im[k] = -ba.backingImag()[n - 1 - k];
        }
        assertNull(compare(ab, NdArray.wrapComplex(re, im, ab.shape()), tolerance(a, b)));
    }

    /** Equal shapes: CIRCULAR is ifftn(fftn(a) · conj(fftn(b))) computed with the FFT directly. */
    @Property(tries = 40, seed = Seeds.CORRELATION_LAWS)
    void circularEqualsFourierRoundTrip(@ForAll @IntRange(min = 1, max = 10) int h, @ForAll @IntRange(min = 1, max = 10) int w,
                                        @ForAll @IntRange(min = 0, max = 1) int pick, @ForAll long seed) {
        Random rnd = new Random(seed);
        NdArray a = random(rnd, true, h, w);
        NdArray b = random(rnd, true, h, w);
        double[] ar = a.toArray();
        double[] ai = a.toImagArray();
        double[] br = b.toArray();
        double[] bi = b.toImagArray();
        ComplexFft f = ComplexFft.of(h, w);
        f.forward(ar, ai, 1);
        f.forward(br, bi, 1);
        for (int k = 0; k < ar.length; k++) {
            double r = ar[k] * br[k] + ai[k] * bi[k];
            ai[k] = ai[k] * br[k] - ar[k] * bi[k];
            ar[k] = r;
        }
        f.inverse(ar, ai, 1);
        NdArray got = Correlation.correlate(a, b, new CorrelationOptions(Mode.CIRCULAR, false, method(pick), 1));
        assertNull(compare(got, NdArray.wrapComplex(ar, ai, h, w), tolerance(a, b)));
    }

    /**
     * Parseval and its relatives: the zero lag of the auto-correlation is the energy Σ|a|², the lags of FULL sum to
     * (Σa)·conj(Σb), and the circular correlation's energy is (1/N) Σ |A|²|B|².
     */
    @Property(tries = 40, seed = Seeds.CORRELATION_LAWS)
    void parseval(@ForAll @IntRange(min = 1, max = 10) int h, @ForAll @IntRange(min = 1, max = 10) int w,
                  @ForAll @IntRange(min = 0, max = 1) int pick, @ForAll long seed) {
        Random rnd = new Random(seed);
        NdArray a = random(rnd, true, h, w);
        NdArray b = random(rnd, true, h, w);
        CorrelationOptions o = new CorrelationOptions(Mode.FULL, false, method(pick), 1);
        NdArray auto = Correlation.correlate(a, a, o);
        double energy = norm(a) * norm(a);
        int zero = (h - 1) * (2 * w - 1) + (w - 1);
        assertEquals(energy, auto.backingReal()[zero], Tolerances.FFT_RELATIVE * energy);
        assertEquals(0, auto.backingImag()[zero], Tolerances.FFT_RELATIVE * energy);

        NdArray full = Correlation.correlate(a, b, o);
        double sar = 0, sai = 0, sbr = 0, sbi = 0, sr = 0, si = 0;
        for (int k = 0; k < a.size(); k++) {
            sar += a.backingReal()[k];
            sai += a.backingImag()[k];
            sbr += b.backingReal()[k];
            sbi += b.backingImag()[k];
        }
        for (int k = 0; k < full.size(); k++) {
            sr += full.backingReal()[k];
            si += full.backingImag()[k];
        }
        double scale = Tolerances.FFT_RELATIVE * a.size() * (1 + norm(a) * norm(b));
        assertEquals(sar * sbr + sai * sbi, sr, scale);
        assertEquals(sai * sbr - sar * sbi, si, scale);

        NdArray circ = Correlation.correlate(a, b, o.withMode(Mode.CIRCULAR));
        double[] ar = a.toArray();
        double[] ai = a.toImagArray();
        double[] br = b.toArray();
        double[] bi = b.toImagArray();
        ComplexFft.of(h, w).forward(ar, ai, 1);
        ComplexFft.of(h, w).forward(br, bi, 1);
        double spectral = 0;
        for (int k = 0; k < ar.length; k++) {
            spectral += (ar[k] * ar[k] + ai[k] * ai[k]) * (br[k] * br[k] + bi[k] * bi[k]);
        }
        double circEnergy = norm(circ) * norm(circ);
        assertEquals(spectral / ar.length, circEnergy, 1e-11 * (1 + circEnergy));
    }

    private static NdArray roll(NdArray x, int sy, int sx) {
        int h = x.shape(0);
        int w = x.shape(1);
        double[] re = new double[x.size()];
        double[] im = x.isComplex() ? new double[x.size()] : null;
        for (int y = 0; y < h; y++) {
            for (int c = 0; c < w; c++) {
                int dst = Math.floorMod(y + sy, h) * w + Math.floorMod(c + sx, w);
                re[dst] = x.backingReal()[y * w + c];
                if (im != null) {
                    im[dst] = x.backingImag()[y * w + c];
                }
            }
        }
        return im == null ? NdArray.wrap(re, h, w) : NdArray.wrapComplex(re, im, h, w);
    }

    private static NdArray window(NdArray x, int y0, int x0, int h, int w) {
        int width = x.shape(1);
        double[] re = new double[h * w];
        double[] im = x.isComplex() ? new double[h * w] : null;
        for (int y = 0; y < h; y++) {
            System.arraycopy(x.backingReal(), (y0 + y) * width + x0, re, y * w, w);
            if (im != null) {
                System.arraycopy(x.backingImag(), (y0 + y) * width + x0, im, y * w, w);
            }
        }
        return im == null ? NdArray.wrap(re, h, w) : NdArray.wrapComplex(re, im, h, w);
    }
}
