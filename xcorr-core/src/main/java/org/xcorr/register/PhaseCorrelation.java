package org.xcorr.register;

import org.xcorr.array.Masks;
import org.xcorr.array.NdArray;
import org.xcorr.concurrent.Parallel;
import org.xcorr.ncc.internal.ValidWeights;
import org.xcorr.peak.Subpixel;
import org.xcorr.peak.SubpixelFit;

/**
 * Translation registration by phase cross-correlation, with the semantics of scikit-image 0.19.3
 * {@code skimage.registration.phase_cross_correlation}.
 *
 * <h2>Unmasked ({@link #register})</h2>
 * With {@code F = rfftn(reference)}, {@code G = rfftn(moving)} (half spectra; the missing half follows from
 * Hermitian symmetry), the cross-power spectrum is {@code P = F·conj(G)}, divided element-wise by
 * {@code max(|P|, 100·2⁻⁵² · 2^(er+em))} for {@link Normalization#PHASE}, where {@code 2^er}, {@code 2^em} are
 * the binary magnitudes of the inputs' largest values (scikit-image's floor is {@code 100·2⁻⁵²} in absolute
 * units; measured in units of the inputs, as here, the shift is the same for every positive scale of either
 * input — ×1e80 or ×1e-90 gave wrong shifts before — and differs from scikit-image's only at frequencies whose
 * cross-power is below {@code 100·2⁻⁵²} of the inputs' magnitudes). Its inverse transform {@code c = irfftn(P)} is the
 * circular cross-correlation {@code c[j] = Σ_n reference[n + j]·moving[n]} (indices modulo the shape); the
 * first maximum of {@code |c|} in row-major order gives the integer shift {@code j}, wrapped per axis to
 * {@code j - n} when {@code j > floor(n/2)}. With {@code upsampleFactor u > 1} the estimate is refined to
 * {@code 1/u} pixel (Guizar-Sicairos, Thurman &amp; Fienup, Opt. Lett. 33, 156 (2008),
 * doi:10.1364/OL.33.000156): the inverse DFT of {@code P} is evaluated exactly (no zero padding) on the grid
 * {@code s + (i - dftshift)/u}, {@code i = 0 … m-1}, with {@code m = ceil(1.5u)} and
 * {@code dftshift = floor(m/2)}, around the integer estimate {@code s}, and its first maximum of modulus is the
 * answer — the same grid, the same points and hence the same answer as scikit-image. The evaluation
 * works on the half spectrum and, for large {@code u}, through a short Taylor expansion of the DFT kernel,
 * so its cost is about {@code 26·ny·(nx/2+1)} real×complex multiply-adds in 2-D whatever {@code u}
 * (see {@code UpsampledDft}); the three real FFTs of the input size dominate otherwise. The grid holds
 * {@code m^d} points and is capped at 2^22 ({@code u <= 1365} in 2-D, {@code 107} in 3-D; see
 * {@code UpsampleBound}): larger factors are refused in one line. Inputs far from 1 (beyond {@code 2^±100}) are
 * rescaled by exact powers of two before the transforms.
 *
 * <p>{@code error = sqrt(|1 - |CCmax|²/(ΣF²·ΣG²)|)} and {@code phaseDiff = atan2(Im CCmax, Re CCmax)}, where
 * {@code CCmax} is the correlation at the answer and the sums run over the whole spectra (for {@code u = 1}
 * both sides are divided by the number of pixels, as scikit-image does); computed from real-space sums by
 * Parseval. With {@link Normalization#PHASE} {@code CCmax} is the normalized correlation while the sums are of
 * the raw spectra, so {@code error} is close to 1 — that is scikit-image's definition, kept for
 * compatibility. At {@code u = 1} the correlation is computed real, so {@code phaseDiff} is exactly 0 or π
 * (scikit-image's is the same up to rounding noise, and its sign at π is arbitrary). An axis of length 1
 * gets shift 0. An all-zero image gives shift 0 and {@code error} NaN.
 *
 * <p>Because {@code error} is ≈ 1 for every input under phase normalization (scikit-image#6376), the result
 * also carries {@link Registration#peakValue()} and the real-space {@link Registration#overlapNcc()}, which
 * tell a good registration from a failed one. Beyond scikit-image 0.19: {@link RegistrationOptions#window()}
 * apodises both images first, {@link RegistrationOptions#maxShift()} bounds the search, and
 * {@link RegistrationOptions#disambiguate()} resolves the periodic ambiguity of the shift (and the
 * smooth-image failure of phase normalization, scikit-image#6456) by the overlap NCC of the candidate peaks'
 * periodic alternatives. The computation is the one of {@link PreparedReference} (one engine).
 *
 * <p><b>Memory.</b> {@link #register(NdArray, NdArray, RegistrationOptions)} keeps its large scratch (the
 * reference's half spectrum, the moving one's, the correlation surface: {@code 4·ny·(nx/2+1) + ny·nx} doubles,
 * 96 MiB at 2048²) and the upsampled DFT's kernels for the next call of the same size, in one process-wide,
 * softly referenced set (the collector clears it when memory runs short; a concurrent call that finds it in use
 * makes its own), so repeated calls allocate about 2 MiB each at 2048² instead of 133 MiB and run at full speed
 * under the JVM's default heap sizing. Registering many images against one reference is cheaper still with
 * {@link PreparedReference}, which keeps its own scratch.
 *
 * <h2>Masked ({@link #registerMasked})</h2>
 * Masked normalized cross-correlation (Padfield, IEEE TIP 21(5), 2706 (2012), doi:10.1109/TIP.2011.2181402).
 * For every lag {@code k} (all {@code Nr + Nm - 1} lags per axis, zero padding, no wrap-around), over the
 * {@code N(k)} pixel pairs {@code (n + k, n)} valid in both masks:
 * <pre>  γ(k) = (Σ m·r - Σm·Σr/N) / sqrt((Σ m² - (Σm)²/N)·(Σ r² - (Σr)²/N))</pre>
 * with {@code m = moving[n + k]} and {@code r = reference[n]}; {@code N} is rounded to an integer. As in
 * scikit-image, γ is 0 where the denominator is at most {@code 1000·eps·max(denominator)}, clipped to [-1, 1],
 * and 0 where {@code N(k) < overlapRatio·max N}. The shift is {@code -k} at the maximum of γ (the mean of the
 * positions when several lags share the exact maximum) plus {@code (moving shape − reference shape)/2}.
 * Optional {@link Subpixel#PARABOLIC} refinement fits a parabola per axis through the maximum and its two
 * neighbours (only when the maximum is unique and not on the border); measured accuracy: worst error
 * 0.037 px (integer estimate: 0.46 px) over 10 random shifts of 64×64 smooth random images (Gaussian
 * low-pass, σ = 2.5 px) with 30% of the pixels invalid in each image — the fit is biased towards the
 * integer peak by an amount that depends on the peak's shape, so treat it as a refinement, not as the
 * exact 1/u precision of the unmasked upsampled DFT. Unlike scikit-image 0.19 (which only
 * correlates axes 0 and 1) every axis is correlated in 3-D. No error or phase difference (NaN).
 *
 * <h2>Invalid pixels</h2>
 * Masked registration ignores the values of invalid pixels, which may be NaN or infinite. To treat
 * non-finite pixels as invalid, build the masks with {@link #finiteMask(NdArray, NdArray)}. Unmasked
 * registration rejects non-finite input.
 */
public final class PhaseCorrelation {

    private static final String FINITE_HINT = "mask it out (or use finiteMask)";

    private PhaseCorrelation() {
    }

    /** {@link #register(NdArray, NdArray, RegistrationOptions)} with {@link RegistrationOptions#defaults()}. */
    public static Registration register(NdArray reference, NdArray moving) {
        return register(reference, moving, RegistrationOptions.defaults());
    }

    /**
     * The shift that registers {@code moving} onto {@code reference} (see the class comment).
     *
     * @param reference real array, 1-3 axes, finite
     * @param moving    real array of the same shape, finite
     * @param options   upsample factor, normalization, threads, surface, window, disambiguation
     * @return shift, error, phase difference, and the fftshifted correlation {@code c} (real, input shape,
     *         element {@code i} is the correlation for shift {@code i - floor(n/2)} modulo {@code n}) when asked
     * @throws IllegalArgumentException for different shapes, complex or non-finite input, an upsampled grid beyond 2^22 points, or (unnormalized,
     *                                  with the surface kept) a surface beyond the double range
     */
    public static Registration register(NdArray reference, NdArray moving, RegistrationOptions options) {
        requireReal(reference, "reference");
        requireReal(moving, "moving");
        if (!java.util.Arrays.equals(reference.shape(), moving.shape())) {
            throw new IllegalArgumentException("reference " + reference.shapeString() + " and moving "
                    + moving.shapeString() + " must have the same shape; registering arrays of different shapes needs masks (reference and moving masks)");
        }
        int threads = Parallel.checkThreads(options.threads());
        UpsampleBound.check(options.upsampleFactor(), reference.shape());
        // one engine: the prepared path (including the power-of-two rescaling of inputs far from 1), with the
        // reference spectrum and scratch of the previous call of this size reused (see PreparedReference.once)
        return PreparedReference.once(reference, moving, options, threads, options.keepSurface(), true);
    }

    /**
     * Masked registration (see the class comment). Shapes of {@code reference} and {@code moving} may differ
     * (same number of axes); each mask has its image's shape, nonzero = valid.
     *
     * @param reference     real array, 1-3 axes; finite where valid
     * @param moving        real array with as many axes; finite where valid
     * @param referenceMask validity of {@code reference}; null = every pixel valid
     * @param movingMask    validity of {@code moving}; null = {@code referenceMask} (as scikit-image), which
     *                      then needs equal shapes
     * @param options       overlap ratio, sub-pixel method, threads, surface, shift bound
     * @return the shift (NaN error and phase difference) and, when asked, the masked NCC surface of shape
     *         {@code Nr + Nm - 1} whose element {@code i} is γ for shift {@code i - (Nm - 1) + (Nm - Nr)/2}
     * @throws IllegalArgumentException for mismatched shapes, a mask without valid pixel, or non-finite valid
     *                                  values
     */
    public static Registration registerMasked(NdArray reference, NdArray moving, NdArray referenceMask,
            NdArray movingMask, MaskedRegistrationOptions options) {
        requireReal(reference, "reference");
        requireReal(moving, "moving");
        if (reference.rank() != moving.rank()) {
            throw new IllegalArgumentException("reference " + reference.shapeString() + " and moving "
                    + moving.shapeString() + " must have the same number of axes");
        }
        if (movingMask == null && referenceMask != null) {
            if (!java.util.Arrays.equals(reference.shape(), moving.shape())) {
                throw new IllegalArgumentException("movingMask is needed when reference " + reference.shapeString()
                        + " and moving " + moving.shapeString() + " differ in shape");
            }
            movingMask = referenceMask;
        }
        double[] refValid = ValidWeights.of(reference, referenceMask, "reference", FINITE_HINT);
        double[] movValid = ValidWeights.of(moving, movingMask, "moving", FINITE_HINT);
        int threads = Parallel.checkThreads(options.threads());
        // γ is invariant to a positive scale of either input: rescale the valid values by a power of two so
        // their largest magnitude lies in [1, 2) (exact, see ValueScale) and no moment over- or underflows
        reference = NdArray.wrap(ValidWeights.scaled(reference.backingReal(), refValid), reference.shape());
        moving = NdArray.wrap(ValidWeights.scaled(moving.backingReal(), movValid), moving.shape());
        MaskedSurface.Result ncc = MaskedSurface.compute(reference, refValid, moving, movValid, options.overlapRatio(),
                threads);
        int[] rs = reference.shape();
        int[] ms = moving.shape();
        int d = rs.length;
        double[] shift = new double[d];
        double[] center = ncc.peak();
        double[] integerCenter;
        double[] maxShift = options.maxShift();
        if (maxShift != null) {
            LagBounds.check(maxShift, d);
            center = MaskedSurface.peakWithin(ncc, rs, ms, maxShift);
        }
        integerCenter = center.clone();
        if (options.subpixel() != Subpixel.NONE && ncc.uniquePeak() >= 0 && maxShift == null) {
            NdArray surface = NdArray.wrap(ncc.surface(), ncc.shape());
            int[] p = surface.unravel(ncc.uniquePeak());
            center = SubpixelFit.refine(surface, p, options.subpixel());
        }
        for (int a = 0; a < d; a++) {
            // surface index i is lag k = i - (Nr - 1) of Σ moving[n + k]·reference[n]; the shift undoes it
            shift[a] = -(center[a] - (rs[a] - 1)) + (ms[a] - rs[a]) / 2.0;
        }
        NdArray surface = null;
        if (options.keepSurface()) {
            // flipped so that, like the unmasked surface, index − centre = shift
            surface = NdArray.wrap(flip(ncc.surface(), ncc.shape()), ncc.shape());
        }
        // the masked NCC at the integer peak is itself the quality number (a tie's mean position is rounded)
        int[] ns = ncc.shape();
        int flat = 0;
        for (int a = 0; a < d; a++) {
            flat = flat * ns[a] + (int) Math.max(0, Math.min(ns[a] - 1, Math.round(integerCenter[a])));
        }
        return new Registration(shift, Double.NaN, Double.NaN, surface, ncc.surface()[flat], Double.NaN, 0);
    }

    /**
     * A validity mask for {@code image}: 1 where the image value is finite and {@code mask} (if given) is
     * nonzero, else 0. Use it to register images with NaN holes: {@code registerMasked(ref, mov,
     * finiteMask(ref, null), finiteMask(mov, null), options)}.
     *
     * @param image any real array
     * @param mask  null, or an array of the image's shape (nonzero = valid)
     */
    public static NdArray finiteMask(NdArray image, NdArray mask) {
        return Masks.finite(image, mask);
    }

    private static void requireReal(NdArray a, String name) {
        if (a == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (a.isComplex()) {
            throw new IllegalArgumentException(name + " must be real, got a complex array");
        }
    }

    /** First index of the largest |v| in row-major order; deterministic for every thread count. */
    static int argmaxAbs(double[] v, int threads) {
        int block = 1 << 14;
        int blocks = (v.length + block - 1) / block;
        int[] bestIndex = new int[blocks];
        double[] bestValue = new double[blocks];
        Parallel.forRange(threads, blocks, (from, to) -> {
            for (int b = from; b < to; b++) {
                int end = Math.min(v.length, (b + 1) * block);
                int bi = b * block;
                double bv = Math.abs(v[bi]);
                for (int i = bi + 1; i < end; i++) {
                    double a = Math.abs(v[i]);
                    if (a > bv) {
                        bv = a;
                        bi = i;
                    }
                }
                bestIndex[b] = bi;
                bestValue[b] = bv;
            }
        });
        int best = bestIndex[0];
        double value = bestValue[0];
        for (int b = 1; b < blocks; b++) {
            if (bestValue[b] > value) {
                value = bestValue[b];
                best = bestIndex[b];
            }
        }
        return best;
    }

    /** numpy fftshift: out[i] = in[(i - floor(n/2)) mod n] per axis. */
    static double[] fftshift(double[] in, int[] shape) {
        double[] out = new double[in.length];
        int[] idx = new int[shape.length];
        for (int flat = 0; flat < in.length; flat++) {
            int src = 0;
            for (int a = 0; a < shape.length; a++) {
                int n = shape[a];
                src = src * n + Math.floorMod(idx[a] - n / 2, n);
            }
            out[flat] = in[src];
            for (int a = shape.length - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return out;
    }

    /** Reverses every axis. */
    static double[] flip(double[] in, int[] shape) {
        // reversing every axis of a row-major array reverses its flat order
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return out;
    }
}
