package org.xcorr.window;

/**
 * The inner loops of {@link WindowRows}: column-sum updates by one row and the running sums along a row. Static,
 * every array indexed by the loop variable alone and small loop bodies, so that C2 (JDK 17) vectorizes them.
 */
final class RowMoments {

    private RowMoments() {
    }

    /**
     * Adds ({@code sign} 1) or removes (-1) the row held in {@code a} (and {@code b}: the second array or the
     * weights) to the column sums over {@code [hs, he)}. The sign multiplies exactly.
     */
    static void add(WindowSums.Kind kind, double[][] cols, double[] a, double[] b, double ca, double cb, int hs,
            int he, double sign) {
        final double[] s0 = cols[WindowSums.X];
        final double[] s1 = cols[WindowSums.XX];
        switch (kind) {
            case ONE -> {
                for (int x = hs; x < he; x++) {
                    double p = a[x] - ca;
                    s0[x] += sign * p;
                    s1[x] += sign * (p * p);
                }
            }
            case TWO -> {
                final double[] s2 = cols[WindowSums.Y];
                final double[] s3 = cols[WindowSums.YY];
                final double[] s4 = cols[WindowSums.XY];
                for (int x = hs; x < he; x++) {
                    double p = a[x] - ca;
                    double q = b[x] - cb;
                    s0[x] += sign * p;
                    s2[x] += sign * q;
                    s1[x] += sign * (p * p);
                    s3[x] += sign * (q * q);
                    s4[x] += sign * (p * q);
                }
            }
            case WEIGHTED -> {
                final double[] s2 = cols[WindowSums.W];
                for (int x = hs; x < he; x++) {
                    double p = a[x] - ca;
                    double wp = b[x] * p;
                    s0[x] += sign * wp;
                    s1[x] += sign * (wp * p);
                    s2[x] += sign * b[x];
                }
            }
        }
    }

    /** Adds the row in {@code a, b} and removes the row in {@code u, v}, in one pass per pair of sums. */
    static void update(WindowSums.Kind kind, double[][] cols, double[] a, double[] b, double[] u, double[] v,
            double ca, double cb, int hs, int he) {
        switch (kind) {
            case ONE -> pair(cols[WindowSums.X], cols[WindowSums.XX], a, u, ca, hs, he);
            case TWO -> {
                pair(cols[WindowSums.X], cols[WindowSums.XX], a, u, ca, hs, he);
                pair(cols[WindowSums.Y], cols[WindowSums.YY], b, v, cb, hs, he);
                final double[] s4 = cols[WindowSums.XY];
                for (int x = hs; x < he; x++) {
                    s4[x] += (a[x] - ca) * (b[x] - cb) - (u[x] - ca) * (v[x] - cb);
                }
            }
            case WEIGHTED -> {
                final double[] s0 = cols[WindowSums.X];
                final double[] s1 = cols[WindowSums.XX];
                final double[] s2 = cols[WindowSums.W];
                for (int x = hs; x < he; x++) {
                    double p = a[x] - ca;
                    double q = u[x] - ca;
                    double wp = b[x] * p;
                    double wq = v[x] * q;
                    s0[x] += wp - wq;
                    s1[x] += wp * p - wq * q;
                    s2[x] += b[x] - v[x];
                }
            }
        }
    }

    /** {@code Σx, Σx²} column sums: row {@code in} enters, row {@code out} leaves. */
    private static void pair(double[] s1, double[] s2, double[] in, double[] out, double m, int hs, int he) {
        // two small loops rather than one: C2 vectorizes only loops small enough to unroll
        for (int x = hs; x < he; x++) {
            s1[x] += (in[x] - m) - (out[x] - m);
        }
        for (int x = hs; x < he; x++) {
            double p = in[x] - m;
            double q = out[x] - m;
            s2[x] += p * p - q * q;
        }
    }

    /**
     * Window sums along the row, for outputs {@code [xs0, xs1)} from column sums at local index
     * {@code j = column - (xs0 + origin)}: output {@code x}'s window is {@code [x - xs0, x - xs0 + len)}, restarts
     * on multiples of {@code kx}.
     */
    static void slide2(double[] v1, double[] v2, double[] o1, double[] o2, int xs0, int xs1, int kx, int len) {
        for (int xs = xs0; xs < xs1; xs += kx - Math.floorMod(xs, kx)) {
            int xe = Math.min(xs1, xs + kx - Math.floorMod(xs, kx));
            int j0 = xs - xs0;
            double s1 = 0;
            double s2 = 0;
            for (int j = j0; j < j0 + len; j++) {
                s1 += v1[j];
                s2 += v2[j];
            }
            o1[j0] = s1;
            o2[j0] = s2;
            for (int i = j0 + 1; i < xe - xs0; i++) {
                int p = i + len - 1;
                s1 += v1[p] - v1[i - 1];
                s2 += v2[p] - v2[i - 1];
                o1[i] = s1;
                o2[i] = s2;
            }
        }
    }

    /**
     * {@link #slide2} and {@link #carried} of {@code hist} into {@code oc} in one loop, each sum with exactly the
     * same operations in the same order (bit-identical to the two calls): the running sums are chains of dependent
     * additions, so two loops pay the add latency twice per output, where one loop overlaps the three chains.
     */
    static void slide2Carried(double[] v1, double[] v2, double[] hist, double[] o1, double[] o2, double[] oc,
            int xs0, int xs1, int kx, int len) {
        for (int xs = xs0; xs < xs1; xs += kx - Math.floorMod(xs, kx)) {
            int xe = Math.min(xs1, xs + kx - Math.floorMod(xs, kx));
            int j0 = xs - xs0;
            double s1 = 0;
            double s2 = 0;
            for (int j = j0; j < j0 + len; j++) {
                s1 += v1[j];
                s2 += v2[j];
            }
            double h = 0;
            for (int j = j0; j < j0 + len - 1; j++) {
                h += hist[j];
            }
            o1[j0] = s1;
            o2[j0] = s2;
            h += hist[j0 + len - 1];
            oc[j0] = h;
            for (int i = j0 + 1; i < xe - xs0; i++) {
                int p = i + len - 1;
                s1 += v1[p] - v1[i - 1];
                s2 += v2[p] - v2[i - 1];
                h += hist[p];
                o1[i] = s1;
                o2[i] = s2;
                oc[i] = h;
            }
        }
    }

    /** {@link #slide2} for three sums. */
    static void slide3(double[] v1, double[] v2, double[] v3, double[] o1, double[] o2, double[] o3, int xs0,
            int xs1, int kx, int len) {
        for (int xs = xs0; xs < xs1; xs += kx - Math.floorMod(xs, kx)) {
            int xe = Math.min(xs1, xs + kx - Math.floorMod(xs, kx));
            int j0 = xs - xs0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = j0; j < j0 + len; j++) {
                s1 += v1[j];
                s2 += v2[j];
                s3 += v3[j];
            }
            o1[j0] = s1;
            o2[j0] = s2;
            o3[j0] = s3;
            for (int i = j0 + 1; i < xe - xs0; i++) {
                int p = i + len - 1;
                int m = i - 1;
                s1 += v1[p] - v1[m];
                s2 += v2[p] - v2[m];
                s3 += v3[p] - v3[m];
                o1[i] = s1;
                o2[i] = s2;
                o3[i] = s3;
            }
        }
    }

    /**
     * Window sums of three columns along the row without a running sum (radius 1):
     * {@code o[i] = (v[i] + v[i + 1]) + v[i + 2]} for {@code i < n}, each from its own window's columns alone (no
     * sample enters or leaves, so no magnitude is carried from outside the window and nothing restarts). The two
     * shifted operands are first copied to {@code s1} and {@code s2} at the loop's own index, because C2 (JDK 17)
     * vectorizes only loops whose array references share one index; with them the loop runs in SIMD lanes.
     * (Longer windows by doubling, with more shifted copies, measured slower than the running sums from radius 3
     * on.) {@code v} holds {@code n + 2} columns; {@code s1}, {@code s2} at least {@code n}.
     */
    static void windowSums3(double[] v, double[] o, int n, double[] s1, double[] s2) {
        System.arraycopy(v, 1, s1, 0, n);
        System.arraycopy(v, 2, s2, 0, n);
        for (int i = 0; i < n; i++) {
            o[i] = (v[i] + s1[i]) + s2[i];
        }
    }

    /**
     * The magnitude each window's running row sum carried: {@code hist} summed over the columns passed since its
     * restart, up to the window's end (same grid as {@link #slide2}).
     */
    static void carried(double[] hist, double[] out, int xs0, int xs1, int kx, int len) {
        for (int xs = xs0; xs < xs1; xs += kx - Math.floorMod(xs, kx)) {
            int xe = Math.min(xs1, xs + kx - Math.floorMod(xs, kx));
            int j0 = xs - xs0;
            double h = 0;
            for (int j = j0; j < j0 + len - 1; j++) {
                h += hist[j];
            }
            for (int i = j0; i < xe - xs0; i++) {
                h += hist[i + len - 1];
                out[i] = h;
            }
        }
    }

    /**
     * The sum of {@code v[hs, he)} (non-negative values) in eight interleaved partial sums: the order is fixed (so
     * deterministic) but not sequential, which lets the adds overlap; any rounding of the sum of non-negative
     * values stays within a factor {@code 1 ± n·2^-53} of the exact one. NaN or infinite if a value is.
     */
    static double total(double[] v, int hs, int he) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int x = hs;
        for (; x + 7 < he; x += 8) {
            s0 += v[x];
            s1 += v[x + 1];
            s2 += v[x + 2];
            s3 += v[x + 3];
            s4 += v[x + 4];
            s5 += v[x + 5];
            s6 += v[x + 6];
            s7 += v[x + 7];
        }
        for (; x < he; x++) {
            s0 += v[x];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** The largest of {@code v[hs, he)} (non-negative values), NaN if one is NaN. */
    static double largest(double[] v, int hs, int he) {
        double m = 0;
        for (int x = hs; x < he; x++) {
            m = Math.max(m, v[x]);
        }
        return m;
    }

    /** The largest {@code |v[x]|} over {@code [hs, he)}, NaN if one is NaN. */
    static double largestAbs(double[] v, int hs, int he) {
        double m = 0;
        for (int x = hs; x < he; x++) {
            m = Math.max(m, Math.abs(v[x]));
        }
        return m;
    }
}
