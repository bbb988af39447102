package org.xcorr.peak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.xcorr.array.NdArray;

/**
 * Peak finding on sampled surfaces (correlation maps, NCC maps, phase-correlation surfaces): the highest
 * sample, measures of how unique it is, and the many peaks of a map that holds many instances of a template
 * ({@link #find(NdArray, PeakOptions)}, non-maximum suppression). Works on real 1-D, 2-D and 3-D arrays; indices
 * are per axis in axis order.
 *
 * <p>References: D. S. Bolme, J. R. Beveridge, B. A. Draper, Y. M. Lui, "Visual object tracking using adaptive
 * correlation filters", CVPR 2010, doi:10.1109/CVPR.2010.5539960 (peak-to-sidelobe ratio with an 11x11
 * excluded window).
 *
 * <p><b>Size.</b> Three public operations ({@code argmax}, {@code quality}, {@code find}) over the same
 * conventions (extremum test, exclusion window, stable order); each is short, and splitting them would spread
 * those shared helpers over several classes.
 */
public final class Peaks {

    /**
     * Default exclusion radius (Chebyshev, per axis): an 11-sample window per axis around the peak, as in
     * Bolme et al. 2010. It covers the main lobe of an NCC peak for textured images.
     */
    public static final int DEFAULT_EXCLUSION_RADIUS = 5;

    private Peaks() {
    }

    /**
     * The index of the largest value, the <em>first</em> in row-major (C) order when several are equal,
     * which is what NumPy's {@code unravel_index(argmax(a), a.shape)} and MATLAB's {@code max} return.
     * NaN samples are skipped.
     *
     * @param surface a real array
     * @return the index, one entry per axis
     * @throws IllegalArgumentException if {@code surface} is complex or holds only NaN
     */
    public static int[] argmax(NdArray surface) {
        requireReal(surface);
        double[] v = surface.backingReal();
        int best = -1;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            // strict '>' keeps the first of equal maxima; NaN compares false and is skipped
            if (v[i] > bestValue || (best < 0 && v[i] == bestValue)) {
                best = i;
                bestValue = v[i];
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("surface " + surface.shapeString() + " holds only NaN; it has no peak");
        }
        return surface.unravel(best);
    }

    /**
     * Peak quality with the default exclusion radius {@value #DEFAULT_EXCLUSION_RADIUS}.
     *
     * @see #quality(NdArray, int[], int)
     */
    public static PeakQuality quality(NdArray surface, int[] peak) {
        return quality(surface, peak, DEFAULT_EXCLUSION_RADIUS);
    }

    /**
     * The peak-to-sidelobe ratio and the second-peak ratio of the peak at {@code peak}; see
     * {@link PeakQuality} for the definitions. The exclusion window is every index {@code i} with
     * {@code |i[a] - peak[a]| <= exclusionRadius} on every axis {@code a}. Costs one pass over the surface
     * for the statistics and one for the separated peak. NaN samples make the PSR NaN and are never a
     * separated peak.
     *
     * @param surface         a real array
     * @param peak            the peak index, normally {@link #argmax(NdArray)}
     * @param exclusionRadius the half-width of the exclusion window, {@code >= 0}
     * @throws IllegalArgumentException if {@code surface} is complex, {@code peak} has the wrong length or lies
     *                                  outside, or {@code exclusionRadius < 0}
     */
    public static PeakQuality quality(NdArray surface, int[] peak, int exclusionRadius) {
        requireReal(surface);
        Objects.requireNonNull(peak, "peak");
        if (exclusionRadius < 0) {
            throw new IllegalArgumentException("exclusionRadius must be >= 0, got " + exclusionRadius);
        }
        int peakFlat;
        try {
            peakFlat = surface.flatIndex(peak);
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("peak " + java.util.Arrays.toString(peak) + " lies outside the surface "
                    + surface.shapeString());
        }
        Box box = new Box(surface.shape(), peak, exclusionRadius);
        double[] v = surface.backingReal();
        double peakValue = v[peakFlat];

        // two passes (mean, then squared deviations) so the PSR does not suffer from cancellation
        double[] acc = new double[2];
        box.forEachSidelobeSegment((from, to) -> {
            double s = 0;
            for (int i = from; i < to; i++) {
                s += v[i];
            }
            acc[0] += s;
            acc[1] += to - from;
        });
        double count = acc[1];
        double psr = Double.NaN;
        if (count > 0) {
            double mean = acc[0] / count;
            double[] ss = new double[1];
            box.forEachSidelobeSegment((from, to) -> {
                double s = 0;
                for (int i = from; i < to; i++) {
                    double d = v[i] - mean;
                    s += d * d;
                }
                ss[0] += s;
            });
            double std = Math.sqrt(ss[0] / count);
            psr = std > 0 ? (peakValue - mean) / std : Double.NaN;
        }

        int second = separatedPeak(box, v);
        double ratio = second >= 0 && peakValue > 0 ? v[second] / peakValue : Double.NaN;
        return new PeakQuality(psr, ratio, second >= 0 ? surface.unravel(second) : null, exclusionRadius);
    }

    /**
     * The best {@code count} peaks of {@code map} that are more than {@code minDistance} apart, at least
     * {@code threshold}, each refined by a parabolic three-point fit: shorthand for
     * {@link #find(NdArray, PeakOptions)} with {@link Subpixel#PARABOLIC} and {@link Extremum#MAXIMUM}.
     *
     * @param map         a real array
     * @param count       the most peaks returned, {@code >= 1}
     * @param minDistance the suppression radius on every axis, {@code >= 0}
     * @param threshold   the lowest value a peak may have ({@code Double.NEGATIVE_INFINITY} for no bound)
     * @return the peaks, best first
     */
    public static List<Peak> find(NdArray map, int count, int minDistance, double threshold) {
        return find(map, PeakOptions.defaults().withCount(count).withMinDistance(minDistance).withThreshold(threshold)
                .withSubpixel(Subpixel.PARABOLIC));
    }

    /**
     * Many peaks by non-maximum suppression: every instance of a template in a matching map, every cell of a field.
     *
     * <ol>
     *   <li><em>Candidates</em> are the local extrema: samples not NaN, no worse than the threshold, and no worse
     *       than any of their up to {@code 3^d - 1} neighbours (Chebyshev distance 1, clipped at the border; NaN
     *       neighbours are ignored). For {@link Extremum#MAXIMUM} "worse" means lower, for
     *       {@link Extremum#MINIMUM} higher. Every sample of a plateau is a candidate.</li>
     *   <li>They are ranked best first (highest value, or lowest for minima); equal values in row-major (C)
     *       order of their index, so the result is deterministic, and without a threshold the first peak of
     *       maxima is {@link #argmax}.</li>
     *   <li>Greedy suppression: walking down the ranking, a candidate is accepted unless an accepted peak
     *       {@code p} lies within its box, {@code |q[a] - p[a]| <= minDistance[a]} on every axis; it stops after
     *       {@code count} peaks.</li>
     *   <li>Each accepted peak's position is refined by {@link SubpixelFit#refine} with the options' fit (the
     *       vertex of the parabola through three samples is the same formula for maxima and minima).</li>
     * </ol>
     * This is what scikit-image's {@code peak_local_max(exclude_border=False, p_norm=inf)} and the Multi-Template
     * Matching plugin of Fiji (L. S. V. Thomas, J. Gehrig, "Multi-template matching: a versatile tool for
     * object-localization in microscopy images", BMC Bioinformatics 21, 44, 2020, doi:10.1186/s12859-020-3363-7)
     * do up to their overlap criterion. Costs one pass of {@code 3^d} comparisons per sample that passes the
     * threshold, a sort of the candidates and, per candidate, a look at the accepted peaks in the {@code 3^d}
     * neighbouring cells of a grid with cells of {@code minDistance + 1} samples.
     *
     * @param map     a real array (1-D to 3-D)
     * @param options count, suppression radius, threshold, sub-pixel fit and which extremum
     * @return at most {@code options.count()} peaks, best first; empty when no sample passes the threshold or the
     *         map holds only NaN
     * @throws IllegalArgumentException if {@code map} is complex or {@code options.minDistance()} has neither one
     *                                  entry nor one per axis
     */
    public static List<Peak> find(NdArray map, PeakOptions options) {
        requireReal(map);
        Objects.requireNonNull(options, "options");
        int rank = map.rank();
        int pad = 3 - rank;
        int[] n = {1, 1, 1};
        int[] radius = new int[3];
        for (int a = 0; a < rank; a++) {
            n[a + pad] = map.shape(a);
            radius[a + pad] = options.minDistance(a, rank);
        }
        double sign = options.extremum() == Extremum.MAXIMUM ? 1 : -1;
        double bound = sign * options.threshold();
        double[] v = map.backingReal();
        int[] order = localExtrema(v, n, sign, bound);
        // best first; equal values keep row-major order (candidates arrive in it and the sort is stable)
        double[] key = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            key[i] = -sign * v[order[i]];
        }
        sortStable(key, order);

        long[] cell = new long[3];
        for (int a = 0; a < 3; a++) {
            cell[a] = radius[a] + 1L;
        }
        long[] cells = {(n[0] + cell[0] - 1) / cell[0], (n[1] + cell[1] - 1) / cell[1], (n[2] + cell[2] - 1) / cell[2]};
        Map<Long, List<int[]>> grid = new HashMap<>();
        List<Peak> peaks = new ArrayList<>();
        for (int k = 0; k < order.length && peaks.size() < options.count(); k++) {
            int flat = order[k];
            int[] q = {flat / (n[1] * n[2]), (flat / n[2]) % n[1], flat % n[2]};
            long[] c = {q[0] / cell[0], q[1] / cell[1], q[2] / cell[2]};
            if (suppressed(grid, q, c, cells, radius)) {
                continue;
            }
            grid.computeIfAbsent((c[0] * cells[1] + c[1]) * cells[2] + c[2], unused -> new ArrayList<>(1)).add(q);
            int[] index = map.unravel(flat);
            peaks.add(new Peak(index, SubpixelFit.refine(map, index, options.subpixel()), v[flat]));
        }
        return peaks;
    }

    /**
     * Sorts {@code key} ascending and permutes {@code values} alike, keeping the order of equal keys (a bottom-up
     * merge sort on primitives: a boxed comparator sort of a million candidates costs about a second). Keys are
     * never NaN.
     */
    private static void sortStable(double[] key, int[] values) {
        int n = key.length;
        double[] k2 = new double[n];
        int[] v2 = new int[n];
        double[] srcK = key;
        int[] srcV = values;
        double[] dstK = k2;
        int[] dstV = v2;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                for (int o = lo; o < hi; o++) {
                    // '<=' from the left run first: equal keys keep their order
                    if (i < mid && (j >= hi || srcK[i] <= srcK[j])) {
                        dstK[o] = srcK[i];
                        dstV[o] = srcV[i++];
                    } else {
                        dstK[o] = srcK[j];
                        dstV[o] = srcV[j++];
                    }
                }
            }
            double[] tk = srcK;
            srcK = dstK;
            dstK = tk;
            int[] tv = srcV;
            srcV = dstV;
            dstV = tv;
        }
        if (srcV != values) {
            System.arraycopy(srcV, 0, values, 0, n);
            System.arraycopy(srcK, 0, key, 0, n);
        }
    }

    /**
     * Flat indices, in row-major order, of the samples with {@code sign·v >= bound} that are not NaN and no worse
     * than any non-NaN neighbour; {@code n} is the shape widened to 3-D.
     */
    private static int[] localExtrema(double[] v, int[] n, double sign, double bound) {
        int[] out = new int[16];
        int size = 0;
        for (int i0 = 0; i0 < n[0]; i0++) {
            for (int i1 = 0; i1 < n[1]; i1++) {
                int row = (i0 * n[1] + i1) * n[2];
                for (int i2 = 0; i2 < n[2]; i2++) {
                    double x = sign * v[row + i2];
                    // '!(x >= bound)' also skips NaN
                    if (!(x >= bound) || !isExtremum(v, n, i0, i1, i2, sign, x)) {
                        continue;
                    }
                    if (size == out.length) {
                        out = Arrays.copyOf(out, 2 * size);
                    }
                    out[size++] = row + i2;
                }
            }
        }
        return Arrays.copyOf(out, size);
    }

    private static boolean isExtremum(double[] v, int[] n, int i0, int i1, int i2, double sign, double x) {
        for (int j0 = Math.max(0, i0 - 1); j0 <= Math.min(n[0] - 1, i0 + 1); j0++) {
            for (int j1 = Math.max(0, i1 - 1); j1 <= Math.min(n[1] - 1, i1 + 1); j1++) {
                int row = (j0 * n[1] + j1) * n[2];
                for (int j2 = Math.max(0, i2 - 1); j2 <= Math.min(n[2] - 1, i2 + 1); j2++) {
                    // a NaN neighbour compares false and is ignored
                    if (sign * v[row + j2] > x) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Whether an accepted peak in a cell next to {@code c} (or in it) lies within the box of radii around q. */
    private static boolean suppressed(Map<Long, List<int[]>> grid, int[] q, long[] c, long[] cells, int[] radius) {
        if (grid.isEmpty()) {
            return false;
        }
        for (long c0 = Math.max(0, c[0] - 1); c0 <= Math.min(cells[0] - 1, c[0] + 1); c0++) {
            for (long c1 = Math.max(0, c[1] - 1); c1 <= Math.min(cells[1] - 1, c[1] + 1); c1++) {
                for (long c2 = Math.max(0, c[2] - 1); c2 <= Math.min(cells[2] - 1, c[2] + 1); c2++) {
                    List<int[]> here = grid.get((c0 * cells[1] + c1) * cells[2] + c2);
                    if (here == null) {
                        continue;
                    }
                    for (int[] p : here) {
                        if (Math.abs(p[0] - q[0]) <= radius[0] && Math.abs(p[1] - q[1]) <= radius[1]
                                && Math.abs(p[2] - q[2]) <= radius[2]) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** Flat index of the highest local maximum outside the window (first among equals), or -1. */
    private static int separatedPeak(Box box, double[] v) {
        int[] best = {-1};
        double[] bestValue = {Double.NEGATIVE_INFINITY};
        box.forEachSidelobeSegment((from, to) -> {
            for (int i = from; i < to; i++) {
                // cheap value test first: the neighbourhood check runs only for a new record
                if (v[i] > bestValue[0] && box.isLocalMax(v, i)) {
                    best[0] = i;
                    bestValue[0] = v[i];
                }
            }
        });
        return best[0];
    }

    private static void requireReal(NdArray surface) {
        Objects.requireNonNull(surface, "surface");
        if (surface.isComplex()) {
            throw new IllegalArgumentException("surface must be real, got a complex " + surface.shapeString()
                    + " array; pass its magnitude or real part");
        }
    }

    /** A surface seen as 3-D (leading axes of length 1) with the exclusion box around the peak. */
    private static final class Box {
        final int n0;
        final int n1;
        final int n2;
        final int[] lo = new int[3];
        final int[] hi = new int[3];

        Box(int[] shape, int[] peak, int radius) {
            int pad = 3 - shape.length;
            int[] n = {1, 1, 1};
            int[] p = new int[3];
            for (int a = 0; a < shape.length; a++) {
                n[a + pad] = shape[a];
                p[a + pad] = peak[a];
            }
            n0 = n[0];
            n1 = n[1];
            n2 = n[2];
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.max(0, p[a] - radius);
                hi[a] = Math.min(n[a] - 1, p[a] + radius);
            }
        }

        interface Segment {
            void accept(int from, int to);
        }

        /** Visits the sidelobe region as contiguous flat ranges [from, to), in row-major order. */
        void forEachSidelobeSegment(Segment body) {
            for (int i0 = 0; i0 < n0; i0++) {
                boolean in0 = i0 >= lo[0] && i0 <= hi[0];
                for (int i1 = 0; i1 < n1; i1++) {
                    int row = (i0 * n1 + i1) * n2;
                    if (in0 && i1 >= lo[1] && i1 <= hi[1]) {
                        if (lo[2] > 0) {
                            body.accept(row, row + lo[2]);
                        }
                        if (hi[2] + 1 < n2) {
                            body.accept(row + hi[2] + 1, row + n2);
                        }
                    } else {
                        body.accept(row, row + n2);
                    }
                }
            }
        }

        /** Whether v[flat] is not smaller than any neighbour within Chebyshev distance 1 (clipped). */
        boolean isLocalMax(double[] v, int flat) {
            int i2 = flat % n2;
            int i1 = (flat / n2) % n1;
            int i0 = flat / (n2 * n1);
            double x = v[flat];
            for (int j0 = Math.max(0, i0 - 1); j0 <= Math.min(n0 - 1, i0 + 1); j0++) {
                for (int j1 = Math.max(0, i1 - 1); j1 <= Math.min(n1 - 1, i1 + 1); j1++) {
                    int row = (j0 * n1 + j1) * n2;
                    for (int j2 = Math.max(0, i2 - 1); j2 <= Math.min(n2 - 1, i2 + 1); j2++) {
                        if (!(v[row + j2] <= x)) {
                            if (Double.isNaN(v[row + j2])) {
                                continue;
                            }
                            return false;
                        }
                    }
                }
            }
            return true;
        }
    }
}
