package org.xcorr;

/**
 * The numeric tolerances of the core module's tests, in one place (as {@link Seeds} holds the seeds). Each is an
 * absolute bound on a double-precision result of unit scale unless its comment says relative; a test that needs a
 * looser bound names the reason next to it. Tighten one when the code gets more accurate; never loosen one to make
 * a failure go away.
 */
public final class Tolerances {

    /**
     * NCC γ (and local ρ, masked γ, normalized match scores) against the brute-force definition, random data in
     * [0, 1): the fast paths form windowed sums by running sums or FFT, whose cancellation costs a few digits.
     */
    public static final double NCC_VS_BRUTE = 1e-10;

    /**
     * NCC against {@code ncc.BruteNcc}, per unit of the placement's condition number (how much rounding of sums
     * over the whole image is amplified in that γ): the bound is this times the condition.
     */
    public static final double NCC_PER_CONDITION = 1e-12;

    /**
     * γ where the answer is exactly 1 (a planted exact copy, a self match) or exactly −γ (a negated side), and two
     * routes through the same arithmetic (prepared vs one-shot, a template set vs one template): a few roundings.
     */
    public static final double EXACT_NCC = 1e-12;

    /**
     * γ after an affine change of values (offset and contrast), a large DC level, a power-of-two rescaling, or
     * against a reference that is itself a differently rounded route: invariant in exact arithmetic, not in the
     * sums.
     */
    public static final double NCC_INVARIANCE = 1e-9;

    /**
     * Relative rounding of a correlation by FFT against the direct sum, per FFT stage: scaled by
     * {@code (1 + 4 ln(size)) · ‖a‖·‖b‖} in {@code correlate.BruteForceCorrelation.tolerance} (the golden floor
     * is 1e-11·‖a‖·‖b‖).
     */
    public static final double FFT_RELATIVE = 1e-12;

    /** Small hand-computed correlations (a few products of small integers): exact up to one rounding. */
    public static final double HAND_COMPUTED = 1e-15;

    /** Unnormalized match scores against the brute force, relative to the score's magnitude (at least 1). */
    public static final double MATCH_UNNORMALIZED = 1e-10;

    /**
     * Normalized match scores ({@code *_NORMED}) against the brute force: their denominators are differences of
     * running sums, so random windows lose more digits than NCC's centred sums do.
     */
    public static final double MATCH_NORMED = 1e-8;

    /** A registration shift that is exact on the 1/upsample grid (integer or planted on-grid shifts). */
    public static final double SHIFT_EXACT = 1e-12;

    /** The golden floor for normalized outputs and fit values (../shared/golden/README.md). */
    public static final double GOLDEN_NORMALIZED = 1e-9;

    /** The golden floor for correlate, relative to ‖a‖·‖b‖ (../shared/golden/README.md). */
    public static final double GOLDEN_CORRELATE_RELATIVE = 1e-11;

    private Tolerances() {
    }
}
