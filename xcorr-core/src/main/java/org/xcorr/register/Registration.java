package org.xcorr.register;

import java.util.Arrays;
import org.xcorr.array.NdArray;

/**
 * Result of {@link PhaseCorrelation}.
 *
 * @param shift     per axis in axis order ({@code [dy, dx]} in 2-D): shifting {@code moving} by {@code shift}
 *                  (for example {@code scipy.ndimage.shift(moving, shift)}) aligns it with {@code reference}
 * @param error     translation-invariant normalized RMS error (Fienup 1997) exactly as scikit-image 0.19
 *                  computes it: {@code sqrt(|1 - |CCmax|² / (ΣF²·ΣG²)|)} with the sums over the whole spectra of
 *                  the raw images; with {@link Normalization#PHASE} it is therefore close to 1. NaN when it
 *                  does not exist (masked registration, or an all-zero image)
 * @param phaseDiff global phase difference {@code atan2(Im CCmax, Re CCmax)} (0 for non-negative images at
 *                  integer precision); NaN for masked registration
 * @param surface   the correlation surface when {@link RegistrationOptions#keepSurface()} is set, else null.
 *                  Its element at index {@code i} is the correlation for the shift {@code i - c} per axis, with
 *                  {@code c = floor(n/2)} (the fftshift of the circular cross-correlation; shifts modulo
 *                  {@code n}) for unmasked registration, and {@code c = (Nm - 1) - (Nm - Nr)/2} (masked NCC,
 *                  shape {@code Nr + Nm - 1}) for masked registration
 * @param peakValue height of the correlation peak at the answer, {@code |CCmax| / N} ({@code N} pixels): with
 *                  {@link Normalization#PHASE} in [0, 1], 1 for an exact circular translation and near 0 when
 *                  nothing matches; with {@link Normalization#NONE} the cosine similarity at the shift
 *                  {@code |Σ reference(n + s)·moving(n)| / sqrt(Σ reference²·Σ moving²)} (see
 *                  {@link PreparedReference.Result#peakValue()}). For masked registration the masked NCC γ at
 *                  the integer peak. Unlike {@code error} (≈ 1 for every input under phase normalization,
 *                  scikit-image#6376) it separates good registrations from failed ones
 * @param overlapNcc Pearson correlation, in real space, of the two (unwindowed) images over the pixels where
 *                  they overlap once {@code moving} is shifted by the integer shift nearest to {@code shift}
 *                  (no wrap-around): 1 for a perfect match, about 0 for unrelated content; 0 when either image
 *                  is constant over the overlap; NaN for masked registration (use {@code peakValue})
 * @param overlap   number of pixels in that overlap (0 for masked registration)
 */
public record Registration(double[] shift, double error, double phaseDiff, NdArray surface, double peakValue,
        double overlapNcc, long overlap) {

    /** Copies {@code shift}. */
    public Registration {
        shift = shift.clone();
    }

    /** A result without quality numbers ({@code peakValue} and {@code overlapNcc} NaN, {@code overlap} 0). */
    public Registration(double[] shift, double error, double phaseDiff, NdArray surface) {
        this(shift, error, phaseDiff, surface, Double.NaN, Double.NaN, 0);
    }

    /** A copy of the shift. */
    @Override
    public double[] shift() {
        return shift.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Registration r && Arrays.equals(shift, r.shift)
                && Double.compare(error, r.error) == 0 && Double.compare(phaseDiff, r.phaseDiff) == 0
                && java.util.Objects.equals(surface, r.surface) && Double.compare(peakValue, r.peakValue) == 0
                && Double.compare(overlapNcc, r.overlapNcc) == 0 && overlap == r.overlap;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shift) * 31 + Double.hashCode(error) * 17 + Double.hashCode(phaseDiff);
    }

    @Override
    public String toString() {
        return "Registration[shift=" + Arrays.toString(shift) + ", error=" + error + ", phaseDiff=" + phaseDiff
                + (surface == null ? "" : ", surface=" + surface.shapeString()) + ", peakValue=" + peakValue
                + ", overlapNcc=" + overlapNcc + ", overlap=" + overlap + "]";
    }
}
