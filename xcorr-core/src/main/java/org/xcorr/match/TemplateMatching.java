package org.xcorr.match;

import java.util.Objects;
import org.xcorr.array.Masks;
import org.xcorr.array.NdArray;
import org.xcorr.array.ValueScale;

/**
 * OpenCV-style template matching ({@code cv::matchTemplate}) in double precision: 2-D image and template,
 * {@code valid} output of shape {@code (H - h + 1, W - w + 1)}, output {@code (y, x)} for the template's top-left
 * corner on image pixel {@code (y, x)}. Formulas per {@link MatchMethod}, with an optional non-negative weight
 * mask of the template's shape ({@code M²} in the sums, as OpenCV's float masks).
 *
 * <p>Method: every sum is a correlation of the image (minus its mean, which each formula allows to be removed
 * exactly, so a DC offset costs no accuracy) with a template-side kernel, by FFT tiles or directly; unmasked
 * window sums, and the exact tests for constant and all-zero windows, by the window kernel
 * ({@code org.xcorr.window}, see {@link WindowStats}), with bounds on their rounding errors. Image, template
 * and mask are rescaled by exact powers of two when far from 1 (the normalized scores are invariant to that;
 * the unnormalized ones are scaled back, and refused in one line if they exceed the double range). A normalized
 * score whose rounding bound (cancellation in its sums, the FFT error relative to the image's energy) exceeds
 * 1e-10 is recomputed from its definition. An all-zero mask is refused, as in masked registration. Degenerate cases follow the SPEC and never give NaN or infinity:
 * {@code ccorr-normed} and {@code ccoeff-normed} give 0 where the denominator is 0, {@code ccoeff} and
 * {@code ccoeff-normed} give exactly 0 on exactly constant windows, {@code sqdiff-normed} gives 1 where the
 * denominator is 0 (0 when window and template are both all zero on the mask's support).
 */
public final class TemplateMatching {

    private TemplateMatching() {
    }

    /**
     * Unmasked matching with the default thread count. The template comes first, as in {@code Ncc.ncc} and
     * MATLAB's {@code normxcorr2(template, image)}: find this template in that image.
     */
    public static NdArray match(NdArray template, NdArray image, MatchMethod method) {
        return match(template, image, MatchOptions.of(method));
    }

    /**
     * Template matching score map. The template comes first, as in {@code Ncc.ncc(template, image)}.
     *
     * @param template 2-D real template, no larger than the image on either axis
     * @param image    2-D real image
     * @param options  the score, an optional weight mask of the template's shape, the thread count
     * @return the {@code (H - h + 1) x (W - w + 1)} score map
     * @throws IllegalArgumentException for non-2-D, complex or non-finite inputs, a template larger than the
     *                                  image (the arguments may be swapped), a mask of another shape, with
     *                                  negative weights or all zero, or an unnormalized score beyond the double
     *                                  range
     */
    public static NdArray match(NdArray template, NdArray image, MatchOptions options) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(options, "options");
        MatchMethod method = options.method();
        NdArray mask = options.mask();
        int threads = options.threads();
        check2d(image, "image");
        check2d(template, "template");
        for (int a = 0; a < 2; a++) {
            if (template.shape(a) > image.shape(a)) {
                throw new IllegalArgumentException("template " + template.shapeString() + " is larger than image "
                        + image.shapeString() + " on axis " + a + "; the arguments may be swapped");
            }
        }
        double maxImage = ValueScale.maxAbs(image.backingReal(), threads);
        if (!Double.isFinite(maxImage)) {
            image.requireFinite("image");
        }
        double maxTemplate = ValueScale.maxAbs(template.backingReal(), 1);
        if (!Double.isFinite(maxTemplate)) {
            template.requireFinite("template");
        }
        double maxMask = 1;
        if (mask != null) {
            if (mask.isComplex() || !java.util.Arrays.equals(mask.shape(), template.shape())) {
                throw new IllegalArgumentException("mask " + mask.shapeString() + (mask.isComplex() ? " (complex)" : "")
                        + " must be a real array of the template's shape " + template.shapeString());
            }
            mask.requireFinite("mask");
            for (double v : mask.backingReal()) {
                if (v < 0) {
                    throw new IllegalArgumentException("mask holds a negative weight " + v + "; weights must be >= 0");
                }
            }
            Masks.requireValidPixel(mask.backingReal(), "mask");
            maxMask = ValueScale.maxAbs(mask.backingReal(), 1);
        }
        // Exact power-of-two rescaling (ValueScale) so that no sum over- or underflows: the normalized scores are
        // invariant to a positive scale of the image, the template and the mask (sqdiff-normed only to a common
        // scale of image and template); the unnormalized ones are computed scaled and scaled back exactly.
        int si = ValueScale.shiftFor(ValueScale.exponent(maxImage), ValueScale.SAFE_DOUBLE);
        int st = ValueScale.shiftFor(ValueScale.exponent(maxTemplate), ValueScale.SAFE_DOUBLE);
        int sm = ValueScale.shiftFor(ValueScale.exponent(maxMask), ValueScale.SAFE_DOUBLE);
        if (method == MatchMethod.SQDIFF || method == MatchMethod.SQDIFF_NORMED) {
            int joint = ValueScale.shiftFor(ValueScale.exponent(Math.max(maxImage, maxTemplate)), ValueScale.SAFE_DOUBLE);
            si = joint;
            st = joint;
        }
        NdArray img = NdArray.wrap(ValueScale.scaled(image.backingReal(), si, threads), image.shape());
        NdArray tpl = NdArray.wrap(ValueScale.scaled(template.backingReal(), st, 1), template.shape());
        NdArray msk = mask == null ? null : NdArray.wrap(ValueScale.scaled(mask.backingReal(), sm, 1), mask.shape());
        NdArray out = new Matcher(img, tpl, msk, threads).run(method);
        int unscale = switch (method) {
            case SQDIFF -> -2 * si - 2 * sm;
            case CCORR, CCOEFF -> -si - st - 2 * sm;
            default -> 0;
        };
        if (unscale != 0) {
            double[] v = out.backingReal();
            for (int i = 0; i < v.length; i++) {
                v[i] = ValueScale.scalb(v[i], unscale);
                if (Double.isInfinite(v[i])) {
                    throw new IllegalArgumentException("match " + method.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ": a score exceeds the double range (about 1.8e308) at "
                            + java.util.Arrays.toString(out.unravel(i))
                            + "; scale the inputs down or use a normalized method");
                }
            }
        }
        return out;
    }

    private static void check2d(NdArray a, String what) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException(what + " " + a.shapeString() + " must be 2-D for match");
        }
        if (a.isComplex()) {
            throw new IllegalArgumentException(what + " is complex; match needs real arrays");
        }
    }
}
