package org.xcorr.register;

/**
 * The search bound of {@link RegistrationOptions#maxShift()}: which lags of a circular correlation surface,
 * and which points of the upsampled grid, a registration may report.
 *
 * <p>Lag {@code j} of an axis of length {@code n} stands for the shift {@code j} when {@code j <= floor(n/2)}
 * and {@code j - n} otherwise (the wrap of the unmasked search); it is allowed when {@code |shift| <= bound}.
 * The upsampled refinement then keeps only grid points within the bound, so the reported shift never exceeds
 * it (its integer centre is within it, so there is always one).
 */
final class LagBounds {

    private LagBounds() {
    }

    /** Checks one finite non-negative bound per axis. */
    static void check(double[] maxShift, int rank) {
        if (maxShift.length != rank) {
            throw new IllegalArgumentException("maxShift has " + maxShift.length + " values but the images have "
                    + rank + " axes; give one bound per axis");
        }
    }

    /**
     * First index of the largest |v| in row-major order among the lags allowed by {@code maxShift}
     * (the circular lags of {@code shape}); the same rule as the unbounded search, restricted.
     */
    static int argmaxAbsWithin(double[] v, int[] shape, double[] maxShift) {
        int d = shape.length;
        boolean[][] allowed = new boolean[d][];
        for (int a = 0; a < d; a++) {
            int n = shape[a];
            allowed[a] = new boolean[n];
            for (int j = 0; j < n; j++) {
                int s = j > n / 2 ? j - n : j;
                allowed[a][j] = Math.abs(s) <= maxShift[a];
            }
        }
        int best = -1;
        double bestValue = -1;
        int[] idx = new int[d];
        for (int flat = 0; flat < v.length; flat++) {
            boolean ok = true;
            for (int a = 0; a < d && ok; a++) {
                ok = allowed[a][idx[a]];
            }
            if (ok) {
                double x = Math.abs(v[flat]);
                if (x > bestValue) {
                    bestValue = x;
                    best = flat;
                }
            }
            for (int a = d - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return best;
    }

    /**
     * Whether upsampled grid point {@code i} (row-major over {@code m^d} points around {@code integerShift})
     * lies within the bound on every axis.
     */
    static boolean gridPointWithin(int i, int d, int m, int dftshift, int u, long[] integerShift,
            double[] maxShift) {
        int rem = i;
        for (int a = d - 1; a >= 0; a--) {
            int k = rem % m;
            rem /= m;
            double s = integerShift[a] + (k - dftshift) / (double) u;
            if (Math.abs(s) > maxShift[a]) {
                return false;
            }
        }
        return true;
    }
}
