package org.xcorr.correlate;

/**
 * Output extent of a correlation {@code c(k) = Σ_n a[n + k] · conj(b[n])}, named as SciPy names them.
 * Per axis, {@code Na} and {@code Nb} are the lengths of {@code a} and {@code b}.
 */
public enum Mode {
    /** Every lag where the arrays overlap: {@code -(Nb-1) … Na-1}; length {@code Na+Nb-1}; {@code out[i] = c(i - (Nb-1))}. */
    FULL,
    /** The shape of {@code a}, kernel centre {@code floor(Nb/2)} on pixel i: {@code out[i] = c(i - floor(Nb/2))} (SciPy's "same"). */
    SAME,
    /** Lags where {@code b} lies wholly inside {@code a}: needs {@code Na >= Nb}; length {@code Na-Nb+1}; {@code out[i] = c(i)}. */
    VALID,
    /**
     * Periodic correlation over {@code a}'s shape, {@code b} zero-padded at its end: needs {@code Nb <= Na};
     * {@code out[k] = Σ_n a[(n + k) mod Na] · conj(b[n])}, zero lag at index 0 (or, with a centred kernel,
     * {@code out[i] = Σ_m a[(i + m - floor(Nb/2)) mod Na] · conj(b[m])}).
     */
    CIRCULAR;
}
