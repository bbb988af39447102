package org.xcorr.track;

import java.util.Arrays;
import java.util.Objects;
import org.xcorr.array.NdArray;
import org.xcorr.correlate.Mode;
import org.xcorr.array.Masks;
import org.xcorr.ncc.MaskedNcc;
import org.xcorr.ncc.Ncc;
import org.xcorr.ncc.NccOptions;
import org.xcorr.peak.PeakQuality;
import org.xcorr.peak.Peaks;
import org.xcorr.peak.SubpixelFit;

/**
 * Finds where a template lies in an image: the peak of the normalized cross-correlation.
 *
 * <p>The surface is {@code γ = ncc(template, image, FULL)} with the options' padding (zero by default, MATLAB
 * {@code normxcorr2}), shape {@code Ni + Nt - 1} per axis; index {@code i} is the placement with the template's
 * first pixel at image position {@code i - (Nt - 1)}. The peak {@code p} is the first maximum of {@code γ} in
 * row-major order among the searched {@link Placements} (every placement by default; with a minimum overlap only
 * those whose template overlaps the image by that fraction, with a shift bound only {@code |offset| <= maxShift}),
 * and
 * <pre>
 *   offset = p - (Nt - 1)        (per axis; negative when the template hangs over the image's start)
 *   fit    = γ(p)                (in [-1, 1])
 * </pre>
 * Optional sub-pixel refinement ({@link org.xcorr.peak.Subpixel}) moves {@code p} and {@code offset} by the
 * three-point fit {@code d = (f- - f+) / (2 (f- - 2 f0 + f+))} per axis (on {@code ln f} for Gaussian); {@code fit}
 * stays {@code γ} at the integer peak. The peak quality ({@link PeakQuality}: peak-to-sidelobe ratio and
 * second-peak ratio) is measured on the same searched placements, so a runner-up never comes from a placement
 * the search left out. {@link Offset#overlap()} and {@link Offset#edge()} say whether the peak is a partial
 * placement and whether the search was cut off beside it.
 *
 * <p>Degenerate cases: a constant template is an error (it has no NCC); constant image windows score 0, so an
 * entirely constant image gives {@code fit = 0} at the first placement, {@code offset = -(Nt - 1)}.
 *
 * <p>References: J. P. Lewis, "Fast normalized cross-correlation", Vision Interface 1995.
 */
public final class Offsets {

    private Offsets() {
    }

    /**
     * Where {@code template} lies in {@code image}, with the default options (zero padding, no sub-pixel
     * refinement, all cores).
     *
     * @see #offset(NdArray, NdArray, OffsetOptions)
     */
    public static Offset offset(NdArray template, NdArray image) {
        return offset(template, image, OffsetOptions.defaults());
    }

    /**
     * Where {@code template} lies in {@code image}: the peak of {@code ncc(template, image, FULL)} turned into
     * the position of the template's first pixel, see the class comment.
     *
     * @param template the template, real, with the image's rank and no larger than it on any axis
     * @param image    the image, real
     * @param options  sub-pixel method, padding, threads, exclusion radius for the peak quality
     * @return the offset, fit, peak quality and surface
     * @throws IllegalArgumentException if the ranks differ, the template is larger than the image on some axis
     *                                  (the arguments may be swapped), a value is not finite, an input is
     *                                  complex, or the template is constant
     */
    public static Offset offset(NdArray template, NdArray image, OffsetOptions options) {
        Objects.requireNonNull(options, "options");
        NdArray surface = Ncc.ncc(template, image, NccOptions.defaults().withMode(Mode.FULL)
                .withPadding(options.padding()).withMinOverlap(options.effectiveMinOverlap())
                .withThreads(options.threads()));
        return fromSurface(surface, template.shape(), options);
    }

    /**
     * Where {@code template} lies in {@code image} when some pixels of either must not count: the peak of the
     * masked NCC ({@link MaskedNcc}, {@code full} mode, {@code options.padding()}, minimum overlap
     * {@link NccOptions#DEFAULT_MIN_OVERLAP} of the template's valid entries) turned into an offset as
     * {@link #offset(NdArray, NdArray, OffsetOptions)} does.
     *
     * @param templateMask validity of the template entries (nonzero = valid, the template's shape); null = all
     * @param imageMask    validity of the image pixels (nonzero = valid, the image's shape); null = all
     * @throws IllegalArgumentException as {@link MaskedNcc#ncc}
     */
    public static Offset offsetMasked(NdArray template, NdArray templateMask, NdArray image, NdArray imageMask,
            OffsetOptions options) {
        Objects.requireNonNull(options, "options");
        NdArray surface = MaskedNcc.ncc(template, templateMask, image, imageMask, NccOptions.defaults()
                .withMode(Mode.FULL).withPadding(options.padding()).withThreads(options.threads()));
        return fromSurface(surface, template.shape(), options);
    }

    /** {@link #offsetMasked} with the masks of the non-finite pixels: NaN and infinity count in no sum. */
    static Offset offsetIgnoringNonFinite(NdArray template, NdArray image, OffsetOptions options) {
        return offsetMasked(template, Masks.finite(template, null), image, Masks.finite(image, null), options);
    }

    /**
     * The offset from an NCC surface already computed in {@code full} mode, for callers that have their own
     * surface (another padding, a masked NCC) or want to reuse one. The peak is searched among
     * {@link OffsetOptions#placements}, the image's shape being {@code surface shape - Nt + 1}.
     *
     * @param surface       a real {@code full}-mode surface, shape {@code Ni + Nt - 1}
     * @param templateShape the template's shape {@code Nt}, to turn the peak into an offset
     * @param options       sub-pixel method, exclusion radius, minimum overlap and shift bound ({@code threads}
     *                      and {@code padding} are not used)
     * @throws IllegalArgumentException if the ranks differ, the surface is complex or smaller than the template,
     *                                  or {@code maxShift} has the wrong number of values
     */
    public static Offset fromSurface(NdArray surface, int[] templateShape, OffsetOptions options) {
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(templateShape, "templateShape");
        Objects.requireNonNull(options, "options");
        if (templateShape.length != surface.rank()) {
            throw new IllegalArgumentException("templateShape " + Arrays.toString(templateShape) + " has "
                    + templateShape.length + " axes but the surface " + surface.shapeString() + " has " + surface.rank());
        }
        int[] imageShape = new int[templateShape.length];
        for (int a = 0; a < templateShape.length; a++) {
            if (templateShape[a] < 1 || templateShape[a] > surface.shape(a)) {
                throw new IllegalArgumentException("templateShape " + NdArray.shapeString(templateShape)
                        + " does not fit a full-mode surface " + surface.shapeString() + " on axis " + a);
            }
            imageShape[a] = surface.shape(a) - templateShape[a] + 1;
        }
        if (surface.isComplex()) {
            throw new IllegalArgumentException("surface must be real, got a complex " + surface.shapeString()
                    + " array");
        }
        Placements placements = options.placements(templateShape, imageShape);
        int[] integerPeak;
        double[] peak;
        PeakQuality q;
        if (!placements.restricted()) {
            integerPeak = Peaks.argmax(surface);
            peak = SubpixelFit.refine(surface, integerPeak, options.subpixel());
            q = Peaks.quality(surface, integerPeak, options.exclusionRadius());
        } else {
            boolean[] searched = searchedMask(placements, surface.shape());
            // Placements left out become NaN, which the peak search, the three-point fit (no refinement towards a
            // NaN neighbour) and the separated-peak search all pass over; the PSR is then taken over the rest.
            double[] v = surface.backingReal().clone();
            for (int i = 0; i < v.length; i++) {
                if (!searched[i]) {
                    v[i] = Double.NaN;
                }
            }
            NdArray restricted = NdArray.wrap(v, surface.shape());
            integerPeak = Peaks.argmax(restricted);
            peak = SubpixelFit.refine(restricted, integerPeak, options.subpixel());
            PeakQuality nan = Peaks.quality(restricted, integerPeak, options.exclusionRadius());
            double psr = peakToSidelobe(v, searched, surface.shape(), integerPeak, surface.get(integerPeak),
                    options.exclusionRadius());
            q = new PeakQuality(psr, nan.secondPeakRatio(), nan.secondPeak(), options.exclusionRadius());
        }
        double[] offset = new double[peak.length];
        for (int a = 0; a < peak.length; a++) {
            offset[a] = peak[a] - (templateShape[a] - 1);
        }
        return new Offset(offset, peak, surface.get(integerPeak), integerPeak, q, surface, placements);
    }

    /** {@link Placements#searched} for every flat index of a surface of shape {@code shape}, row-major. */
    static boolean[] searchedMask(Placements placements, int[] shape) {
        int n = NdArray.sizeOf(shape);
        boolean[] mask = new boolean[n];
        int[] index = new int[shape.length];
        for (int i = 0; i < n; i++) {
            mask[i] = placements.searched(index);
            next(index, shape);
        }
        return mask;
    }

    /**
     * The peak-to-sidelobe ratio of {@link PeakQuality} over the searched samples only: {@code (f_peak - μ) / σ}
     * with {@code μ}, {@code σ} the mean and population standard deviation of the searched samples outside the
     * exclusion window; NaN when there are none or they are constant. Two passes, as {@link Peaks#quality}.
     */
    private static double peakToSidelobe(double[] v, boolean[] searched, int[] shape, int[] peak, double f,
            int radius) {
        boolean[] sidelobe = new boolean[v.length];
        int[] index = new int[shape.length];
        long count = 0;
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            boolean window = true;
            for (int a = 0; a < shape.length && window; a++) {
                window = Math.abs(index[a] - peak[a]) <= radius;
            }
            sidelobe[i] = searched[i] && !window;
            if (sidelobe[i]) {
                sum += v[i];
                count++;
            }
            next(index, shape);
        }
        if (count == 0) {
            return Double.NaN;
        }
        double mean = sum / count;
        double ss = 0;
        for (int i = 0; i < v.length; i++) {
            if (sidelobe[i]) {
                double d = v[i] - mean;
                ss += d * d;
            }
        }
        double std = Math.sqrt(ss / count);
        return std > 0 ? (f - mean) / std : Double.NaN;
    }

    /** Steps a row-major multi-index one place on (the last axis fastest). */
    private static void next(int[] index, int[] shape) {
        for (int a = shape.length - 1; a >= 0; a--) {
            if (++index[a] < shape[a]) {
                return;
            }
            index[a] = 0;
        }
    }
}
