package org.xcorr.register;

import org.xcorr.array.NdArray;
import org.xcorr.fft.ComplexFft;

/**
 * The Fourier–Mellin front end of {@link SimilarityRegistration} (steps 1 and 2 of its method): windowed,
 * high-passed magnitude spectra and their bilinear log-polar resampling, in which a rotation and a scale of the
 * image become a circular shift along the angle axis and a shift along the log-radius axis.
 */
final class LogPolarSpectra {

    /**
     * Zero padding of the windowed images before their transform (per axis): a smooth image's spectrum lives in the
     * few central samples, where the log-polar grid's bilinear interpolation would otherwise see mostly the pixel
     * grid (a scene of Gaussian cells at scale 0.5 failed without it).
     */
    static final int PADDING = 2;

    private LogPolarSpectra() {
    }

    /** Multiplies the log-polar columns by a Hann taper over the radii {@code [lo, hi]}, zero outside. */
    static void taper(NdArray lp, int p, double rhoMin, double logSpan, double lo, double hi) {
        double[] v = lp.backingReal();
        double a = Math.log(lo / rhoMin) / logSpan * (p - 1);
        double b = Math.log(hi / rhoMin) / logSpan * (p - 1);
        for (int j = 0; j < p; j++) {
            double t = (j - a) / (b - a);
            double sin = Math.sin(Math.PI * t);
            double w = t <= 0 || t >= 1 ? 0 : sin * sin;
            for (int i = 0; i < p; i++) {
                v[i * p + j] *= w;
            }
        }
    }

    /**
     * fftshifted |FFT| of the image windowed by the radial Hann {@code w(r) = cos²(πr/2R)}, {@code R =
     * fraction·min(n)/2} about the centre (a rotation-invariant window; the window-weighted mean removed first),
     * times the Reddy–Chatterji high-pass {@code (1 - X)(2 - X)}, {@code X = cos(πξ)cos(πη)}.
     */
    static double[] magnitude(NdArray image, double fraction, int threads) {
        int ny = image.shape()[0];
        int nx = image.shape()[1];
        double[] in = image.backingReal();
        double[] w = new double[in.length];
        double radius = fraction * Math.min(ny, nx) / 2;
        double cy = (ny - 1) / 2.0;
        double cx = (nx - 1) / 2.0;
        double sw = 0;
        double swx = 0;
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double r = Math.hypot(y - cy, x - cx) / radius;
                double c = r < 1 ? Math.cos(Math.PI / 2 * r) : 0;
                w[y * nx + x] = c * c;
                sw += c * c;
                swx += c * c * in[y * nx + x];
            }
        }
        double mean = swx / sw;
        int py = PADDING * ny;
        int px = PADDING * nx;
        double[] re = new double[py * px];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                re[y * px + x] = (in[y * nx + x] - mean) * w[y * nx + x];
            }
        }
        double[] im = new double[re.length];
        ComplexFft.of(py, px).forward(re, im, threads);
        double[] out = new double[re.length];
        for (int y = 0; y < py; y++) {
            int ky = Math.floorMod(y - py / 2, py);
            double eta = (y - py / 2) / (double) py;
            for (int x = 0; x < px; x++) {
                int kx = Math.floorMod(x - px / 2, px);
                double xi = (x - px / 2) / (double) px;
                double c = Math.cos(Math.PI * xi) * Math.cos(Math.PI * eta);
                int k = ky * px + kx;
                out[y * px + x] = Math.hypot(re[k], im[k]) * (1 - c) * (2 - c);
            }
        }
        return out;
    }

    /** Bilinear log-polar resampling of a centred magnitude: row = angle in [0, π), column = log radius. */
    static NdArray logPolar(double[] m, int[] shape, int p, double rhoMin, double logSpan) {
        int ny = shape[0];
        int nx = shape[1];
        double[] out = new double[p * p];
        for (int i = 0; i < p; i++) {
            double alpha = Math.PI * i / p;
            double ca = Math.cos(alpha);
            double sa = Math.sin(alpha);
            for (int j = 0; j < p; j++) {
                double rho = rhoMin * Math.exp(logSpan * j / (p - 1));
                double x = nx / 2 + rho * ca * nx;
                double y = ny / 2 + rho * sa * ny;
                int x0 = (int) Math.floor(x);
                int y0 = (int) Math.floor(y);
                if (x0 < 0 || y0 < 0 || x0 + 1 >= nx || y0 + 1 >= ny) {
                    continue;
                }
                double fx = x - x0;
                double fy = y - y0;
                out[i * p + j] = (m[y0 * nx + x0] * (1 - fx) + m[y0 * nx + x0 + 1] * fx) * (1 - fy)
                        + (m[(y0 + 1) * nx + x0] * (1 - fx) + m[(y0 + 1) * nx + x0 + 1] * fx) * fy;
            }
        }
        return NdArray.wrap(out, p, p);
    }
}
