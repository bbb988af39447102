package org.xcorr.peak;

import java.util.Arrays;
import java.util.Objects;

/**
 * Options of {@link Peaks#find(org.xcorr.array.NdArray, PeakOptions)}; validated on construction. Start from
 * {@link #defaults()} and change what you need with the {@code with...} methods.
 *
 * @param count       the most peaks returned, {@code >= 1} (default 1: the best peak only)
 * @param minDistance the suppression radius per axis, each {@code >= 0}: once a peak is accepted, every other
 *                    candidate {@code q} with {@code |q[a] - p[a]| <= minDistance[a]} on every axis {@code a}
 *                    (a box, Chebyshev distance when the radii are equal) is suppressed, so accepted peaks are
 *                    more than {@code minDistance} apart on at least one axis. One entry applies to every axis;
 *                    otherwise one entry per axis of the map. Default {@code {1}}: every local extremum
 *                    except the neighbours on a plateau.
 * @param threshold   the worst value a peak may have: peaks need {@code value >= threshold} for
 *                    {@link Extremum#MAXIMUM}, {@code value <= threshold} for {@link Extremum#MINIMUM}. Default
 *                    {@code -∞} (no bound); {@code +∞} is the "no bound" of minima, see {@link #withExtremum}.
 *                    Never NaN.
 * @param subpixel    the three-point fit that refines each peak's position (default {@link Subpixel#NONE})
 * @param extremum    whether the best values are the highest or the lowest (default {@link Extremum#MAXIMUM})
 */
public record PeakOptions(int count, int[] minDistance, double threshold, Subpixel subpixel, Extremum extremum) {

    /** Validates and copies the options. */
    public PeakOptions {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        Objects.requireNonNull(minDistance, "minDistance");
        if (minDistance.length == 0) {
            throw new IllegalArgumentException("minDistance needs at least one entry");
        }
        for (int d : minDistance) {
            if (d < 0) {
                throw new IllegalArgumentException("minDistance must be >= 0 on every axis, got " + Arrays.toString(minDistance));
            }
        }
        minDistance = minDistance.clone();
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must be a number, got NaN");
        }
        Objects.requireNonNull(subpixel, "subpixel");
        Objects.requireNonNull(extremum, "extremum");
    }

    /** One peak, minimum distance 1, no threshold, no sub-pixel refinement, maxima. */
    public static PeakOptions defaults() {
        return new PeakOptions(1, new int[] {1}, Double.NEGATIVE_INFINITY, Subpixel.NONE, Extremum.MAXIMUM);
    }

    /** The suppression radii (a copy). */
    @Override
    public int[] minDistance() {
        return minDistance.clone();
    }

    /** The suppression radius on {@code axis} of a map with {@code rank} axes. */
    public int minDistance(int axis, int rank) {
        if (minDistance.length != 1 && minDistance.length != rank) {
            throw new IllegalArgumentException("minDistance " + Arrays.toString(minDistance) + " has "
                    + minDistance.length + " entries but the map has " + rank + " axes");
        }
        return minDistance.length == 1 ? minDistance[0] : minDistance[axis];
    }

    /** These options with at most {@code n} peaks. */
    public PeakOptions withCount(int n) {
        return new PeakOptions(n, minDistance, threshold, subpixel, extremum);
    }

    /** These options with suppression radius {@code d} on every axis, or one radius per axis. */
    public PeakOptions withMinDistance(int... d) {
        return new PeakOptions(count, d, threshold, subpixel, extremum);
    }

    /** These options with threshold {@code t}. */
    public PeakOptions withThreshold(double t) {
        return new PeakOptions(count, minDistance, t, subpixel, extremum);
    }

    /** These options with sub-pixel fit {@code s}. */
    public PeakOptions withSubpixel(Subpixel s) {
        return new PeakOptions(count, minDistance, threshold, s, extremum);
    }

    /**
     * These options looking for {@code e}. A threshold still at the other kind's "no bound" ({@code -∞} for
     * maxima, {@code +∞} for minima) becomes this kind's, so switching kinds never leaves a bound that rejects
     * everything.
     */
    public PeakOptions withExtremum(Extremum e) {
        double t = threshold;
        if (e == Extremum.MINIMUM && t == Double.NEGATIVE_INFINITY) {
            t = Double.POSITIVE_INFINITY;
        } else if (e == Extremum.MAXIMUM && t == Double.POSITIVE_INFINITY) {
            t = Double.NEGATIVE_INFINITY;
        }
        return new PeakOptions(count, minDistance, t, subpixel, e);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeakOptions p && count == p.count && Arrays.equals(minDistance, p.minDistance)
                && Double.compare(threshold, p.threshold) == 0 && subpixel == p.subpixel && extremum == p.extremum;
    }

    @Override
    public int hashCode() {
        return Objects.hash(count, Arrays.hashCode(minDistance), threshold, subpixel, extremum);
    }

    @Override
    public String toString() {
        return "PeakOptions[count=" + count + ", minDistance=" + Arrays.toString(minDistance) + ", threshold="
                + threshold + ", subpixel=" + subpixel + ", extremum=" + extremum + "]";
    }
}
