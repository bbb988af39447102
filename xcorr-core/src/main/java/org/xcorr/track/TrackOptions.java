package org.xcorr.track;

import java.util.Arrays;
import java.util.Objects;

/**
 * Options of {@link Tracker#track}; validated on construction. Start from {@link #defaults()}.
 *
 * <p>A radius is given per axis in axis order, or as a single value for every axis; it must be {@code >= 0}.
 * Radius {@code r} selects {@code 2r + 1} pixels centred on the centre, clipped to the array.
 *
 * @param templateRadius half-size of the template patch (default 50)
 * @param imageRadius    half-size of the search region (default 200); must exceed {@code templateRadius} on
 *                       every axis (checked by {@link Tracker#track} once the rank is known)
 * @param trim           hook that trims the template patch before matching (default {@link TemplateTrim#NONE})
 * @param offsetOptions  how the template is found in the region (default {@link OffsetOptions#defaults()}); a
 *                       {@code maxShift} there bounds the template's offset from the region's first pixel, so
 *                       bound the search with {@code imageRadius} instead
 * @param search         which placements count (default {@link Search#VALID}: the template wholly inside the
 *                       region, so the point found is within {@code imageRadius}); {@link Search#FULL} searches the
 *                       placements {@code offsetOptions} lets count, partial ones included
 */
public record TrackOptions(int[] templateRadius, int[] imageRadius, TemplateTrim trim, OffsetOptions offsetOptions,
        Search search) {

    /** Default template radius. */
    public static final int DEFAULT_TEMPLATE_RADIUS = 50;
    /** Default search-region radius. */
    public static final int DEFAULT_IMAGE_RADIUS = 200;

    /** Validates and copies the options. */
    public TrackOptions {
        templateRadius = checkRadius(templateRadius, "templateRadius");
        imageRadius = checkRadius(imageRadius, "imageRadius");
        Objects.requireNonNull(trim, "trim");
        Objects.requireNonNull(offsetOptions, "offsetOptions");
        Objects.requireNonNull(search, "search");
    }

    /** Options with the default {@link Search#VALID} search. */
    public TrackOptions(int[] templateRadius, int[] imageRadius, TemplateTrim trim, OffsetOptions offsetOptions) {
        this(templateRadius, imageRadius, trim, offsetOptions, Search.VALID);
    }

    /** Radii 50 and 200, no trim, default offset options, a {@link Search#VALID} search. */
    public static TrackOptions defaults() {
        return new TrackOptions(new int[] {DEFAULT_TEMPLATE_RADIUS}, new int[] {DEFAULT_IMAGE_RADIUS},
                TemplateTrim.NONE, OffsetOptions.defaults(), Search.VALID);
    }

    /** The template radius (a copy). */
    @Override
    public int[] templateRadius() {
        return templateRadius.clone();
    }

    /** The search-region radius (a copy). */
    @Override
    public int[] imageRadius() {
        return imageRadius.clone();
    }

    /** These options with another template radius: one value for every axis, or one per axis. */
    public TrackOptions withTemplateRadius(int... radius) {
        return new TrackOptions(radius, imageRadius, trim, offsetOptions, search);
    }

    /** These options with another search-region radius: one value for every axis, or one per axis. */
    public TrackOptions withImageRadius(int... radius) {
        return new TrackOptions(templateRadius, radius, trim, offsetOptions, search);
    }

    /** These options with a template trim hook. */
    public TrackOptions withTrim(TemplateTrim hook) {
        return new TrackOptions(templateRadius, imageRadius, hook, offsetOptions, search);
    }

    /** These options with other offset options (sub-pixel method, threads, padding, minimum overlap). */
    public TrackOptions withOffsetOptions(OffsetOptions options) {
        return new TrackOptions(templateRadius, imageRadius, trim, options, search);
    }

    /** These options with another search: {@link Search#VALID} or {@link Search#FULL}. */
    public TrackOptions withSearch(Search s) {
        return new TrackOptions(templateRadius, imageRadius, trim, offsetOptions, s);
    }

    /**
     * The offset options the match runs with: {@code offsetOptions}, with the minimum overlap 1 for a
     * {@link Search#VALID} search.
     */
    public OffsetOptions matchOptions() {
        return search == Search.VALID ? offsetOptions.withMinOverlap(1) : offsetOptions;
    }

    /** These options with another thread count. */
    public TrackOptions withThreads(int threads) {
        return withOffsetOptions(offsetOptions.withThreads(threads));
    }

    /** The radius on every axis of a {@code rank}-axis array. */
    int[] templateRadius(int rank) {
        return expand(templateRadius, rank, "templateRadius");
    }

    /** The search radius on every axis of a {@code rank}-axis array. */
    int[] imageRadius(int rank) {
        return expand(imageRadius, rank, "imageRadius");
    }

    private static int[] expand(int[] r, int rank, String name) {
        if (r.length == 1) {
            int[] out = new int[rank];
            Arrays.fill(out, r[0]);
            return out;
        }
        if (r.length != rank) {
            throw new IllegalArgumentException(name + " " + Arrays.toString(r) + " has " + r.length
                    + " values but the arrays have " + rank + " axes; give one value or one per axis");
        }
        return r.clone();
    }

    private static int[] checkRadius(int[] r, String name) {
        Objects.requireNonNull(r, name);
        if (r.length < 1 || r.length > 3) {
            throw new IllegalArgumentException(name + " must have 1 to 3 values, got " + r.length);
        }
        for (int v : r) {
            if (v < 0) {
                throw new IllegalArgumentException(name + " must be >= 0, got " + Arrays.toString(r));
            }
        }
        return r.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackOptions t && Arrays.equals(t.templateRadius, templateRadius)
                && Arrays.equals(t.imageRadius, imageRadius) && t.trim.equals(trim)
                && t.offsetOptions.equals(offsetOptions) && t.search == search;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(templateRadius) * 31 + Arrays.hashCode(imageRadius) * 17 + offsetOptions.hashCode();
    }

    @Override
    public String toString() {
        return "TrackOptions[templateRadius=" + Arrays.toString(templateRadius) + ", imageRadius="
                + Arrays.toString(imageRadius) + ", trim=" + trim + ", offsetOptions=" + offsetOptions + ", search=" + search
                + "]";
    }
}
