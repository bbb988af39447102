package org.xcorr.match;

/**
 * OpenCV {@code matchTemplate} methods, with OpenCV's documented formulas. Sums run over the template
 * positions {@code (x', y')}; {@code I} is the image window at output position {@code (x, y)}, {@code T} the
 * template and {@code M} the optional weight mask (absent = all ones; weights enter squared, as for OpenCV's
 * float masks).
 */
public enum MatchMethod {
    /** {@code R = Σ ((T - I)·M)²}; 0 at a perfect match. */
    SQDIFF,
    /**
     * {@code R = Σ ((T - I)·M)² / sqrt(Σ (T·M)² · Σ (I·M)²)}, the documented formula (not clamped to 1 as OpenCV
     * does). Where the denominator is 0: 1, or 0 when window and template are both all zero.
     */
    SQDIFF_NORMED,
    /** {@code R = Σ T·I·M²}. */
    CCORR,
    /** {@code R = Σ T·I·M² / sqrt(Σ (T·M)² · Σ (I·M)²)}; 0 where the denominator is 0. */
    CCORR_NORMED,
    /**
     * {@code R = Σ T'·I'} with {@code T' = M·(T - Σ M·T / Σ M)} and {@code I' = M·(I - Σ M·I / Σ M)} (without a mask,
     * the template and window minus their means). An exactly constant window gives exactly 0.
     */
    CCOEFF,
    /**
     * {@code R = Σ T'·I' / sqrt(Σ T'² · Σ I'²)}, the normalized correlation coefficient in [-1, 1]; 0 where the
     * denominator is 0 and for exactly constant windows. Without a mask this is
     * {@code Ncc.ncc(template, image, VALID)}.
     */
    CCOEFF_NORMED;
}
