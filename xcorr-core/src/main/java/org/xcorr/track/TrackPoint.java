package org.xcorr.track;

import java.util.Arrays;
import java.util.Objects;

/**
 * A point to track: a label, its position in the template image (or the first frame of a stack), and optionally
 * its own template radius.
 *
 * @param id             the point's label, copied to every result row (any text; need not be unique to the
 *                       library, though a points file with repeated ids is rejected by the command line)
 * @param position       the point, one index per axis in axis order ({@code [y, x]} in 2-D)
 * @param templateRadius this point's template half-size, one value for every axis or one per axis, each
 *                       {@code >= 0}; {@code null} to use {@link TrackOptions#templateRadius()}
 */
public record TrackPoint(String id, int[] position, int[] templateRadius) {

    /** Validates and copies. */
    public TrackPoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(position, "position");
        if (position.length < 1 || position.length > 3) {
            throw new IllegalArgumentException("point " + id + ": position must have 1 to 3 values, got "
                    + position.length);
        }
        position = position.clone();
        if (templateRadius != null) {
            if (templateRadius.length < 1 || templateRadius.length > 3) {
                throw new IllegalArgumentException("point " + id + ": templateRadius must have 1 to 3 values, got "
                        + templateRadius.length);
            }
            for (int r : templateRadius) {
                if (r < 0) {
                    throw new IllegalArgumentException("point " + id + ": templateRadius must be >= 0, got "
                            + Arrays.toString(templateRadius));
                }
            }
            templateRadius = templateRadius.clone();
        }
    }

    /** A 2-D point {@code (y, x)} with the options' template radius. */
    public static TrackPoint of(String id, int y, int x) {
        return new TrackPoint(id, new int[] {y, x}, null);
    }

    /** A 2-D point {@code (y, x)} with its own template radius {@code radius} on both axes. */
    public static TrackPoint of(String id, int y, int x, int radius) {
        return new TrackPoint(id, new int[] {y, x}, new int[] {radius});
    }

    /** The position (a copy). */
    @Override
    public int[] position() {
        return position.clone();
    }

    /** The point's own template radius (a copy), or {@code null} when it uses the options' radius. */
    @Override
    public int[] templateRadius() {
        return templateRadius == null ? null : templateRadius.clone();
    }

    /** The tracking options for this point: {@code options} with this point's template radius, if it has one. */
    TrackOptions options(TrackOptions options) {
        return templateRadius == null ? options : options.withTemplateRadius(templateRadius);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackPoint p && p.id.equals(id) && Arrays.equals(p.position, position)
                && Arrays.equals(p.templateRadius, templateRadius);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Arrays.hashCode(position);
    }

    @Override
    public String toString() {
        return "TrackPoint[id=" + id + ", position=" + Arrays.toString(position)
                + (templateRadius == null ? "" : ", templateRadius=" + Arrays.toString(templateRadius)) + "]";
    }
}
