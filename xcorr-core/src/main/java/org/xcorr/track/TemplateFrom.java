package org.xcorr.track;

/** Where a stack tracker takes each point's template from, frame after frame ({@link PointTracker}). */
public enum TemplateFrom {
    /**
     * The patch around the point in frame 0, for every frame: no drift accumulates (each frame is compared with
     * the same template), but a point whose appearance changes over the stack matches less and less well.
     */
    FIRST,
    /**
     * The patch around the point where it was found in the previous frame: follows slow changes of appearance,
     * but each step's sub-pixel error adds up (the position drifts as a random walk, about {@code sqrt(t)} times
     * one step's error after {@code t} frames). After a frame where the point was not found, the template stays
     * the one from the last frame where it was.
     */
    PREVIOUS;

    /** Parses {@code first} or {@code previous} (any case). */
    public static TemplateFrom parse(String text) {
        for (TemplateFrom t : values()) {
            if (t.name().equalsIgnoreCase(text.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown template source '" + text + "'; expected first or previous");
    }
}
