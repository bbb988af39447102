package org.xcorr.stack;

/**
 * What an aligned frame holds where the shifted frame has no data: pixels whose source position
 * {@code i - s} lies outside {@code [0, n-1]} on some axis ({@code s} the frame's shift).
 */
public enum Fill {
    /** 0 (what {@code scipy.ndimage.shift} gives with {@code mode='constant'}). */
    ZERO,
    /** NaN, so that later statistics can skip the pixels that were never observed. */
    NAN,
    /** The nearest pixel of the frame: the source position clamped to the frame and rounded, per axis. */
    EDGE;

    /** Parses {@code 0}/{@code zero}, {@code nan} or {@code edge}. */
    public static Fill parse(String text) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "0":
            case "zero":
                return ZERO;
            case "nan":
                return NAN;
            case "edge":
                return EDGE;
            default:
                throw new IllegalArgumentException("fill must be 0, nan or edge, got '" + text + "'");
        }
    }
}
