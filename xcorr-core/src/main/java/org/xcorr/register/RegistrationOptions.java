package org.xcorr.register;

import org.xcorr.concurrent.Parallel;
import org.xcorr.peak.Subpixel;

/**
 * Options of {@link PhaseCorrelation}; validated on construction. Start from {@link #defaults()} and change
 * what you need with the {@code with...} methods.
 *
 * @param upsampleFactor registration precision is {@code 1/upsampleFactor} pixel (>= 1; 1 = integer shift).
 *                       Unmasked registration only.
 * @param normalization  weighting of the cross-power spectrum (unmasked registration only)
 * @param overlapRatio   masked registration: shifts whose number of overlapping valid pixels is below
 *                       {@code overlapRatio ×} the largest overlap are ignored; in [0, 1]
 * @param subpixel       masked registration: optional sub-pixel refinement of the integer peak of the masked
 *                       NCC surface ({@link Subpixel#NONE} or {@link Subpixel#PARABOLIC}); unmasked
 *                       registration refines with {@code upsampleFactor} instead and rejects anything but
 *                       {@code NONE}
 * @param keepSurface    return the correlation surface in {@link Registration#surface()}
 * @param threads        worker threads (>= 1); results are identical for every thread count
 * @param maxShift       null (no bound), or the largest shift magnitude to consider per axis, in axis order
 *                       (finite, >= 0): only lags with {@code |shift| <= maxShift} are searched, before
 *                       upsampling, and the upsampled refinement stays within the bound, so the reported shift
 *                       never exceeds it. Masked registration restricts its integer search the same way
 */
public record RegistrationOptions(int upsampleFactor, Normalization normalization, double overlapRatio,
        Subpixel subpixel, boolean keepSurface, int threads, double[] maxShift) {

    /** The options without a shift bound ({@code maxShift = null}). */
    public RegistrationOptions(int upsampleFactor, Normalization normalization, double overlapRatio,
            Subpixel subpixel, boolean keepSurface, int threads) {
        this(upsampleFactor, normalization, overlapRatio, subpixel, keepSurface, threads, null);
    }

    /** Validates every field. */
    public RegistrationOptions {
        if (upsampleFactor < 1) {
            throw new IllegalArgumentException("upsampleFactor must be >= 1, got " + upsampleFactor);
        }
        if (upsampleFactor > 1_000_000) {
            throw new IllegalArgumentException("upsampleFactor must be <= 1000000, got " + upsampleFactor);
        }
        if (normalization == null) {
            throw new IllegalArgumentException("normalization must not be null");
        }
        if (!(overlapRatio >= 0 && overlapRatio <= 1)) {
            throw new IllegalArgumentException("overlapRatio must be in [0, 1], got " + overlapRatio);
        }
        if (subpixel == null) {
            throw new IllegalArgumentException("subpixel must not be null");
        }
        if (subpixel == Subpixel.GAUSSIAN) {
            throw new IllegalArgumentException("subpixel must be NONE or PARABOLIC for registration, got GAUSSIAN"
                    + " (the masked NCC surface can be negative)");
        }
        Parallel.checkThreads(threads);
        if (maxShift != null) {
            maxShift = maxShift.clone();
            for (int a = 0; a < maxShift.length; a++) {
                if (!(maxShift[a] >= 0) || Double.isInfinite(maxShift[a])) {
                    throw new IllegalArgumentException("maxShift on axis " + a + " must be finite and >= 0, got "
                            + maxShift[a]);
                }
            }
        }
    }

    /** The per-axis shift bound (a copy), or null when the search is unbounded. */
    @Override
    public double[] maxShift() {
        return maxShift == null ? null : maxShift.clone();
    }

    /** A copy with {@code maxShift} changed (null removes the bound). */
    public RegistrationOptions withMaxShift(double... m) {
        return new RegistrationOptions(upsampleFactor, normalization, overlapRatio, subpixel, keepSurface, threads,
                m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistrationOptions r && upsampleFactor == r.upsampleFactor
                && normalization == r.normalization && Double.compare(overlapRatio, r.overlapRatio) == 0
                && subpixel == r.subpixel && keepSurface == r.keepSurface && threads == r.threads
                && java.util.Arrays.equals(maxShift, r.maxShift);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(upsampleFactor, normalization, overlapRatio, subpixel, keepSurface, threads)
                * 31 + java.util.Arrays.hashCode(maxShift);
    }

    /** Upsample 1, {@link Normalization#PHASE}, overlap ratio 0.3, no sub-pixel fit, no surface, all cores. */
    public static RegistrationOptions defaults() {
        return new RegistrationOptions(1, Normalization.PHASE, 0.3, Subpixel.NONE, false,
                Parallel.defaultThreads());
    }

    /** A copy with {@code upsampleFactor} changed. */
    public RegistrationOptions withUpsampleFactor(int u) {
        return new RegistrationOptions(u, normalization, overlapRatio, subpixel, keepSurface, threads, maxShift);
    }

    /** A copy with {@code normalization} changed. */
    public RegistrationOptions withNormalization(Normalization n) {
        return new RegistrationOptions(upsampleFactor, n, overlapRatio, subpixel, keepSurface, threads, maxShift);
    }

    /** A copy with {@code overlapRatio} changed. */
    public RegistrationOptions withOverlapRatio(double r) {
        return new RegistrationOptions(upsampleFactor, normalization, r, subpixel, keepSurface, threads, maxShift);
    }

    /** A copy with {@code subpixel} changed. */
    public RegistrationOptions withSubpixel(Subpixel s) {
        return new RegistrationOptions(upsampleFactor, normalization, overlapRatio, s, keepSurface, threads, maxShift);
    }

    /** A copy with {@code keepSurface} changed. */
    public RegistrationOptions withKeepSurface(boolean k) {
        return new RegistrationOptions(upsampleFactor, normalization, overlapRatio, subpixel, k, threads, maxShift);
    }

    /** A copy with {@code threads} changed. */
    public RegistrationOptions withThreads(int t) {
        return new RegistrationOptions(upsampleFactor, normalization, overlapRatio, subpixel, keepSurface, t, maxShift);
    }
}
