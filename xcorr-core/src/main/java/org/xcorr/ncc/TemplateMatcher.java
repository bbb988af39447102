package org.xcorr.ncc;

import java.util.Arrays;
import java.util.Objects;
import org.xcorr.array.NdArray;
import org.xcorr.concurrent.Parallel;
import org.xcorr.ncc.internal.CrossTerm;
import org.xcorr.ncc.internal.Geometry;
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
 *       directly for tiny templates; the FFT in float with {@link Precision#FLOAT}), plus the padding's part
 *       {@code q · Σ_outside t'} added analytically ({@code q} is the padding value minus {@code μ});</li>
 *   <li>window sums {@code Σ J}, {@code Σ J²} over the part inside the image by running sums in one fused pass;
 *       the padding joins by the exact pooled-variance formula
 *       {@code Σ(w - w̄)² = V_in + n_in n_out / n · (mean_in - q)²};</li>
 *   <li>a window is recognised as constant exactly, by counting unequal neighbours inside it (integer box sums),
 *       never by a variance threshold; it gives exactly 0.</li>
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
    private final CrossTerm cross;

    private TemplateMatcher(NdArray template, int[] imageShape, NccOptions options, Strategy strategy, int[] tiles) {
        this.options = options;
        this.imageShape = imageShape.clone();
        this.templateShape = template.shape();
        this.geometry = new Geometry(imageShape, templateShape, options.mode());
        double[] t = template.backingReal();
        double[] centred = new double[t.length];
        double mean = Summation.mean(t);
        double ss = 0;
        double ssc = 0;
        for (int i = 0; i < t.length; i++) {
            double v = t[i] - mean;
            centred[i] = v;
            // Kahan summation of squares: the template norm enters every output value
            double y = v * v - ssc;
            double s = ss + y;
            ssc = (s - ss) - y;
            ss = s;
        }
        this.templateSumSq = ss;
        boolean needTables = options.padding() == Padding.OVERLAP;
        this.tables = new TemplateTables(centred, t, geometry.template, needTables);
        this.templateSum = tables.sum(0, geometry.template[0], 0, geometry.template[1], 0, geometry.template[2]);
        boolean single = options.precision() == Precision.FLOAT;
        this.cross = switch (strategy) {
            case AUTO -> CrossTerm.plan(geometry, centred, false, options.threads(), single);
            case AUTO_ONE_SHOT -> CrossTerm.plan(geometry, centred, true, options.threads(), single);
            case FFT -> CrossTerm.fft(geometry, centred, tiles, single);
            case DIRECT -> CrossTerm.direct(geometry, centred);
        };
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
        template.requireFinite("template");
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
        double[] raw = image.backingReal();
        double mean = Summation.mean(raw, threads);
        // a NaN or infinity anywhere makes the mean non-finite, so the separate finiteness pass (a full read of
        // the image) is needed only then, for its message
        if (!Double.isFinite(mean)) {
            image.requireFinite("image");
        }
        double[] out = new double[geometry.outputSize()];
        // the kernels read raw - mean on the fly: no centred copy of the image
        cross.compute(raw, mean, out, threads);
        Padding padding = options.padding();
        double padValue = padding == Padding.MEAN ? mean : 0.0;
        new WindowPass(geometry, raw, mean, padding, padValue, options.minOverlap(), templateSumSq,
                templateSum, tables).run(out, threads);
        return NdArray.wrap(out, outputShape());
    }
}
