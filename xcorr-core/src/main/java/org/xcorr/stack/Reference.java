package org.xcorr.stack;

/**
 * What each frame of a stack is registered to in {@link StackAlignment}.
 *
 * @param kind  which reference
 * @param count for {@link Kind#MEAN}: the number of leading frames averaged ({@code K >= 1}, capped at the frame
 *              count); for {@link Kind#FRAME}: the reference frame's index ({@code >= 0}); 0 otherwise
 */
public record Reference(Kind kind, int count) {

    /** The kinds of reference. */
    public enum Kind {
        /** Frame 0. Every shift is relative to it; its own shift is 0. */
        FIRST,
        /**
         * The frame before (the last readable one before, when a frame fails). Pair shifts are accumulated,
         * so frame {@code i}'s shift is the sum of {@code i} pair shifts: independent pair errors of standard
         * deviation {@code σ} grow as a random walk, {@code σ·sqrt(i)} after {@code i} frames (and any bias
         * grows linearly). Use it when the content changes too much over the stack for one reference; prefer
         * {@link #FIRST} or {@link #MEAN} otherwise.
         */
        PREVIOUS,
        /** The mean of the first {@code count} frames: less noisy than one frame, errors do not accumulate. */
        MEAN,
        /** Frame {@code count}. */
        FRAME
    }

    /** Validates {@code count} for the kind. */
    public Reference {
        if (kind == null) {
            throw new IllegalArgumentException("reference kind must not be null");
        }
        if (kind == Kind.MEAN && count < 1) {
            throw new IllegalArgumentException("the mean reference needs at least 1 frame, got " + count);
        }
        if (kind == Kind.FRAME && count < 0) {
            throw new IllegalArgumentException("reference frame must be >= 0, got " + count);
        }
        if ((kind == Kind.FIRST || kind == Kind.PREVIOUS) && count != 0) {
            throw new IllegalArgumentException(kind + " reference takes no count, got " + count);
        }
    }

    /** Frame 0. */
    public static Reference first() {
        return new Reference(Kind.FIRST, 0);
    }

    /** The previous frame, shifts accumulated. */
    public static Reference previous() {
        return new Reference(Kind.PREVIOUS, 0);
    }

    /** The mean of the first {@code frames} frames. */
    public static Reference mean(int frames) {
        return new Reference(Kind.MEAN, frames);
    }

    /** Frame {@code index}. */
    public static Reference frame(int index) {
        return new Reference(Kind.FRAME, index);
    }

    /**
     * Parses {@code first}, {@code previous}, {@code mean} (of {@code meanFrames} frames) or a frame index.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Reference parse(String text, int meanFrames) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "first":
                return first();
            case "previous":
                return previous();
            case "mean":
                return mean(meanFrames);
            default:
                try {
                    return frame(Integer.parseInt(t));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("reference must be first, previous, mean or a frame index, got '"
                            + text + "'");
                }
        }
    }
}
