package org.xcorr.register;

import org.xcorr.array.NdArray;
import org.xcorr.concurrent.Parallel;
import org.xcorr.fft.RealFft;
import org.xcorr.peak.Subpixel;
import org.xcorr.peak.SubpixelFit;

/**
 * Translation registration by phase cross-correlation, with the semantics of scikit-image 0.19.3
 * {@code skimage.registration.phase_cross_correlation}.
 *
 * <h2>Unmasked ({@link #register})</h2>
 * With {@code F = rfftn(reference)}, {@code G = rfftn(moving)} (half spectra; the missing half follows from
 * Hermitian symmetry), the cross-power spectrum is {@code P = F·conj(G)}, divided element-wise by
 * {@code max(|P|, 100·2⁻⁵²)} for {@link Normalization#PHASE}. Its inverse transform {@code c = irfftn(P)} is the
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
 * (see {@code UpsampledDft}); the three real FFTs of the input size dominate otherwise.
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

    private static final double EPS = Math.ulp(1.0);

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
     * @param options   upsample factor, normalization, threads, surface; {@code subpixel} must be NONE
     * @return shift, error, phase difference, and the fftshifted correlation {@code c} (real, input shape,
     *         element {@code i} is the correlation for shift {@code i - floor(n/2)} modulo {@code n}) when asked
     * @throws IllegalArgumentException for different shapes, complex or non-finite input, or a sub-pixel
     *                                  method other than NONE
     */
    public static Registration register(NdArray reference, NdArray moving, RegistrationOptions options) {
        requireReal(reference, "reference");
        requireReal(moving, "moving");
        if (!java.util.Arrays.equals(reference.shape(), moving.shape())) {
            throw new IllegalArgumentException("reference " + reference.shapeString() + " and moving "
                    + moving.shapeString() + " must have the same shape; registering arrays of different shapes needs masks (reference and moving masks)");
        }
        if (options.subpixel() != Subpixel.NONE) {
            throw new IllegalArgumentException("subpixel " + options.subpixel()
                    + " applies to masked registration only; use upsampleFactor for sub-pixel phase correlation");
        }
        int threads = Parallel.checkThreads(options.threads());
        int[] shape = reference.shape();
        int d = shape.length;
        int size = reference.size();

        RealFft fft = RealFft.of(shape);
        int spectrum = fft.spectrumSize();
        double[] pRe = new double[spectrum];
        double[] pIm = new double[spectrum];
        double[] gRe = new double[spectrum];
        double[] gIm = new double[spectrum];
        fft.forward(reference.backingReal(), pRe, pIm, threads);
        fft.forward(moving.backingReal(), gRe, gIm, threads);
        // The finiteness check costs a pass over both images unless it is read off the transforms: NaN and
        // infinity are absorbing under +, - and × by finite numbers (Inf·0 and Inf-Inf give NaN), and the zero
        // frequency is a sum over every pixel, so it is finite whenever the input is. Only when it is not is
        // the input scanned, for the message (it may be finite input whose sum overflowed; then go on).
        if (!Double.isFinite(pRe[0]) || !Double.isFinite(pIm[0])) {
            reference.requireFinite("reference");
        }
        if (!Double.isFinite(gRe[0]) || !Double.isFinite(gIm[0])) {
            moving.requireFinite("moving");
        }
        boolean phase = options.normalization() == Normalization.PHASE;
        // cross-power product fused with its normalization, in place in F's arrays; one loop per mode so
        // the hot loop has no branch
        Parallel.forRange(threads, spectrum, 4096, (from, to) -> {
            if (phase) {
                double floor = 100 * EPS;
                for (int k = from; k < to; k++) {
                    double fr = pRe[k];
                    double fi = pIm[k];
                    double re = fr * gRe[k] + fi * gIm[k];
                    double im = fi * gRe[k] - fr * gIm[k];
                    double scale = 1.0 / Math.max(Math.sqrt(re * re + im * im), floor);
                    pRe[k] = re * scale;
                    pIm[k] = im * scale;
                }
            } else {
                for (int k = from; k < to; k++) {
                    double fr = pRe[k];
                    double fi = pIm[k];
                    pRe[k] = fr * gRe[k] + fi * gIm[k];
                    pIm[k] = fi * gRe[k] - fr * gIm[k];
                }
            }
        });
        double[] correlation = new double[size];
        fft.inverse(pRe, pIm, correlation, threads);
        double[] maxShift = options.maxShift();
        if (maxShift != null) {
            LagBounds.check(maxShift, d);
        }
        int peak = maxShift == null ? argmaxAbs(correlation, threads)
                : LagBounds.argmaxAbsWithin(correlation, shape, maxShift);

        long[] integerShift = new long[d];
        int rem = peak;
        for (int a = d - 1; a >= 0; a--) {
            int j = rem % shape[a];
            rem /= shape[a];
            integerShift[a] = j > shape[a] / 2 ? j - shape[a] : j;
        }
        double[] energies = sumsOfSquares(reference.backingReal(), moving.backingReal(), threads);
        double sourceEnergy = energies[0];
        double targetEnergy = energies[1];
        double[] shift = new double[d];
        double ccRe;
        double ccIm;
        int u = options.upsampleFactor();
        if (u == 1) {
            for (int a = 0; a < d; a++) {
                shift[a] = integerShift[a];
            }
            ccRe = correlation[peak];
            ccIm = 0;
        } else {
            int m = (3 * u + 1) / 2; // ceil(1.5 u)
            int dftshift = m / 2;
            double[][] cc = UpsampledDft.evaluate(pRe, pIm, shape, integerShift, u, m, dftshift, threads);
            int best = 0;
            double bestValue = -1;
            for (int i = 0; i < cc[0].length; i++) {
                if (maxShift != null && !LagBounds.gridPointWithin(i, d, m, dftshift, u, integerShift, maxShift)) {
                    continue;
                }
                double v = cc[0][i] * cc[0][i] + cc[1][i] * cc[1][i];
                if (v > bestValue) {
                    bestValue = v;
                    best = i;
                }
            }
            ccRe = cc[0][best];
            ccIm = cc[1][best];
            rem = best;
            for (int a = d - 1; a >= 0; a--) {
                int i = rem % m;
                rem /= m;
                shift[a] = integerShift[a] + (i - dftshift) / (double) u;
            }
            sourceEnergy *= size;
            targetEnergy *= size;
        }
        for (int a = 0; a < d; a++) {
            if (shape[a] == 1) {
                shift[a] = 0;
            }
        }
        double amplitude = sourceEnergy * targetEnergy;
        double error = amplitude == 0 ? Double.NaN
                : Math.sqrt(Math.abs(1 - (ccRe * ccRe + ccIm * ccIm) / amplitude));
        double phaseDiff = Math.atan2(ccIm, ccRe);
        NdArray surface = options.keepSurface() ? NdArray.wrap(fftshift(correlation, shape), shape) : null;
        return new Registration(shift, error, phaseDiff, surface);
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
     * @param options       overlap ratio, sub-pixel method, threads, surface (upsample and normalization unused)
     * @return the shift (NaN error and phase difference) and, when asked, the masked NCC surface of shape
     *         {@code Nr + Nm - 1} whose element {@code i} is γ for shift {@code i - (Nm - 1) + (Nm - Nr)/2}
     * @throws IllegalArgumentException for mismatched shapes, a mask without valid pixel, or non-finite valid
     *                                  values
     */
    public static Registration registerMasked(NdArray reference, NdArray moving, NdArray referenceMask,
            NdArray movingMask, RegistrationOptions options) {
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
        double[] refValid = validity(reference, referenceMask, "reference");
        double[] movValid = validity(moving, movingMask, "moving");
        int threads = Parallel.checkThreads(options.threads());
        MaskedNcc.Result ncc = MaskedNcc.compute(reference, refValid, moving, movValid, options.overlapRatio(),
                threads);
        int[] rs = reference.shape();
        int[] ms = moving.shape();
        int d = rs.length;
        double[] shift = new double[d];
        double[] center = ncc.peak();
        double[] maxShift = options.maxShift();
        if (maxShift != null) {
            LagBounds.check(maxShift, d);
            center = MaskedNcc.peakWithin(ncc, rs, ms, maxShift);
        }
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
        return new Registration(shift, Double.NaN, Double.NaN, surface);
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
        if (mask != null && !java.util.Arrays.equals(image.shape(), mask.shape())) {
            throw new IllegalArgumentException("mask " + mask.shapeString() + " must have the image's shape "
                    + image.shapeString());
        }
        double[] v = image.backingReal();
        double[] m = mask == null ? null : mask.backingReal();
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.isFinite(v[i]) && (m == null || m[i] != 0) ? 1 : 0;
        }
        return NdArray.wrap(out, image.shape());
    }

    private static double[] validity(NdArray image, NdArray mask, String name) {
        double[] v = image.backingReal();
        double[] out = new double[v.length];
        if (mask == null) {
            java.util.Arrays.fill(out, 1);
        } else {
            if (!java.util.Arrays.equals(image.shape(), mask.shape())) {
                throw new IllegalArgumentException(name + "Mask " + mask.shapeString() + " must have the shape of "
                        + name + " " + image.shapeString());
            }
            if (mask.isComplex()) {
                throw new IllegalArgumentException(name + "Mask must be real");
            }
            double[] m = mask.backingReal();
            for (int i = 0; i < m.length; i++) {
                if (Double.isNaN(m[i])) {
                    throw new IllegalArgumentException(name + "Mask contains NaN at index "
                            + java.util.Arrays.toString(mask.unravel(i)) + "; a mask is nonzero (valid) or 0");
                }
                out[i] = m[i] != 0 ? 1 : 0;
            }
        }
        boolean any = false;
        for (int i = 0; i < v.length; i++) {
            if (out[i] != 0) {
                any = true;
                if (!Double.isFinite(v[i])) {
                    throw new IllegalArgumentException(name + " contains " + (Double.isNaN(v[i]) ? "NaN" : "infinity")
                            + " at valid index " + java.util.Arrays.toString(image.unravel(i))
                            + "; mask it out (or use finiteMask)");
                }
            }
        }
        if (!any) {
            throw new IllegalArgumentException(name + "Mask has no valid (nonzero) pixel");
        }
        return out;
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

    /**
     * {@code {Σ a², Σ b²}} in one parallel pass over both arrays (equal lengths), each summed in fixed blocks
     * so the rounding does not depend on the thread count.
     */
    static double[] sumsOfSquares(double[] a, double[] b, int threads) {
        int block = 1 << 14;
        int blocks = (a.length + block - 1) / block;
        double[] partialA = new double[blocks];
        double[] partialB = new double[blocks];
        Parallel.forRange(threads, blocks, (from, to) -> {
            for (int k = from; k < to; k++) {
                double sa = 0;
                double sb = 0;
                int end = Math.min(a.length, (k + 1) * block);
                for (int i = k * block; i < end; i++) {
                    sa += a[i] * a[i];
                    sb += b[i] * b[i];
                }
                partialA[k] = sa;
                partialB[k] = sb;
            }
        });
        double sa = 0;
        double sb = 0;
        for (int k = 0; k < blocks; k++) {
            sa += partialA[k];
            sb += partialB[k];
        }
        return new double[] {sa, sb};
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
