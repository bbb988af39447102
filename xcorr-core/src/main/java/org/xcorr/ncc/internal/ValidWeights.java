package org.xcorr.ncc.internal;

import java.util.Arrays;
import org.xcorr.array.Masks;
import org.xcorr.array.NdArray;
import org.xcorr.array.ValueScale;

/**
 * The 0/1 weights of a masked input and its rescaled valid values, shared by masked NCC
 * ({@link org.xcorr.ncc.MaskedNcc}) and masked phase correlation ({@link org.xcorr.register.PhaseCorrelation}) so
 * that both refuse the same inputs with the same words and scale them the same way.
 */
public final class ValidWeights {

    private ValidWeights() {
    }

    /**
     * 0/1 validity of {@code a}: the mask's nonzero entries (all valid without a mask), checked: the mask's
     * shape, a real mask, no NaN in it, at least one valid pixel, finite values at every valid pixel.
     *
     * @param a          the real input
     * @param mask       null, or an array of {@code a}'s shape (nonzero = valid)
     * @param name       the argument's name in messages ({@code "image"}; the mask is {@code name + "Mask"})
     * @param finiteHint what the message about a non-finite valid value advises, after {@code "; "}
     * @throws IllegalArgumentException one line naming the first problem found
     */
    public static double[] of(NdArray a, NdArray mask, String name, String finiteHint) {
        double[] out = new double[a.size()];
        if (mask == null) {
            Arrays.fill(out, 1);
        } else {
            if (!Arrays.equals(a.shape(), mask.shape())) {
                throw new IllegalArgumentException(name + "Mask " + mask.shapeString() + " must have the shape of "
                        + name + " " + a.shapeString());
            }
            if (mask.isComplex()) {
                throw new IllegalArgumentException(name + "Mask must be real");
            }
            double[] m = mask.backingReal();
            for (int i = 0; i < m.length; i++) {
                if (Double.isNaN(m[i])) {
                    throw new IllegalArgumentException(name + "Mask contains NaN at index "
                            + Arrays.toString(mask.unravel(i)) + "; a mask is nonzero (valid) or 0");
                }
                out[i] = m[i] != 0 ? 1 : 0;
            }
        }
        Masks.requireValidPixel(out, name + "Mask");
        double[] v = a.backingReal();
        for (int i = 0; i < v.length; i++) {
            if (out[i] != 0 && !Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + " contains " + (Double.isNaN(v[i]) ? "NaN" : "infinity")
                        + " at valid index " + Arrays.toString(a.unravel(i)) + "; " + finiteHint);
            }
        }
        return out;
    }

    /**
     * The valid values times the power of two that brings their largest magnitude into {@code [1, 2)} (exact),
     * 0 elsewhere; a new array.
     */
    public static double[] scaled(double[] v, double[] valid) {
        double max = 0;
        for (int i = 0; i < v.length; i++) {
            if (valid[i] != 0) {
                max = Math.max(max, Math.abs(v[i]));
            }
        }
        int shift = ValueScale.shiftFor(ValueScale.exponent(max), 0);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            if (valid[i] != 0) {
                out[i] = ValueScale.scalb(v[i], shift);
            }
        }
        return out;
    }
}
