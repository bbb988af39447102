package org.xcorr.register;

import org.xcorr.array.NdArray;

/**
 * The largest upsampled-DFT grid that {@link PhaseCorrelation#register} evaluates.
 *
 * <p>Refinement by an upsample factor {@code u} evaluates the inverse DFT on {@code m^d} points, {@code m =
 * ceil(1.5u)}, in {@code d} dimensions, and holds them all (16 bytes each, plus a contraction of the same order):
 * {@code u = 10000} on a 2-D image is 2.25e8 points and 3.6 GB (time: {@code xcorr-bench/RESULTS.md}, "Numbers moved from the javadoc"). The grid is capped at
 * {@link #MAX_POINTS} points (about 67 MB of result): {@code u <= 1365} in 2-D, {@code u <= 107} in 3-D, and in
 * 1-D the options' own limit of 10⁶. Finer grids gain nothing measurable in practice: a registration of real
 * images is limited by noise and interpolation to hundredths of a pixel, and even for exact data the peak of
 * {@code |CC|} near its maximum is flat to second order, so a relative change of 2⁻⁵² in its value (the
 * rounding of the DFT sums) moves the located maximum by about {@code sqrt(2⁻⁵²) ≈ 1.5e-8} of the peak width —
 * so grid steps much below 1e-6 px are not resolved by doubles at all.
 */
final class UpsampleBound {

    /** Most points {@code m^d} of the upsampled grid. */
    static final long MAX_POINTS = 1L << 22;

    private UpsampleBound() {
    }

    /**
     * @throws IllegalArgumentException when {@code ceil(1.5u)^d} exceeds {@link #MAX_POINTS}, saying the
     *                                  largest factor allowed for this rank
     */
    static void check(int u, int[] shape) {
        if (u <= 1) {
            return;
        }
        int d = shape.length;
        long m = (3L * u + 1) / 2;
        long points = 1;
        for (int a = 0; a < d; a++) {
            points = Math.multiplyExact(points, m);
            if (points > MAX_POINTS) {
                throw new IllegalArgumentException("upsampleFactor " + u + " needs an upsampled grid of " + m
                        + " points per axis (" + m + "^" + d + " > " + MAX_POINTS + " points) for a " + d
                        + "-D image; the largest allowed in " + d + "-D is " + largest(d)
                        + "; finer steps gain nothing measurable on real images");
            }
        }
    }

    /**
     * Checks that every work array of {@link UpsampledDft#evaluate} for this shape fits one Java array: the
     * per-axis kernels ({@code r·n}, {@code m·r}, with {@code r} the axis' Taylor rank) and the partial
     * contractions ({@code r} points on the axes done, the input's lengths on the others) and expansions.
     *
     * @throws IllegalArgumentException "... is too large" naming the array, never an overflowed int
     */
    static void checkWork(int u, int m, int dftshift, int[] shape) {
        int d = shape.length;
        long[] r = new long[d];
        long[] n = new long[d];
        for (int a = 0; a < d; a++) {
            double tmax = Math.max(dftshift, m - 1 - dftshift) / (double) u;
            long rank = shape[a] == 1 ? 1 : AxisKernel.taylorRank(Math.PI * tmax);
            r[a] = Math.min(rank, m);
            n[a] = a == d - 1 ? shape[a] / 2 + 1 : shape[a];
            NdArray.checkedSize(r[a] * shape[a], "upsampled DFT kernel of axis " + a);
        }
        for (int a = 0; a <= d; a++) {
            // after contracting axes [0, a): their ranks times the other lengths; after expanding [0, a): m each
            double contracted = 1;
            double expanded = 1;
            for (int b = 0; b < d; b++) {
                contracted *= b < a ? r[b] : n[b];
                expanded *= b < a ? m : r[b];
            }
            NdArray.checkedSize((long) Math.min(contracted, Long.MAX_VALUE), "upsampled DFT work array");
            NdArray.checkedSize((long) Math.min(expanded, Long.MAX_VALUE), "upsampled DFT work array");
        }
    }

    /** The largest {@code u} whose grid fits for rank {@code d}. */
    static int largest(int d) {
        long lo = 1;
        long hi = 1_000_000;
        while (lo < hi) {
            long mid = (lo + hi + 1) / 2;
            long m = (3 * mid + 1) / 2;
            double points = Math.pow(m, d);
            if (points <= MAX_POINTS) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return (int) lo;
    }
}
