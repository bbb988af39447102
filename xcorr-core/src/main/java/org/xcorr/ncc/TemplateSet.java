package org.xcorr.ncc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.xcorr.array.NdArray;
import org.xcorr.concurrent.Parallel;
import org.xcorr.fft.FastSizes;
import org.xcorr.fft.RealFft;
import org.xcorr.correlate.internal.Geometry;
import org.xcorr.correlate.internal.Tuning;
import org.xcorr.ncc.internal.Summation;

/**
 * Several templates prepared for normalized cross-correlation with images of one shape, sharing the image's
 * transform: each tile of the image is Fourier transformed once and multiplied by every template's spectrum,
 * where {@link TemplateMatcher}s one after the other would transform it once per template (the use case of
 * Fiji's Multi-Template Matching: several views of one part, every cell type of a field). Immutable and safe to
 * share between threads.
 *
 * <p>Every map is that of {@link Ncc#ncc(NdArray, NdArray, NccOptions)} for its template (definition, output shape,
 * padding, degenerate cases); only the cross term {@code C(k) = Σ_n J[n+k] t'[n]} ({@code J} the image minus its
 * mean, {@code t'} the centred template) is computed differently, which changes the rounding only:
 * <ul>
 *   <li>the lags of all templates together, {@code [min k0, max k1]} per axis, are cut into overlap-save tiles of
 *       {@code B = L - M + 1} lags, {@code M} the largest template extent on the axis and {@code L} a fast FFT
 *       length: one tile when the span fits about 2^20 samples per tile, else tiles of about
 *       {@code 2^(20/d)} per axis (at least {@code 2M});</li>
 *   <li>per tile, one forward real FFT of the image rows it needs; per template a product with the conjugate
 *       template spectrum (zero-padded to {@code L}, computed once) and one inverse FFT, of which the {@code B}
 *       wrap-free lags that belong to the template's output are kept;</li>
 *   <li>the window statistics, the padding and the recomputation of near-degenerate windows are those of each
 *       template's own {@link TemplateMatcher}, with the rounding floor of a double FFT over the whole image.</li>
 * </ul>
 * So a map differs from {@code Ncc.ncc} for its template by the rounding of another FFT length (or of the direct
 * sum that {@code Ncc} chooses for tiny templates): about {@code 1e-13} on windows of ordinary contrast, within
 * the {@code 1e-10} of the exact value that {@link Ncc} promises everywhere ({@code TemplateSetTest} checks
 * {@code 1e-9}). Results are bit-identical for every thread count.
 */
public final class TemplateSet {

    private final NccOptions options;
    private final int[] imageShape;
    private final List<TemplateMatcher> matchers;
    private final int[] image;
    private final int[] length;
    private final int[] lags;
    private final int[] count;
    private final int[] firstLag;
    private final RealFft fft;
    private final double[][] specRe;
    private final double[][] specIm;

    private TemplateSet(List<TemplateMatcher> matchers, int[] imageShape, NccOptions options, int[] tileLengths) {
        this.options = options;
        this.imageShape = imageShape.clone();
        this.matchers = List.copyOf(matchers);
        this.image = Geometry.widen(imageShape);
        int[] maxTemplate = new int[3];
        int[] lastLag = new int[3];
        firstLag = new int[3];
        Arrays.fill(firstLag, Integer.MAX_VALUE);
        Arrays.fill(lastLag, Integer.MIN_VALUE);
        for (TemplateMatcher m : matchers) {
            Geometry g = m.geometry();
            for (int a = 0; a < 3; a++) {
                maxTemplate[a] = Math.max(maxTemplate[a], g.template[a]);
                firstLag[a] = Math.min(firstLag[a], g.lagOrigin[a]);
                lastLag[a] = Math.max(lastLag[a], g.lagOrigin[a] + g.output[a] - 1);
            }
        }
        length = new int[3];
        lags = new int[3];
        count = new int[3];
        int rank = imageShape.length;
        long single = 1;
        int[] whole = new int[3];
        for (int a = 0; a < 3; a++) {
            // one tile on an axis reads the image from the first lag to the last lag's template end
            whole[a] = FastSizes.next(lastLag[a] - firstLag[a] + maxTemplate[a]);
            single *= whole[a];
        }
        int perAxis = (int) Math.round(Math.pow(Tuning.TEMPLATE_SET_TILE, 1.0 / rank));
        for (int a = 0; a < 3; a++) {
            int span = lastLag[a] - firstLag[a] + 1;
            int l;
            if (tileLengths != null) {
                l = Math.min(whole[a], Math.max(maxTemplate[a], tileLengths[a]));
            } else {
                l = single <= Tuning.TEMPLATE_SET_TILE || a < 3 - rank ? whole[a]
                        : Math.min(whole[a], FastSizes.next(Math.max(2 * maxTemplate[a], perAxis)));
            }
            length[a] = l;
            lags[a] = Math.min(span, l - maxTemplate[a] + 1);
            count[a] = (span + lags[a] - 1) / lags[a];
        }
        fft = RealFft.of(Arrays.copyOfRange(length, 3 - rank, 3));
        specRe = new double[matchers.size()][];
        specIm = new double[matchers.size()][];
        for (int t = 0; t < matchers.size(); t++) {
            Geometry g = matchers.get(t).geometry();
            double[] centred = matchers.get(t).centredTemplate();
            double[] padded = new double[fft.size()];
            int[] m = g.template;
            for (int z = 0; z < m[0]; z++) {
                for (int y = 0; y < m[1]; y++) {
                    System.arraycopy(centred, (z * m[1] + y) * m[2], padded, (z * length[1] + y) * length[2], m[2]);
                }
            }
            specRe[t] = new double[fft.spectrumSize()];
            specIm[t] = new double[fft.spectrumSize()];
            fft.forward(padded, specRe[t], specIm[t], options.threads());
        }
    }

    /**
     * Prepares {@code templates} for images of shape {@code imageShape}, all with {@code options} (mode, padding,
     * minimum overlap, threads).
     *
     * @throws IllegalArgumentException if {@code templates} is empty, or for a template that
     *                                  {@link TemplateMatcher#prepare} refuses (the message names its position)
     */
    public static TemplateSet prepare(List<NdArray> templates, int[] imageShape, NccOptions options) {
        return prepare(templates, imageShape, options, null);
    }

    /** As {@link #prepare(List, int[], NccOptions)} with explicit per-axis tile FFT lengths (tests). */
    static TemplateSet prepare(List<NdArray> templates, int[] imageShape, NccOptions options, int[] tileLengths) {
        Objects.requireNonNull(templates, "templates");
        Objects.requireNonNull(imageShape, "imageShape");
        Objects.requireNonNull(options, "options");
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("a template set needs at least one template");
        }
        List<TemplateMatcher> matchers = new ArrayList<>(templates.size());
        for (int t = 0; t < templates.size(); t++) {
            try {
                matchers.add(TemplateMatcher.prepare(templates.get(t), imageShape, options));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("template " + (t + 1) + " of " + templates.size() + ": "
                        + e.getMessage(), e);
            }
        }
        return new TemplateSet(matchers, imageShape, options, tileLengths == null ? null : Geometry.widen(tileLengths));
    }

    /** The number of templates. */
    public int size() {
        return matchers.size();
    }

    /** The options the set was prepared with. */
    public NccOptions options() {
        return options;
    }

    /** The image shape the set accepts (a copy). */
    public int[] imageShape() {
        return imageShape.clone();
    }

    /** The shape of template {@code t} (0-based, in the order given). */
    public int[] templateShape(int t) {
        return matchers.get(t).templateShape();
    }

    /** The shape of template {@code t}'s map: as {@link TemplateMatcher#outputShape()}. */
    public int[] outputShape(int t) {
        return matchers.get(t).outputShape();
    }

    /** The tiling, e.g. {@code 3 templates, fft tiles [512, 512] x 4} (diagnostics). */
    public String describe() {
        int rank = imageShape.length;
        return matchers.size() + " templates, fft tiles " + Arrays.toString(Arrays.copyOfRange(length, 3 - rank, 3))
                + " x " + count[0] * count[1] * count[2];
    }

    /**
     * The normalized cross-correlation of every template with {@code image}, in the order the templates were
     * given; map {@code t} is {@link Ncc#ncc(NdArray, NdArray, NccOptions)} of template {@code t} within
     * rounding (see the class comment).
     *
     * @throws IllegalArgumentException if the image has another shape, is complex or holds NaN or infinity
     */
    public List<NdArray> ncc(NdArray image) {
        Objects.requireNonNull(image, "image");
        if (!Arrays.equals(image.shape(), imageShape)) {
            throw new IllegalArgumentException("image " + image.shapeString() + " has another shape than the "
                    + NdArray.shapeString(imageShape) + " this template set was prepared for");
        }
        if (image.isComplex()) {
            throw new IllegalArgumentException("image is complex; ncc needs real arrays");
        }
        int threads = options.threads();
        double[] raw = TemplateMatcher.scaledImage(image, options);
        double mean = Summation.mean(raw, threads);
        double[][] out = new double[matchers.size()][];
        for (int t = 0; t < out.length; t++) {
            out[t] = new double[matchers.get(t).geometry().outputSize()];
        }
        crossTerms(raw, mean, out, threads);
        double floor = WindowPass.numericFloor(0x1p-53, Summation.sumOfSquares(raw, mean, threads));
        List<NdArray> maps = new ArrayList<>(out.length);
        for (int t = 0; t < out.length; t++) {
            maps.add(matchers.get(t).finish(raw, mean, out[t], floor, threads));
        }
        return maps;
    }

    /** Every template's cross term, tile by tile; tiles run in parallel, each by the same arithmetic. */
    private void crossTerms(double[] raw, double mean, double[][] out, int threads) {
        int tiles = count[0] * count[1] * count[2];
        int inner = tiles == 1 ? threads : 1;
        int spectrum = fft.spectrumSize();
        Parallel.forEachItem(threads, tiles, () -> new double[][] {new double[fft.size()], new double[spectrum],
            new double[spectrum], new double[spectrum], new double[spectrum]}, (b, tile) -> {
                int[] index = {tile / (count[1] * count[2]), (tile / count[2]) % count[1], tile % count[2]};
                runTile(raw, mean, out, index, b, inner);
            });
    }

    private void runTile(double[] raw, double mean, double[][] out, int[] tile, double[][] b, int threads) {
        double[] buf = b[0];
        int[] k0 = new int[3];
        int[] s = new int[3];
        int[] len = new int[3];
        for (int a = 0; a < 3; a++) {
            k0[a] = firstLag[a] + tile[a] * lags[a];
            s[a] = Math.max(k0[a], 0);
            len[a] = Math.max(0, Math.min(image[a], k0[a] + length[a]) - s[a]);
        }
        // the image rows of the tile minus the mean, zeros elsewhere; buffer index j holds image index k0 + j
        Arrays.fill(buf, 0.0);
        for (int z = 0; z < len[0]; z++) {
            for (int y = 0; y < len[1]; y++) {
                int src = ((s[0] + z) * image[1] + s[1] + y) * image[2] + s[2];
                int dst = ((s[0] - k0[0] + z) * length[1] + s[1] - k0[1] + y) * length[2] + s[2] - k0[2];
                for (int x = 0; x < len[2]; x++) {
                    buf[dst + x] = raw[src + x] - mean;
                }
            }
        }
        double[] imRe = b[1];
        double[] imIm = b[2];
        double[] re = b[3];
        double[] im = b[4];
        fft.forward(buf, imRe, imIm, threads);
        for (int t = 0; t < matchers.size(); t++) {
            Geometry g = matchers.get(t).geometry();
            // lags of this tile that template t's output holds
            int[] from = new int[3];
            int[] to = new int[3];
            boolean empty = false;
            for (int a = 0; a < 3; a++) {
                from[a] = Math.max(k0[a], g.lagOrigin[a]);
                to[a] = Math.min(k0[a] + lags[a], g.lagOrigin[a] + g.output[a]);
                empty |= from[a] >= to[a];
            }
            if (empty) {
                continue;
            }
            double[] sr = specRe[t];
            double[] si = specIm[t];
            // X · conj(S): circular correlation of the tile with the template, as RealFft.correlate
            for (int i = 0; i < re.length; i++) {
                double xr = imRe[i];
                double xi = imIm[i];
                re[i] = xr * sr[i] + xi * si[i];
                im[i] = xi * sr[i] - xr * si[i];
            }
            fft.inverse(re, im, buf, threads);
            double[] o = out[t];
            int[] n = g.output;
            for (int z = from[0]; z < to[0]; z++) {
                for (int y = from[1]; y < to[1]; y++) {
                    int src = ((z - k0[0]) * length[1] + y - k0[1]) * length[2] - k0[2];
                    int dst = ((z - g.lagOrigin[0]) * n[1] + y - g.lagOrigin[1]) * n[2] - g.lagOrigin[2];
                    for (int x = from[2]; x < to[2]; x++) {
                        o[dst + x] = buf[src + x];
                    }
                }
            }
        }
    }
}
