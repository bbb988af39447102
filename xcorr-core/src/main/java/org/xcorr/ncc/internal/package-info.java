/**
 * Kernels behind {@link org.xcorr.ncc.Ncc} and {@link org.xcorr.match.TemplateMatching}, not a stable API: the
 * placement geometry of a mode and padding ({@code Geometry}), and the cross term {@code Σ w·t} of a centred
 * template over an image, computed either directly or by real FFTs in overlap-save tiles with the template's
 * spectrum computed once ({@code CrossTerm.plan} picks the cheaper by a cost model calibrated on the FFT); and the
 * six correlation sums of masked NCC ({@code MaskedSums}), shared by {@link org.xcorr.ncc.MaskedNcc} and masked
 * registration.
 */
package org.xcorr.ncc.internal;
