package org.xcorr.stack;

import java.util.Arrays;
import org.xcorr.array.NdArray;
import org.xcorr.concurrent.Parallel;
import org.xcorr.register.Normalization;
import org.xcorr.register.RegistrationOptions;
import org.xcorr.register.Window;

/**
 * Options of {@link StackAlignment#align}; validated on construction. Start from {@link #defaults()} and change
 * what you need with the {@code with...} methods.
 *
 * @param reference      what each frame is registered to (default {@link Reference#first()})
 * @param upsampleFactor sub-pixel precision {@code 1/upsampleFactor} (default 20; unmasked registration)
 * @param maxShift       null, or the largest shift magnitude per axis of a frame (axis order): the search only
 *                       considers lags within it and the reported shift never exceeds it (with
 *                       {@link Reference.Kind#PREVIOUS} it bounds each frame-to-frame step)
 * @param window         apodisation before the transform (default {@link Window#HANN})
 * @param roi            null, or the region the drift is estimated on, {@code [from..., to...]} (2·rank values:
 *                       first index per axis, then the exclusive end per axis, as Python slices); the shifts
 *                       apply to whole frames
 * @param mask           null, or the valid pixels of every frame (nonzero = valid), of the frame's shape (not
 *                       the roi's); selects masked registration (Padfield; integer shifts)
 * @param nanAsMask      treat non-finite pixels as invalid (masked registration of every frame); without it a
 *                       frame holding NaN or infinity gets an error row
 * @param overlapRatio   masked registration: minimum overlap as a fraction of the largest (default 0.3)
 * @param threads        worker threads (>= 1); results are identical for every thread count
 * @param normalization  weighting of the cross-power spectrum (unmasked registration). {@link Normalization#NONE}
 *                       is plain
 *                       cross-correlation, the default here (see {@link #defaults()}): on noisy images whose
 *                       detail is a few pixels wide (fluorescence, Poisson noise) phase normalization gives the
 *                       noise-only frequencies as much weight as the signal and can lock onto a wrong peak
 */
public record AlignmentOptions(Reference reference, int upsampleFactor, double[] maxShift, Window window,
        int[] roi, NdArray mask, boolean nanAsMask, double overlapRatio, int threads, Normalization normalization) {

    /** Validates every field (the ones that depend on the frame shape are checked by {@code align}). */
    public AlignmentOptions {
        if (reference == null) {
            throw new IllegalArgumentException("reference must not be null");
        }
        if (upsampleFactor < 1 || upsampleFactor > 1_000_000) {
            throw new IllegalArgumentException("upsampleFactor must be in [1, 1000000], got " + upsampleFactor);
        }
        if (window == null) {
            throw new IllegalArgumentException("window must not be null");
        }
        maxShift = RegistrationOptions.checkedMaxShift(maxShift);
        if (roi != null) {
            roi = roi.clone();
            if (roi.length % 2 != 0 || roi.length < 2) {
                throw new IllegalArgumentException("roi needs the first index and the end of every axis (2 values"
                        + " per axis), got " + roi.length + " values");
            }
        }
        if (mask != null && mask.isComplex()) {
            throw new IllegalArgumentException("mask must be real");
        }
        if (!(overlapRatio >= 0 && overlapRatio <= 1)) {
            throw new IllegalArgumentException("overlapRatio must be in [0, 1], got " + overlapRatio);
        }
        Parallel.checkThreads(threads);
        if (normalization == null) {
            throw new IllegalArgumentException("normalization must not be null");
        }
    }

    /**
     * First frame as reference, upsample 20, no bound, Hann window, plain cross-correlation
     * ({@link Normalization#NONE}), no roi, no mask, all cores. The window and the normalization differ from
     * {@code register}'s defaults on purpose: a drifting camera sees content leave at one edge and enter at the
     * other, and without apodisation the frame edges (which never move) pull every shift towards 0; with the
     * window, phase normalization then weighs noise-only frequencies like the signal and fails on noisy images
     * with small features. Measured on the README's synthetic fluorescence time-lapse (40 frames, Poisson noise):
     * largest error 0.11 px with these defaults, 2.3 px with phase normalization and the window, 3.3 px with
     * {@code register}'s settings. {@link #registerLike()} gives {@code register}'s.
     */
    public static AlignmentOptions defaults() {
        return new AlignmentOptions(Reference.first(), 20, null, Window.HANN, null, null, false, 0.3,
                Parallel.defaultThreads(), Normalization.NONE);
    }

    /**
     * {@link #defaults()} with {@code register}'s settings: no window, {@link Normalization#PHASE}; each frame's
     * shift is then bit for bit {@code PhaseCorrelation.register(reference, frame)}. Right for content that moves
     * periodically (synthetic Fourier shifts) or sits well inside the frame.
     */
    public static AlignmentOptions registerLike() {
        return defaults().withWindow(Window.NONE).withNormalization(Normalization.PHASE);
    }

    /** Whether frames are registered with masks. */
    public boolean masked() {
        return mask != null || nanAsMask;
    }

    /** A copy of the bound, or null. */
    @Override
    public double[] maxShift() {
        return maxShift == null ? null : maxShift.clone();
    }

    /** A copy of the region of interest, or null. */
    @Override
    public int[] roi() {
        return roi == null ? null : roi.clone();
    }

    /** A copy with {@code reference} changed. */
    public AlignmentOptions withReference(Reference r) {
        return new AlignmentOptions(r, upsampleFactor, maxShift, window, roi, mask, nanAsMask, overlapRatio,
                threads, normalization);
    }

    /** A copy with {@code upsampleFactor} changed. */
    public AlignmentOptions withUpsampleFactor(int u) {
        return new AlignmentOptions(reference, u, maxShift, window, roi, mask, nanAsMask, overlapRatio, threads,
                normalization);
    }

    /** A copy with {@code maxShift} changed (null removes the bound). */
    public AlignmentOptions withMaxShift(double... m) {
        return new AlignmentOptions(reference, upsampleFactor, m, window, roi, mask, nanAsMask, overlapRatio,
                threads, normalization);
    }

    /** A copy with {@code window} changed. */
    public AlignmentOptions withWindow(Window w) {
        return new AlignmentOptions(reference, upsampleFactor, maxShift, w, roi, mask, nanAsMask, overlapRatio,
                threads, normalization);
    }

    /** A copy with {@code roi} changed (null: whole frames). */
    public AlignmentOptions withRoi(int... r) {
        return new AlignmentOptions(reference, upsampleFactor, maxShift, window, r, mask, nanAsMask, overlapRatio,
                threads, normalization);
    }

    /** A copy with {@code mask} changed. */
    public AlignmentOptions withMask(NdArray m) {
        return new AlignmentOptions(reference, upsampleFactor, maxShift, window, roi, m, nanAsMask, overlapRatio,
                threads, normalization);
    }

    /** A copy with {@code nanAsMask} changed. */
    public AlignmentOptions withNanAsMask(boolean b) {
        return new AlignmentOptions(reference, upsampleFactor, maxShift, window, roi, mask, b, overlapRatio,
                threads, normalization);
    }

    /** A copy with {@code overlapRatio} changed. */
    public AlignmentOptions withOverlapRatio(double r) {
        return new AlignmentOptions(reference, upsampleFactor, maxShift, window, roi, mask, nanAsMask, r, threads,
                normalization);
    }

    /** A copy with {@code threads} changed. */
    public AlignmentOptions withThreads(int t) {
        return new AlignmentOptions(reference, upsampleFactor, maxShift, window, roi, mask, nanAsMask,
                overlapRatio, t, normalization);
    }

    /** A copy with {@code normalization} changed. */
    public AlignmentOptions withNormalization(Normalization n) {
        return new AlignmentOptions(reference, upsampleFactor, maxShift, window, roi, mask, nanAsMask, overlapRatio,
                threads, n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlignmentOptions x && reference.equals(x.reference) && upsampleFactor == x.upsampleFactor
                && Arrays.equals(maxShift, x.maxShift) && window == x.window && Arrays.equals(roi, x.roi)
                && java.util.Objects.equals(mask, x.mask) && nanAsMask == x.nanAsMask
                && Double.compare(overlapRatio, x.overlapRatio) == 0 && threads == x.threads
                && normalization == x.normalization;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(reference, upsampleFactor, window, nanAsMask, overlapRatio, threads)
                * 31 + Arrays.hashCode(maxShift) * 7 + Arrays.hashCode(roi);
    }
}
