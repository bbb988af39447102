package org.xcorr.register;

/**
 * The kernel of one axis of the {@link UpsampledDft}: {@code E[i,k] = exp(2πi f_k (s + t_i))} at the m points
 * {@code t_i = (i - dftshift)/u} around the integer centre {@code s}, for the n frequencies
 * {@code f_k = fftfreq(n)[k]}, split as {@code E[i,k] = Σ_p X[i,p]·K[p,k]·R[k]}:
 * <ul>
 *   <li>the demodulation {@code R[k] = exp(2πi f_k s)}, applied to the data;</li>
 *   <li>either the direct kernel ({@code X} = identity, {@code K[i,k] = exp(2πi f_k t_i)}, rank {@code r = m})
 *       or, when shorter, the Taylor expansion {@code K[p,k] = (2πi f_k)^p/p!}, {@code X[i,p] = t_i^p}, whose
 *       rank {@code r} is the first with {@code (π·max|t|)^r / r!} below 1e-17 (about 26 terms for
 *       {@code |t| <= 0.75}), independent of {@code u};</li>
 *   <li>{@link #expand}, which applies {@code X} once the data are contracted to rank {@code r}.</li>
 * </ul>
 */
final class AxisKernel {

    /** Truncation bound of the Taylor series, relative to {@code Σ|P|}. */
    private static final double TAYLOR_TOLERANCE = 1e-17;

    /**
     * The part of an axis kernel that does not depend on the centre {@code s}: {@code K}, {@code X} and the
     * pair form of {@code K} used by {@link AxisContraction}. A {@link PreparedReference} builds it once per
     * axis and reuses it for every call (at 2048², u = 100 it is 1.3 MiB per axis).
     */
    static final class Basis {
        /** Frequencies on this axis. */
        final int n;
        /** Rank: rows of {@code K}. */
        final int r;
        /** Points per axis, and the index of the centre point. */
        final int m;
        final int dftshift;
        /** Upsample factor. */
        final int u;
        /** {@code K[p,k]} at {@code p·n + k}, real parts. */
        final double[] kRe;
        /** {@code K[p,k]}, imaginary parts. */
        final double[] kIm;
        /** {@code X[i,p]} at {@code i·r + p} (m × r, real); null for the direct kernel (identity). */
        final double[] x;
        /**
         * Even and odd parts of {@code K} over the frequency pairs {@code (j, n-j)}, {@code j = 1 … (n-1)/2},
         * at {@code p·(pairs+1) + j}: {@code K[p,j]·a + K[p,n-j]·b = ae·(a+b) + i·bo·(a-b)}.
         */
        final double[] ae;
        final double[] bo;
        /** Whether row {@code p} of {@link #ae} (of {@link #bo}) has a nonzero entry. */
        final boolean[] hasEven;
        final boolean[] hasOdd;

        Basis(int n, int m, int dftshift, int u) {
            this.n = n;
            this.m = m;
            this.dftshift = dftshift;
            this.u = u;
            double tmax = Math.max(dftshift, m - 1 - dftshift) / (double) u;
            int taylorRank = n == 1 ? 1 : taylorRank(Math.PI * tmax);
            boolean taylor = taylorRank < m;
            r = taylor ? taylorRank : m;
            kRe = new double[r * n];
            kIm = new double[r * n];
            if (taylor) {
                x = new double[m * r];
                for (int i = 0; i < m; i++) {
                    double t = (i - dftshift) / (double) u;
                    double pow = 1;
                    for (int p = 0; p < r; p++) {
                        x[i * r + p] = pow;
                        pow *= t;
                    }
                }
                for (int k = 0; k < n; k++) {
                    double w = 2 * Math.PI * signedFrequency(k, n) / n;
                    double term = 1;
                    for (int p = 0; p < r; p++) {
                        // i^p · (2π f)^p / p!
                        switch (p & 3) {
                            case 0 -> kRe[p * n + k] = term;
                            case 1 -> kIm[p * n + k] = term;
                            case 2 -> kRe[p * n + k] = -term;
                            default -> kIm[p * n + k] = -term;
                        }
                        term = term * w / (p + 1);
                    }
                }
            } else {
                x = null;
                double nu = (double) n * u;
                for (int i = 0; i < m; i++) {
                    for (int k = 0; k < n; k++) {
                        double angle = 2 * Math.PI * ((double) ((long) signedFrequency(k, n) * (i - dftshift)) / nu);
                        kRe[i * n + k] = Math.cos(angle);
                        kIm[i * n + k] = Math.sin(angle);
                    }
                }
            }
            int pairs = (n - 1) / 2;
            ae = new double[r * (pairs + 1)];
            bo = new double[r * (pairs + 1)];
            hasEven = new boolean[r];
            hasOdd = new boolean[r];
            for (int p = 0; p < r; p++) {
                for (int j = 1; j <= pairs; j++) {
                    double e = 0.5 * (kRe[p * n + j] + kRe[p * n + n - j]);
                    double o = 0.5 * (kIm[p * n + j] - kIm[p * n + n - j]);
                    ae[p * (pairs + 1) + j] = e;
                    bo[p * (pairs + 1) + j] = o;
                    hasEven[p] |= e != 0;
                    hasOdd[p] |= o != 0;
                }
            }
        }

        /** Whether this basis is the one for these parameters. */
        boolean fits(int n, int m, int dftshift, int u) {
            return this.n == n && this.m == m && this.dftshift == dftshift && this.u == u;
        }
    }

    /** The centre-independent part. */
    final Basis basis;
    /** Frequencies on this axis. */
    final int n;
    /** Rank: rows of {@code K}. */
    final int r;
    /** {@code K[p,k]} at {@code p·n + k}, real parts. */
    final double[] kRe;
    /** {@code K[p,k]}, imaginary parts. */
    final double[] kIm;
    /** {@code X[i,p]} at {@code i·r + p} (m × r, real); null for the direct kernel (identity). */
    final double[] x;
    /** Demodulation {@code R[k] = exp(2πi f_k s)}, real parts. */
    final double[] rRe;
    /** Demodulation, imaginary parts. */
    final double[] rIm;

    AxisKernel(int n, int m, int dftshift, int u, long s) {
        this(new Basis(n, m, dftshift, u), s);
    }

    /** The kernel of {@code basis} around the integer centre {@code s}. */
    AxisKernel(Basis basis, long s) {
        this.basis = basis;
        this.n = basis.n;
        this.r = basis.r;
        this.kRe = basis.kRe;
        this.kIm = basis.kIm;
        this.x = basis.x;
        rRe = new double[n];
        rIm = new double[n];
        for (int k = 0; k < n; k++) {
            long phase = Math.floorMod((long) signedFrequency(k, n) * s, (long) n);
            double angle = 2 * Math.PI * phase / n;
            rRe[k] = Math.cos(angle);
            rIm[k] = Math.sin(angle);
        }
        if (n % 2 == 0) {
            // exp(-πi s) is exactly ±1 for integer s; keep it exact so the mirror kernel stays consistent
            rRe[n / 2] = (s & 1) == 0 ? 1 : -1;
            rIm[n / 2] = 0;
        }
    }

    /** The Taylor rank for {@code a = π·max|t|}: terms until {@code a^p/p!} is below the tolerance and falling. */
    static int taylorRank(double a) {
        double term = 1;
        int p = 0;
        while (term >= TAYLOR_TOLERANCE || a / (p + 1) > 0.5) {
            p++;
            term = term * a / p;
        }
        return Math.max(p, 1);
    }

    /** numpy {@code fftfreq(n)[k]·n}: k for k <= (n-1)/2, else k - n. */
    static int signedFrequency(int k, int n) {
        return k <= (n - 1) / 2 ? k : k - n;
    }

    /**
     * Applies the expansion {@code X} (m × r) along {@code axis} of {@code data} (shape {@code dims}, with
     * {@code dims[axis] = r}): the rank-r result becomes the values at the m points. The identity (direct
     * kernel) returns {@code data} itself.
     */
    ComplexArray expand(ComplexArray data, int[] dims, int axis, int m) {
        if (x == null) {
            return data;
        }
        double[] re = data.re();
        double[] im = data.im();
        int r = dims[axis];
        int outer = 1;
        for (int a = 0; a < axis; a++) {
            outer *= dims[a];
        }
        int inner = 1;
        for (int a = axis + 1; a < dims.length; a++) {
            inner *= dims[a];
        }
        double[] outRe = new double[outer * m * inner];
        double[] outIm = new double[outer * m * inner];
        if (inner == 1) {
            // last axis: dot products (the same sums, in the same order, as the general loop below)
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < m; i++) {
                    double sr = 0;
                    double si = 0;
                    for (int p = 0; p < r; p++) {
                        double w = x[i * r + p];
                        sr += w * re[o * r + p];
                        si += w * im[o * r + p];
                    }
                    outRe[o * m + i] = sr;
                    outIm[o * m + i] = si;
                }
            }
            return new ComplexArray(outRe, outIm);
        }
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < m; i++) {
                int ob = (o * m + i) * inner;
                for (int p = 0; p < r; p++) {
                    double w = x[i * r + p];
                    int ib = (o * r + p) * inner;
                    for (int c = 0; c < inner; c++) {
                        outRe[ob + c] += w * re[ib + c];
                        outIm[ob + c] += w * im[ib + c];
                    }
                }
            }
        }
        return new ComplexArray(outRe, outIm);
    }
}
