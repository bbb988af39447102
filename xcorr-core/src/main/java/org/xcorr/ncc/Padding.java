package org.xcorr.ncc;

/**
 * What the normalized cross-correlation sees where the template hangs outside the image (modes
 * {@code FULL} and {@code SAME} only; {@code VALID} placements never leave the image).
 */
public enum Padding {
    /** Outside pixels are 0, as MATLAB {@code normxcorr2} (the default). */
    ZERO,
    /** Outside pixels are the mean of the whole image, as Octave {@code normxcorr2}. */
    MEAN,
    /**
     * Only the overlapping pixels count: the window and the matching template entries are both restricted to
     * the overlap, and means and sums are taken over the overlap alone (as scikit-image
     * {@code cross_correlate_masked} with all-ones masks). A placement whose overlap holds fewer than
     * {@code minOverlap × (template size)} pixels gives 0, and so does one where either overlapping part is
     * constant.
     */
    OVERLAP;
}
