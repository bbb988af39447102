package org.xcorr.ncc.internal;

import org.xcorr.fft.FastSizes;

/**
 * The cross term {@code C(k) = Σ_n J[n + k] · t'[n]} of a normalized correlation for every output lag, where
 * {@code J} is the (centred) image, zero outside its bounds, and {@code t'} the centred template. Two
 * implementations: {@link FftCrossTerm} (overlap-save tiles, template spectrum computed once; in single precision
 * {@link FloatFftCrossTerm}) and {@link DirectCrossTerm} (vectorizable loops, for tiny templates, always double);
 * {@link #plan} picks the cheaper one by a cost model that depends only on the shapes, so results never depend on
 * the thread count.
 */
public abstract class CrossTerm {

    /**
     * Cost of one multiply-add of the direct path, in the units of {@link FftCrossTerm.Tiling#cost} (nanoseconds
     * of one thread on the reference machine, a shared 2-core AMD EPYC with AVX2, JDK 17). Measured on 1024²
     * images: 0.17 ns for 8², 0.16 for 12², 0.15 for 16² templates (0.09 before was too low: it sent 16²
     * templates to a 51 ms direct sum instead of a 25-30 ms FFT).
     */
    static final double DIRECT_COST = 0.16;

    /** Geometry the plan serves. */
    protected final Geometry geometry;

    /** A plan for {@code geometry}; subclasses hold the template in the form their path needs. */
    protected CrossTerm(Geometry geometry) {
        this.geometry = geometry;
    }

    /** Chooses and prepares the cheaper implementation for {@code centredTemplate}, to be used many times. */
    public static CrossTerm plan(Geometry g, double[] centredTemplate) {
        return plan(g, centredTemplate, false, 1);
    }

    /**
     * Chooses and prepares the cheaper implementation for {@code centredTemplate} (widened shape). With
     * {@code oneShot} the plan serves a single image, so the template spectrum's forward FFT counts in the cost
     * (it favours tiles over one whole-image FFT). {@code threads} only speeds up the preparation.
     */
    public static CrossTerm plan(Geometry g, double[] centredTemplate, boolean oneShot, int threads) {
        return plan(g, centredTemplate, oneShot, threads, false);
    }

    /**
     * As {@link #plan(Geometry, double[], boolean, int)}; with {@code singlePrecision} the FFT path, when chosen,
     * runs in float ({@link FloatFftCrossTerm}). The choice of path and tiles is the same for both precisions.
     */
    public static CrossTerm plan(Geometry g, double[] centredTemplate, boolean oneShot, int threads,
            boolean singlePrecision) {
        FftCrossTerm.Tiling tiling = FftCrossTerm.chooseTiling(g, oneShot);
        double direct = DIRECT_COST * (double) g.outputSize() * g.templateSize;
        double fft = tiling.cost(oneShot);
        if (direct <= fft) {
            return new DirectCrossTerm(g, centredTemplate);
        }
        return singlePrecision ? new FloatFftCrossTerm(g, centredTemplate, tiling, threads)
                : new FftCrossTerm(g, centredTemplate, tiling, threads);
    }

    /** Forces the FFT path (for tests). */
    public static CrossTerm fft(Geometry g, double[] centredTemplate) {
        return new FftCrossTerm(g, centredTemplate, FftCrossTerm.chooseTiling(g, false), 1);
    }

    /** Forces the FFT path with explicit per-axis tile FFT lengths (for tests). */
    public static CrossTerm fft(Geometry g, double[] centredTemplate, int[] tileLengths) {
        return new FftCrossTerm(g, centredTemplate, FftCrossTerm.tiling(g, tileLengths), 1);
    }

    /**
     * Forces the FFT path (for tests), in float with {@code singlePrecision}, with explicit per-axis tile FFT
     * lengths or, when {@code tileLengths} is null, the tiling of the cost model.
     */
    public static CrossTerm fft(Geometry g, double[] centredTemplate, int[] tileLengths, boolean singlePrecision) {
        FftCrossTerm.Tiling tiling = tileLengths == null ? FftCrossTerm.chooseTiling(g, false)
                : FftCrossTerm.tiling(g, tileLengths);
        return singlePrecision ? new FloatFftCrossTerm(g, centredTemplate, tiling, 1)
                : new FftCrossTerm(g, centredTemplate, tiling, 1);
    }

    /** Forces the direct path (for tests). */
    public static CrossTerm direct(Geometry g, double[] centredTemplate) {
        return new DirectCrossTerm(g, centredTemplate);
    }

    /**
     * Writes {@code C} for every output index (row-major over {@link Geometry#output}) into {@code out}.
     *
     * @param image image, row-major over {@link Geometry#image}; left unchanged
     */
    public final void compute(double[] image, double[] out, int threads) {
        compute(image, 0.0, out, threads);
    }

    /**
     * Writes {@code C} of the image {@code J = image - offset} (computed on the fly, so the caller needs no
     * centred copy) for every output index into {@code out}.
     *
     * @param image  image, row-major over {@link Geometry#image}; left unchanged
     * @param offset subtracted from every image value (the image mean, so that a DC offset costs no accuracy)
     */
    public abstract void compute(double[] image, double offset, double[] out, int threads);

    /**
     * The unit roundoff of an error that is spread over a whole FFT tile: {@code 2^-53} for the double FFT,
     * {@code 2^-24} for the float one, 0 for the direct path (whose error is bounded by the window's own values).
     * The cross term of an output then errs by about {@code c · tileRoundoff() · ||J_tile|| · ||t'||}, which
     * callers compare with the window's own spread to decide where to recompute a window directly.
     */
    public double tileRoundoff() {
        if (this instanceof DirectCrossTerm) {
            return 0;
        }
        return this instanceof FloatFftCrossTerm ? 0x1p-24 : 0x1p-53;
    }

    /** A short description for diagnostics, e.g. {@code fft tiles 512x512}. */
    public abstract String describe();

    static int fastAtLeast(int n) {
        return FastSizes.next(Math.max(1, n));
    }
}
