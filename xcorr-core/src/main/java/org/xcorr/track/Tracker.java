package org.xcorr.track;

import java.util.Arrays;
import java.util.Objects;
import org.xcorr.array.NdArray;

/**
 * Point-of-interest tracking: follows a point from one image to another by matching the patch around it.
 *
 * <p>The template is the patch of {@code templateImage} within {@code templateRadius} of {@code templateCenter}
 * (radius {@code r} gives {@code 2r + 1} pixels per axis, clipped to the array), optionally trimmed by a
 * {@link TemplateTrim} hook; the search region is the patch of {@code image} within {@code imageRadius} of
 * {@code imageCenter}, clipped likewise. The template is located in the region with
 * {@link Offsets#offset(NdArray, NdArray, OffsetOptions)} (NCC, {@code full} mode, zero padding by default),
 * giving the position {@code o} of the template's first pixel in the region. By default ({@link Search#VALID})
 * only placements whose template lies wholly inside the region count, so {@code |offset| <= imageRadius -
 * templateRadius} per axis when neither box is clipped, and the point is always found inside the region;
 * {@link Search#FULL} also lets partial placements count (with the offset options' padding and minimum overlap),
 * and may then find the point up to {@code templateRadius} past the region. With {@code T} the template's first pixel in
 * the template image and {@code S} the region's first pixel in the image (both after clipping, so
 * {@code T = max(0, templateCenter - templateRadius) + trimBefore}, not simply {@code templateCenter - r}), the
 * point {@code templateCenter} lies {@code templateCenter - T} into the template, so it is found at
 * {@code S + o + templateCenter - T} in the image, and
 * <pre>
 *   offset = S + o + (templateCenter - T) - imageCenter        (per axis)
 * </pre>
 * If {@code image} is {@code templateImage} shifted by {@code s} ({@code image[p + s] = templateImage[p]}) and both
 * centres are the same point, {@code offset == s}.
 *
 * <p>Errors ({@link IllegalArgumentException}): arrays of different rank or complex; a centre with the wrong
 * number of axes or outside its array; {@code templateRadius >= imageRadius} on any axis; a template patch that
 * does not fit in the clipped search region (possible near the border, where the region is clipped more than the
 * template); a constant template patch.
 */
public final class Tracker {

    /** Locates a template in a region; {@link Offsets#offset(NdArray, NdArray, OffsetOptions)} in production. */
    @FunctionalInterface
    interface Matcher {
        Offset match(NdArray template, NdArray region, OffsetOptions options);
    }

    private Tracker() {
    }

    /**
     * Tracks the point {@code templateCenter} of {@code templateImage} into {@code image} with the default
     * options (template radius 50, search radius 200, no trim, a valid search, all cores).
     *
     * @see #track(NdArray, NdArray, int[], int[], TrackOptions)
     */
    public static Track track(NdArray templateImage, NdArray image, int[] templateCenter, int[] imageCenter) {
        return track(templateImage, image, templateCenter, imageCenter, TrackOptions.defaults());
    }

    /**
     * Tracks the point {@code templateCenter} of {@code templateImage} into {@code image}, searching around
     * {@code imageCenter}; see the class comment for the geometry.
     *
     * @param templateImage  the image the point is defined in (real, 1-D to 3-D)
     * @param image          the image to find it in (real, same rank, any shape)
     * @param templateCenter the point, one index per axis, inside {@code templateImage}
     * @param imageCenter    the centre of the search, one index per axis, inside {@code image}
     * @param options        radii, trim hook, offset options
     * @return the offset ({@code point found at imageCenter + offset}), the fit and the match details
     * @throws IllegalArgumentException see the class comment
     */
    public static Track track(NdArray templateImage, NdArray image, int[] templateCenter, int[] imageCenter,
            TrackOptions options) {
        return track(templateImage, image, templateCenter, imageCenter, options, Offsets::offset);
    }

    /**
     * {@link #track(NdArray, NdArray, int[], int[], TrackOptions)} where some pixels of either image must not count:
     * the template patch and the search region are cut from the images and their masks alike, and the patch is
     * located with the masked NCC ({@link Offsets#offsetMasked}).
     *
     * @param templateMask validity of {@code templateImage}'s pixels (nonzero = valid, its shape); null = all valid
     * @param imageMask    validity of {@code image}'s pixels (nonzero = valid, its shape); null = all valid
     * @throws IllegalArgumentException see the class comment; also a mask of the wrong shape, NaN in a mask, a
     *                                  patch without a valid pixel, non-finite values at valid pixels
     */
    public static Track trackMasked(NdArray templateImage, NdArray templateMask, NdArray image, NdArray imageMask,
            int[] templateCenter, int[] imageCenter, TrackOptions options) {
        Objects.requireNonNull(templateImage, "templateImage");
        Objects.requireNonNull(image, "image");
        return track(invalidAsNaN(templateImage, templateMask, "templateMask"), invalidAsNaN(image, imageMask,
                "imageMask"), templateCenter, imageCenter, options, Offsets::offsetIgnoringNonFinite);
    }

    /**
     * A copy of {@code a} with NaN at the pixels {@code mask} marks invalid, so that a patch cut from it carries its
     * mask along ({@link org.xcorr.array.Masks#finite} recovers it); {@code a} itself when there is no mask.
     */
    static NdArray invalidAsNaN(NdArray a, NdArray mask, String name) {
        if (mask == null) {
            return a;
        }
        if (!Arrays.equals(a.shape(), mask.shape())) {
            throw new IllegalArgumentException(name + " " + mask.shapeString() + " must have the shape of its image "
                    + a.shapeString());
        }
        if (mask.isComplex() || a.isComplex()) {
            throw new IllegalArgumentException(name + " and its image must be real");
        }
        double[] m = mask.backingReal();
        double[] v = a.backingReal();
        double[] out = new double[v.length];
        boolean any = false;
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(m[i])) {
                throw new IllegalArgumentException(name + " contains NaN at index " + Arrays.toString(mask.unravel(i))
                        + "; a mask is nonzero (valid) or 0");
            }
            if (m[i] != 0 && !Double.isFinite(v[i])) {
                throw new IllegalArgumentException("the image of " + name + " contains "
                        + (Double.isNaN(v[i]) ? "NaN" : "infinity") + " at valid index "
                        + Arrays.toString(a.unravel(i)) + "; values must be finite where valid");
            }
            any |= m[i] != 0;
            out[i] = m[i] != 0 ? v[i] : Double.NaN;
        }
        org.xcorr.array.Masks.requireValidPixel(any ? new double[] {1} : new double[] {0}, name);
        return NdArray.wrap(out, a.shape());
    }

    static Track track(NdArray templateImage, NdArray image, int[] templateCenter, int[] imageCenter,
            TrackOptions options, Matcher matcher) {
        Objects.requireNonNull(templateImage, "templateImage");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(templateCenter, "templateCenter");
        Objects.requireNonNull(imageCenter, "imageCenter");
        Objects.requireNonNull(options, "options");
        checkPair(templateImage, image);
        checkCenter(templateCenter, templateImage, "templateCenter", "templateImage");
        checkCenter(imageCenter, image, "imageCenter", "image");
        int rank = templateImage.rank();
        int[] tr = options.templateRadius(rank);
        int[] ir = options.imageRadius(rank);
        checkRadii(tr, ir);
        Template template = cut(templateImage, templateCenter, tr, options.trim());
        return locate(template, image, imageCenter, ir, options.matchOptions(), matcher);
    }

    /**
     * A template patch cut from its image: the patch (after clipping and trimming), its first pixel and shape in
     * that image, and the tracked point, all in the template image's coordinates. Holding the patch rather than
     * the image lets a stack tracker keep one small patch per point instead of old frames.
     */
    record Template(NdArray patch, int[] start, int[] shape, int[] center) {
    }

    /** Rejects a pair of arrays that cannot be tracked between: different ranks, or complex values. */
    static void checkPair(NdArray templateImage, NdArray image) {
        int rank = templateImage.rank();
        if (image.rank() != rank) {
            throw new IllegalArgumentException("templateImage " + templateImage.shapeString() + " has " + rank
                    + " axes but image " + image.shapeString() + " has " + image.rank());
        }
        if (templateImage.isComplex() || image.isComplex()) {
            throw new IllegalArgumentException((templateImage.isComplex() ? "templateImage" : "image")
                    + " is complex; tracking needs real arrays");
        }
    }

    /** Rejects a template radius that is not smaller than the search radius on some axis. */
    static void checkRadii(int[] tr, int[] ir) {
        for (int a = 0; a < tr.length; a++) {
            if (tr[a] >= ir[a]) {
                throw new IllegalArgumentException("templateRadius " + Arrays.toString(tr)
                        + " must be smaller than imageRadius " + Arrays.toString(ir) + " on every axis; axis " + a
                        + " has " + tr[a] + " >= " + ir[a]);
            }
        }
    }

    /**
     * The template around {@code center} (inside {@code templateImage}): the box of radius {@code tr} clipped to
     * the array, then trimmed by {@code trim}.
     */
    static Template cut(NdArray templateImage, int[] center, int[] tr, TemplateTrim trim) {
        int rank = templateImage.rank();
        int[] tStart = new int[rank];
        int[] tShape = new int[rank];
        clip(center, tr, templateImage.shape(), tStart, tShape);
        NdArray patch = Patches.crop(templateImage, tStart, tShape);
        int[][] cut = trim.trim(patch);
        checkTrim(cut, tShape);
        boolean trimmed = false;
        for (int a = 0; a < rank; a++) {
            trimmed |= cut[a][0] != 0 || cut[a][1] != 0;
            tStart[a] += cut[a][0];
            tShape[a] -= cut[a][0] + cut[a][1];
        }
        NdArray template = trimmed ? Patches.crop(templateImage, tStart, tShape) : patch;
        return new Template(template, tStart, tShape, center.clone());
    }

    /**
     * Finds {@code template} in the box of radius {@code ir} around {@code imageCenter} (inside {@code image},
     * same rank) and turns the match into the displacement of the template's point, see the class comment.
     */
    static Track locate(Template template, NdArray image, int[] imageCenter, int[] ir, OffsetOptions offsetOptions,
            Matcher matcher) {
        int rank = image.rank();
        int[] tStart = template.start();
        int[] tShape = template.shape();
        int[] sStart = new int[rank];
        int[] sShape = new int[rank];
        clip(imageCenter, ir, image.shape(), sStart, sShape);
        for (int a = 0; a < rank; a++) {
            if (tShape[a] > sShape[a]) {
                throw new IllegalArgumentException("the template patch " + NdArray.shapeString(tShape)
                        + " is larger than the search region " + NdArray.shapeString(sShape) + " on axis " + a
                        + " (the region is clipped at the image border); move imageCenter "
                        + Arrays.toString(imageCenter) + " away from the border or reduce templateRadius");
            }
        }
        NdArray region = Patches.crop(image, sStart, sShape);

        Offset match = matcher.match(template.patch(), region, offsetOptions);
        double[] o = match.offset();
        int[] c = template.center();
        double[] offset = new double[rank];
        for (int a = 0; a < rank; a++) {
            // integer terms first so an integer offset stays exact
            offset[a] = (sStart[a] + c[a] - tStart[a] - imageCenter[a]) + o[a];
        }
        return new Track(offset, match.fit(), match, tStart, tShape, sStart, sShape);
    }

    /** The box of radius r around c clipped to [0, n): its first pixel and shape. */
    private static void clip(int[] c, int[] r, int[] n, int[] start, int[] shape) {
        for (int a = 0; a < c.length; a++) {
            // long arithmetic: a huge radius must not overflow
            long lo = Math.max(0L, (long) c[a] - r[a]);
            long hi = Math.min(n[a] - 1L, (long) c[a] + r[a]);
            start[a] = (int) lo;
            shape[a] = (int) (hi - lo + 1);
        }
    }

    static void checkCenter(int[] c, NdArray a, String name, String arrayName) {
        if (c.length != a.rank()) {
            throw new IllegalArgumentException(name + " " + Arrays.toString(c) + " has " + c.length + " values but "
                    + arrayName + " " + a.shapeString() + " has " + a.rank() + " axes");
        }
        for (int d = 0; d < c.length; d++) {
            if (c[d] < 0 || c[d] >= a.shape(d)) {
                throw new IllegalArgumentException(name + " " + Arrays.toString(c) + " is outside " + arrayName + " "
                        + a.shapeString() + " on axis " + d + " (valid 0.." + (a.shape(d) - 1) + ")");
            }
        }
    }

    private static void checkTrim(int[][] cut, int[] shape) {
        if (cut == null || cut.length != shape.length) {
            throw new IllegalArgumentException("template trim must return " + shape.length
                    + " pairs {before, after}, got " + (cut == null ? "null" : cut.length + " entries"));
        }
        for (int a = 0; a < shape.length; a++) {
            if (cut[a] == null || cut[a].length != 2 || cut[a][0] < 0 || cut[a][1] < 0
                    || (long) cut[a][0] + cut[a][1] >= shape[a]) {
                throw new IllegalArgumentException("template trim on axis " + a + " must be {before, after} >= 0"
                        + " leaving at least one of " + shape[a] + " pixels, got " + Arrays.toString(cut[a]));
            }
        }
    }
}
