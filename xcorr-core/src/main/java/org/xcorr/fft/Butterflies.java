package org.xcorr.fft;

/**
 * Radix-r Stockham butterfly passes over lane-batched complex data; the arithmetic core of {@link SmoothFft}.
 *
 * <p>Addressing: lane {@code u < lanes} of point {@code e} of the input is {@code x[xo + e·xs + u]} (real
 * parts in {@code xr}, imaginary in {@code xi}), plus {@code xPad} after each of the {@code r} input blocks;
 * likewise {@code y[yo + e·ys + u]} for the output, plus {@code yPad} after each {@code yBlock} points (the
 * {@link Lines} {@code x} and {@code y}). Each kernel has the signature of {@link Stage.Kernel}. A pass
 * with radix {@code r}, {@code m} butterflies and Stockham stride {@code s} computes, for {@code p < m},
 * {@code q < s}, {@code k < r},
 * <pre>
 *   y[q + s·(r·p + k)] = w^(k·p) · Σ_{j&lt;r} x[q + s·(p + j·m)] · ω_r^(j·k),
 * </pre>
 * with {@code ω_r = exp(-2πi/r)} and {@code w = exp(-2πi/(r·m))}; the twiddles {@code w^(k·p)} come from
 * tables {@code tw[p·(r-1) + k-1]}. The innermost loop runs over the lanes: a simple counted loop over
 * contiguous memory with the twiddles hoisted, the shape auto-vectorizers want (HotSpot 17's C2 still
 * compiles it to scalar code: it only vectorizes loops it unrolls, and these bodies exceed its unroll
 * budget; {@link VectorButterflies} does the same work with explicit SIMD when the Vector API is
 * available, see {@link Simd}). When both sides
 * are dense ({@code xs = ys = lanes}) callers fold {@code q} into the lanes ({@code s = 1},
 * {@code lanes = s·lanes}) so the inner loop is as long as possible.
 *
 * <p>The radix-r kernels are unrolled codelets, as FFTW's and RustFFT's butterflies are: each names its r inputs
 * and r twiddles as locals so that they live in registers, so the load, twiddle and store lines of one radix
 * repeat in the next (and in {@link VectorButterflies}) by construction. What is not per-radix arithmetic is
 * shared: the addressing ({@link Lines#head}, {@link Lines#group}, {@link Lines#blockStep}), the twiddle rows
 * ({@link Stage}) and the DFT constants below.
 *
 * <p>Only the forward direction exists: the inverse transform is the forward one applied with the real and
 * imaginary arrays exchanged (exchanging them maps {@code z} to {@code i·conj(z)}).
 */
final class Butterflies {

    // the DFT-3, -5, -7 and -8 constants, shared with VectorButterflies
    static final double SQRT3_2 = Math.sqrt(3) / 2;
    static final double C5_1 = Math.cos(2 * Math.PI / 5);
    static final double C5_2 = Math.cos(4 * Math.PI / 5);
    static final double S5_1 = Math.sin(2 * Math.PI / 5);
    static final double S5_2 = Math.sin(4 * Math.PI / 5);
    static final double C7_1 = Math.cos(2 * Math.PI / 7);
    static final double C7_2 = Math.cos(4 * Math.PI / 7);
    static final double C7_3 = Math.cos(6 * Math.PI / 7);
    static final double S7_1 = Math.sin(2 * Math.PI / 7);
    static final double S7_2 = Math.sin(4 * Math.PI / 7);
    static final double S7_3 = Math.sin(6 * Math.PI / 7);
    static final double SQRT1_2 = Math.sqrt(0.5);

    private Butterflies() {
    }

    static void radix2(int m, int s, int lanes, Lines x, Lines y, double[] twr, double[] twi) {
        double[] xr = x.re(), xi = x.im(), yr = y.re(), yi = y.im();
        int xstep = x.blockStep(s * m), ystep = s * y.stride();
        for (int p = 0; p < m; p++) {
            double wr = twr[p], wi = twi[p];
            for (int q = 0; q < s; q++) {
            int x0 = x.head(q + s * p);
            int x1 = x0 + xstep;
            int y0 = y.group(q, s * 2 * p);
            int y1 = y0 + ystep;
            if (p == 0) {
                for (int u = 0; u < lanes; u++) {
                    double ar = xr[x0 + u], ai = xi[x0 + u], br = xr[x1 + u], bi = xi[x1 + u];
                    yr[y0 + u] = ar + br;
                    yi[y0 + u] = ai + bi;
                    yr[y1 + u] = ar - br;
                    yi[y1 + u] = ai - bi;
                }
            } else {
                for (int u = 0; u < lanes; u++) {
                    double ar = xr[x0 + u], ai = xi[x0 + u], br = xr[x1 + u], bi = xi[x1 + u];
                    double dr = ar - br, di = ai - bi;
                    yr[y0 + u] = ar + br;
                    yi[y0 + u] = ai + bi;
                    yr[y1 + u] = dr * wr - di * wi;
                    yi[y1 + u] = dr * wi + di * wr;
                }
            }
            }
        }
    }

    static void radix3(int m, int s, int lanes, Lines x, Lines y, double[] twr, double[] twi) {
        double[] xr = x.re(), xi = x.im(), yr = y.re(), yi = y.im();
        int xstep = x.blockStep(s * m), ystep = s * y.stride();
        for (int p = 0; p < m; p++) {
            double w1r = twr[2 * p], w1i = twi[2 * p], w2r = twr[2 * p + 1], w2i = twi[2 * p + 1];
            for (int q = 0; q < s; q++) {
            int x0 = x.head(q + s * p), x1 = x0 + xstep, x2 = x1 + xstep;
            int y0 = y.group(q, s * 3 * p), y1 = y0 + ystep, y2 = y1 + ystep;
            for (int u = 0; u < lanes; u++) {
                double a0r = xr[x0 + u], a0i = xi[x0 + u];
                double a1r = xr[x1 + u], a1i = xi[x1 + u];
                double a2r = xr[x2 + u], a2i = xi[x2 + u];
                double tr = a1r + a2r, ti = a1i + a2i;
                double dr = (a1r - a2r) * SQRT3_2, di = (a1i - a2i) * SQRT3_2;
                double mr = a0r - 0.5 * tr, mi = a0i - 0.5 * ti;
                yr[y0 + u] = a0r + tr;
                yi[y0 + u] = a0i + ti;
                double b1r = mr + di, b1i = mi - dr;
                double b2r = mr - di, b2i = mi + dr;
                yr[y1 + u] = b1r * w1r - b1i * w1i;
                yi[y1 + u] = b1r * w1i + b1i * w1r;
                yr[y2 + u] = b2r * w2r - b2i * w2i;
                yi[y2 + u] = b2r * w2i + b2i * w2r;
            }
            }
        }
    }

    static void radix4(int m, int s, int lanes, Lines x, Lines y, double[] twr, double[] twi) {
        double[] xr = x.re(), xi = x.im(), yr = y.re(), yi = y.im();
        int xstep = x.blockStep(s * m), ystep = s * y.stride();
        for (int p = 0; p < m; p++) {
            for (int q = 0; q < s; q++) {
            int x0 = x.head(q + s * p), x1 = x0 + xstep, x2 = x1 + xstep, x3 = x2 + xstep;
            int y0 = y.group(q, s * 4 * p), y1 = y0 + ystep, y2 = y1 + ystep, y3 = y2 + ystep;
            if (p == 0) {
                for (int u = 0; u < lanes; u++) {
                    double a0r = xr[x0 + u], a0i = xi[x0 + u];
                    double a1r = xr[x1 + u], a1i = xi[x1 + u];
                    double a2r = xr[x2 + u], a2i = xi[x2 + u];
                    double a3r = xr[x3 + u], a3i = xi[x3 + u];
                    double t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
                    double t2r = a1r + a3r, t2i = a1i + a3i, t3r = a1r - a3r, t3i = a1i - a3i;
                    yr[y0 + u] = t0r + t2r;
                    yi[y0 + u] = t0i + t2i;
                    yr[y1 + u] = t1r + t3i;
                    yi[y1 + u] = t1i - t3r;
                    yr[y2 + u] = t0r - t2r;
                    yi[y2 + u] = t0i - t2i;
                    yr[y3 + u] = t1r - t3i;
                    yi[y3 + u] = t1i + t3r;
                }
            } else {
                int t = 3 * p;
                double w1r = twr[t], w1i = twi[t], w2r = twr[t + 1], w2i = twi[t + 1], w3r = twr[t + 2], w3i = twi[t + 2];
                for (int u = 0; u < lanes; u++) {
                    double a0r = xr[x0 + u], a0i = xi[x0 + u];
                    double a1r = xr[x1 + u], a1i = xi[x1 + u];
                    double a2r = xr[x2 + u], a2i = xi[x2 + u];
                    double a3r = xr[x3 + u], a3i = xi[x3 + u];
                    double t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
                    double t2r = a1r + a3r, t2i = a1i + a3i, t3r = a1r - a3r, t3i = a1i - a3i;
                    yr[y0 + u] = t0r + t2r;
                    yi[y0 + u] = t0i + t2i;
                    double b1r = t1r + t3i, b1i = t1i - t3r;
                    double b2r = t0r - t2r, b2i = t0i - t2i;
                    double b3r = t1r - t3i, b3i = t1i + t3r;
                    yr[y1 + u] = b1r * w1r - b1i * w1i;
                    yi[y1 + u] = b1r * w1i + b1i * w1r;
                    yr[y2 + u] = b2r * w2r - b2i * w2i;
                    yi[y2 + u] = b2r * w2i + b2i * w2r;
                    yr[y3 + u] = b3r * w3r - b3i * w3i;
                    yi[y3 + u] = b3r * w3i + b3i * w3r;
                }
            }
            }
        }
    }

    static void radix8(int m, int s, int lanes, Lines x, Lines y, double[] twr, double[] twi) {
        double[] xr = x.re(), xi = x.im(), yr = y.re(), yi = y.im();
        int xstep = x.blockStep(s * m), ystep = s * y.stride();
        final double h = SQRT1_2;
        for (int p = 0; p < m; p++) {
            int t = 7 * p;
            double w1r = twr[t], w1i = twi[t], w2r = twr[t + 1], w2i = twi[t + 1];
            double w3r = twr[t + 2], w3i = twi[t + 2], w4r = twr[t + 3], w4i = twi[t + 3];
            double w5r = twr[t + 4], w5i = twi[t + 4], w6r = twr[t + 5], w6i = twi[t + 5];
            double w7r = twr[t + 6], w7i = twi[t + 6];
            for (int q = 0; q < s; q++) {
            int x0 = x.head(q + s * p);
            int y0 = y.group(q, s * 8 * p);
            for (int u = 0; u < lanes; u++) {
                int i0 = x0 + u;
                double a0r = xr[i0], a0i = xi[i0];
                double a1r = xr[i0 + xstep], a1i = xi[i0 + xstep];
                double a2r = xr[i0 + 2 * xstep], a2i = xi[i0 + 2 * xstep];
                double a3r = xr[i0 + 3 * xstep], a3i = xi[i0 + 3 * xstep];
                double a4r = xr[i0 + 4 * xstep], a4i = xi[i0 + 4 * xstep];
                double a5r = xr[i0 + 5 * xstep], a5i = xi[i0 + 5 * xstep];
                double a6r = xr[i0 + 6 * xstep], a6i = xi[i0 + 6 * xstep];
                double a7r = xr[i0 + 7 * xstep], a7i = xi[i0 + 7 * xstep];
                // even half: DFT4 of a0, a2, a4, a6
                double e0r = a0r + a4r, e0i = a0i + a4i, e1r = a0r - a4r, e1i = a0i - a4i;
                double e2r = a2r + a6r, e2i = a2i + a6i, e3r = a2r - a6r, e3i = a2i - a6i;
                double E0r = e0r + e2r, E0i = e0i + e2i, E2r = e0r - e2r, E2i = e0i - e2i;
                double E1r = e1r + e3i, E1i = e1i - e3r, E3r = e1r - e3i, E3i = e1i + e3r;
                // odd half: DFT4 of a1, a3, a5, a7
                double o0r = a1r + a5r, o0i = a1i + a5i, o1r = a1r - a5r, o1i = a1i - a5i;
                double o2r = a3r + a7r, o2i = a3i + a7i, o3r = a3r - a7r, o3i = a3i - a7i;
                double O0r = o0r + o2r, O0i = o0i + o2i, O2r = o0r - o2r, O2i = o0i - o2i;
                double O1r = o1r + o3i, O1i = o1i - o3r, O3r = o1r - o3i, O3i = o1i + o3r;
                // odd half times ω8^k: ω8 = (1 - i)/√2, ω8^2 = -i, ω8^3 = -(1 + i)/√2
                double P1r = (O1r + O1i) * h, P1i = (O1i - O1r) * h;
                double P2r = O2i, P2i = -O2r;
                double P3r = (O3i - O3r) * h, P3i = -(O3r + O3i) * h;
                double b0r = E0r + O0r, b0i = E0i + O0i, b4r = E0r - O0r, b4i = E0i - O0i;
                double b1r = E1r + P1r, b1i = E1i + P1i, b5r = E1r - P1r, b5i = E1i - P1i;
                double b2r = E2r + P2r, b2i = E2i + P2i, b6r = E2r - P2r, b6i = E2i - P2i;
                double b3r = E3r + P3r, b3i = E3i + P3i, b7r = E3r - P3r, b7i = E3i - P3i;
                int o = y0 + u;
                yr[o] = b0r;
                yi[o] = b0i;
                yr[o + ystep] = b1r * w1r - b1i * w1i;
                yi[o + ystep] = b1r * w1i + b1i * w1r;
                yr[o + 2 * ystep] = b2r * w2r - b2i * w2i;
                yi[o + 2 * ystep] = b2r * w2i + b2i * w2r;
                yr[o + 3 * ystep] = b3r * w3r - b3i * w3i;
                yi[o + 3 * ystep] = b3r * w3i + b3i * w3r;
                yr[o + 4 * ystep] = b4r * w4r - b4i * w4i;
                yi[o + 4 * ystep] = b4r * w4i + b4i * w4r;
                yr[o + 5 * ystep] = b5r * w5r - b5i * w5i;
                yi[o + 5 * ystep] = b5r * w5i + b5i * w5r;
                yr[o + 6 * ystep] = b6r * w6r - b6i * w6i;
                yi[o + 6 * ystep] = b6r * w6i + b6i * w6r;
                yr[o + 7 * ystep] = b7r * w7r - b7i * w7i;
                yi[o + 7 * ystep] = b7r * w7i + b7i * w7r;
            }
            }
        }
    }


    static void radix5(int m, int s, int lanes, Lines x, Lines y, double[] twr, double[] twi) {
        double[] xr = x.re(), xi = x.im(), yr = y.re(), yi = y.im();
        int xstep = x.blockStep(s * m), ystep = s * y.stride();
        for (int p = 0; p < m; p++) {
            int t = 4 * p;
            double w1r = twr[t], w1i = twi[t], w2r = twr[t + 1], w2i = twi[t + 1];
            double w3r = twr[t + 2], w3i = twi[t + 2], w4r = twr[t + 3], w4i = twi[t + 3];
            for (int q = 0; q < s; q++) {
            int x0 = x.head(q + s * p);
            int y0 = y.group(q, s * 5 * p);
            for (int u = 0; u < lanes; u++) {
                int i0 = x0 + u;
                double a0r = xr[i0], a0i = xi[i0];
                double a1r = xr[i0 + xstep], a1i = xi[i0 + xstep];
                double a2r = xr[i0 + 2 * xstep], a2i = xi[i0 + 2 * xstep];
                double a3r = xr[i0 + 3 * xstep], a3i = xi[i0 + 3 * xstep];
                double a4r = xr[i0 + 4 * xstep], a4i = xi[i0 + 4 * xstep];
                double t1r = a1r + a4r, t1i = a1i + a4i, d1r = a1r - a4r, d1i = a1i - a4i;
                double t2r = a2r + a3r, t2i = a2i + a3i, d2r = a2r - a3r, d2i = a2i - a3i;
                double m1r = a0r + C5_1 * t1r + C5_2 * t2r, m1i = a0i + C5_1 * t1i + C5_2 * t2i;
                double m2r = a0r + C5_2 * t1r + C5_1 * t2r, m2i = a0i + C5_2 * t1i + C5_1 * t2i;
                double n1r = S5_1 * d1r + S5_2 * d2r, n1i = S5_1 * d1i + S5_2 * d2i;
                double n2r = S5_2 * d1r - S5_1 * d2r, n2i = S5_2 * d1i - S5_1 * d2i;
                double b1r = m1r + n1i, b1i = m1i - n1r, b4r = m1r - n1i, b4i = m1i + n1r;
                double b2r = m2r + n2i, b2i = m2i - n2r, b3r = m2r - n2i, b3i = m2i + n2r;
                int o = y0 + u;
                yr[o] = a0r + t1r + t2r;
                yi[o] = a0i + t1i + t2i;
                yr[o + ystep] = b1r * w1r - b1i * w1i;
                yi[o + ystep] = b1r * w1i + b1i * w1r;
                yr[o + 2 * ystep] = b2r * w2r - b2i * w2i;
                yi[o + 2 * ystep] = b2r * w2i + b2i * w2r;
                yr[o + 3 * ystep] = b3r * w3r - b3i * w3i;
                yi[o + 3 * ystep] = b3r * w3i + b3i * w3r;
                yr[o + 4 * ystep] = b4r * w4r - b4i * w4i;
                yi[o + 4 * ystep] = b4r * w4i + b4i * w4r;
            }
            }
        }
    }

    static void radix7(int m, int s, int lanes, Lines x, Lines y, double[] twr, double[] twi) {
        double[] xr = x.re(), xi = x.im(), yr = y.re(), yi = y.im();
        int xstep = x.blockStep(s * m), ystep = s * y.stride();
        for (int p = 0; p < m; p++) {
            int t = 6 * p;
            double w1r = twr[t], w1i = twi[t], w2r = twr[t + 1], w2i = twi[t + 1];
            double w3r = twr[t + 2], w3i = twi[t + 2], w4r = twr[t + 3], w4i = twi[t + 3];
            double w5r = twr[t + 4], w5i = twi[t + 4], w6r = twr[t + 5], w6i = twi[t + 5];
            for (int q = 0; q < s; q++) {
            int x0 = x.head(q + s * p);
            int y0 = y.group(q, s * 7 * p);
            for (int u = 0; u < lanes; u++) {
                int i0 = x0 + u;
                double a0r = xr[i0], a0i = xi[i0];
                double a1r = xr[i0 + xstep], a1i = xi[i0 + xstep];
                double a2r = xr[i0 + 2 * xstep], a2i = xi[i0 + 2 * xstep];
                double a3r = xr[i0 + 3 * xstep], a3i = xi[i0 + 3 * xstep];
                double a4r = xr[i0 + 4 * xstep], a4i = xi[i0 + 4 * xstep];
                double a5r = xr[i0 + 5 * xstep], a5i = xi[i0 + 5 * xstep];
                double a6r = xr[i0 + 6 * xstep], a6i = xi[i0 + 6 * xstep];
                double t1r = a1r + a6r, t1i = a1i + a6i, d1r = a1r - a6r, d1i = a1i - a6i;
                double t2r = a2r + a5r, t2i = a2i + a5i, d2r = a2r - a5r, d2i = a2i - a5i;
                double t3r = a3r + a4r, t3i = a3i + a4i, d3r = a3r - a4r, d3i = a3i - a4i;
                double m1r = a0r + C7_1 * t1r + C7_2 * t2r + C7_3 * t3r;
                double m1i = a0i + C7_1 * t1i + C7_2 * t2i + C7_3 * t3i;
                double m2r = a0r + C7_2 * t1r + C7_3 * t2r + C7_1 * t3r;
                double m2i = a0i + C7_2 * t1i + C7_3 * t2i + C7_1 * t3i;
                double m3r = a0r + C7_3 * t1r + C7_1 * t2r + C7_2 * t3r;
                double m3i = a0i + C7_3 * t1i + C7_1 * t2i + C7_2 * t3i;
                double n1r = S7_1 * d1r + S7_2 * d2r + S7_3 * d3r;
                double n1i = S7_1 * d1i + S7_2 * d2i + S7_3 * d3i;
                double n2r = S7_2 * d1r - S7_3 * d2r - S7_1 * d3r;
                double n2i = S7_2 * d1i - S7_3 * d2i - S7_1 * d3i;
                double n3r = S7_3 * d1r - S7_1 * d2r + S7_2 * d3r;
                double n3i = S7_3 * d1i - S7_1 * d2i + S7_2 * d3i;
                double b1r = m1r + n1i, b1i = m1i - n1r, b6r = m1r - n1i, b6i = m1i + n1r;
                double b2r = m2r + n2i, b2i = m2i - n2r, b5r = m2r - n2i, b5i = m2i + n2r;
                double b3r = m3r + n3i, b3i = m3i - n3r, b4r = m3r - n3i, b4i = m3i + n3r;
                int o = y0 + u;
                yr[o] = a0r + t1r + t2r + t3r;
                yi[o] = a0i + t1i + t2i + t3i;
                yr[o + ystep] = b1r * w1r - b1i * w1i;
                yi[o + ystep] = b1r * w1i + b1i * w1r;
                yr[o + 2 * ystep] = b2r * w2r - b2i * w2i;
                yi[o + 2 * ystep] = b2r * w2i + b2i * w2r;
                yr[o + 3 * ystep] = b3r * w3r - b3i * w3i;
                yi[o + 3 * ystep] = b3r * w3i + b3i * w3r;
                yr[o + 4 * ystep] = b4r * w4r - b4i * w4i;
                yi[o + 4 * ystep] = b4r * w4i + b4i * w4r;
                yr[o + 5 * ystep] = b5r * w5r - b5i * w5i;
                yi[o + 5 * ystep] = b5r * w5i + b5i * w5r;
                yr[o + 6 * ystep] = b6r * w6r - b6i * w6i;
                yi[o + 6 * ystep] = b6r * w6i + b6i * w6r;
            }
            }
        }
    }
}
