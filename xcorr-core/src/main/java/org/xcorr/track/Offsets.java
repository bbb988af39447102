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
 * <p>The surface is {@code γ = ncc(template, image, FULL)} with zero padding (MATLAB {@code normxcorr2}),
 * shape {@code Ni + Nt - 1} per axis; index {@code i} is the placement with the template's first pixel at
 * image position {@code i - (Nt - 1)}. The peak {@code p} is the first maximum of {@code γ} in row-major order,
 * and
 * <pre>
 *   offset = p - (Nt - 1)        (per axis; negative when the template hangs over the image's start)
 *   fit    = γ(p)                (in [-1, 1])
 * </pre>
 * Optional sub-pixel refinement ({@link org.xcorr.peak.Subpixel}) moves {@code p} and {@code offset} by the
 * three-point fit {@code d = (f- - f+) / (2 (f- - 2 f0 + f+))} per axis (on {@code ln f} for Gaussian); {@code fit}
 * stays {@code γ} at the integer peak. The peak quality ({@link PeakQuality}: peak-to-sidelobe ratio and
 * second-peak ratio) is measured on the same surface.
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
                .withPadding(options.padding()).withThreads(options.threads()));
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
     * surface (another padding, a masked NCC) or want to reuse one.
     *
     * @param surface       a real {@code full}-mode surface, shape {@code Ni + Nt - 1}
     * @param templateShape the template's shape {@code Nt}, to turn the peak into an offset
     * @param options       sub-pixel method and exclusion radius ({@code threads} is not used)
     * @throws IllegalArgumentException if the ranks differ, the surface is complex or smaller than the template
     */
    public static Offset fromSurface(NdArray surface, int[] templateShape, OffsetOptions options) {
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(templateShape, "templateShape");
        Objects.requireNonNull(options, "options");
        if (templateShape.length != surface.rank()) {
            throw new IllegalArgumentException("templateShape " + Arrays.toString(templateShape) + " has "
                    + templateShape.length + " axes but the surface " + surface.shapeString() + " has " + surface.rank());
        }
        for (int a = 0; a < templateShape.length; a++) {
            if (templateShape[a] < 1 || templateShape[a] > surface.shape(a)) {
                throw new IllegalArgumentException("templateShape " + NdArray.shapeString(templateShape)
                        + " does not fit a full-mode surface " + surface.shapeString() + " on axis " + a);
            }
        }
        int[] integerPeak = Peaks.argmax(surface);
        double[] peak = SubpixelFit.refine(surface, integerPeak, options.subpixel());
        double[] offset = new double[peak.length];
        for (int a = 0; a < peak.length; a++) {
            offset[a] = peak[a] - (templateShape[a] - 1);
        }
        PeakQuality q = Peaks.quality(surface, integerPeak, options.exclusionRadius());
        return new Offset(offset, peak, surface.get(integerPeak), integerPeak, q, surface);
    }
}
