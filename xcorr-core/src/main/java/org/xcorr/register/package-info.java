/**
 * Translation registration by phase correlation, with scikit-image's {@code phase_cross_correlation} semantics.
 *
 * <p>{@link org.xcorr.register.PhaseCorrelation#register} returns the {@code shift} that, applied to
 * {@code moving} ({@link org.xcorr.shift.Shift#shift}, {@code scipy.ndimage.shift}), aligns it with
 * {@code reference}, per axis in axis order; the translation-invariant normalized RMS {@code error} and the global
 * {@code phaseDiff}. Sub-pixel precision {@code 1/upsampleFactor} comes from the upsampled DFT evaluated in a
 * {@code 1.5 × upsampleFactor} neighbourhood of the integer peak (Guizar-Sicairos, Thurman &amp; Fienup, "Efficient
 * subpixel image registration algorithms", Opt. Lett. 33, 156 (2008), doi:10.1364/OL.33.000156).
 * {@link org.xcorr.register.PhaseCorrelation#registerMasked} is Padfield's masked normalized cross-correlation
 * ("Masked object registration in the Fourier domain", IEEE TIP 21(5), 2012, doi:10.1109/TIP.2011.2181402),
 * integer shift plus an optional parabolic refinement; its correlation sums come from the engine masked
 * {@code ncc} uses ({@link org.xcorr.ncc.internal.MaskedSums}).
 */
package org.xcorr.register;
