package org.xcorr.register;

/**
 * The large scratch of one unmasked registration ({@link PreparedReference}): the moving image's half spectrum,
 * overwritten in place by the cross-power spectrum, and the correlation surface. Every element is written by
 * the transforms before it is read, so a set can serve call after call without being cleared.
 */
final class Workspace {

    /** Real parts of the half spectrum: the moving image's, then the cross-power spectrum. */
    final double[] re;
    /** Imaginary parts of the half spectrum. */
    final double[] im;
    /** The circular correlation surface (input shape, row-major). */
    final double[] correlation;

    /** Scratch for inputs of {@code size} values and half spectra of {@code spectrum} values. */
    Workspace(int size, int spectrum) {
        re = new double[spectrum];
        im = new double[spectrum];
        correlation = new double[size];
    }

    /** Whether this set serves inputs of {@code size} values with half spectra of {@code spectrum} values. */
    boolean fits(int size, int spectrum) {
        return correlation.length == size && re.length == spectrum;
    }
}
