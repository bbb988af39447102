package org.xcorr.ncc;

import java.util.Arrays;
import java.util.Objects;
import org.xcorr.array.NdArray;
import org.xcorr.array.ValueScale;
import org.xcorr.concurrent.Parallel;
import org.xcorr.correlate.Method;
import org.xcorr.correlate.internal.CorrelationPlan;
import org.xcorr.correlate.internal.Geometry;
import org.xcorr.ncc.internal.ImageMoments;
import org.xcorr.ncc.internal.Summation;
import org.xcorr.ncc.internal.TemplateTables;

/**
 * A template prepared for normalized cross-correlation with many images of one shape (video frames, tiles):
 * the centred template, its statistics, its summed-area tables and its FFT spectrum are computed once by
 * {@link #prepare}, and each {@link #ncc(NdArray)} call pays only for the image. Immutable and safe to share
 * between threads.
 *
 * <p>The definition, output shape and degenerate cases are those of {@link Ncc}. How a call computes
 * {@code γ(k) = Σ(w - w̄)(t - t̄) / sqrt(Σ(w - w̄)² Σ(t - t̄)²)}:
 * <ul>
 *   <li>the image is shifted by its mean {@code μ} ({@code J = I - μ}) and the template by its mean
 *       ({@code t' = t - t̄}), so a large DC offset costs no accuracy;</li>
 *   <li>numerator {@code Σ J[n+k] t'[n]} over the pixels inside the image, by overlap-save real FFTs of tiles (or
 *       directly for tiny templates), plus the padding's part
 *       {@code q · Σ_outside t'} added analytically ({@code q} is the padding value minus {@code μ});</li>
 *   <li>window sums {@code Σ J}, {@code Σ J²} over the part inside the image by running sums in one fused pass;
 *       the padding joins by the exact pooled-variance formula
 *       {@code Σ(w - w̄)² = V_in + n_in n_out / n · (mean_in - q)²};</li>
 *   <li>a window is recognised as constant exactly, by counting unequal neighbours inside it (integer box sums),
 *       never by a variance threshold; it gives exactly 0;</li>
 *   <li>template and image are first rescaled by exact powers of two when far from 1, and a window whose
 *       variance lies within the rounding bound of its running sums or FFT tile is recomputed directly
 *       ({@code ExactWindow}); see {@link Ncc} "Hostile values".</li>
 * </ul>
 */
public final class TemplateMatcher {

    /** How the cross term is computed; tests force each path. */
    enum Strategy { AUTO, AUTO_ONE_SHOT, FFT, DIRECT }

    private final NccOptions options;
    private final Geometry geometry;
    private final int[] imageShape;
    private final int[] templateShape;
    private final double templateSumSq;
    private final double templateSum;
    private final TemplateTables tables;
    private final CorrelationPlan cross;
    private final double[] centred;

    private TemplateMatcher(NdArray template, int[] imageShape, NccOptions options, Strategy strategy, int[] tiles) {
        this.options = options;
        this.imageShape = imageShape.clone();
        this.templateShape = template.shape();
        this.geometry = new Geometry(imageShape, templateShape, options.mode());
        double[] t = template.backingReal();
        this.centred = new double[t.length];
        double mean = Summation.mean(t);
        for (int i = 0; i < t.length; i++) {
            centred[i] = t[i] - mean;
        }
        this.templateSumSq = sumOfSquares(centred);
        // Partial-template sums serve only windows that stick out of the image ('full' and 'same'); 'valid'
        // skips the tables, which would cost as much as the rest of preparing a large template.
        this.tables = geometry.windowsInside() ? null
                : new TemplateTables(centred, t, geometry.template, options.padding() == Padding.OVERLAP);
        // Σ t' enters only windows that stick out of the image or overlap statistics; 'valid' with zero or mean
        // padding never reads it, and its compensated sum costs as much as the template's other statistics
        this.templateSum = geometry.windowsInside() && options.padding() != Padding.OVERLAP ? 0.0
                : Summation.sum(centred, 0, centred.length);
        this.cross = switch (strategy) {
            case AUTO -> CorrelationPlan.plan(geometry, centred, null, false, Method.AUTO, false, options.threads());
            case AUTO_ONE_SHOT -> CorrelationPlan.plan(geometry, centred, null, false, Method.AUTO, true,
                    options.threads());
            case FFT -> CorrelationPlan.fft(geometry, centred, null, false, tiles);
            case DIRECT -> CorrelationPlan.plan(geometry, centred, null, false, Method.DIRECT, false, 1);
        };
    }

    /**
     * {@code Σ v²} by Kahan summation in four interleaved lanes (a fixed order): the template norm enters every
     * output value, and one compensated lane would be a chain of dependent additions as long as the template.
     */
    private static double sumOfSquares(double[] v) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        double c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        int i = 0;
        for (; i + 4 <= v.length; i += 4) {
            double y0 = v[i] * v[i] - c0;
            double y1 = v[i + 1] * v[i + 1] - c1;
            double y2 = v[i + 2] * v[i + 2] - c2;
            double y3 = v[i + 3] * v[i + 3] - c3;
            double u0 = s0 + y0;
            double u1 = s1 + y1;
            double u2 = s2 + y2;
            double u3 = s3 + y3;
            c0 = (u0 - s0) - y0;
            c1 = (u1 - s1) - y1;
            c2 = (u2 - s2) - y2;
            c3 = (u3 - s3) - y3;
            s0 = u0;
            s1 = u1;
            s2 = u2;
            s3 = u3;
        }
        for (; i < v.length; i++) {
            double y0 = v[i] * v[i] - c0;
            double u0 = s0 + y0;
            c0 = (u0 - s0) - y0;
            s0 = u0;
        }
        return Summation.sum(new double[] {s0, s1, s2, s3, -c0, -c1, -c2, -c3}, 0, 8);
    }

    /**
     * Prepares {@code template} for images of shape {@code imageShape}.
     *
     * @throws IllegalArgumentException if the template is complex or not finite, its rank differs from the
     *                                  image's, it does not fit in the image on some axis (the arguments may be
     *                                  swapped), or it is constant (zero variance)
     */
    public static TemplateMatcher prepare(NdArray template, int[] imageShape, NccOptions options) {
        return prepare(template, imageShape, options, Strategy.AUTO, null);
    }

    static TemplateMatcher prepare(NdArray template, int[] imageShape, NccOptions options, Strategy strategy,
            int[] tiles) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(imageShape, "imageShape");
        Objects.requireNonNull(options, "options");
        if (template.isComplex()) {
            throw new IllegalArgumentException("template is complex; ncc needs real arrays");
        }
        if (imageShape.length != template.rank()) {
            throw new IllegalArgumentException("template " + template.shapeString() + " is " + template.rank()
                    + "-D but image " + NdArray.shapeString(imageShape) + " is " + imageShape.length
                    + "-D; both need the same number of axes");
        }
        for (int a = 0; a < imageShape.length; a++) {
            if (imageShape[a] < 1) {
                throw new IllegalArgumentException("image shape " + NdArray.shapeString(imageShape) + " has an empty axis");
            }
            if (template.shape(a) > imageShape[a]) {
                throw new IllegalArgumentException("template " + template.shapeString() + " is larger than image "
                        + NdArray.shapeString(imageShape) + " on axis " + a + "; the arguments may be swapped");
            }
        }
        // NCC is invariant to a positive scale of the template: an exact power-of-two rescale (ValueScale) makes
        // every finite template work, from subnormals to Double.MAX_VALUE, and checks finiteness on the way
        template = ValueScale.normalize(template, "template", ValueScale.SAFE_DOUBLE, 1).array();
        double[] t = template.backingReal();
        boolean constant = true;
        for (int i = 1; i < t.length && constant; i++) {
            constant = t[i] == t[0];
        }
        if (constant) {
            throw new IllegalArgumentException("template " + template.shapeString()
                    + " is constant (zero variance); normalized cross-correlation is undefined for it");
        }
        TemplateMatcher m = new TemplateMatcher(template, imageShape, options, strategy, tiles);
        if (!(m.templateSumSq > 0)) {
            throw new IllegalArgumentException("template " + template.shapeString()
                    + " has zero variance in double precision; normalized cross-correlation is undefined for it");
        }
        return m;
    }

    /** The options this matcher was prepared with. */
    public NccOptions options() {
        return options;
    }

    /** The image shape this matcher accepts (a copy). */
    public int[] imageShape() {
        return imageShape.clone();
    }

    /** The template shape (a copy). */
    public int[] templateShape() {
        return templateShape.clone();
    }

    /** The output shape (a copy): per axis {@code Ni+Nt-1} (full), {@code Ni} (same), {@code Ni-Nt+1} (valid). */
    public int[] outputShape() {
        return geometry.narrow(geometry.output);
    }

    /** How the cross term is computed, e.g. {@code fft tiles [512, 512] x 64} or {@code direct} (diagnostics). */
    public String describe() {
        return cross.describe();
    }

    /**
     * The normalized cross-correlation of the prepared template with {@code image}, as
     * {@link Ncc#ncc(NdArray, NdArray, NccOptions)}.
     *
     * @throws IllegalArgumentException if the image has another shape, is complex or holds NaN or infinity
     */
    public NdArray ncc(NdArray image) {
        Objects.requireNonNull(image, "image");
        if (!Arrays.equals(image.shape(), imageShape)) {
            throw new IllegalArgumentException("image " + image.shapeString() + " has another shape than the "
                    + NdArray.shapeString(imageShape) + " this matcher was prepared for");
        }
        if (image.isComplex()) {
            throw new IllegalArgumentException("image is complex; ncc needs real arrays");
        }
        int threads = options.threads();
        // an FFT cross term errs relative to its tile's energy: the window pass recomputes windows that are tiny
        // next to it (one bright pixel), and needs that energy (FFT paths only)
        double roundoff = cross.tileRoundoff();
        // the largest magnitude (finiteness, scale), the mean and the energy in fused passes; the mean is only a
        // centring constant when every window lies inside the image ('valid': no padding value), and then one
        // pass does
        boolean refine = !geometry.windowsInside();
        double[] raw = image.backingReal();
        ImageMoments moments = ImageMoments.of(raw, roundoff != 0, refine, ValueScale.SAFE_DOUBLE, threads);
        if (moments == null) {
            // the image's scale cancels too: ValueScale reports a non-finite value and, for values far from 1
            // (beyond 2^±100), rescales a copy by a power of two (exact) so no sum over- or underflows; the same
            // sums over the copy keep an image and its power-of-two multiples bit-identical
            raw = scaledImage(image, options);
            moments = ImageMoments.of(raw, roundoff != 0, refine, ValueScale.SAFE_DOUBLE, threads);
            if (moments == null) {
                throw new IllegalStateException("the rescaled image lies outside 2^±" + ValueScale.SAFE_DOUBLE);
            }
        }
        double mean = moments.mean();
        double energy = moments.energy();
        double[] out = new double[geometry.outputSize()];
        // the kernels read raw - mean on the fly: no centred copy of the image
        cross.compute(raw, mean, out, threads);
        double floor = roundoff == 0 ? 0 : WindowPass.numericFloor(roundoff, energy);
        return finish(raw, mean, out, floor, threads);
    }

    /**
     * The window pass over a cross term {@code out} computed elsewhere (by this matcher or by {@link TemplateSet}
     * from a shared image spectrum): turns it into γ in place.
     *
     * @param raw   the image after {@link ValueScale#normalize} with this matcher's options
     * @param mean  {@code raw}'s mean ({@link Summation#mean(double[], int)})
     * @param floor the numeric floor of the cross term's rounding ({@link WindowPass#numericFloor}), 0 for exact
     */
    NdArray finish(double[] raw, double mean, double[] out, double floor, int threads) {
        Padding padding = options.padding();
        double padValue = padding == Padding.MEAN ? mean : 0.0;
        new WindowPass(geometry, raw, mean, padding, padValue, options.minOverlap(), templateSumSq,
                templateSum, tables, centred, floor).run(out, threads);
        return NdArray.wrap(out, outputShape());
    }

    /** The centred template after its power-of-two rescale, row-major (not a copy: for {@link TemplateSet}). */
    double[] centredTemplate() {
        return centred;
    }

    /** The placement geometry (for {@link TemplateSet}). */
    Geometry geometry() {
        return geometry;
    }

    /** The power-of-two-rescaled copy of {@code image} that {@link #ncc} works on (for {@link TemplateSet}). */
    static double[] scaledImage(NdArray image, NccOptions options) {
        return ValueScale.normalize(image, "image", ValueScale.SAFE_DOUBLE, options.threads()).array().backingReal();
    }
}
