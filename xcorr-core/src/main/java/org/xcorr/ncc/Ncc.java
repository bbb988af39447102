package org.xcorr.ncc;

import org.xcorr.array.NdArray;
import org.xcorr.correlate.Mode;

/**
 * Normalized cross-correlation of a template with an image (MATLAB/Octave {@code normxcorr2}, N-D).
 *
 * <p>For each placement of the template — lags and output indexing exactly as
 * {@code correlate(image, template, mode)}: in {@code FULL} mode output index {@code i} is lag
 * {@code k = i - (Nt - 1)} per axis, in {@code SAME} {@code k = i - floor(Nt/2)}, in {@code VALID}
 * {@code k = i} — let {@code w[n] = image[n + k]} be the image values under template entry {@code n}
 * ({@link Padding} says what they are outside the image). Then
 * <pre>
 *   γ(k) = Σ_n (w[n] - w̄)(t[n] - t̄) / sqrt( Σ_n (w[n] - w̄)² · Σ_n (t[n] - t̄)² )
 * </pre>
 * with {@code w̄}, {@code t̄} the means over the template's extent (or over the overlap, for
 * {@link Padding#OVERLAP}). Output shape per axis: {@code Ni + Nt - 1} (full), {@code Ni} (same),
 * {@code Ni - Nt + 1} (valid); 1-D, 2-D and 3-D arrays of equal rank.
 *
 * <p>Degenerate cases: a template with zero variance is an error; a window that is exactly constant
 * (including its padding) gives exactly 0; every value lies in {@code [-1, 1]}; the result never holds NaN.
 * {@code VALID} equals OpenCV {@code TM_CCOEFF_NORMED} and scikit-image
 * {@code match_template(pad_input=False)}.
 *
 * <p>Method (Lewis 1995, "Fast normalized cross-correlation", Vision Interface): the numerator by a real FFT
 * (or directly for small templates), the window sums by running sums, both on the image minus its mean so that
 * a large DC offset costs no accuracy; the padding's contribution is added analytically. For many images of
 * one shape use {@link TemplateMatcher}, which caches the template's spectrum and statistics.
 *
 * <p>Hostile values: γ is invariant to a positive scale of the template and of the image, so each is rescaled
 * by an exact power of two when its largest magnitude lies outside {@code 2^±100}
 * ({@link org.xcorr.array.ValueScale}): every finite input works, from subnormals to {@code Double.MAX_VALUE},
 * and an input times {@code 2^k} gives the identical result. A window whose variance is within the rounding
 * bound of the sums that computed it (one huge pixel elsewhere passed through its running sums or its FFT
 * tile, or its mean lies far from the image's) is recomputed directly from its definition, so every value is
 * within about 1e-10 of the exact γ of the rescaled input whatever the values.
 */
public final class Ncc {

    private Ncc() {
    }

    /** {@code FULL} mode with {@link Padding#ZERO} (MATLAB {@code normxcorr2(template, image)}). */
    public static NdArray ncc(NdArray template, NdArray image) {
        return ncc(template, image, NccOptions.defaults());
    }

    /** The given mode with {@link Padding#ZERO}. */
    public static NdArray ncc(NdArray template, NdArray image, Mode mode) {
        return ncc(template, image, NccOptions.defaults().withMode(mode));
    }

    /**
     * Normalized cross-correlation with every option.
     *
     * @throws IllegalArgumentException if the ranks differ, the template does not fit in the image on some
     *                                  axis (the arguments may be swapped), a value is not finite, an input is
     *                                  complex, or the template is constant
     */
    public static NdArray ncc(NdArray template, NdArray image, NccOptions options) {
        return TemplateMatcher.prepare(template, image.shape(), options, TemplateMatcher.Strategy.AUTO_ONE_SHOT, null)
                .ncc(image);
    }
}
