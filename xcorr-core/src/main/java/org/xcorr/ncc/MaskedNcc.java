package org.xcorr.ncc;

import java.util.Arrays;
import java.util.Objects;
import org.xcorr.array.Masks;
import org.xcorr.array.NdArray;
import org.xcorr.array.ValueScale;
import org.xcorr.concurrent.Parallel;
import org.xcorr.correlate.internal.Geometry;
import org.xcorr.ncc.internal.MaskedSums;
import org.xcorr.ncc.internal.Summation;
import org.xcorr.ncc.internal.ValidWeights;

/**
 * Masked normalized cross-correlation of a template with an image: {@link Ncc} where pixels marked invalid in
 * either input count in no sum (Padfield, "Masked object registration in the Fourier domain", IEEE Trans.
 * Image Process. 21(5), 2706–2718, 2012, doi:10.1109/TIP.2011.2181402, with a mask on each side).
 *
 * <p>Placements, lags, output shapes and padding are those of {@link Ncc} ({@code full}, {@code same},
 * {@code valid}; output index {@code i} is lag {@code k = i + lagOrigin} per axis). For a placement {@code k},
 * the pairs are the template entries {@code n} valid in the template mask whose image position {@code n + k} is
 * <ul>
 *   <li>inside the image and valid in the image mask, or</li>
 *   <li>outside the image, with {@link Padding#ZERO} (value 0) or {@link Padding#MEAN} (value: the mean of the
 *       image's valid pixels); with {@link Padding#OVERLAP} outside positions are invalid, which is Padfield's
 *       definition and scikit-image's {@code cross_correlate_masked}.</li>
 * </ul>
 * Over those {@code N(k)} pairs, with {@code w} the image values and {@code t} the template values,
 * <pre>
 *   γ(k) = Σ(w - w̄)(t - t̄) / sqrt( Σ(w - w̄)² · Σ(t - t̄)² )        (means over the N(k) pairs)
 * </pre>
 *
 * <p><b>Minimum overlap</b> (every padding): a placement with {@code N(k) < minOverlap · T₁} pairs gives 0, where
 * {@code T₁} is the number of valid template entries ({@link NccOptions#minOverlap()}, a fraction of the template,
 * default 0.3); so does {@code N(k) = 0}. With all-ones masks {@code N(k)} is the template size for
 * {@code zero}/{@code mean} padding (no placement is refused, as in unmasked {@code ncc}) and the overlap for
 * {@code overlap} padding (the unmasked rule), so the result equals {@link Ncc#ncc} for every mode and padding:
 * within 1e-9 in the tests, typically 1e-13.
 *
 * <p><b>Degenerate cases</b>: where the valid image values of the placement are all equal, or the template's
 * valid entries paired there are all equal, γ is exactly 0 (decided exactly, see below), never NaN. Every value
 * lies in {@code [-1, 1]}. A template whose valid entries are all equal, a mask without a valid pixel, a mask of
 * another shape, NaN in a mask, and NaN or infinity at a valid pixel are errors; invalid pixels may hold any
 * value, NaN included ({@link Masks#finite} builds a mask from the non-finite pixels).
 *
 * <p><b>Method.</b> Both inputs are rescaled by exact powers of two (γ is scale-invariant) and centred on the
 * means of their valid pixels (so a large DC offset costs no accuracy); for {@code zero}/{@code mean} padding the
 * image is extended by its padding, valid, so that every placement is an interior one. The six sums
 * {@code N, Σw, Σt, Σwt, Σw², Σt²} of every placement come from FFT correlations ({@code MaskedSums}, shared
 * with masked registration). Each comes with a rounding-error bound; where a variance
 * {@code Σw² - (Σw)²/N} or {@code Σt² - (Σt)²/N} is not at least {@code 10⁷} times its bound (a constant or
 * nearly constant window, or one tiny next to the image's energy), or the numerator's bound is not below
 * {@code 10⁻⁷} of the denominator, the placement is recomputed directly from its pairs: exact equality test,
 * then two-pass sums on residuals rescaled to their own magnitude. The cost is six forward and six inverse real
 * FFTs of about the output's size, plus {@code O(T₁)} per recomputed placement that the flat-box test below does
 * not settle. Computed in double precision; results are
 * bit-identical for any thread count.
 *
 * <p><b>Accuracy.</b> A variance taken from the FFT sums has a relative error below {@code 10⁻⁷} by construction
 * (else the placement is recomputed); in practice the error is set by the cancellation in
 * {@code Σw² - (Σw)²/N}, about {@code eps·Σw²/V} for a window of variance {@code V} whose mean lies far from the
 * image's: ≤ 1e-10 on 8-bit data in the tests, 1e-13 on natural images with all-ones masks
 * ({@code examples/scene.png}, 64² template, every padding). Unmasked {@link Ncc} takes window statistics from
 * running sums and is tighter (1e-10 whatever the data); it is also the faster path when there is nothing to mask.
 * Exactly constant windows are recognised exactly (never by a threshold): first by an O(1) summed-area count of
 * unequal neighbours in the placement's box (invalid pixels filled with the preceding valid value), else by the
 * direct computation.
 *
 * <p><b>Size.</b> One entry point; about a third of the file is this contract, the rest the FFT path and the direct
 * recomputation of untrusted placements, which share the extended-image layout ({@code validBox},
 * {@code copyInto}). The six correlation sums and the input checks already live in {@code ncc.internal}.
 */
public final class MaskedNcc {

    private static final String FINITE_HINT =
            "values must be finite where valid (mask it out, e.g. with Masks.finite)";

    /** A variance must exceed its rounding bound this many times to be taken from the FFT sums. */
    private static final double TRUST = 1e7;

    private MaskedNcc() {
    }

    /**
     * Masked normalized cross-correlation (see the class comment).
     *
     * @param template     real template, 1-3 axes, no larger than the image on any axis; finite where valid
     * @param templateMask validity of the template entries (nonzero = valid), the template's shape; null = all valid
     * @param image        real image with the template's rank; finite where valid
     * @param imageMask    validity of the image pixels (nonzero = valid), the image's shape; null = all valid
     * @param options      mode, padding, minimum overlap (fraction of the valid template entries, applied for every
     *                     padding), threads
     * @return γ with the output shape of {@code options.mode()}
     * @throws IllegalArgumentException for mismatched ranks or mask shapes, a template larger than the image,
     *                                  complex input, a mask without a valid pixel or holding NaN, a non-finite
     *                                  value at a valid pixel, or a template constant over its valid
     *                                  entries
     */
    public static NdArray ncc(NdArray template, NdArray templateMask, NdArray image, NdArray imageMask,
            NccOptions options) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(options, "options");
        if (template.isComplex() || image.isComplex()) {
            throw new IllegalArgumentException((template.isComplex() ? "template" : "image")
                    + " is complex; ncc needs real arrays");
        }
        int[] ts = template.shape();
        int[] is = image.shape();
        if (ts.length != is.length) {
            throw new IllegalArgumentException("template " + template.shapeString() + " is " + ts.length
                    + "-D but image " + image.shapeString() + " is " + is.length
                    + "-D; both need the same number of axes");
        }
        for (int a = 0; a < ts.length; a++) {
            if (ts[a] > is[a]) {
                throw new IllegalArgumentException("template " + template.shapeString() + " is larger than image "
                        + image.shapeString() + " on axis " + a + "; the arguments may be swapped");
            }
        }
        int threads = Parallel.checkThreads(options.threads());
        double[] tValid = ValidWeights.of(template, templateMask, "template", FINITE_HINT);
        double[] iValid = ValidWeights.of(image, imageMask, "image", FINITE_HINT);
        double[] t = centredValid(template.backingReal(), tValid);
        double[] img = ValidWeights.scaled(image.backingReal(), iValid);
        if (t == null) {
            throw new IllegalArgumentException("template " + template.shapeString()
                    + " is constant over its valid entries (zero variance); normalized cross-correlation is"
                    + " undefined for it");
        }
        double mu = validMean(img, iValid);
        for (int i = 0; i < img.length; i++) {
            img[i] = iValid[i] != 0 ? img[i] - mu : 0;
        }
        int validTemplate = 0;
        for (double v : tValid) {
            validTemplate += v != 0 ? 1 : 0;
        }
        int templateCount = validTemplate;
        Geometry g = new Geometry(is, ts, options.mode());
        int rank = is.length;
        int[] out = g.narrow(g.output);
        int[] origin = g.narrow(g.lagOrigin);
        // Padding: zero/mean extend the image by valid pixels of the padding value (centred: -μ or 0), so that
        // the sums of every placement are interior sums; overlap leaves the outside invalid.
        double[] ext = img;
        double[] extValid = iValid;
        int[] extShape = is;
        int[] lagFrom = origin;
        boolean extend = options.padding() != Padding.OVERLAP && !g.windowsInside();
        if (extend) {
            extShape = new int[rank];
            for (int a = 0; a < rank; a++) {
                extShape[a] = NdArray.checkedSize((long) out[a] + ts[a] - 1, "extended image axis " + a);
            }
            double q = options.padding() == Padding.MEAN ? 0.0 : -mu;
            int n = NdArray.sizeOf(extShape);
            ext = new double[n];
            extValid = new double[n];
            Arrays.fill(ext, q);
            Arrays.fill(extValid, 1);
            copyInto(img, iValid, is, ext, extValid, extShape, origin);
            lagFrom = new int[rank];
        }
        MaskedSums.Sums sums = MaskedSums.compute(ext, extValid, extShape, t, tValid, ts, lagFrom, out, threads);
        double minCount = options.minOverlap() * templateCount;
        double[] result = new double[NdArray.sizeOf(out)];
        Direct direct = new Direct(ext, extValid, extShape, t, tValid, ts, lagFrom, out, templateCount,
                new FlatBoxes(ext, extValid, extShape), validBox(tValid, ts));
        Parallel.forRange(threads, result.length, 256, (from, to) -> {
            double[][] scratch = {new double[templateCount], new double[templateCount]};
            for (int i = from; i < to; i++) {
                result[i] = score(sums, i, minCount, direct, scratch);
            }
        });
        return NdArray.wrap(result, out);
    }

    /** γ of placement {@code i} from the FFT sums, or directly where they cannot be trusted. */
    private static double score(MaskedSums.Sums s, int i, double minCount, Direct direct, double[][] scratch) {
        double n = Math.rint(s.count()[i]);
        if (n <= 0 || n < minCount) {
            return 0.0;
        }
        double[] b = s.bounds();
        double sw = s.sumA()[i];
        double st = s.sumB()[i];
        double sww = s.sqA()[i];
        double stt = s.sqB()[i];
        double mw = sw / n;
        double mt = st / n;
        double vw = sww - sw * mw;
        double vt = stt - st * mt;
        double num = s.cross()[i] - sw * mt;
        double eps = Math.ulp(1.0);
        double ew = b[4] + 2 * Math.abs(mw) * b[1] + 4 * eps * sww;
        double et = b[5] + 2 * Math.abs(mt) * b[2] + 4 * eps * stt;
        double en = b[3] + Math.abs(mt) * b[1] + Math.abs(mw) * b[2] + 4 * eps * (Math.abs(s.cross()[i]) + Math.abs(sw * mt));
        if (vw > TRUST * ew && vt > TRUST * et) {
            double den = Math.sqrt(vw) * Math.sqrt(vt);
            if (en * TRUST < den) {
                return Math.max(-1.0, Math.min(1.0, num / den));
            }
        }
        return direct.score(i, minCount, scratch);
    }

    /** The exact γ of one placement from its pairs (few placements: flat, nearly flat or tiny windows). */
    private record Direct(double[] image, double[] imageValid, int[] imageShape, double[] template,
            double[] templateValid, int[] templateShape, int[] lagFrom, int[] outShape, int templateCount,
            FlatBoxes flatBoxes, int[][] templateBox) {

        double score(int flat, double minCount, double[][] scratch) {
            int[] is = Geometry.widen(imageShape);
            int[] ts = Geometry.widen(templateShape);
            int[] os = Geometry.widen(outShape);
            int[] lf = {0, 0, 0};
            System.arraycopy(lagFrom, 0, lf, 3 - lagFrom.length, lagFrom.length);
            int o2 = flat % os[2];
            int o1 = (flat / os[2]) % os[1];
            int o0 = flat / (os[2] * os[1]);
            int k0 = o0 + lf[0];
            int k1 = o1 + lf[1];
            int k2 = o2 + lf[2];
            // O(1) exact shortcut for the common flat case: every valid image pixel under the template's valid box
            // is equal (a constant background, a saturated area) — then so are the pairs', and γ = 0
            int[] k = {k0, k1, k2};
            int[] lo = new int[3];
            int[] hi = new int[3];
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.max(0, k[a] + templateBox[0][a]);
                hi[a] = Math.min(is[a], k[a] + templateBox[1][a]);
            }
            if (flatBoxes.flat(lo, hi)) {
                return 0.0;
            }
            double[] w = scratch[0];
            double[] t = scratch[1];
            int n = 0;
            for (int z = Math.max(0, -k0); z < Math.min(ts[0], is[0] - k0); z++) {
                for (int y = Math.max(0, -k1); y < Math.min(ts[1], is[1] - k1); y++) {
                    int tRow = (z * ts[1] + y) * ts[2];
                    int iRow = ((z + k0) * is[1] + y + k1) * is[2] + k2;
                    for (int x = Math.max(0, -k2); x < Math.min(ts[2], is[2] - k2); x++) {
                        if (templateValid[tRow + x] != 0 && imageValid[iRow + x] != 0) {
                            w[n] = image[iRow + x];
                            t[n] = template[tRow + x];
                            n++;
                        }
                    }
                }
            }
            if (n == 0 || n < minCount || allEqual(w, n) || allEqual(t, n)) {
                return 0.0;
            }
            residuals(w, n);
            residuals(t, n);
            double sww = 0;
            double stt = 0;
            double swt = 0;
            for (int j = 0; j < n; j++) {
                sww += w[j] * w[j];
                stt += t[j] * t[j];
                swt += w[j] * t[j];
            }
            if (!(sww > 0 && stt > 0)) {
                return 0.0;
            }
            return Math.max(-1.0, Math.min(1.0, swt / (Math.sqrt(sww) * Math.sqrt(stt))));
        }

        private static boolean allEqual(double[] v, int n) {
            for (int j = 1; j < n; j++) {
                if (v[j] != v[0]) {
                    return false;
                }
            }
            return true;
        }

        /** {@code v - mean(v)}, rescaled by a power of two to magnitude about 1 (γ does not see the scale). */
        private static void residuals(double[] v, int n) {
            double mean = Summation.refinedMean(v, n);
            for (int j = 0; j < n; j++) {
                v[j] -= mean;
            }
            ValueScale.normalizeInPlace(v, n);
        }
    }

    /** The bounding box {@code [lo, hi)} (widened to 3 axes) of the valid template entries. */
    private static int[][] validBox(double[] valid, int[] shape) {
        int[] s = Geometry.widen(shape);
        int[] lo = {s[0], s[1], s[2]};
        int[] hi = {0, 0, 0};
        for (int i = 0; i < valid.length; i++) {
            if (valid[i] != 0) {
                int[] p = {i / (s[1] * s[2]), (i / s[2]) % s[1], i % s[2]};
                for (int a = 0; a < 3; a++) {
                    lo[a] = Math.min(lo[a], p[a]);
                    hi[a] = Math.max(hi[a], p[a] + 1);
                }
            }
        }
        return new int[][] {lo, hi};
    }

    /**
     * An exact, sufficient test that every valid pixel of a box holds one value, in O(1) per box: invalid pixels
     * take the last valid value before them (row-major; the first valid value for leading ones), and per axis a
     * summed-area table counts neighbour pairs that differ; a box with none is constant in the filled array, so
     * its valid pixels (a subset) are all equal. Boxes it cannot clear go to the direct computation.
     */
    static final class FlatBoxes {
        private final int[] s;
        private final int[][] tables = new int[3][];

        FlatBoxes(double[] values, double[] valid, int[] shape) {
            s = Geometry.widen(shape);
            double[] f = new double[values.length];
            double last = Double.NaN;
            for (int i = 0; i < values.length && Double.isNaN(last); i++) {
                if (valid[i] != 0) {
                    last = values[i];
                }
            }
            for (int i = 0; i < values.length; i++) {
                if (valid[i] != 0) {
                    last = values[i];
                }
                f[i] = last;
            }
            int[] stride = {s[1] * s[2], s[2], 1};
            for (int a = 0; a < 3; a++) {
                if (s[a] < 2) {
                    continue; // no pairs along a axis of length 1
                }
                int[] table = new int[NdArray.checkedSize((long) (s[0] + 1) * (s[1] + 1) * (s[2] + 1), "flat-box table")];
                int n1 = s[1] + 1;
                int n2 = s[2] + 1;
                for (int z = 0; z < s[0]; z++) {
                    for (int y = 0; y < s[1]; y++) {
                        for (int x = 0; x < s[2]; x++) {
                            int p = (z * s[1] + y) * s[2] + x;
                            int c = a == 0 ? z : a == 1 ? y : x;
                            int d = c + 1 < s[a] && f[p] != f[p + stride[a]] ? 1 : 0;
                            int t = ((z + 1) * n1 + y + 1) * n2 + x + 1;
                            table[t] = d + table[t - n1 * n2] + table[t - n2] + table[t - 1]
                                    - table[t - n1 * n2 - n2] - table[t - n1 * n2 - 1] - table[t - n2 - 1]
                                    + table[t - n1 * n2 - n2 - 1];
                        }
                    }
                }
                tables[a] = table;
            }
        }

        /** Whether the box {@code [lo, hi)} (3 axes, non-empty) holds one value at all its valid pixels. */
        boolean flat(int[] lo, int[] hi) {
            for (int a = 0; a < 3; a++) {
                if (tables[a] == null) {
                    continue;
                }
                int[] h = hi.clone();
                h[a]--; // pairs (p, p + e_a) with both ends in the box
                if (h[a] <= lo[a]) {
                    continue;
                }
                if (boxSum(tables[a], lo, h) != 0) {
                    return false;
                }
            }
            return true;
        }

        private int boxSum(int[] t, int[] lo, int[] hi) {
            int n1 = s[1] + 1;
            int n2 = s[2] + 1;
            long sum = 0;
            for (int c = 0; c < 8; c++) {
                int z = (c & 4) != 0 ? hi[0] : lo[0];
                int y = (c & 2) != 0 ? hi[1] : lo[1];
                int x = (c & 1) != 0 ? hi[2] : lo[2];
                int sign = Integer.bitCount(c) % 2 == 1 ? -1 : 1;
                sum += sign * (long) t[(z * n1 + y) * n2 + x];
            }
            return (int) -sum;
        }
    }

    /** Copies {@code src} (shape {@code s}) into {@code dst} (shape {@code d}) at offset {@code -origin}. */
    private static void copyInto(double[] src, double[] srcValid, int[] s, double[] dst, double[] dstValid, int[] d,
            int[] origin) {
        int[] ws = Geometry.widen(s);
        int[] wd = Geometry.widen(d);
        int[] off = {0, 0, 0};
        for (int a = 0; a < s.length; a++) {
            off[a + 3 - s.length] = -origin[a];
        }
        for (int z = 0; z < ws[0]; z++) {
            for (int y = 0; y < ws[1]; y++) {
                int from = (z * ws[1] + y) * ws[2];
                int to = ((z + off[0]) * wd[1] + y + off[1]) * wd[2] + off[2];
                System.arraycopy(src, from, dst, to, ws[2]);
                System.arraycopy(srcValid, from, dstValid, to, ws[2]);
            }
        }
    }

    /** The template's valid values rescaled and centred on their mean (0 elsewhere), or null when they are all equal. */
    private static double[] centredValid(double[] v, double[] valid) {
        double first = Double.NaN;
        boolean constant = true;
        for (int i = 0; i < v.length; i++) {
            if (valid[i] != 0) {
                if (Double.isNaN(first)) {
                    first = v[i];
                } else if (v[i] != first) {
                    constant = false;
                    break;
                }
            }
        }
        if (constant) {
            return null;
        }
        double[] t = ValidWeights.scaled(v, valid);
        double mean = validMean(t, valid);
        for (int i = 0; i < t.length; i++) {
            t[i] = valid[i] != 0 ? t[i] - mean : 0;
        }
        ValueScale.normalizeInPlace(t, t.length);
        return t;
    }

    /** The mean of the valid entries (two-pass). */
    private static double validMean(double[] v, double[] valid) {
        double[] packed = new double[v.length];
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (valid[i] != 0) {
                packed[n++] = v[i];
            }
        }
        return Summation.refinedMean(packed, n);
    }
}
