package org.xcorr.register;

import java.util.Random;
import org.xcorr.array.NdArray;
import org.xcorr.fft.ComplexFft;

/**
 * A band-limited scene that can be evaluated at any point, so that a rotated, scaled and shifted view of it is
 * exact (no interpolation of the test input biases the measured registration error).
 *
 * <p>A view is an {@code n×n} image whose pixel {@code p = (x, y)} shows the scene at
 * {@code M⁻¹(p - c - t)}, with {@code c = ((n-1)/2, (n-1)/2)}, {@code M = s·R(θ)} and {@code t = (dx, dy)},
 * scene coordinates relative to the scene's centre: the view of {@code (θ, s, t)} is the view of
 * {@code (0, 1, 0)} warped by {@code Warp.similarity(·, θ, s, [dy, dx])} (same convention), without resampling.
 */
abstract class ExactScene {

    /** The scene at {@code (x, y)} relative to its centre, band-limited to {@code cutoff} cycles per pixel. */
    abstract double at(double x, double y, double cutoff);

    /** The {@code n×n} view of the scene turned by θ (degrees), scaled by {@code s} and shifted by {@code [dy, dx]}. */
    NdArray view(int n, double thetaDeg, double s, double[] shift) {
        double th = Math.toRadians(thetaDeg);
        double a = Math.cos(th) / s;
        double b = Math.sin(th) / s;
        double c = (n - 1) / 2.0;
        // a view shrunk by s < 1 shows scene frequencies up to 0.5/s... a camera would have averaged them away:
        // keep the view band-limited to its own Nyquist circle (0.5 cycles per view pixel = 0.5·s per scene pixel)
        double cutoff = 0.5 * Math.min(1, s);
        double[] out = new double[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double px = x - c - shift[1];
                double py = y - c - shift[0];
                out[y * n + x] = at(a * px + b * py, -b * px + a * py, cutoff);
            }
        }
        return NdArray.wrap(out, n, n);
    }

    /**
     * A sum of {@code count} random plane waves with frequencies uniform in the disc of radius {@code maxFrequency}
     * cycles per pixel and amplitude falling as {@code 1/(f + 0.02)} (a natural-image-like spectrum).
     */
    static ExactScene cosines(int count, double maxFrequency, long seed) {
        Random rnd = new Random(seed);
        double[] u = new double[count];
        double[] v = new double[count];
        double[] amp = new double[count];
        double[] phase = new double[count];
        for (int k = 0; k < count; k++) {
            double f = maxFrequency * Math.sqrt(rnd.nextDouble());
            double dir = 2 * Math.PI * rnd.nextDouble();
            u[k] = f * Math.cos(dir);
            v[k] = f * Math.sin(dir);
            amp[k] = 1 / (f + 0.02);
            phase[k] = 2 * Math.PI * rnd.nextDouble();
        }
        return new ExactScene() {
            private double cachedCutoff = Double.NaN;
            private int[] kept;

            @Override
            double at(double x, double y, double cutoff) {
                if (cutoff != cachedCutoff) {
                    kept = java.util.stream.IntStream.range(0, count).filter(k -> Math.hypot(u[k], v[k]) < cutoff)
                            .toArray();
                    cachedCutoff = cutoff;
                }
                double sum = 0;
                for (int k : kept) {
                    sum += amp[k] * Math.cos(2 * Math.PI * (u[k] * x + v[k] * y) + phase[k]);
                }
                return sum;
            }
        };
    }

    /**
     * {@code count} Gaussian cells (σ 3–9 px, heights 0.4–1) uniformly over a square of side {@code side} about the
     * centre, as {@code examples/scene.png} is made; zero beyond. Band-limited to 1e-5 for views scaled by 0.5 or
     * more (the narrowest cell then has σ = 1.5 view pixels), so the cutoff is not applied.
     */
    static ExactScene cells(int count, double side, long seed) {
        Random rnd = new Random(seed);
        double[][] c = new double[count][];
        for (int k = 0; k < count; k++) {
            c[k] = new double[] {(rnd.nextDouble() - 0.5) * side, (rnd.nextDouble() - 0.5) * side,
                3 + 6 * rnd.nextDouble(), 0.4 + 0.6 * rnd.nextDouble()};
        }
        return new ExactScene() {
            @Override
            double at(double x, double y, double cutoff) {
                double sum = 0;
                for (double[] cell : c) {
                    double d2 = (x - cell[0]) * (x - cell[0]) + (y - cell[1]) * (y - cell[1]);
                    if (d2 < 36 * cell[2] * cell[2]) {
                        sum += cell[3] * Math.exp(-d2 / (2 * cell[2] * cell[2]));
                    }
                }
                return sum;
            }
        };
    }

    /** This scene plus {@code weight} times {@code other}. */
    ExactScene plus(ExactScene other, double weight) {
        ExactScene self = this;
        return new ExactScene() {
            @Override
            double at(double x, double y, double cutoff) {
                return self.at(x, y, cutoff) + weight * other.at(x, y, cutoff);
            }
        };
    }

    /**
     * A sampled image as a scene: its periodic trigonometric interpolant restricted to the Nyquist disc (frequencies
     * below 0.5 cycles per pixel in every direction, so that every rotated view is free of aliasing), evaluated by
     * Keys cubic interpolation of a {@value #OVERSAMPLE}× Fourier-upsampled copy (interpolation error 0.9% of a
     * component's amplitude at the image's Nyquist frequency, 0.1% at half of it, where most of the content lies). The centre crop of the view of {@code (0, 1, 0)} is the image's centre crop
     * with the frequencies outside the disc removed.
     */
    static ExactScene sampled(NdArray image) {
        int ny = image.shape()[0];
        int nx = image.shape()[1];
        double[] re0 = image.toArray();
        double[] im0 = new double[re0.length];
        ComplexFft.of(ny, nx).forward(re0, im0, 2);
        return new ExactScene() {
            private double cachedCutoff = Double.NaN;
            private double[] fine;

            @Override
            double at(double x, double y, double cutoff) {
                if (cutoff != cachedCutoff) {
                    fine = upsample(cutoff);
                    cachedCutoff = cutoff;
                }
                int fy = ny * OVERSAMPLE;
                int fx = nx * OVERSAMPLE;
                double sx = (x + (nx - 1) / 2.0) * OVERSAMPLE;
                double sy = (y + (ny - 1) / 2.0) * OVERSAMPLE;
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double[] wx = keys(sx - x0);
                double[] wy = keys(sy - y0);
                double v = 0;
                for (int j = 0; j < 4; j++) {
                    int row = Math.floorMod(y0 - 1 + j, fy) * fx;
                    double h = 0;
                    for (int i = 0; i < 4; i++) {
                        h += wx[i] * fine[row + Math.floorMod(x0 - 1 + i, fx)];
                    }
                    v += wy[j] * h;
                }
                return v;
            }

            private double[] upsample(double cutoff) {
                int fy = ny * OVERSAMPLE;
                int fx = nx * OVERSAMPLE;
                double[] re = new double[fy * fx];
                double[] im = new double[fy * fx];
                for (int ky = 0; ky < ny; ky++) {
                    int sy = ky <= (ny - 1) / 2 ? ky : ky - ny;
                    for (int kx = 0; kx < nx; kx++) {
                        int sx = kx <= (nx - 1) / 2 ? kx : kx - nx;
                        double f = Math.hypot(sy / (double) ny, sx / (double) nx);
                        if (f >= cutoff && (sy != 0 || sx != 0)) {
                            continue;
                        }
                        int k = Math.floorMod(sy, fy) * fx + Math.floorMod(sx, fx);
                        re[k] = re0[ky * nx + kx] * OVERSAMPLE * OVERSAMPLE;
                        im[k] = im0[ky * nx + kx] * OVERSAMPLE * OVERSAMPLE;
                    }
                }
                ComplexFft.of(fy, fx).inverse(re, im, 2);
                return re;
            }
        };
    }

    private static final int OVERSAMPLE = 4;

    /**
     * An {@code n×n} fluorescence-like field as {@code examples/scene.png} is made: {@code count} Gaussian cells
     * (σ 3–9 px, heights 0.4–1) on a slowly varying background, white noise of σ 0.03, quantized to 8 bits.
     */
    static NdArray blobs(int n, int count, long seed) {
        Random rnd = new Random(seed);
        double[] v = new double[n * n];
        for (int k = 0; k < count; k++) {
            double cy = rnd.nextDouble() * n;
            double cx = rnd.nextDouble() * n;
            double sigma = 3 + 6 * rnd.nextDouble();
            double height = 0.4 + 0.6 * rnd.nextDouble();
            int r = (int) Math.ceil(4 * sigma);
            for (int y = Math.max(0, (int) cy - r); y < Math.min(n, (int) cy + r + 1); y++) {
                for (int x = Math.max(0, (int) cx - r); x < Math.min(n, (int) cx + r + 1); x++) {
                    double d2 = (y - cy) * (y - cy) + (x - cx) * (x - cx);
                    v[y * n + x] += height * Math.exp(-d2 / (2 * sigma * sigma));
                }
            }
        }
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double background = 0.15 + 0.1 * Math.sin(y / 90.0) * Math.cos(x / 70.0);
                double value = v[y * n + x] + background + 0.03 * rnd.nextGaussian();
                v[y * n + x] = Math.max(0, Math.min(255, Math.round(value / 2.0 * 255)));
            }
        }
        return NdArray.wrap(v, n, n);
    }

    /** Keys (a = -0.5) weights of the taps at -1, 0, 1, 2 for the fraction {@code f}. */
    private static double[] keys(double f) {
        double f2 = f * f;
        double f3 = f2 * f;
        return new double[] {-0.5 * f3 + f2 - 0.5 * f, 1.5 * f3 - 2.5 * f2 + 1, -1.5 * f3 + 2 * f2 + 0.5 * f,
            0.5 * f3 - 0.5 * f2};
    }
}
