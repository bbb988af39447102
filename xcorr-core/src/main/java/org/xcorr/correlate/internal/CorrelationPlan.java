package org.xcorr.correlate.internal;

import org.xcorr.correlate.Method;

/**
 * The one correlation engine: {@code out[o] = Σ_n J[n + k] · conj(t[n])} for every output index {@code o} of a
 * {@link Geometry} (lag {@code k = o + lagOrigin}), where {@code J = image - offset} (zero outside the image on
 * a linear axis, periodic on a circular one) and {@code t} the kernel (template), real or complex. Built once per
 * kernel and image shape by {@link #plan}, then applied to any number of images ({@link #compute}); immutable and
 * safe to share between threads.
 *
 * <p>Two implementations behind the one {@code compute}: {@link DirectPlan} (a vectorizable direct sum, for small
 * kernels) and {@link TiledFftPlan} (overlap-save FFT tiles with the kernel's spectrum computed once; one tile
 * when the whole output is cheapest, several of bounded size otherwise; real 1-D and 2-D tiles through the fused
 * pipeline of {@link org.xcorr.fft.FusedTile}, which holds only one tile half spectrum besides the input and
 * the output). {@link #plan} picks the cheaper by the
 * cost model of {@link #directCost} and {@link TiledFftPlan#chooseTiling}, with every constant in
 * {@link Tuning}; the choice depends on the shapes only, so results never depend on the thread count. This is
 * what {@code correlate}, {@code ncc}, {@code match} and registration's real-space checks call.
 */
public abstract class CorrelationPlan {

    /** Geometry the plan serves. */
    protected final Geometry geometry;
    /** Whether the kernel has an imaginary part. */
    protected final boolean complexKernel;

    /** A plan for {@code geometry}; subclasses hold the kernel in the form their path needs. */
    protected CorrelationPlan(Geometry geometry, boolean complexKernel) {
        this.geometry = geometry;
        this.complexKernel = complexKernel;
    }

    /**
     * Chooses and prepares the cheaper implementation for a real kernel, to be used for many images.
     *
     * @param g      the placement
     * @param kernel the kernel, row-major over {@link Geometry#template}; copied
     */
    public static CorrelationPlan plan(Geometry g, double[] kernel) {
        return plan(g, kernel, null, false, Method.AUTO, false, 1);
    }

    /**
     * Chooses (or, with {@code method} DIRECT or FFT, forces) and prepares an implementation.
     *
     * @param g            the placement
     * @param kernelRe     real part of the kernel, row-major over {@link Geometry#template}; copied
     * @param kernelIm     imaginary part, or {@code null} for a real kernel
     * @param complexImage whether the images will have an imaginary part (counts in the cost model)
     * @param method       AUTO (by the cost model), DIRECT or FFT
     * @param oneShot      the plan serves a single image, so the kernel spectrum's forward FFT counts in the cost
     * @param threads      threads for the preparation only (the result does not depend on it)
     */
    public static CorrelationPlan plan(Geometry g, double[] kernelRe, double[] kernelIm, boolean complexImage,
            Method method, boolean oneShot, int threads) {
        boolean complex = complexImage || kernelIm != null;
        if (method == Method.DIRECT) {
            return new DirectPlan(g, kernelRe, kernelIm);
        }
        TiledFftPlan.Tiling tiling = TiledFftPlan.chooseTiling(g, complex);
        if (method == Method.AUTO
                && directCost(g, complexImage, kernelIm != null) <= tiling.cost(complex, oneShot)) {
            return new DirectPlan(g, kernelRe, kernelIm);
        }
        return new TiledFftPlan(g, kernelRe, kernelIm, complex, tiling, oneShot, threads);
    }

    /**
     * Forces FFT tiles with explicit per-axis tile FFT lengths (caller's rank; a length at least the single-tile
     * length means one tile on that axis) or, when {@code tileLengths} is null, the tiling of the cost model; for
     * tests and the tile benchmarks.
     */
    public static CorrelationPlan fft(Geometry g, double[] kernel, int[] tileLengths) {
        return fft(g, kernel, null, false, tileLengths);
    }

    /**
     * Forces FFT tiles with explicit per-axis tile FFT lengths for a real or complex kernel and image (tests).
     *
     * @param tileLengths per axis of the caller's rank; at least the template, a length at least the single-tile
     *                    length (or the period, on a circular axis) means one tile on that axis; null for the
     *                    tiling of the cost model
     */
    public static CorrelationPlan fft(Geometry g, double[] kernelRe, double[] kernelIm, boolean complexImage,
            int[] tileLengths) {
        if (tileLengths == null) {
            boolean complex = complexImage || kernelIm != null;
            return new TiledFftPlan(g, kernelRe, kernelIm, complex, TiledFftPlan.chooseTiling(g, complex), false, 1);
        }
        return new TiledFftPlan(g, kernelRe, kernelIm, complexImage || kernelIm != null,
                TiledFftPlan.tiling(g, Geometry.widen(tileLengths)), false, 1);
    }

    /**
     * Modelled single-thread time (ns) of the direct sum: {@link Tuning#DIRECT_COST} per multiply-add actually
     * performed ({@link Geometry#directTerms}; a complex product counts as 2 or 4 real ones) plus
     * {@link Tuning#DIRECT_OUTPUT_COST} per output element.
     */
    public static double directCost(Geometry g, boolean complexImage, boolean complexKernel) {
        double factor = complexImage && complexKernel ? 4 : complexImage || complexKernel ? 2 : 1;
        return factor * Tuning.DIRECT_COST * g.directTerms() + Tuning.DIRECT_OUTPUT_COST * g.outputSize();
    }

    /** Modelled single-thread time (ns) of the FFT tiles the planner would choose. */
    public static double fftCost(Geometry g, boolean complex, boolean oneShot) {
        return TiledFftPlan.chooseTiling(g, complex).cost(complex, oneShot);
    }

    /** Whether this plan sums directly (otherwise it uses FFT tiles). */
    public abstract boolean isDirect();

    /**
     * Writes {@code out[o] = Σ_n J[n + k] · t[n]} (real image, real kernel) for every output index.
     *
     * @param image  image, row-major over {@link Geometry#image}; left unchanged
     * @param offset subtracted from every image value on the fly ({@code J = image - offset}; the image mean, so
     *               that a DC offset costs no accuracy, and the caller needs no centred copy)
     * @param out    output, row-major over {@link Geometry#output}
     */
    public final void compute(double[] image, double offset, double[] out, int threads) {
        if (complexKernel) {
            throw new IllegalStateException("complex kernel: use the complex compute");
        }
        compute(image, null, offset, out, null, threads);
    }

    /** {@link #compute(double[], double, double[], int)} with no offset. */
    public final void compute(double[] image, double[] out, int threads) {
        compute(image, 0.0, out, threads);
    }

    /**
     * Writes {@code out[o] = Σ_n J[n + k] · conj(t[n])} for every output index, real or complex.
     *
     * @param imageRe real part of the image; left unchanged
     * @param imageIm imaginary part, or {@code null}
     * @param offset  subtracted from the real part on the fly
     * @param outRe   real part of the output
     * @param outIm   imaginary part of the output; must be non-null exactly when the image or the kernel is
     *                complex
     */
    public abstract void compute(double[] imageRe, double[] imageIm, double offset, double[] outRe, double[] outIm,
            int threads);

    /**
     * The unit roundoff of an error spread over a whole FFT tile: {@code 2^-53} for the FFT tiles, 0 for the
     * direct sum (whose error is bounded by each window's own values). An output then errs by about
     * {@code c · tileRoundoff() · ||J_tile|| · ||t||}, which callers compare with the window's own spread to
     * decide where to recompute a window directly.
     */
    public abstract double tileRoundoff();

    /** A short description for diagnostics, e.g. {@code fft tiles [512, 512] x 64} or {@code direct}. */
    public abstract String describe();
}
