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

    /**
     * A validity mask for {@code image}: 1 where the value is finite and {@code mask} (if given) is nonzero, else
     * 0 — NaN and infinite pixels become invalid ({@code --nan-as-mask} of masked {@code ncc}, {@code offset},
     * {@code track} and {@code register}).
     *
     * @param image any real array
     * @param mask  null, or an array of the image's shape (nonzero = valid)
     * @throws IllegalArgumentException if {@code mask} has another shape than {@code image}
     */
    public static NdArray finite(NdArray image, NdArray mask) {
        if (mask != null && !java.util.Arrays.equals(image.shape(), mask.shape())) {
            throw new IllegalArgumentException("mask " + mask.shapeString() + " must have the image's shape "
                    + image.shapeString());
        }
        double[] v = image.backingReal();
        double[] m = mask == null ? null : mask.backingReal();
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.isFinite(v[i]) && (m == null || m[i] != 0) ? 1 : 0;
        }
        return NdArray.wrap(out, image.shape());
    }
}
