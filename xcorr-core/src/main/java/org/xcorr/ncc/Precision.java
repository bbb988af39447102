package org.xcorr.ncc;

/**
 * Arithmetic precision of the expensive part of a normalized cross-correlation, the cross term
 * {@code Σ_n J[n + k] · t'[n]} computed by FFT ({@link NccOptions#precision()}).
 *
 * <p>Whatever the precision, inputs and output are doubles, the window statistics (running sums, the exact
 * constant-window test) and the normalization are computed in double, and the direct path chosen for tiny
 * templates stays double. See {@link #FLOAT} for the accuracy of the single-precision path.
 */
public enum Precision {

    /** Double precision throughout (the default; every golden case is checked at this precision). */
    DOUBLE,

    /**
     * The FFT cross term in single precision ({@code org.xcorr.fft.f32}): image tiles are centred in double and
     * rounded to float, the template spectrum and the tile spectra are float, and the result is widened back to
     * double before the (double) normalization. Faster on large inputs (half the memory traffic, twice the SIMD
     * lanes): measured on a shared 2-core AVX2 machine (noisy), 2 threads, 4096² image, 128² template, valid
     * mode, the cross term is 1.5 to 1.75 times faster (e.g. 250 ms instead of 430 ms) and the whole call about
     * 1.3 times (280 ms instead of 360 ms; the window statistics cost the same); on a 2-core AVX-512 machine,
     * 1.26 times (232 ms instead of 292 ms, {@code xcorr-bench/RESULTS.md}). A real FFT pair alone is 1.5
     * times faster. Tiles and the choice between the FFT and the direct path are the same as in double.
     *
     * <p>Accuracy: the FFT's rounding error is relative to the norm of the whole tile, not of one window, so
     * the error of one output value is about
     * {@code |γ_float - γ_double| ≈ c · 2^-24 · ||J_tile|| / sqrt(Σ_window (w - w̄)²)}: tiny where the window
     * varies about as much as the image around it, large where the window is nearly flat while its tile is not.
     * Measured {@code max |γ_float - γ_double|} over all outputs (2-D, zero padding, template cut from the image;
     * {@code NccFloatAccuracy} in the test sources):
     * <ul>
     *   <li>uniform noise: 1.9e-7 (1024², 32² template), 1.3e-7 (1024², 128²), 1.3e-7 (4096², 128², valid);</li>
     *   <li>smooth "natural-ish" image (blurred noise at three scales, a gradient, bright rectangles), 1024²:
     *       1.7e-5 (32²), 2.6e-6 (128²); the same plus a DC offset of 1e4: 1.4e-5, 2.6e-6 (the image is centred
     *       in double before rounding, so the offset costs nothing);</li>
     *   <li>the golden ncc cases with the FFT path forced: at most 2.0e-6 from the reference values;</li>
     *   <li>nearly flat windows, the worst case: a 300² patch of 0.5 + uniform noise of amplitude {@code a} in
     *       that natural image (values of order 1), 32² template: 2.6e-5 ({@code a} = 1e-2), 2.0e-4 (1e-3),
     *       1.8e-3 (1e-4), 0.18 (1e-6); the error grows as {@code 1/a}. Exactly constant windows still give
     *       exactly 0: that test is exact and independent of the cross term.</li>
     * </ul>
     * Templates small enough for the direct path (8² on a 1024² image, every golden ncc case but one) are
     * computed in double whatever this option says, so their results equal {@link #DOUBLE}'s. A window whose
     * estimated float error {@code 16 · 2^-24 · sqrt(Σ J² / Σ(w - w̄)²)} (image energy, a bound for one tile's)
     * exceeds 1e-3 is recomputed in double from its definition, so the worst case above is capped near 1e-3
     * and a single huge pixel cannot wreck the map.
     */
    FLOAT
}
