/**
 * Normalized cross-correlation of a template over an image ({@code normxcorr2}), 1-D to 3-D.
 *
 * <p>For each placement, indexed exactly as {@code correlate(image, template, mode)}, with {@code w} the image
 * values under the template: {@code γ = Σ(w - w̄)(t - t̄) / sqrt(Σ(w - w̄)² · Σ(t - t̄)²)}, in {@code [-1, 1]}.
 * Paddings ({@link org.xcorr.ncc.Padding}) decide {@code w} where the template hangs outside the image. The cross
 * term is computed by FFT in overlap-save tiles (or directly for tiny templates, by a cost model), the window
 * statistics by running sums of mean-subtracted values (J. P. Lewis, "Fast normalized cross-correlation", Vision
 * Interface 1995); a constant window gives exactly 0. {@link org.xcorr.ncc.TemplateMatcher} keeps the template's
 * spectrum and statistics for repeated images. {@link org.xcorr.ncc.MaskedNcc} is the masked form (Padfield 2012,
 * doi:10.1109/TIP.2011.2181402, a mask on each side): invalid pixels count in no sum.
 */
package org.xcorr.ncc;
