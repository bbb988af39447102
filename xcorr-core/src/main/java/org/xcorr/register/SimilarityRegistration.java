package org.xcorr.register;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xcorr.array.NdArray;
import org.xcorr.concurrent.Parallel;
import org.xcorr.peak.Subpixel;
import org.xcorr.shift.Warp;

/**
 * Rotation, scale and translation between two 2-D images by the Fourier–Mellin method (Reddy &amp; Chatterji,
 * IEEE TIP 5(8), 1266 (1996), doi:10.1109/83.506761; the approach of imreg_dft and of MATLAB
 * {@code imregcorr(..., "similarity")}).
 *
 * <p>The answer {@code (θ, s, t)} is the transform that maps {@code moving} onto {@code reference}:
 * {@code Warp.similarity(moving, θ, s, t, …) ≈ reference} (see {@link Warp} for the convention; with
 * {@code θ = 0, s = 1} it is the translation convention of {@link PhaseCorrelation}).
 *
 * <p>Steps: (1) for each field-of-view hypothesis {@code h} (moving = reference scaled by {@code h}; {@code h} =
 * 1, √½, √2, ½, 2), the image with the larger field is windowed down to the disc both show (a radial Hann
 * {@code cos²(πr/2R)}, {@code R} = half the smaller side for the other image, {@code R·min(h, 1/h)} for it; the
 * window-weighted mean removed first), zero-padded 2× and transformed, and the magnitudes of the spectra are
 * weighted by the high-pass {@code H = (1 - X)(2 - X)}, {@code X = cos(πξ)cos(πη)} (Reddy &amp; Chatterji), which
 * removes translation; (2) the magnitudes are resampled bilinearly on a log-polar grid — {@code P} angles over
 * [0, π) (the magnitude is point-symmetric) and {@code P} radii log-spaced from {@code 2/min(n)} to 1/2 cycle per
 * pixel, in normalized frequency so non-square images work — and each log-polar image is tapered (Hann over log
 * radius) to the band of frequencies both images sample under the hypothesis; (3) phase correlation of the two
 * log-polar images (upsampled 20×) gives the rotation (circular axis) and the log scale — the highest peak and
 * the next two local maxima, kept when their scale lies within ¾ of a hypothesis step of {@code h}; (4) the
 * rotation is known modulo 180°: both candidates of each peak de-rotate and de-scale {@code moving}, the
 * translation of each follows from masked NCC registration against the reference (only pixels that the warp
 * filled count), and the candidate with the higher overlap NCC wins; (5) all parameters are refined by
 * Nelder–Mead maximization of the real-space overlap NCC between the reference and the warped moving image
 * (cubic resampling). {@code RIGID} fixes {@code s = 1} and uses the hypothesis {@code h = 1} only;
 * {@code TRANSLATION} is {@link PhaseCorrelation} with disambiguation.
 *
 * <p>Why the hypotheses: the magnitude spectrum is invariant to translation, not to the field of view. When the
 * scale differs by 2, one image shows four times the other's area, and the two spectra come mostly from different
 * content; the reference's detail beyond the other's Nyquist frequency has no counterpart either. Without the
 * windows and the band taper the log-polar peak of such pairs sits at a wrong angle and scale. The windows assume
 * the shared content lies near the centre of both images (a shift small against the image size), as every
 * Fourier–Mellin method does for the scale.
 *
 * <p>Measured accuracy: see the README ("Rotation and scale"). Degenerate input (constant images) gives
 * overlap NCC 0. Results are bit-identical for every thread count.
 *
 * <p><b>Size.</b> One pipeline (steps 1–5 above) plus its public {@code Options} and {@code Result} records; the
 * log-polar front end lives in {@code LogPolarSpectra}, and what remains (candidates, translation, the
 * Nelder–Mead refinement and its overlap NCC) shares the warp conventions of this class.
 */
public final class SimilarityRegistration {

    /** What may differ between the images. */
    public enum Transform {
        /** Translation only. */
        TRANSLATION,
        /** Rotation and translation (scale 1). */
        RIGID,
        /** Rotation, isotropic scale and translation. */
        SIMILARITY;

        /** Parses {@code translation}, {@code rigid} or {@code similarity} (any case). */
        public static Transform parse(String name) {
            for (Transform t : values()) {
                if (t.name().equalsIgnoreCase(name.trim())) {
                    return t;
                }
            }
            throw new IllegalArgumentException("transform must be translation, rigid or similarity, got '" + name
                    + "'");
        }
    }

    /**
     * Options.
     *
     * @param transform what to recover
     * @param refine    run the final Nelder–Mead refinement (step 5)
     * @param threads   worker threads (>= 1); the result does not depend on them
     */
    public record Options(Transform transform, boolean refine, int threads) {
        /** Validates. */
        public Options {
            if (transform == null) {
                throw new IllegalArgumentException("transform must not be null");
            }
            Parallel.checkThreads(threads);
        }

        /** {@code SIMILARITY}, refined, all cores. */
        public static Options defaults() {
            return new Options(Transform.SIMILARITY, true, Parallel.defaultThreads());
        }
    }

    /**
     * Result.
     *
     * @param rotationDeg θ in degrees, in (-180, 180]
     * @param scale       s
     * @param shift       {@code [dy, dx]}
     * @param overlapNcc  Pearson correlation of the reference and the warped moving image over the pixels the
     *                    warp fills
     * @param overlap     number of those pixels
     */
    public record Result(double rotationDeg, double scale, double[] shift, double overlapNcc, long overlap) {
        /** Copies {@code shift}. */
        public Result {
            shift = shift.clone();
        }

        /** A copy of the shift. */
        @Override
        public double[] shift() {
            return shift.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && Double.compare(rotationDeg, r.rotationDeg) == 0
                    && Double.compare(scale, r.scale) == 0 && Arrays.equals(shift, r.shift)
                    && Double.compare(overlapNcc, r.overlapNcc) == 0 && overlap == r.overlap;
        }

        @Override
        public int hashCode() {
            return Double.hashCode(rotationDeg) * 31 + Double.hashCode(scale) * 17 + Arrays.hashCode(shift);
        }

        @Override
        public String toString() {
            return "Result[rotationDeg=" + rotationDeg + ", scale=" + scale + ", shift=" + Arrays.toString(shift)
                    + ", overlapNcc=" + overlapNcc + ", overlap=" + overlap + "]";
        }
    }

    /** Log-polar correlation peaks tried per field-of-view hypothesis (each with its 180° twin). */
    private static final int LOG_POLAR_PEAKS = 3;

    /**
     * Field-of-view hypotheses {@code h} (moving = reference scaled by {@code h}): the larger field is windowed down
     * to the shared disc, and only log-polar peaks within {@link #FIELD_RATIO_REACH} of {@code log h} count. They
     * span 0.5–2 in steps of √2; {@code 1} first.
     */
    private static final double[] FIELD_RATIOS = {1, Math.sqrt(0.5), Math.sqrt(2), 0.5, 2};

    /** How far (in log scale) from its hypothesis a peak may lie: 3/4 of the log step between hypotheses. */
    private static final double FIELD_RATIO_REACH = 0.75 * Math.log(Math.sqrt(2));

    private SimilarityRegistration() {
    }

    /**
     * Registers {@code moving} onto {@code reference} (see the class comment).
     *
     * @param reference real 2-D array, finite, at least 8×8
     * @param moving    real array of the same shape, finite
     * @throws IllegalArgumentException for other shapes or non-finite input
     */
    public static Result register(NdArray reference, NdArray moving, Options options) {
        check(reference, "reference");
        check(moving, "moving");
        if (!Arrays.equals(reference.shape(), moving.shape())) {
            throw new IllegalArgumentException("reference " + reference.shapeString() + " and moving "
                    + moving.shapeString() + " must have the same shape");
        }
        int threads = options.threads();
        if (options.transform() == Transform.TRANSLATION) {
            Registration r = PhaseCorrelation.register(reference, moving, RegistrationOptions.defaults()
                    .withUpsampleFactor(100).withDisambiguate(true).withThreads(threads));
            return new Result(0, 1, r.shift(), r.overlapNcc(), r.overlap());
        }
        boolean withScale = options.transform() == Transform.SIMILARITY;
        List<double[]> candidates = logPolarCandidates(reference, moving, withScale, threads);
        Result best = null;
        for (double[] c : candidates) {
            double scale = c[1];
            for (double theta : new double[] {c[0], c[0] + 180}) {
                Result candidate = translate(reference, moving, wrapDegrees(theta), scale, threads);
                if (best == null || candidate.overlapNcc() > best.overlapNcc()) {
                    best = candidate;
                }
            }
        }
        if (options.refine()) {
            best = refine(reference, moving, best, options.transform() == Transform.SIMILARITY, threads);
        }
        return best;
    }

    /**
     * Rotation (modulo 180°) and scale candidates {@code {θ, s}} (the answer's convention) from the log-polar phase
     * correlation of the magnitude spectra, one field-of-view hypothesis after the other ({@link #FIELD_RATIOS};
     * only the first for {@code RIGID}), best peak first within each; near-duplicates of an earlier candidate are
     * dropped.
     */
    static List<double[]> logPolarCandidates(NdArray reference, NdArray moving, boolean withScale, int threads) {
        int[] shape = reference.shape();
        int p = Math.max(64, Math.max(shape[0], shape[1]));
        double rhoMin = 2.0 / Math.min(shape[0], shape[1]);
        double logSpan = Math.log(0.5 / rhoMin);
        int[] padded = {LogPolarSpectra.PADDING * shape[0], LogPolarSpectra.PADDING * shape[1]};
        List<double[]> out = new ArrayList<>();
        double[] fallback = null;
        for (double h : withScale ? FIELD_RATIOS : new double[] {1}) {
            // moving = reference scaled by h (about the common centre) shows the reference's disc of radius R in its
            // disc of radius h·R: window the larger field down to the shared disc, so that both spectra come from
            // the same content (the spectrum is translation-invariant, not field-of-view-invariant)
            NdArray lpRef = LogPolarSpectra.logPolar(LogPolarSpectra.magnitude(reference, Math.min(1, 1 / h), threads), padded, p, rhoMin, logSpan);
            NdArray lpMov = LogPolarSpectra.logPolar(LogPolarSpectra.magnitude(moving, Math.min(1, h), threads), padded, p, rhoMin, logSpan);
            // reference frequency ρ shows in moving at ρ/h: only the band both sample can agree (for h < 1 the
            // reference's detail above 0.5·h cycles per pixel is beyond moving's Nyquist, and unmatched high-passed
            // noise there would otherwise outweigh the shared band and pin the peak at s = 1)
            double lo = Math.max(rhoMin, h * rhoMin);
            double hi = Math.min(0.5, 0.5 * h);
            LogPolarSpectra.taper(lpRef, p, rhoMin, logSpan, lo, hi);
            LogPolarSpectra.taper(lpMov, p, rhoMin, logSpan, lo / h, hi / h);
            Registration lp = PhaseCorrelation.register(lpRef, lpMov, RegistrationOptions.defaults()
                    .withUpsampleFactor(20).withKeepSurface(true).withThreads(threads));
            // LP_mov(α, ℓ) = LP_ref(α - θ0, ℓ + log s0) for moving = reference turned by θ0 and scaled by s0; the
            // registration shift t of the log-polar images is (-θ0, log s0) in grid units, and the answer is the
            // inverse transform (θ = -θ0, s = 1/s0). The right peak need not be the highest: the highest few (the
            // upsampled global one first, then other local maxima at integer lags) become candidates, judged later
            // by the overlap NCC.
            double[] surface = lp.surface().backingReal();
            int first = PhaseCorrelation.argmaxAbs(surface, 1);
            List<double[]> lags = new ArrayList<>();
            lags.add(lp.shift());
            for (int peak : Disambiguation.peaks(surface, new int[] {p, p}, first, LOG_POLAR_PEAKS)) {
                if (peak != first) {
                    lags.add(new double[] {peak / p - p / 2, peak % p - p / 2});
                }
            }
            for (double[] lag : lags) {
                double theta = wrapDegrees(lag[0] * 180.0 / p);
                double logScale0 = lag[1] * logSpan / (p - 1);
                if (fallback == null) {
                    fallback = new double[] {theta, withScale ? Math.exp(-logScale0) : 1};
                }
                if (withScale && Math.abs(logScale0 - Math.log(h)) > FIELD_RATIO_REACH) {
                    continue; // this hypothesis' windows do not fit that scale; a neighbouring one covers it
                }
                double[] c = {theta, withScale ? Math.exp(-logScale0) : 1};
                if (out.stream().noneMatch(o -> Math.abs(wrapDegrees(2 * (o[0] - c[0]))) < 1
                        && Math.abs(Math.log(o[1] / c[1])) < 0.005)) {
                    out.add(c);
                }
            }
        }
        if (out.isEmpty()) {
            out.add(fallback); // every peak beyond the scales covered: the highest one, for a low overlap NCC
        }
        return out;
    }

    /** De-rotates and de-scales {@code moving}, then finds the translation by masked NCC registration. */
    private static Result translate(NdArray reference, NdArray moving, double theta, double scale, int threads) {
        NdArray warped = Warp.similarity(moving, theta, scale, new double[] {0, 0}, Warp.Resampling.BILINEAR,
                Double.NaN, threads);
        NdArray valid = PhaseCorrelation.finiteMask(warped, null);
        Registration r = PhaseCorrelation.registerMasked(reference, zeroNaN(warped), null, valid,
                MaskedRegistrationOptions.defaults().withSubpixel(Subpixel.PARABOLIC).withThreads(threads));
        double[] q = ncc(reference, moving, theta, scale, r.shift(), threads);
        return new Result(theta, scale, r.shift(), q[0], (long) q[1]);
    }

    /** Nelder–Mead on -NCC over (θ, log s, dy, dx) (or without log s). */
    private static Result refine(NdArray reference, NdArray moving, Result start, boolean withScale, int threads) {
        int n = withScale ? 4 : 3;
        double[] x0 = withScale
                ? new double[] {start.rotationDeg(), Math.log(start.scale()), start.shift()[0], start.shift()[1]}
                : new double[] {start.rotationDeg(), start.shift()[0], start.shift()[1]};
        double[] steps = withScale ? new double[] {0.5, 0.005, 0.5, 0.5} : new double[] {0.5, 0.5, 0.5};
        java.util.function.ToDoubleFunction<double[]> f = x -> {
            double th = x[0];
            double sc = withScale ? Math.exp(x[1]) : start.scale();
            double[] sh = withScale ? new double[] {x[2], x[3]} : new double[] {x[1], x[2]};
            return -ncc(reference, moving, th, sc, sh, threads)[0];
        };
        double[][] simplex = new double[n + 1][];
        double[] values = new double[n + 1];
        simplex[0] = x0.clone();
        for (int i = 0; i < n; i++) {
            simplex[i + 1] = x0.clone();
            simplex[i + 1][i] += steps[i];
        }
        for (int i = 0; i <= n; i++) {
            values[i] = f.applyAsDouble(simplex[i]);
        }
        for (int iter = 0; iter < 600; iter++) {
            // order: best first (stable insertion sort keeps the order deterministic)
            for (int i = 1; i <= n; i++) {
                for (int j = i; j > 0 && values[j] < values[j - 1]; j--) {
                    double v = values[j];
                    values[j] = values[j - 1];
                    values[j - 1] = v;
                    double[] s = simplex[j];
                    simplex[j] = simplex[j - 1];
                    simplex[j - 1] = s;
                }
            }
            double size = 0;
            for (int i = 1; i <= n; i++) {
                for (int k = 0; k < n; k++) {
                    size = Math.max(size, Math.abs(simplex[i][k] - simplex[0][k]) / steps[k]);
                }
            }
            if (size < 1e-4) {
                break;
            }
            double[] centroid = new double[n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    centroid[k] += simplex[i][k] / n;
                }
            }
            double[] reflected = along(centroid, simplex[n], -1);
            double fr = f.applyAsDouble(reflected);
            if (fr < values[0]) {
                double[] expanded = along(centroid, simplex[n], -2);
                double fe = f.applyAsDouble(expanded);
                simplex[n] = fe < fr ? expanded : reflected;
                values[n] = Math.min(fe, fr);
            } else if (fr < values[n - 1]) {
                simplex[n] = reflected;
                values[n] = fr;
            } else {
                double[] contracted = along(centroid, simplex[n], fr < values[n] ? -0.5 : 0.5);
                double fc = f.applyAsDouble(contracted);
                if (fc < Math.min(fr, values[n])) {
                    simplex[n] = contracted;
                    values[n] = fc;
                } else {
                    for (int i = 1; i <= n; i++) {
                        simplex[i] = along(simplex[0], simplex[i], 0.5);
                        values[i] = f.applyAsDouble(simplex[i]);
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= n; i++) {
            if (values[i] < values[best]) {
                best = i;
            }
        }
        double[] x = simplex[best];
        double th = wrapDegrees(x[0]);
        double sc = withScale ? Math.exp(x[1]) : start.scale();
        double[] sh = withScale ? new double[] {x[2], x[3]} : new double[] {x[1], x[2]};
        double[] q = ncc(reference, moving, th, sc, sh, threads);
        if (q[0] < start.overlapNcc()) {
            return start;
        }
        return new Result(th, sc, sh, q[0], (long) q[1]);
    }

    /** {@code c + t·(p - c)}. */
    private static double[] along(double[] c, double[] p, double t) {
        double[] out = new double[c.length];
        for (int k = 0; k < c.length; k++) {
            out[k] = c[k] + t * (p[k] - c[k]);
        }
        return out;
    }

    /** {r, count}: overlap NCC of the reference and the warped moving image over the pixels the warp fills. */
    static double[] ncc(NdArray reference, NdArray moving, double theta, double scale, double[] shift,
            int threads) {
        double[] w = Warp.similarity(moving, theta, scale, shift, Warp.Resampling.CUBIC, Double.NaN, threads)
                .backingReal();
        double[] r = reference.backingReal();
        double sr = 0;
        double sw = 0;
        long count = 0;
        for (int i = 0; i < w.length; i++) {
            if (!Double.isNaN(w[i])) {
                sr += r[i];
                sw += w[i];
                count++;
            }
        }
        if (count == 0) {
            return new double[] {0, 0};
        }
        double mr = sr / count;
        double mw = sw / count;
        double srw = 0;
        double srr = 0;
        double sww = 0;
        for (int i = 0; i < w.length; i++) {
            if (!Double.isNaN(w[i])) {
                double a = r[i] - mr;
                double b = w[i] - mw;
                srw += a * b;
                srr += a * a;
                sww += b * b;
            }
        }
        double den = Math.sqrt(srr * sww);
        return new double[] {den > 0 ? Math.max(-1, Math.min(1, srw / den)) : 0, count};
    }

    private static NdArray zeroNaN(NdArray a) {
        double[] v = a.backingReal().clone();
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                v[i] = 0;
            }
        }
        return NdArray.wrap(v, a.shape());
    }

    /** Angle in (-180, 180]. */
    static double wrapDegrees(double d) {
        double w = d % 360;
        if (w > 180) {
            w -= 360;
        } else if (w <= -180) {
            w += 360;
        }
        return w;
    }

    private static void check(NdArray a, String name) {
        if (a == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (a.isComplex() || a.rank() != 2) {
            throw new IllegalArgumentException(name + " must be a real 2-D image, got " + a.shapeString()
                    + (a.isComplex() ? " complex" : ""));
        }
        if (a.shape()[0] < 8 || a.shape()[1] < 8) {
            throw new IllegalArgumentException(name + " " + a.shapeString() + " is too small; rotation and scale "
                    + "need at least 8x8 pixels");
        }
        a.requireFinite(name);
    }
}
