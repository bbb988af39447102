package org.xcorr.register;

import java.util.Arrays;
import java.util.Objects;
import org.xcorr.concurrent.Parallel;
import org.xcorr.peak.Subpixel;

/**
 * Options of masked registration, {@link PhaseCorrelation#registerMasked(org.xcorr.array.NdArray,
 * org.xcorr.array.NdArray, org.xcorr.array.NdArray, org.xcorr.array.NdArray, MaskedRegistrationOptions)}
 * (Padfield's masked NCC), validated on construction. The unmasked phase correlation has its own
 * {@link RegistrationOptions}: its upsampling, normalization, window and disambiguation have no masked meaning,
 * and the masked sub-pixel fit has no unmasked one, so neither type can carry an option the other ignores.
 *
 * @param overlapRatio shifts whose number of overlapping valid pixels is below {@code overlapRatio ×} the largest
 *                     overlap are ignored; in [0, 1], default 0.3 (scikit-image's {@code overlap_ratio})
 * @param subpixel     optional refinement of the integer peak of the masked NCC surface: {@link Subpixel#NONE}
 *                     (default) or {@link Subpixel#PARABOLIC} (a parabola per axis through the peak and its two
 *                     neighbours; not {@code GAUSSIAN}, since the surface can be negative)
 * @param keepSurface  return the masked NCC surface in {@link Registration#surface()}
 * @param threads      worker threads (>= 1, default all cores); results are identical for every thread count
 * @param maxShift     null (no bound), or the largest shift magnitude to consider per axis, in axis order (finite,
 *                     >= 0): only integer lags with {@code |shift| <= maxShift} are searched
 */
public record MaskedRegistrationOptions(double overlapRatio, Subpixel subpixel, boolean keepSurface, int threads,
        double[] maxShift) {

    /** Validates every field. */
    public MaskedRegistrationOptions {
        if (!(overlapRatio >= 0 && overlapRatio <= 1)) {
            throw new IllegalArgumentException("overlapRatio must be in [0, 1], got " + overlapRatio);
        }
        Objects.requireNonNull(subpixel, "subpixel");
        if (subpixel == Subpixel.GAUSSIAN) {
            throw new IllegalArgumentException("subpixel must be NONE or PARABOLIC for registration, got GAUSSIAN"
                    + " (the masked NCC surface can be negative)");
        }
        Parallel.checkThreads(threads);
        maxShift = RegistrationOptions.checkedMaxShift(maxShift);
    }

    /** Overlap ratio 0.3, no sub-pixel fit, no surface, all cores, no shift bound. */
    public static MaskedRegistrationOptions defaults() {
        return new MaskedRegistrationOptions(0.3, Subpixel.NONE, false, Parallel.defaultThreads(), null);
    }

    /** The per-axis shift bound (a copy), or null when the search is unbounded. */
    @Override
    public double[] maxShift() {
        return maxShift == null ? null : maxShift.clone();
    }

    /** A copy with {@code overlapRatio} changed. */
    public MaskedRegistrationOptions withOverlapRatio(double r) {
        return new MaskedRegistrationOptions(r, subpixel, keepSurface, threads, maxShift);
    }

    /** A copy with {@code subpixel} changed. */
    public MaskedRegistrationOptions withSubpixel(Subpixel s) {
        return new MaskedRegistrationOptions(overlapRatio, s, keepSurface, threads, maxShift);
    }

    /** A copy with {@code keepSurface} changed. */
    public MaskedRegistrationOptions withKeepSurface(boolean k) {
        return new MaskedRegistrationOptions(overlapRatio, subpixel, k, threads, maxShift);
    }

    /** A copy with {@code threads} changed. */
    public MaskedRegistrationOptions withThreads(int t) {
        return new MaskedRegistrationOptions(overlapRatio, subpixel, keepSurface, t, maxShift);
    }

    /** A copy with {@code maxShift} changed (null removes the bound). */
    public MaskedRegistrationOptions withMaxShift(double... m) {
        return new MaskedRegistrationOptions(overlapRatio, subpixel, keepSurface, threads, m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaskedRegistrationOptions r && Double.compare(overlapRatio, r.overlapRatio) == 0
                && subpixel == r.subpixel && keepSurface == r.keepSurface && threads == r.threads
                && Arrays.equals(maxShift, r.maxShift);
    }

    @Override
    public int hashCode() {
        return Objects.hash(overlapRatio, subpixel, keepSurface, threads) * 31 + Arrays.hashCode(maxShift);
    }

    @Override
    public String toString() {
        return "MaskedRegistrationOptions[overlapRatio=" + overlapRatio + ", subpixel=" + subpixel + ", keepSurface="
                + keepSurface + ", threads=" + threads + ", maxShift=" + Arrays.toString(maxShift) + "]";
    }
}
