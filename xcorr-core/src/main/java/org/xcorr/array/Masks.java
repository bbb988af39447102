package org.xcorr.array;

/**
 * Checks shared by every operation that takes a mask or weights ({@code match --mask}, masked registration), so
 * that they refuse the same inputs with the same words.
 */
public final class Masks {

    private Masks() {
    }

    /**
     * Refuses a mask without a single nonzero entry: every sum over it would be empty, so each score would be
     * 0 (or undefined) whatever the images hold, a silent wrong answer rather than a result.
     *
     * @param weights the mask's values (NaN counts as nonzero here; callers reject it separately)
     * @param name    the argument's name in the message, e.g. {@code "mask"} or {@code "referenceMask"}
     * @throws IllegalArgumentException "NAME has no valid (nonzero) pixel; ..." when every entry is 0
     */
    public static void requireValidPixel(double[] weights, String name) {
        for (double w : weights) {
            if (w != 0) {
                return;
            }
        }
        throw new IllegalArgumentException(name + " has no valid (nonzero) pixel; every score would be empty");
    }
}
