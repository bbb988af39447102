/**
 * Window-statistics helpers behind {@link org.xcorr.ncc.Ncc} and {@link org.xcorr.match.TemplateMatching}, not a
 * stable API: compensated sums ({@code Summation}) and the template's partial sums for windows that stick out of
 * the image ({@code TemplateTables}). The placement geometry and the cross term {@code Σ w·t} live in the one
 * correlation planner, {@code org.xcorr.correlate.internal}. The six correlation sums of masked NCC
 * ({@code MaskedSums}) and the checked 0/1 weights of a masked input ({@code ValidWeights}) are shared by
 * {@link org.xcorr.ncc.MaskedNcc} and masked registration.
 */
package org.xcorr.ncc.internal;
