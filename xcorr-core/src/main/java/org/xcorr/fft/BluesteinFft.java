package org.xcorr.fft;

import java.util.Arrays;

/**
 * Bluestein's chirp-z FFT for lengths with a prime factor above 7, lane-batched (see {@link LineFft}).
 *
 * <p>With {@code c[k] = exp(-πi·k²/n)}, {@code j·k = (j² + k² - (k-j)²)/2} turns the DFT into a convolution:
 * {@code X[k] = c[k] · Σ_j (x[j]·c[j]) · conj(c[k-j])}. The convolution is computed circularly with a
 * 2,3,5,7-smooth length {@code m >= 2n-1} by the fast {@link SmoothFft}; the kernel's spectrum
 * (divided by {@code m}) is precomputed. Cost: about three transforms of length {@code m}.
 */
final class BluesteinFft implements LineFft {

    private final int n;
    private final int m;
    private final LineFft inner;
    private final double[] chirpRe;
    private final double[] chirpIm;
    private final double[] kernelRe;
    private final double[] kernelIm;

    BluesteinFft(int n) {
        this.n = n;
        this.m = FastSizes.next(2 * n - 1);
        this.inner = LineFft.of(m);
        chirpRe = new double[n];
        chirpIm = new double[n];
        for (int k = 0; k < n; k++) {
            // k² mod 2n keeps the angle small, so it stays exact for large k
            long k2 = (long) k * k % (2L * n);
            double angle = Math.PI * k2 / n;
            chirpRe[k] = Math.cos(angle);
            chirpIm[k] = -Math.sin(angle);
        }
        double[] kr = new double[m];
        double[] ki = new double[m];
        double scale = 1.0 / m;
        kr[0] = chirpRe[0] * scale;
        ki[0] = -chirpIm[0] * scale;
        for (int k = 1; k < n; k++) {
            kr[k] = kr[m - k] = chirpRe[k] * scale;
            ki[k] = ki[m - k] = -chirpIm[k] * scale;
        }
        inner.transform(kr, ki, 1);
        kernelRe = kr;
        kernelIm = ki;
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
    public void transformPadded(double[] re, double[] im, int lanes) {
        transform(re, im, lanes);
    }

    @Override
    public void transform(double[] srcRe, double[] srcIm, int srcOffset, int srcStride, double[] dstRe,
            double[] dstIm, int dstOffset, int dstStride, int lanes) {
        Workspace ws = Workspace.current();
        double[] ar = ws.array(Workspace.BLUESTEIN_RE, m * lanes);
        double[] ai = ws.array(Workspace.BLUESTEIN_IM, m * lanes);
        chirp(srcRe, srcIm, srcOffset, srcStride, ar, ai, 0, lanes, lanes);
        Arrays.fill(ar, n * lanes, m * lanes, 0.0);
        Arrays.fill(ai, n * lanes, m * lanes, 0.0);
        inner.transform(ar, ai, lanes);
        for (int k = 0; k < m; k++) {
            double kr = kernelRe[k], ki = kernelIm[k];
            int o = k * lanes;
            for (int l = o; l < o + lanes; l++) {
                double xr = ar[l], xi = ai[l];
                ar[l] = xr * kr - xi * ki;
                ai[l] = xr * ki + xi * kr;
            }
        }
        // inverse transform: forward with real and imaginary parts exchanged
        inner.transform(ai, ar, lanes);
        chirp(ar, ai, 0, lanes, dstRe, dstIm, dstOffset, dstStride, lanes);
    }

    /** {@code to[k] = from[k] · chirp[k]} for {@code k < n}, every lane (the chirp in, and the chirp out). */
    private void chirp(double[] fromRe, double[] fromIm, int fromOffset, int fromStride, double[] toRe,
            double[] toIm, int toOffset, int toStride, int lanes) {
        for (int k = 0; k < n; k++) {
            double cr = chirpRe[k], ci = chirpIm[k];
            int x = fromOffset + k * fromStride;
            int y = toOffset + k * toStride;
            for (int l = 0; l < lanes; l++) {
                double xr = fromRe[x + l], xi = fromIm[x + l];
                toRe[y + l] = xr * cr - xi * ci;
                toIm[y + l] = xr * ci + xi * cr;
            }
        }
    }
}
