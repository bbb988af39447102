package org.xcorr;

/**
 * The seeds of the core module's property tests, in one place: every jqwik {@code @Property} names one of these
 * (jqwik takes the seed as a compile-time string), so a run is reproducible and a failure found on one machine
 * replays on another. {@code SeedsTest} fails on a property without one. Change a seed to explore new samples,
 * not to make a failure go away.
 */
public final class Seeds {

    /** {@code correlate.CorrelationPropertiesTest}: the algebraic laws of the correlation. */
    public static final String CORRELATION_LAWS = "20261205";

    /** {@code fft.ComplexFftTest}: round trip and Parseval of the complex FFT. */
    public static final String COMPLEX_FFT = "20240611";

    /** {@code fft.RealFftTest}: round trip and Parseval of the real FFT. */
    public static final String REAL_FFT = "424242";

    /** {@code local.LocalNccTest}: bounds, symmetry and affine invariance of local NCC. */
    public static final String LOCAL_NCC = "42";

    /** {@code array.ValueScaleInvarianceTest}, normalized cross-correlation and NCC (the seeds it was written with). */
    public static final String VALUE_SCALE_11 = "11";

    /** {@code array.ValueScaleInvarianceTest}, normalized match. */
    public static final String VALUE_SCALE_12 = "12";

    /** {@code array.ValueScaleInvarianceTest}, third property. */
    public static final String VALUE_SCALE_13 = "13";

    /** {@code array.ValueScaleInvarianceTest}, fourth property. */
    public static final String VALUE_SCALE_14 = "14";

    /** {@code array.ValueScaleInvarianceTest}, masked registration. */
    public static final String VALUE_SCALE_15 = "15";

    /** {@code peak.PeakFindTest}: non-maximum suppression against the brute-force reference. */
    public static final String PEAK_FIND = "20261206";

    private Seeds() {
    }
}
