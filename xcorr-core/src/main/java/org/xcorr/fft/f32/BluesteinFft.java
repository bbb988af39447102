// generated from org.xcorr.fft by Float32Generator; do not edit
package org.xcorr.fft.f32;

import java.util.Arrays;
import org.xcorr.fft.FastSizes;

/**
 * Bluestein's chirp-z FFT for lengths with a prime factor above 7, lane-batched (see {@link LineFft}).
 *
 * <p>With {@code c[k] = exp(-πi·k²/n)}, {@code j·k = (j² + k² - (k-j)²)/2} turns the DFT into a convolution:
 * {@code X[k] = c[k] · Σ_j (x[j]·c[j]) · conj(c[k-j])}. The convolution is computed circularly with a
 * 2,3,5,7-smooth length {@code m >= 2n-1} by the fast {@link SmoothFft}; the kernel's spectrum
 * (divided by {@code m}) is precomputed in double and
 * rounded to float. Cost: about three transforms of length {@code m}.
 */
final class BluesteinFft implements LineFft {

    private final int n;
    private final int m;
    private final LineFft inner;
    private final float[] chirpRe;
    private final float[] chirpIm;
    private final float[] kernelRe;
    private final float[] kernelIm;

    BluesteinFft(int n) {
        this.n = n;
        this.m = FastSizes.next(2 * n - 1);
        this.inner = LineFft.of(m);
        chirpRe = new float[n];
        chirpIm = new float[n];
        for (int k = 0; k < n; k++) {
            // k² mod 2n keeps the angle small, so it stays exact for large k
            long k2 = (long) k * k % (2L * n);
            double angle = Math.PI * k2 / n;
            chirpRe[k] = (float) Math.cos(angle);
            chirpIm[k] = (float) -Math.sin(angle);
        }
        // the kernel spectrum in double, rounded once: it enters every transform
        double[] kr = new double[m];
        double[] ki = new double[m];
        double scale = 1.0 / m;
        kr[0] = chirpRe[0] * scale;
        ki[0] = -chirpIm[0] * scale;
        for (int k = 1; k < n; k++) {
            kr[k] = kr[m - k] = chirpRe[k] * scale;
            ki[k] = ki[m - k] = -chirpIm[k] * scale;
        }
        org.xcorr.fft.ComplexFft.of(m).forward(kr, ki, 1);
        kernelRe = new float[m];
        kernelIm = new float[m];
        for (int k = 0; k < m; k++) {
            kernelRe[k] = (float) kr[k];
            kernelIm[k] = (float) ki[k];
        }
    }

    @Override
    public int length() {
        return n;
    }

    /** One block: the padded layout is the dense one. */
    @Override
    public int inputBlock() {
        return n;
    }

    @Override
    public void transformPadded(float[] re, float[] im, int lanes) {
        transform(re, im, lanes);
    }

    @Override
    public void transform(float[] srcRe, float[] srcIm, int srcOffset, int srcStride, float[] dstRe,
            float[] dstIm, int dstOffset, int dstStride, int lanes) {
        Workspace ws = Workspace.current();
        float[] ar = ws.array(Workspace.BLUESTEIN_RE, m * lanes);
        float[] ai = ws.array(Workspace.BLUESTEIN_IM, m * lanes);
        for (int k = 0; k < n; k++) {
            float cr = chirpRe[k], ci = chirpIm[k];
            int o = k * lanes;
            int x = srcOffset + k * srcStride;
            for (int l = 0; l < lanes; l++) {
                float xr = srcRe[x + l], xi = srcIm[x + l];
                ar[o + l] = xr * cr - xi * ci;
                ai[o + l] = xr * ci + xi * cr;
            }
        }
        Arrays.fill(ar, n * lanes, m * lanes, 0.0f);
        Arrays.fill(ai, n * lanes, m * lanes, 0.0f);
        inner.transform(ar, ai, lanes);
        for (int k = 0; k < m; k++) {
            float kr = kernelRe[k], ki = kernelIm[k];
            int o = k * lanes;
            for (int l = o; l < o + lanes; l++) {
                float xr = ar[l], xi = ai[l];
                ar[l] = xr * kr - xi * ki;
                ai[l] = xr * ki + xi * kr;
            }
        }
        // inverse transform: forward with real and imaginary parts exchanged
        inner.transform(ai, ar, lanes);
        for (int k = 0; k < n; k++) {
            float cr = chirpRe[k], ci = chirpIm[k];
            int o = k * lanes;
            int y = dstOffset + k * dstStride;
            for (int l = 0; l < lanes; l++) {
                float yr = ar[o + l], yi = ai[o + l];
                dstRe[y + l] = yr * cr - yi * ci;
                dstIm[y + l] = yr * ci + yi * cr;
            }
        }
    }
}
