package org.xcorr.register;

import org.xcorr.concurrent.Parallel;

/**
 * Options of the unmasked phase correlation ({@link PhaseCorrelation#register(org.xcorr.array.NdArray,
 * org.xcorr.array.NdArray, RegistrationOptions)}, {@link PreparedReference}); validated on construction. Start
 * from {@link #defaults()} and change what you need with the {@code with...} methods. Masked registration has its
 * own {@link MaskedRegistrationOptions}.
 *
 * @param upsampleFactor registration precision is {@code 1/upsampleFactor} pixel (>= 1; 1 = integer shift)
 * @param normalization  weighting of the cross-power spectrum
 * @param overlapRatio   with {@code disambiguate}: periodic alternatives overlapping less than this fraction of
 *                       the image do not compete; in [0, 1], default 0.3
 * @param keepSurface    return the correlation surface in {@link Registration#surface()}
 * @param threads        worker threads (>= 1); results are identical for every thread count
 * @param maxShift       null (no bound), or the largest shift magnitude to consider per axis, in axis order
 *                       (finite, >= 0): only lags with {@code |shift| <= maxShift} are searched, before
 *                       upsampling, and the upsampled refinement stays within the bound, so the reported shift
 *                       never exceeds it
 * @param window         unmasked registration: apodisation of both images before their transforms
 *                       ({@link Window#NONE} = scikit-image's behaviour, the default)
 * @param disambiguate   unmasked registration: resolve the periodic ambiguity of phase correlation (a shift is
 *                       known only modulo the image size, scikit-image#6604) and the failures of phase
 *                       normalization on smooth images (scikit-image#6456) by trying, for each of the
 *                       {@code peaksToCheck} highest local maxima of the correlation surface, the {@code 2^d}
 *                       periodic alternatives of its lag and keeping the one whose real-space NCC over the
 *                       overlap of the two images is highest (only alternatives overlapping at least
 *                       {@code overlapRatio} of the image and within {@code maxShift} compete)
 * @param peaksToCheck   number of correlation peaks tried by {@code disambiguate} (>= 1; 5 by default, as
 *                       BigStitcher's "peaks to check")
 */
public record RegistrationOptions(int upsampleFactor, Normalization normalization, double overlapRatio,
        boolean keepSurface, int threads, double[] maxShift, Window window, boolean disambiguate,
        int peaksToCheck) {

    /** Default number of peaks tried by {@code disambiguate}. */
    public static final int DEFAULT_PEAKS_TO_CHECK = 5;

    /** The options without a shift bound ({@code maxShift = null}). */
    public RegistrationOptions(int upsampleFactor, Normalization normalization, double overlapRatio,
            boolean keepSurface, int threads) {
        this(upsampleFactor, normalization, overlapRatio, keepSurface, threads, null);
    }

    /** The options without window and without disambiguation. */
    public RegistrationOptions(int upsampleFactor, Normalization normalization, double overlapRatio,
            boolean keepSurface, int threads, double[] maxShift) {
        this(upsampleFactor, normalization, overlapRatio, keepSurface, threads, maxShift, Window.NONE, false,
                DEFAULT_PEAKS_TO_CHECK);
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
        Parallel.checkThreads(threads);
        if (window == null) {
            throw new IllegalArgumentException("window must not be null");
        }
        if (peaksToCheck < 1) {
            throw new IllegalArgumentException("peaksToCheck must be >= 1, got " + peaksToCheck);
        }
        maxShift = checkedMaxShift(maxShift);
    }

    /**
     * A per-axis shift bound checked and copied, as every options record that carries one keeps it
     * ({@code MaskedRegistrationOptions}, {@code AlignmentOptions} too): null stays null (no bound).
     *
     * @throws IllegalArgumentException when a value is negative, NaN or infinite
     */
    public static double[] checkedMaxShift(double[] maxShift) {
        if (maxShift == null) {
            return null;
        }
        double[] m = maxShift.clone();
        for (int a = 0; a < m.length; a++) {
            if (!(m[a] >= 0) || Double.isInfinite(m[a])) {
                throw new IllegalArgumentException("maxShift on axis " + a + " must be finite and >= 0, got " + m[a]);
            }
        }
        return m;
    }

    /** The per-axis shift bound (a copy), or null when the search is unbounded. */
    @Override
    public double[] maxShift() {
        return maxShift == null ? null : maxShift.clone();
    }

    /** A copy with {@code maxShift} changed (null removes the bound). */
    public RegistrationOptions withMaxShift(double... m) {
        return new RegistrationOptions(upsampleFactor, normalization, overlapRatio, keepSurface, threads,
                m, window, disambiguate, peaksToCheck);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistrationOptions r && upsampleFactor == r.upsampleFactor
                && normalization == r.normalization && Double.compare(overlapRatio, r.overlapRatio) == 0
                && keepSurface == r.keepSurface && threads == r.threads
                && java.util.Arrays.equals(maxShift, r.maxShift) && window == r.window
                && disambiguate == r.disambiguate && peaksToCheck == r.peaksToCheck;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(upsampleFactor, normalization, overlapRatio, keepSurface, threads,
                window, disambiguate, peaksToCheck)
                * 31 + java.util.Arrays.hashCode(maxShift);
    }

    /** Upsample 1, {@link Normalization#PHASE}, overlap ratio 0.3, no surface, all cores. */
    public static RegistrationOptions defaults() {
        return new RegistrationOptions(1, Normalization.PHASE, 0.3, false, Parallel.defaultThreads());
    }

    /** A copy with {@code upsampleFactor} changed. */
    public RegistrationOptions withUpsampleFactor(int u) {
        return new RegistrationOptions(u, normalization, overlapRatio, keepSurface, threads,
                maxShift, window, disambiguate, peaksToCheck);
    }

    /** A copy with {@code normalization} changed. */
    public RegistrationOptions withNormalization(Normalization n) {
        return new RegistrationOptions(upsampleFactor, n, overlapRatio, keepSurface, threads,
                maxShift, window, disambiguate, peaksToCheck);
    }

    /** A copy with {@code overlapRatio} changed. */
    public RegistrationOptions withOverlapRatio(double r) {
        return new RegistrationOptions(upsampleFactor, normalization, r, keepSurface, threads,
                maxShift, window, disambiguate, peaksToCheck);
    }

    /** A copy with {@code keepSurface} changed. */
    public RegistrationOptions withKeepSurface(boolean k) {
        return new RegistrationOptions(upsampleFactor, normalization, overlapRatio, k, threads,
                maxShift, window, disambiguate, peaksToCheck);
    }

    /** A copy with {@code threads} changed. */
    public RegistrationOptions withThreads(int t) {
        return new RegistrationOptions(upsampleFactor, normalization, overlapRatio, keepSurface, t,
                maxShift, window, disambiguate, peaksToCheck);
    }

    /** A copy with {@code window} changed. */
    public RegistrationOptions withWindow(Window w) {
        return new RegistrationOptions(upsampleFactor, normalization, overlapRatio, keepSurface, threads,
                maxShift, w, disambiguate, peaksToCheck);
    }

    /** A copy with {@code disambiguate} changed. */
    public RegistrationOptions withDisambiguate(boolean on) {
        return new RegistrationOptions(upsampleFactor, normalization, overlapRatio, keepSurface, threads,
                maxShift, window, on, peaksToCheck);
    }

    /** A copy with {@code peaksToCheck} changed. */
    public RegistrationOptions withPeaksToCheck(int k) {
        return new RegistrationOptions(upsampleFactor, normalization, overlapRatio, keepSurface, threads,
                maxShift, window, disambiguate, k);
    }
}
