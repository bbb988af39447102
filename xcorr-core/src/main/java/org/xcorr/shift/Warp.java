package org.xcorr.shift;

import org.xcorr.array.NdArray;
import org.xcorr.concurrent.Parallel;

/**
 * Similarity warp of a 2-D image (rotation, isotropic scale, translation) by resampling.
 *
 * <p>With {@code p = (x, y)} = (column, row), the centre {@code c = ((nx-1)/2, (ny-1)/2)}, and
 * {@code M = s·[[cos θ, -sin θ], [sin θ, cos θ]]} acting on {@code (x, y)} column vectors, content at {@code q}
 * of the input moves to {@code p = c + M(q - c) + t}:
 * <pre>  out[p] = in(c + M⁻¹(p - c - t))</pre>
 * with {@code t = (shift[1], shift[0])} (the shift is given in axis order {@code [dy, dx]}, as registration
 * reports it; with {@code θ = 0, s = 1} this is {@link Shift}'s {@code out[i] = in(i - shift)}). Rows grow
 * downwards, so a positive angle turns the picture clockwise as displayed. Source positions outside
 * {@code [0, n-1]} on either axis give {@code fill}.
 *
 * <p>Bit-identical for every thread count (each output pixel is computed independently).
 */
public final class Warp {

    /** Resampling kernel. */
    public enum Resampling {
        /** Bilinear interpolation of the four neighbours. */
        BILINEAR,
        /**
         * Keys' cubic convolution (a = -0.5; Keys 1981, IEEE TASSP 29(6), doi:10.1109/TASSP.1981.1163711) over
         * the 4×4 neighbours, exact for quadratics; taps beyond the edge are clamped to the edge pixel.
         */
        CUBIC
    }

    private Warp() {
    }

    /**
     * The warped image (see the class comment).
     *
     * @param image       real 2-D array (not modified)
     * @param rotationDeg θ in degrees
     * @param scale       s, finite and > 0
     * @param shift       {@code [dy, dx]}
     * @param resampling  kernel
     * @param fill        value where the source lies outside the image (0 or NaN, typically)
     * @param threads     worker threads (>= 1)
     * @return a new array of the input's shape
     */
    public static NdArray similarity(NdArray image, double rotationDeg, double scale, double[] shift,
            Resampling resampling, double fill, int threads) {
        if (image == null || image.isComplex() || image.rank() != 2) {
            throw new IllegalArgumentException("image must be a real 2-D array, got "
                    + (image == null ? "null" : image.shapeString()));
        }
        if (!(scale > 0) || Double.isInfinite(scale) || !Double.isFinite(rotationDeg)) {
            throw new IllegalArgumentException("scale must be finite and > 0 and the rotation finite, got scale "
                    + scale + ", rotation " + rotationDeg);
        }
        if (shift == null || shift.length != 2 || !Double.isFinite(shift[0]) || !Double.isFinite(shift[1])) {
            throw new IllegalArgumentException("shift must be two finite values [dy, dx]");
        }
        Parallel.checkThreads(threads);
        int ny = image.shape()[0];
        int nx = image.shape()[1];
        double[] in = image.backingReal();
        double[] out = new double[ny * nx];
        double th = Math.toRadians(rotationDeg);
        // M⁻¹ = (1/s)·R(-θ)
        double a = Math.cos(th) / scale;
        double b = Math.sin(th) / scale;
        double cx = (nx - 1) / 2.0;
        double cy = (ny - 1) / 2.0;
        double tx = shift[1];
        double ty = shift[0];
        boolean cubic = resampling == Resampling.CUBIC;
        Parallel.forRange(threads, ny, 8, (from, to) -> {
            double[] wy = new double[4];
            double[] wx = new double[4];
            for (int y = from; y < to; y++) {
                for (int x = 0; x < nx; x++) {
                    double px = x - cx - tx;
                    double py = y - cy - ty;
                    double sx = a * px + b * py + cx;
                    double sy = -b * px + a * py + cy;
                    if (!(sx >= 0 && sx <= nx - 1 && sy >= 0 && sy <= ny - 1)) {
                        out[y * nx + x] = fill;
                        continue;
                    }
                    int x0 = (int) Math.floor(sx);
                    int y0 = (int) Math.floor(sy);
                    double fx = sx - x0;
                    double fy = sy - y0;
                    if (!cubic) {
                        int x1 = Math.min(x0 + 1, nx - 1);
                        int y1 = Math.min(y0 + 1, ny - 1);
                        double top = in[y0 * nx + x0] * (1 - fx) + in[y0 * nx + x1] * fx;
                        double bottom = in[y1 * nx + x0] * (1 - fx) + in[y1 * nx + x1] * fx;
                        out[y * nx + x] = top * (1 - fy) + bottom * fy;
                    } else {
                        keys(fx, wx);
                        keys(fy, wy);
                        double v = 0;
                        for (int j = 0; j < 4; j++) {
                            int row = Math.max(0, Math.min(ny - 1, y0 - 1 + j)) * nx;
                            double h = 0;
                            for (int i = 0; i < 4; i++) {
                                h += wx[i] * in[row + Math.max(0, Math.min(nx - 1, x0 - 1 + i))];
                            }
                            v += wy[j] * h;
                        }
                        out[y * nx + x] = v;
                    }
                }
            }
        });
        return NdArray.wrap(out, ny, nx);
    }

    /** Keys (a = -0.5) weights of the taps at offsets -1, 0, 1, 2 for a fraction {@code f} in [0, 1). */
    private static void keys(double f, double[] w) {
        double f2 = f * f;
        double f3 = f2 * f;
        w[0] = -0.5 * f3 + f2 - 0.5 * f;
        w[1] = 1.5 * f3 - 2.5 * f2 + 1;
        w[2] = -1.5 * f3 + 2 * f2 + 0.5 * f;
        w[3] = 0.5 * f3 - 0.5 * f2;
    }
}
