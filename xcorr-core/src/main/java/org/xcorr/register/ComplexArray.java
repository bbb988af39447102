package org.xcorr.register;

/**
 * Complex values in split form, row-major: real parts in {@code re}, imaginary parts in {@code im}, of equal
 * length. Wraps the arrays (no copy); internal to registration, where it replaces pairs of arrays.
 *
 * @param re real parts
 * @param im imaginary parts
 */
record ComplexArray(double[] re, double[] im) {

    ComplexArray {
        if (re.length != im.length) {
            throw new IllegalArgumentException("real and imaginary parts differ in length: " + re.length + " vs "
                    + im.length);
        }
    }

    /** Number of complex values. */
    int length() {
        return re.length;
    }
}
