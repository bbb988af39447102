package org.xcorr.track;

/**
 * Which placements of the template in the search region {@link Tracker#track} considers.
 */
public enum Search {
    /**
     * Only placements whose template lies wholly inside the search region ({@code correlate}'s {@code valid} lags;
     * the default), so the point found is always within {@code imageRadius} of {@code imageCenter}. The padding
     * does not matter there and the offset options' minimum overlap is replaced by 1.
     */
    VALID,
    /**
     * Every placement of the {@code full}-mode surface that the offset options let count (their padding, minimum
     * overlap and shift bound): the template may hang over the region's edge, so the point found may lie up to
     * {@code templateRadius} beyond {@code imageRadius}. With the default offset options (zero padding, every
     * placement) this is the search of SPEC §7 before issue 14 and of MATLAB {@code normxcorr2} + {@code max}.
     */
    FULL;

    /** Parses a command-line spelling, {@code valid} or {@code full} (case-insensitive). */
    public static Search parse(String s) {
        for (Search v : values()) {
            if (v.name().equalsIgnoreCase(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown search '" + s + "'; expected valid or full");
    }
}
