package org.xcorr.ncc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;

/**
 * What every template-matching implementation promises, whatever its strategy (as BoofCV's
 * {@code GeneralTemplateMatchTests}): one subclass per implementation or forced strategy, nested in
 * {@link TemplateMatchContractTest}. Each subclass says how to score a template over an image (with a
 * template-shaped mask when it takes one), which output index is the placement whose window starts at an image
 * index, and whether lower scores are better.
 *
 * <p>The contract, on small 2-D inputs (the match methods are 2-D only):
 * <ul>
 * <li>a template cut out of a zero-mean random image is found at its placement;</li>
 * <li>a uniform image (0 or not) gives finite scores everywhere, never NaN;</li>
 * <li>an all-zero mask is refused with {@link IllegalArgumentException} (implementations with a mask);</li>
 * <li>a template of the image's own shape is found at zero displacement;</li>
 * <li>template, image and mask are left unmodified, bit for bit.</li>
 * </ul>
 */
abstract class TemplateMatchContract {

    /** The data of every case; fixed so a failure replays. */
    private static final long SEED = 20261205L;

    static final int[] IMAGE = {23, 19};
    static final int[] TEMPLATE = {5, 4};
    static final int[] PLANTED_AT = {9, 6};

    /**
     * The scores of every placement of {@code template} over {@code image}.
     *
     * @param mask template-shaped weights (zero = ignored), or null; only passed where {@link #masked()} holds
     */
    abstract NdArray score(NdArray template, NdArray image, NdArray mask);

    /** The output index of the placement whose window starts at image index {@code at}. */
    abstract int[] placement(int[] at, int[] templateShape);

    /** Whether the implementation takes a template mask (the contract then always passes one). */
    boolean masked() {
        return false;
    }

    /** Whether the best score is the lowest (squared differences). */
    boolean lowerIsBetter() {
        return false;
    }

    static NdArray random(Random r, int[] shape, double lo, double hi) {
        double[] v = new double[NdArray.sizeOf(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * r.nextDouble();
        }
        return NdArray.wrap(v, shape);
    }

    /** Weights: about a quarter 0 (ignored), the rest in [0.5, 1]; the first entry always counts. */
    static NdArray weights(Random r, int[] shape) {
        double[] v = new double[NdArray.sizeOf(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = i > 0 && r.nextDouble() < 0.25 ? 0 : 0.5 + 0.5 * r.nextDouble();
        }
        return NdArray.wrap(v, shape);
    }

    private NdArray maskFor(Random r, int[] templateShape) {
        return masked() ? weights(r, templateShape) : null;
    }

    /** The flat index of the best score; the first among equals. */
    private int best(NdArray scores) {
        double[] s = scores.backingReal();
        int at = 0;
        for (int i = 1; i < s.length; i++) {
            if (lowerIsBetter() ? s[i] < s[at] : s[i] > s[at]) {
                at = i;
            }
        }
        return at;
    }

    private static void assertAllFinite(NdArray scores, String what) {
        double[] s = scores.backingReal();
        for (int i = 0; i < s.length; i++) {
            assertTrue(Double.isFinite(s[i]), what + ": " + s[i] + " at " + Arrays.toString(scores.unravel(i)));
        }
    }

    @Test
    void plantedTemplateIsFound() {
        Random r = new Random(SEED);
        // zero-mean data, as in match.TemplateMatchingTest: the template is a window of the image itself
        NdArray image = random(r, IMAGE, -0.5, 0.5);
        double[] t = new double[NdArray.sizeOf(TEMPLATE)];
        for (int y = 0; y < TEMPLATE[0]; y++) {
            for (int x = 0; x < TEMPLATE[1]; x++) {
                t[y * TEMPLATE[1] + x] = image.get(PLANTED_AT[0] + y, PLANTED_AT[1] + x);
            }
        }
        NdArray template = NdArray.wrap(t, TEMPLATE);
        NdArray scores = score(template, image, maskFor(r, TEMPLATE));
        assertAllFinite(scores, "planted");
        assertArrayEquals(placement(PLANTED_AT, TEMPLATE), scores.unravel(best(scores)), "planted template not found");
    }

    @Test
    void uniformImageGivesFiniteScores() {
        Random r = new Random(SEED + 1);
        NdArray template = random(r, TEMPLATE, 0, 1);
        NdArray mask = maskFor(r, TEMPLATE);
        for (double level : new double[] {0, 3.25}) {
            double[] v = new double[NdArray.sizeOf(IMAGE)];
            Arrays.fill(v, level);
            assertAllFinite(score(template, NdArray.wrap(v, IMAGE), mask), "uniform image " + level);
        }
    }

    @Test
    void allZeroMaskIsRefused() {
        assumeTrue(masked(), "no mask");
        Random r = new Random(SEED + 2);
        NdArray template = random(r, TEMPLATE, 0, 1);
        NdArray image = random(r, IMAGE, 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> score(template, image, NdArray.zeros(TEMPLATE)));
        assertTrue(e.getMessage().contains("no valid"), e.getMessage());
    }

    @Test
    void templateOfTheImagesShapeIsFoundAtZeroDisplacement() {
        Random r = new Random(SEED + 3);
        NdArray image = random(r, IMAGE, 0, 1);
        NdArray template = NdArray.wrap(image.toArray(), IMAGE);
        NdArray scores = score(template, image, maskFor(r, IMAGE));
        assertAllFinite(scores, "same size");
        assertArrayEquals(placement(new int[] {0, 0}, IMAGE), scores.unravel(best(scores)), "zero displacement");
    }

    @Test
    void inputsAreLeftUnmodified() {
        Random r = new Random(SEED + 4);
        NdArray image = random(r, IMAGE, 0, 1);
        NdArray template = random(r, TEMPLATE, 0, 1);
        NdArray mask = maskFor(r, TEMPLATE);
        double[] imageBefore = image.toArray();
        double[] templateBefore = template.toArray();
        double[] maskBefore = mask == null ? null : mask.toArray();
        score(template, image, mask);
        assertArrayEquals(imageBefore, image.toArray(), "image modified");
        assertArrayEquals(templateBefore, template.toArray(), "template modified");
        if (mask != null) {
            assertArrayEquals(maskBefore, mask.toArray(), "mask modified");
        }
    }
}
