package org.xcorr.track;

import java.util.Arrays;
import java.util.Objects;
import org.xcorr.concurrent.Parallel;
import org.xcorr.ncc.NccOptions;
import org.xcorr.ncc.Padding;
import org.xcorr.peak.Peaks;
import org.xcorr.peak.Subpixel;

/**
 * Options of {@link Offsets#offset(org.xcorr.array.NdArray, org.xcorr.array.NdArray, OffsetOptions)}; validated
 * on construction. Start from {@link #defaults()} and change what you need with the {@code with...} methods.
 *
 * <p>The peak is searched among the {@link Placements} that overlap the image by at least {@code minOverlap} of
 * the template and lie within {@code maxShift}; the defaults search the whole {@code full}-mode surface (SPEC §6).
 *
 * @param subpixel        sub-pixel refinement of the peak (default {@link Subpixel#NONE}): three-point fit per
 *                        axis, see {@link org.xcorr.peak.SubpixelFit}; a neighbour outside the searched placements
 *                        is not used (no refinement on that axis), so a refined offset never leaves the search
 * @param padding         what the NCC sees where the template hangs outside the image (default
 *                        {@link Padding#ZERO}, MATLAB {@code normxcorr2})
 * @param threads         threads for the NCC surface (default {@link Parallel#defaultThreads()}); the result is
 *                        identical for every count
 * @param exclusionRadius half-width of the window around the peak left out of the peak-quality measures
 *                        (default {@value org.xcorr.peak.Peaks#DEFAULT_EXCLUSION_RADIUS}), see
 *                        {@link org.xcorr.peak.PeakQuality}
 * @param minOverlap      the least fraction of the template that must overlap the image for a placement to count,
 *                        in {@code [0, 1]} ({@code 1} = the template wholly inside, a {@code valid} search); or
 *                        NaN (the default) for the padding's own: {@value NccOptions#DEFAULT_MIN_OVERLAP} with
 *                        {@link Padding#OVERLAP} (as {@code ncc}), 0 with {@link Padding#ZERO} and
 *                        {@link Padding#MEAN} (every placement counts), see {@link #effectiveMinOverlap()}
 * @param maxShift        the largest {@code |offset|} searched, one value for every axis or one per axis, each
 *                        {@code >= 0}; {@code null} (the default) for no bound
 */
public record OffsetOptions(Subpixel subpixel, Padding padding, int threads, int exclusionRadius, double minOverlap,
        int[] maxShift) {

    /** Validates the options and copies {@code maxShift}. */
    public OffsetOptions {
        Objects.requireNonNull(subpixel, "subpixel");
        Objects.requireNonNull(padding, "padding");
        Parallel.checkThreads(threads);
        if (exclusionRadius < 0) {
            throw new IllegalArgumentException("exclusionRadius must be >= 0, got " + exclusionRadius);
        }
        if (!Double.isNaN(minOverlap) && !(minOverlap >= 0 && minOverlap <= 1)) {
            throw new IllegalArgumentException("minOverlap must be in [0, 1], got " + minOverlap);
        }
        if (maxShift != null) {
            if (maxShift.length < 1 || maxShift.length > 3) {
                throw new IllegalArgumentException("maxShift must have 1 to 3 values, got " + maxShift.length);
            }
            for (int m : maxShift) {
                if (m < 0) {
                    throw new IllegalArgumentException("maxShift must be >= 0, got " + Arrays.toString(maxShift));
                }
            }
            maxShift = maxShift.clone();
        }
    }

    /** The options of before {@code minOverlap} and {@code maxShift}: the padding's minimum overlap, no bound. */
    public OffsetOptions(Subpixel subpixel, Padding padding, int threads, int exclusionRadius) {
        this(subpixel, padding, threads, exclusionRadius, Double.NaN, null);
    }

    /** No sub-pixel refinement, zero padding, all cores, exclusion radius 5, the whole surface searched. */
    public static OffsetOptions defaults() {
        return new OffsetOptions(Subpixel.NONE, Padding.ZERO, Parallel.defaultThreads(), Peaks.DEFAULT_EXCLUSION_RADIUS);
    }

    /** The shift bound (a copy), or {@code null}. */
    @Override
    public int[] maxShift() {
        return maxShift == null ? null : maxShift.clone();
    }

    /**
     * The minimum overlap in force: {@code minOverlap}, or when it is NaN the padding's own
     * ({@value NccOptions#DEFAULT_MIN_OVERLAP} for {@link Padding#OVERLAP}, else 0).
     */
    public double effectiveMinOverlap() {
        if (!Double.isNaN(minOverlap)) {
            return minOverlap;
        }
        return padding == Padding.OVERLAP ? NccOptions.DEFAULT_MIN_OVERLAP : 0;
    }

    /** These options with another sub-pixel method. */
    public OffsetOptions withSubpixel(Subpixel method) {
        return new OffsetOptions(method, padding, threads, exclusionRadius, minOverlap, maxShift);
    }

    /** These options with another padding. */
    public OffsetOptions withPadding(Padding p) {
        return new OffsetOptions(subpixel, p, threads, exclusionRadius, minOverlap, maxShift);
    }

    /** These options with another thread count. */
    public OffsetOptions withThreads(int n) {
        return new OffsetOptions(subpixel, padding, n, exclusionRadius, minOverlap, maxShift);
    }

    /** These options with another exclusion radius for the peak-quality measures. */
    public OffsetOptions withExclusionRadius(int radius) {
        return new OffsetOptions(subpixel, padding, threads, radius, minOverlap, maxShift);
    }

    /** These options with another minimum overlap fraction (NaN: the padding's own). */
    public OffsetOptions withMinOverlap(double fraction) {
        return new OffsetOptions(subpixel, padding, threads, exclusionRadius, fraction, maxShift);
    }

    /** These options with a shift bound: one value for every axis, or one per axis; {@code null} for none. */
    public OffsetOptions withMaxShift(int... bound) {
        return new OffsetOptions(subpixel, padding, threads, exclusionRadius, minOverlap, bound);
    }

    /**
     * The placements searched for a template of shape {@code templateShape} in an image of shape
     * {@code imageShape}.
     *
     * @throws IllegalArgumentException if {@code maxShift} has neither one value nor one per axis
     */
    public Placements placements(int[] templateShape, int[] imageShape) {
        int[] bound = null;
        if (maxShift != null) {
            if (maxShift.length == 1) {
                bound = new int[templateShape.length];
                Arrays.fill(bound, maxShift[0]);
            } else if (maxShift.length == templateShape.length) {
                bound = maxShift;
            } else {
                throw new IllegalArgumentException("maxShift " + Arrays.toString(maxShift) + " has " + maxShift.length
                        + " values but the arrays have " + templateShape.length + " axes; give one value or one per"
                        + " axis");
            }
        }
        return new Placements(templateShape, imageShape, effectiveMinOverlap(), bound);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OffsetOptions p && p.subpixel == subpixel && p.padding == padding && p.threads == threads
                && p.exclusionRadius == exclusionRadius && Double.compare(p.minOverlap, minOverlap) == 0
                && Arrays.equals(p.maxShift, maxShift);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subpixel, padding, threads, exclusionRadius, minOverlap) * 31 + Arrays.hashCode(maxShift);
    }

    @Override
    public String toString() {
        return "OffsetOptions[subpixel=" + subpixel + ", padding=" + padding + ", threads=" + threads
                + ", exclusionRadius=" + exclusionRadius + ", minOverlap=" + minOverlap + ", maxShift="
                + Arrays.toString(maxShift) + "]";
    }
}
