package org.xcorr.window;

import java.util.Arrays;

/**
 * The axis-0 stage of {@link WindowSums} for 3-D arrays (one per worker): per sample of a plane, the moment sums
 * over the planes of the current output plane's window, slid along axis 0 with restarts on the fixed grid; the
 * largest sums of squares since the block began (what their rounding is relative to); and, per sample, the value
 * of its plane segment where that segment is constant, else NaN. {@link WindowRows} then treats these planes as
 * a 2-D array.
 */
final class WindowPlanes {

    final WindowSums spec;
    final WindowRows rows;
    final int planeSize;
    /** Moment sums over the plane window, by slot of {@link WindowSums}. */
    final double[][] sums;
    /** Largest {@code sums[XX]} (and {@code sums[YY]}) per sample since the block began. */
    final double[] histA;
    final double[] histB;
    /** Runs along axis 0; their segments hold each sample's plane-segment value where constant, else NaN. */
    final Runs runsA;
    final Runs runsB;

    WindowPlanes(WindowSums spec, WindowRows rows) {
        this.spec = spec;
        this.rows = rows;
        WindowGeometry g = spec.geometry;
        planeSize = g.shape[1] * g.shape[2];
        boolean two = spec.kind == WindowSums.Kind.TWO;
        sums = new double[spec.kind.slots][planeSize];
        histA = new double[planeSize];
        histB = two ? new double[planeSize] : null;
        runsA = new Runs(planeSize);
        runsA.bind(spec.a, planeSize, 0, planeSize);
        runsB = two ? new Runs(planeSize) : null;
        if (two) {
            runsB.bind(spec.b, planeSize, 0, planeSize);
        }
    }

    /** Output planes {@code [os, oe)}: each one's sums, then its rows. */
    void block(int os, int oe) {
        WindowGeometry g = spec.geometry;
        int curLo = 0;
        int curHi = 0;
        for (int o = os; o < oe; o++) {
            int lo = g.lo(0, o);
            int hi = g.hi(0, o);
            if (o == os) {
                for (double[] s : sums) {
                    Arrays.fill(s, 0);
                }
                Arrays.fill(histA, 0);
                if (histB != null) {
                    Arrays.fill(histB, 0);
                }
                for (int k = lo; k < hi; k++) {
                    plane(k, 1.0);
                }
                runsA.begin(lo, hi);
                if (runsB != null) {
                    runsB.begin(lo, hi);
                }
            } else {
                for (int k = curHi; k < hi; k++) {
                    plane(k, 1.0);
                    runsA.extend(k);
                    if (runsB != null) {
                        runsB.extend(k);
                    }
                }
                for (int k = curLo; k < lo; k++) {
                    plane(k, -1.0);
                }
            }
            curLo = lo;
            curHi = hi;
            runsA.segments(lo, hi, false);
            if (runsB != null) {
                runsB.segments(lo, hi, false);
            }
            rows.plane(this, o, hi - lo);
        }
    }

    /** Adds ({@code sign} 1) or removes (-1) plane {@code k}; the sign multiplies exactly. */
    private void plane(int k, double sign) {
        final int base = k * planeSize;
        final double[] a = spec.a;
        final double ca = spec.centreA;
        final double[] s0 = sums[WindowSums.X];
        final double[] s1 = sums[WindowSums.XX];
        switch (spec.kind) {
            case ONE -> {
                for (int i = 0; i < planeSize; i++) {
                    double x = a[base + i] - ca;
                    s0[i] += sign * x;
                    s1[i] += sign * (x * x);
                }
            }
            case TWO -> {
                final double[] b = spec.b;
                final double cb = spec.centreB;
                final double[] s2 = sums[WindowSums.Y];
                final double[] s3 = sums[WindowSums.YY];
                final double[] s4 = sums[WindowSums.XY];
                for (int i = 0; i < planeSize; i++) {
                    double x = a[base + i] - ca;
                    double y = b[base + i] - cb;
                    s0[i] += sign * x;
                    s1[i] += sign * (x * x);
                    s2[i] += sign * y;
                    s3[i] += sign * (y * y);
                    s4[i] += sign * (x * y);
                }
            }
            case WEIGHTED -> {
                final double[] w = spec.w;
                final double[] s2 = sums[WindowSums.W];
                for (int i = 0; i < planeSize; i++) {
                    double x = a[base + i] - ca;
                    double wx = w[base + i] * x;
                    s0[i] += sign * wx;
                    s1[i] += sign * (wx * x);
                    s2[i] += sign * w[base + i];
                }
            }
        }
        if (sign > 0) {
            for (int i = 0; i < planeSize; i++) {
                histA[i] = Math.max(histA[i], s1[i]);
            }
            if (histB != null) {
                final double[] s3 = sums[WindowSums.YY];
                for (int i = 0; i < planeSize; i++) {
                    histB[i] = Math.max(histB[i], s3[i]);
                }
            }
        }
    }
}
