package org.xcorr.fft;

import static org.xcorr.fft.Butterflies.C5_1;
import static org.xcorr.fft.Butterflies.C5_2;
import static org.xcorr.fft.Butterflies.C7_1;
import static org.xcorr.fft.Butterflies.C7_2;
import static org.xcorr.fft.Butterflies.C7_3;
import static org.xcorr.fft.Butterflies.S5_1;
import static org.xcorr.fft.Butterflies.S5_2;
import static org.xcorr.fft.Butterflies.S7_1;
import static org.xcorr.fft.Butterflies.S7_2;
import static org.xcorr.fft.Butterflies.S7_3;
import static org.xcorr.fft.Butterflies.SQRT1_2;
import static org.xcorr.fft.Butterflies.SQRT3_2;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link Butterflies} passes written with the incubating Vector API, so that each statement works on a
 * whole SIMD register of lanes (4 doubles with AVX2, 8 with AVX-512) instead of relying on C2's
 * auto-vectorizer, which leaves these loop bodies scalar on JDK 17.
 *
 * <p>Every method has the signature and the addressing of its {@code Butterflies} counterpart and performs
 * the same IEEE operations in the same order on each lane (multiplications and additions, never fused),
 * so the two produce bit-identical output; lanes beyond the last full vector are handed to the scalar
 * kernel with shifted offsets. Only loaded when {@link Simd#ENABLED} is true: this class links against
 * {@code jdk.incubator.vector}, which the JVM resolves only when started with
 * {@code --add-modules jdk.incubator.vector}.
 *
 * <p>The two classes are parallel texts on purpose: the scalar kernels must not link against the incubator
 * module (the default launcher runs without it), and a generic kernel over both would box the vectors. What
 * they share is kept in one place: the constants in {@code Butterflies}, the addressing in {@link Lines},
 * the twiddle rows in {@link Stage}.
 */
final class VectorButterflies {

    private static final VectorSpecies<Double> V = DoubleVector.SPECIES_PREFERRED;
    private static final int W = V.length();

    private VectorButterflies() {
    }

    /** Doubles per vector register in the preferred species (4 with AVX2). */
    static int width() {
        return W;
    }

    /** Lanes handled by full vectors; the rest go to the scalar kernel. */
    private static int vectorLanes(int lanes) {
        return lanes - lanes % W;
    }



    static void radix2(int m, int s, int lanes, Lines x, Lines y, double[] twr, double[] twi) {
        double[] xr = x.re(), xi = x.im(), yr = y.re(), yi = y.im();
        int vl = vectorLanes(lanes);
        int xstep = x.blockStep(s * m), ystep = s * y.stride();
        for (int p = 0; p < m; p++) {
            double wr = twr[p], wi = twi[p];
            for (int q = 0; q < s; q++) {
                int x0 = x.head(q + s * p);
                int x1 = x0 + xstep;
                int y0 = y.group(q, s * 2 * p);
                int y1 = y0 + ystep;
                for (int u = 0; u < vl; u += W) {
                    DoubleVector ar = DoubleVector.fromArray(V, xr, x0 + u), ai = DoubleVector.fromArray(V, xi, x0 + u);
                    DoubleVector br = DoubleVector.fromArray(V, xr, x1 + u), bi = DoubleVector.fromArray(V, xi, x1 + u);
                    ar.add(br).intoArray(yr, y0 + u);
                    ai.add(bi).intoArray(yi, y0 + u);
                    if (p == 0) {
                        ar.sub(br).intoArray(yr, y1 + u);
                        ai.sub(bi).intoArray(yi, y1 + u);
                    } else {
                        DoubleVector c1r = ar.sub(br), c1i = ai.sub(bi);
                        c1r.mul(wr).sub(c1i.mul(wi)).intoArray(yr, y1 + u);
                        c1r.mul(wi).add(c1i.mul(wr)).intoArray(yi, y1 + u);
                    }
                }
            }
        }
        if (vl < lanes) {
            Butterflies.radix2(m, s, lanes - vl, x.plus(vl), y.plus(vl), twr, twi);
        }
    }

    static void radix3(int m, int s, int lanes, Lines x, Lines y, double[] twr, double[] twi) {
        double[] xr = x.re(), xi = x.im(), yr = y.re(), yi = y.im();
        int vl = vectorLanes(lanes);
        int xstep = x.blockStep(s * m), ystep = s * y.stride();
        for (int p = 0; p < m; p++) {
            double w1r = twr[2 * p], w1i = twi[2 * p], w2r = twr[2 * p + 1], w2i = twi[2 * p + 1];
            for (int q = 0; q < s; q++) {
                int x0 = x.head(q + s * p), x1 = x0 + xstep, x2 = x1 + xstep;
                int y0 = y.group(q, s * 3 * p), y1 = y0 + ystep, y2 = y1 + ystep;
                for (int u = 0; u < vl; u += W) {
                    DoubleVector a0r = DoubleVector.fromArray(V, xr, x0 + u), a0i = DoubleVector.fromArray(V, xi,
                            x0 + u);
                    DoubleVector a1r = DoubleVector.fromArray(V, xr, x1 + u), a1i = DoubleVector.fromArray(V, xi,
                            x1 + u);
                    DoubleVector a2r = DoubleVector.fromArray(V, xr, x2 + u), a2i = DoubleVector.fromArray(V, xi,
                            x2 + u);
                    DoubleVector tr = a1r.add(a2r), ti = a1i.add(a2i);
                    DoubleVector dr = a1r.sub(a2r).mul(SQRT3_2), di = a1i.sub(a2i).mul(SQRT3_2);
                    DoubleVector mr = a0r.sub(tr.mul(0.5)), mi = a0i.sub(ti.mul(0.5));
                    a0r.add(tr).intoArray(yr, y0 + u);
                    a0i.add(ti).intoArray(yi, y0 + u);
                    DoubleVector c2r = mr.add(di), c2i = mi.sub(dr);
                    c2r.mul(w1r).sub(c2i.mul(w1i)).intoArray(yr, y1 + u);
                    c2r.mul(w1i).add(c2i.mul(w1r)).intoArray(yi, y1 + u);
                    DoubleVector c3r = mr.sub(di), c3i = mi.add(dr);
                    c3r.mul(w2r).sub(c3i.mul(w2i)).intoArray(yr, y2 + u);
                    c3r.mul(w2i).add(c3i.mul(w2r)).intoArray(yi, y2 + u);
                }
            }
        }
        if (vl < lanes) {
            Butterflies.radix3(m, s, lanes - vl, x.plus(vl), y.plus(vl), twr, twi);
        }
    }

    static void radix4(int m, int s, int lanes, Lines x, Lines y, double[] twr, double[] twi) {
        double[] xr = x.re(), xi = x.im(), yr = y.re(), yi = y.im();
        int vl = vectorLanes(lanes);
        int xstep = x.blockStep(s * m), ystep = s * y.stride();
        for (int p = 0; p < m; p++) {
            int t = 3 * p;
            double w1r = twr[t], w1i = twi[t], w2r = twr[t + 1], w2i = twi[t + 1];
            double w3r = twr[t + 2], w3i = twi[t + 2];
            for (int q = 0; q < s; q++) {
                int x0 = x.head(q + s * p), x1 = x0 + xstep, x2 = x1 + xstep, x3 = x2 + xstep;
                int y0 = y.group(q, s * 4 * p);
                int y1 = y0 + ystep, y2 = y1 + ystep, y3 = y2 + ystep;
                for (int u = 0; u < vl; u += W) {
                    DoubleVector a0r = DoubleVector.fromArray(V, xr, x0 + u), a0i = DoubleVector.fromArray(V, xi,
                            x0 + u);
                    DoubleVector a1r = DoubleVector.fromArray(V, xr, x1 + u), a1i = DoubleVector.fromArray(V, xi,
                            x1 + u);
                    DoubleVector a2r = DoubleVector.fromArray(V, xr, x2 + u), a2i = DoubleVector.fromArray(V, xi,
                            x2 + u);
                    DoubleVector a3r = DoubleVector.fromArray(V, xr, x3 + u), a3i = DoubleVector.fromArray(V, xi,
                            x3 + u);
                    DoubleVector t0r = a0r.add(a2r), t0i = a0i.add(a2i), t1r = a0r.sub(a2r), t1i = a0i.sub(a2i);
                    DoubleVector t2r = a1r.add(a3r), t2i = a1i.add(a3i), t3r = a1r.sub(a3r), t3i = a1i.sub(a3i);
                    t0r.add(t2r).intoArray(yr, y0 + u);
                    t0i.add(t2i).intoArray(yi, y0 + u);
                    DoubleVector b1r = t1r.add(t3i), b1i = t1i.sub(t3r);
                    DoubleVector b2r = t0r.sub(t2r), b2i = t0i.sub(t2i);
                    DoubleVector b3r = t1r.sub(t3i), b3i = t1i.add(t3r);
                    if (p == 0) {
                        b1r.intoArray(yr, y1 + u);
                        b1i.intoArray(yi, y1 + u);
                        b2r.intoArray(yr, y2 + u);
                        b2i.intoArray(yi, y2 + u);
                        b3r.intoArray(yr, y3 + u);
                        b3i.intoArray(yi, y3 + u);
                    } else {
                        b1r.mul(w1r).sub(b1i.mul(w1i)).intoArray(yr, y1 + u);
                        b1r.mul(w1i).add(b1i.mul(w1r)).intoArray(yi, y1 + u);
                        b2r.mul(w2r).sub(b2i.mul(w2i)).intoArray(yr, y2 + u);
                        b2r.mul(w2i).add(b2i.mul(w2r)).intoArray(yi, y2 + u);
                        b3r.mul(w3r).sub(b3i.mul(w3i)).intoArray(yr, y3 + u);
                        b3r.mul(w3i).add(b3i.mul(w3r)).intoArray(yi, y3 + u);
                    }
                }
            }
        }
        if (vl < lanes) {
            Butterflies.radix4(m, s, lanes - vl, x.plus(vl), y.plus(vl), twr, twi);
        }
    }

    static void radix8(int m, int s, int lanes, Lines x, Lines y, double[] twr, double[] twi) {
        double[] xr = x.re(), xi = x.im(), yr = y.re(), yi = y.im();
        int vl = vectorLanes(lanes);
        int xstep = x.blockStep(s * m), ystep = s * y.stride();
        for (int p = 0; p < m; p++) {
            int t = 7 * p;
            double w1r = twr[t], w1i = twi[t], w2r = twr[t + 1], w2i = twi[t + 1];
            double w3r = twr[t + 2], w3i = twi[t + 2], w4r = twr[t + 3], w4i = twi[t + 3];
            double w5r = twr[t + 4], w5i = twi[t + 4], w6r = twr[t + 5], w6i = twi[t + 5];
            double w7r = twr[t + 6], w7i = twi[t + 6];
            for (int q = 0; q < s; q++) {
                int x0 = x.head(q + s * p);
                int y0 = y.group(q, s * 8 * p);
                for (int u = 0; u < vl; u += W) {
                    block8(xr, xi, x0 + u, xstep, yr, yi, y0 + u, ystep, w1r, w1i, w2r, w2i, w3r, w3i, w4r, w4i, w5r,
                            w5i, w6r, w6i, w7r, w7i);
                }
            }
        }
        if (vl < lanes) {
            Butterflies.radix8(m, s, lanes - vl, x.plus(vl), y.plus(vl), twr, twi);
        }
    }

    /**
     * One vector of lanes of a radix-8 butterfly: loads from {@code i0 + j·xstep}, stores to {@code o + k·ystep}.
     * A separate method so that C2 compiles it as a unit small enough to inline every Vector API call;
     * inside the loop of the pass it exceeded the inlining node budget and the vectors were boxed.
     */
    private static void block8(double[] xr, double[] xi, int i0, int xstep, double[] yr, double[] yi, int o,
            int ystep, double w1r, double w1i, double w2r, double w2i, double w3r, double w3i, double w4r,
                    double w4i, double w5r, double w5i, double w6r, double w6i, double w7r, double w7i) {
        final double h = SQRT1_2;
        // even half: DFT4 of a0, a2, a4, a6
        DoubleVector a0r = DoubleVector.fromArray(V, xr, i0), a0i = DoubleVector.fromArray(V, xi, i0);
        DoubleVector a2r = DoubleVector.fromArray(V, xr, i0 + 2 * xstep), a2i = DoubleVector.fromArray(V, xi,
                i0 + 2 * xstep);
        DoubleVector a4r = DoubleVector.fromArray(V, xr, i0 + 4 * xstep), a4i = DoubleVector.fromArray(V, xi,
                i0 + 4 * xstep);
        DoubleVector a6r = DoubleVector.fromArray(V, xr, i0 + 6 * xstep), a6i = DoubleVector.fromArray(V, xi,
                i0 + 6 * xstep);
        DoubleVector e0r = a0r.add(a4r), e0i = a0i.add(a4i), e1r = a0r.sub(a4r), e1i = a0i.sub(a4i);
        DoubleVector e2r = a2r.add(a6r), e2i = a2i.add(a6i), e3r = a2r.sub(a6r), e3i = a2i.sub(a6i);
        DoubleVector E0r = e0r.add(e2r), E0i = e0i.add(e2i), E2r = e0r.sub(e2r), E2i = e0i.sub(e2i);
        DoubleVector E1r = e1r.add(e3i), E1i = e1i.sub(e3r), E3r = e1r.sub(e3i), E3i = e1i.add(e3r);
        // odd half: DFT4 of a1, a3, a5, a7
        DoubleVector a1r = DoubleVector.fromArray(V, xr, i0 + xstep), a1i = DoubleVector.fromArray(V, xi, i0 + xstep);
        DoubleVector a3r = DoubleVector.fromArray(V, xr, i0 + 3 * xstep), a3i = DoubleVector.fromArray(V, xi,
                i0 + 3 * xstep);
        DoubleVector a5r = DoubleVector.fromArray(V, xr, i0 + 5 * xstep), a5i = DoubleVector.fromArray(V, xi,
                i0 + 5 * xstep);
        DoubleVector a7r = DoubleVector.fromArray(V, xr, i0 + 7 * xstep), a7i = DoubleVector.fromArray(V, xi,
                i0 + 7 * xstep);
        DoubleVector o0r = a1r.add(a5r), o0i = a1i.add(a5i), o1r = a1r.sub(a5r), o1i = a1i.sub(a5i);
        DoubleVector o2r = a3r.add(a7r), o2i = a3i.add(a7i), o3r = a3r.sub(a7r), o3i = a3i.sub(a7i);
        DoubleVector O0r = o0r.add(o2r), O0i = o0i.add(o2i), O2r = o0r.sub(o2r), O2i = o0i.sub(o2i);
        DoubleVector O1r = o1r.add(o3i), O1i = o1i.sub(o3r), O3r = o1r.sub(o3i), O3i = o1i.add(o3r);
        // odd half times ω8^k: ω8 = (1 - i)/√2, ω8^2 = -i, ω8^3 = -(1 + i)/√2
        DoubleVector P1r = O1r.add(O1i).mul(h), P1i = O1i.sub(O1r).mul(h);
        DoubleVector P2r = O2i, P2i = O2r.neg();
        DoubleVector P3r = O3i.sub(O3r).mul(h), P3i = O3r.add(O3i).neg().mul(h);
        E0r.add(O0r).intoArray(yr, o);
        E0i.add(O0i).intoArray(yi, o);
        DoubleVector c7r = E1r.add(P1r), c7i = E1i.add(P1i);
        c7r.mul(w1r).sub(c7i.mul(w1i)).intoArray(yr, o + ystep);
        c7r.mul(w1i).add(c7i.mul(w1r)).intoArray(yi, o + ystep);
        DoubleVector c8r = E2r.add(P2r), c8i = E2i.add(P2i);
        c8r.mul(w2r).sub(c8i.mul(w2i)).intoArray(yr, o + 2 * ystep);
        c8r.mul(w2i).add(c8i.mul(w2r)).intoArray(yi, o + 2 * ystep);
        DoubleVector c9r = E3r.add(P3r), c9i = E3i.add(P3i);
        c9r.mul(w3r).sub(c9i.mul(w3i)).intoArray(yr, o + 3 * ystep);
        c9r.mul(w3i).add(c9i.mul(w3r)).intoArray(yi, o + 3 * ystep);
        DoubleVector c10r = E0r.sub(O0r), c10i = E0i.sub(O0i);
        c10r.mul(w4r).sub(c10i.mul(w4i)).intoArray(yr, o + 4 * ystep);
        c10r.mul(w4i).add(c10i.mul(w4r)).intoArray(yi, o + 4 * ystep);
        DoubleVector c11r = E1r.sub(P1r), c11i = E1i.sub(P1i);
        c11r.mul(w5r).sub(c11i.mul(w5i)).intoArray(yr, o + 5 * ystep);
        c11r.mul(w5i).add(c11i.mul(w5r)).intoArray(yi, o + 5 * ystep);
        DoubleVector c12r = E2r.sub(P2r), c12i = E2i.sub(P2i);
        c12r.mul(w6r).sub(c12i.mul(w6i)).intoArray(yr, o + 6 * ystep);
        c12r.mul(w6i).add(c12i.mul(w6r)).intoArray(yi, o + 6 * ystep);
        DoubleVector c13r = E3r.sub(P3r), c13i = E3i.sub(P3i);
        c13r.mul(w7r).sub(c13i.mul(w7i)).intoArray(yr, o + 7 * ystep);
        c13r.mul(w7i).add(c13i.mul(w7r)).intoArray(yi, o + 7 * ystep);
    }

    static void radix5(int m, int s, int lanes, Lines x, Lines y, double[] twr, double[] twi) {
        double[] xr = x.re(), xi = x.im(), yr = y.re(), yi = y.im();
        int vl = vectorLanes(lanes);
        int xstep = x.blockStep(s * m), ystep = s * y.stride();
        for (int p = 0; p < m; p++) {
            int t = 4 * p;
            double w1r = twr[t], w1i = twi[t], w2r = twr[t + 1], w2i = twi[t + 1];
            double w3r = twr[t + 2], w3i = twi[t + 2], w4r = twr[t + 3], w4i = twi[t + 3];
            for (int q = 0; q < s; q++) {
                int x0 = x.head(q + s * p);
                int y0 = y.group(q, s * 5 * p);
                for (int u = 0; u < vl; u += W) {
                    block5(xr, xi, x0 + u, xstep, yr, yi, y0 + u, ystep, w1r, w1i, w2r, w2i, w3r, w3i, w4r, w4i);
                }
            }
        }
        if (vl < lanes) {
            Butterflies.radix5(m, s, lanes - vl, x.plus(vl), y.plus(vl), twr, twi);
        }
    }

    /**
     * One vector of lanes of a radix-5 butterfly: loads from {@code i0 + j·xstep}, stores to {@code o + k·ystep}.
     * A separate method so that C2 compiles it as a unit small enough to inline every Vector API call;
     * inside the loop of the pass it exceeded the inlining node budget and the vectors were boxed.
     */
    private static void block5(double[] xr, double[] xi, int i0, int xstep, double[] yr, double[] yi, int o,
            int ystep, double w1r, double w1i, double w2r, double w2i, double w3r, double w3i, double w4r, double w4i) {
        DoubleVector a0r = DoubleVector.fromArray(V, xr, i0), a0i = DoubleVector.fromArray(V, xi, i0);
        DoubleVector a1r = DoubleVector.fromArray(V, xr, i0 + xstep), a1i = DoubleVector.fromArray(V, xi, i0 + xstep);
        DoubleVector a2r = DoubleVector.fromArray(V, xr, i0 + 2 * xstep), a2i = DoubleVector.fromArray(V, xi,
                i0 + 2 * xstep);
        DoubleVector a3r = DoubleVector.fromArray(V, xr, i0 + 3 * xstep), a3i = DoubleVector.fromArray(V, xi,
                i0 + 3 * xstep);
        DoubleVector a4r = DoubleVector.fromArray(V, xr, i0 + 4 * xstep), a4i = DoubleVector.fromArray(V, xi,
                i0 + 4 * xstep);
        DoubleVector t1r = a1r.add(a4r), t1i = a1i.add(a4i), d1r = a1r.sub(a4r), d1i = a1i.sub(a4i);
        DoubleVector t2r = a2r.add(a3r), t2i = a2i.add(a3i), d2r = a2r.sub(a3r), d2i = a2i.sub(a3i);
        DoubleVector m1r = a0r.add(t1r.mul(C5_1)).add(t2r.mul(C5_2));
        DoubleVector m1i = a0i.add(t1i.mul(C5_1)).add(t2i.mul(C5_2));
        DoubleVector m2r = a0r.add(t1r.mul(C5_2)).add(t2r.mul(C5_1));
        DoubleVector m2i = a0i.add(t1i.mul(C5_2)).add(t2i.mul(C5_1));
        DoubleVector n1r = d1r.mul(S5_1).add(d2r.mul(S5_2)), n1i = d1i.mul(S5_1).add(d2i.mul(S5_2));
        DoubleVector n2r = d1r.mul(S5_2).sub(d2r.mul(S5_1)), n2i = d1i.mul(S5_2).sub(d2i.mul(S5_1));
        a0r.add(t1r).add(t2r).intoArray(yr, o);
        a0i.add(t1i).add(t2i).intoArray(yi, o);
        DoubleVector c14r = m1r.add(n1i), c14i = m1i.sub(n1r);
        c14r.mul(w1r).sub(c14i.mul(w1i)).intoArray(yr, o + ystep);
        c14r.mul(w1i).add(c14i.mul(w1r)).intoArray(yi, o + ystep);
        DoubleVector c15r = m2r.add(n2i), c15i = m2i.sub(n2r);
        c15r.mul(w2r).sub(c15i.mul(w2i)).intoArray(yr, o + 2 * ystep);
        c15r.mul(w2i).add(c15i.mul(w2r)).intoArray(yi, o + 2 * ystep);
        DoubleVector c16r = m2r.sub(n2i), c16i = m2i.add(n2r);
        c16r.mul(w3r).sub(c16i.mul(w3i)).intoArray(yr, o + 3 * ystep);
        c16r.mul(w3i).add(c16i.mul(w3r)).intoArray(yi, o + 3 * ystep);
        DoubleVector c17r = m1r.sub(n1i), c17i = m1i.add(n1r);
        c17r.mul(w4r).sub(c17i.mul(w4i)).intoArray(yr, o + 4 * ystep);
        c17r.mul(w4i).add(c17i.mul(w4r)).intoArray(yi, o + 4 * ystep);
    }

    static void radix7(int m, int s, int lanes, Lines x, Lines y, double[] twr, double[] twi) {
        double[] xr = x.re(), xi = x.im(), yr = y.re(), yi = y.im();
        int vl = vectorLanes(lanes);
        int xstep = x.blockStep(s * m), ystep = s * y.stride();
        for (int p = 0; p < m; p++) {
            int t = 6 * p;
            double w1r = twr[t], w1i = twi[t], w2r = twr[t + 1], w2i = twi[t + 1];
            double w3r = twr[t + 2], w3i = twi[t + 2], w4r = twr[t + 3], w4i = twi[t + 3];
            double w5r = twr[t + 4], w5i = twi[t + 4], w6r = twr[t + 5], w6i = twi[t + 5];
            for (int q = 0; q < s; q++) {
                int x0 = x.head(q + s * p);
                int y0 = y.group(q, s * 7 * p);
                for (int u = 0; u < vl; u += W) {
                    block7(xr, xi, x0 + u, xstep, yr, yi, y0 + u, ystep, w1r, w1i, w2r, w2i, w3r, w3i, w4r, w4i, w5r,
                            w5i, w6r, w6i);
                }
            }
        }
        if (vl < lanes) {
            Butterflies.radix7(m, s, lanes - vl, x.plus(vl), y.plus(vl), twr, twi);
        }
    }

    /**
     * One vector of lanes of a radix-7 butterfly: loads from {@code i0 + j·xstep}, stores to {@code o + k·ystep}.
     * A separate method so that C2 compiles it as a unit small enough to inline every Vector API call;
     * inside the loop of the pass it exceeded the inlining node budget and the vectors were boxed.
     */
    private static void block7(double[] xr, double[] xi, int i0, int xstep, double[] yr, double[] yi, int o,
            int ystep, double w1r, double w1i, double w2r, double w2i, double w3r, double w3i, double w4r,
                    double w4i, double w5r, double w5i, double w6r, double w6i) {
        DoubleVector a0r = DoubleVector.fromArray(V, xr, i0), a0i = DoubleVector.fromArray(V, xi, i0);
        DoubleVector a1r = DoubleVector.fromArray(V, xr, i0 + xstep), a1i = DoubleVector.fromArray(V, xi, i0 + xstep);
        DoubleVector a2r = DoubleVector.fromArray(V, xr, i0 + 2 * xstep), a2i = DoubleVector.fromArray(V, xi,
                i0 + 2 * xstep);
        DoubleVector a3r = DoubleVector.fromArray(V, xr, i0 + 3 * xstep), a3i = DoubleVector.fromArray(V, xi,
                i0 + 3 * xstep);
        DoubleVector a4r = DoubleVector.fromArray(V, xr, i0 + 4 * xstep), a4i = DoubleVector.fromArray(V, xi,
                i0 + 4 * xstep);
        DoubleVector a5r = DoubleVector.fromArray(V, xr, i0 + 5 * xstep), a5i = DoubleVector.fromArray(V, xi,
                i0 + 5 * xstep);
        DoubleVector a6r = DoubleVector.fromArray(V, xr, i0 + 6 * xstep), a6i = DoubleVector.fromArray(V, xi,
                i0 + 6 * xstep);
        DoubleVector t1r = a1r.add(a6r), t1i = a1i.add(a6i), d1r = a1r.sub(a6r), d1i = a1i.sub(a6i);
        DoubleVector t2r = a2r.add(a5r), t2i = a2i.add(a5i), d2r = a2r.sub(a5r), d2i = a2i.sub(a5i);
        DoubleVector t3r = a3r.add(a4r), t3i = a3i.add(a4i), d3r = a3r.sub(a4r), d3i = a3i.sub(a4i);
        DoubleVector m1r = a0r.add(t1r.mul(C7_1)).add(t2r.mul(C7_2)).add(t3r.mul(C7_3));
        DoubleVector m1i = a0i.add(t1i.mul(C7_1)).add(t2i.mul(C7_2)).add(t3i.mul(C7_3));
        DoubleVector m2r = a0r.add(t1r.mul(C7_2)).add(t2r.mul(C7_3)).add(t3r.mul(C7_1));
        DoubleVector m2i = a0i.add(t1i.mul(C7_2)).add(t2i.mul(C7_3)).add(t3i.mul(C7_1));
        DoubleVector m3r = a0r.add(t1r.mul(C7_3)).add(t2r.mul(C7_1)).add(t3r.mul(C7_2));
        DoubleVector m3i = a0i.add(t1i.mul(C7_3)).add(t2i.mul(C7_1)).add(t3i.mul(C7_2));
        DoubleVector n1r = d1r.mul(S7_1).add(d2r.mul(S7_2)).add(d3r.mul(S7_3));
        DoubleVector n1i = d1i.mul(S7_1).add(d2i.mul(S7_2)).add(d3i.mul(S7_3));
        DoubleVector n2r = d1r.mul(S7_2).sub(d2r.mul(S7_3)).sub(d3r.mul(S7_1));
        DoubleVector n2i = d1i.mul(S7_2).sub(d2i.mul(S7_3)).sub(d3i.mul(S7_1));
        DoubleVector n3r = d1r.mul(S7_3).sub(d2r.mul(S7_1)).add(d3r.mul(S7_2));
        DoubleVector n3i = d1i.mul(S7_3).sub(d2i.mul(S7_1)).add(d3i.mul(S7_2));
        a0r.add(t1r).add(t2r).add(t3r).intoArray(yr, o);
        a0i.add(t1i).add(t2i).add(t3i).intoArray(yi, o);
        DoubleVector c18r = m1r.add(n1i), c18i = m1i.sub(n1r);
        c18r.mul(w1r).sub(c18i.mul(w1i)).intoArray(yr, o + ystep);
        c18r.mul(w1i).add(c18i.mul(w1r)).intoArray(yi, o + ystep);
        DoubleVector c19r = m2r.add(n2i), c19i = m2i.sub(n2r);
        c19r.mul(w2r).sub(c19i.mul(w2i)).intoArray(yr, o + 2 * ystep);
        c19r.mul(w2i).add(c19i.mul(w2r)).intoArray(yi, o + 2 * ystep);
        DoubleVector c20r = m3r.add(n3i), c20i = m3i.sub(n3r);
        c20r.mul(w3r).sub(c20i.mul(w3i)).intoArray(yr, o + 3 * ystep);
        c20r.mul(w3i).add(c20i.mul(w3r)).intoArray(yi, o + 3 * ystep);
        DoubleVector c21r = m3r.sub(n3i), c21i = m3i.add(n3r);
        c21r.mul(w4r).sub(c21i.mul(w4i)).intoArray(yr, o + 4 * ystep);
        c21r.mul(w4i).add(c21i.mul(w4r)).intoArray(yi, o + 4 * ystep);
        DoubleVector c22r = m2r.sub(n2i), c22i = m2i.add(n2r);
        c22r.mul(w5r).sub(c22i.mul(w5i)).intoArray(yr, o + 5 * ystep);
        c22r.mul(w5i).add(c22i.mul(w5r)).intoArray(yi, o + 5 * ystep);
        DoubleVector c23r = m1r.sub(n1i), c23i = m1i.add(n1r);
        c23r.mul(w6r).sub(c23i.mul(w6i)).intoArray(yr, o + 6 * ystep);
        c23r.mul(w6i).add(c23i.mul(w6r)).intoArray(yi, o + 6 * ystep);
    }
}
