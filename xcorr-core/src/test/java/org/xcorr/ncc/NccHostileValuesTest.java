package org.xcorr.ncc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xcorr.Tolerances;
import org.xcorr.array.NdArray;
import org.xcorr.correlate.Mode;

/**
 * Silent wrong numbers from hostile values (issue 11): inputs scaled far from 1 and one bright pixel. Every
 * result is compared with {@link #reference}, the definition summed per window after scaling that window by a
 * power of two (so the reference itself is exact-ish for any finite input).
 */
class NccHostileValuesTest {

    private static final double TOLERANCE = Tolerances.NCC_INVARIANCE;

    static NdArray uniform(Random r, int... shape) {
        double[] v = new double[NdArray.sizeOf(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble();
        }
        return NdArray.wrap(v, shape);
    }

    static NdArray crop2(NdArray image, int y, int x, int h, int w) {
        double[] v = new double[h * w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                v[i * w + j] = image.get(y + i, x + j);
            }
        }
        return NdArray.wrap(v, h, w);
    }

    static NdArray times(NdArray a, double f) {
        double[] v = a.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] *= f;
        }
        return NdArray.wrap(v, a.shape());
    }

    /** The largest |got - want|, and where (for the failure message). */
    static String worst(NdArray got, NdArray want, double[] error) {
        double[] a = got.backingReal();
        double[] b = want.backingReal();
        assertEquals(b.length, a.length);
        int at = 0;
        for (int i = 0; i < a.length; i++) {
            assertTrue(Double.isFinite(a[i]), "non-finite value at " + i);
            if (Math.abs(a[i] - b[i]) > Math.abs(a[at] - b[at])) {
                at = i;
            }
        }
        error[0] = Math.abs(a[at] - b[at]);
        return "max error " + error[0] + " at " + java.util.Arrays.toString(got.unravel(at)) + " (got " + a[at]
                + ", want " + b[at] + ")";
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e6, 1e9, 1e12, 1e100, 1e300, Double.MAX_VALUE})
    void nccFarFromASpikeMatchesBruteForce(double spike) {
        Random r = new Random(11);
        NdArray image = uniform(r, 40, 52);
        NdArray template = crop2(image, 20, 30, 7, 9);
        double[] v = image.backingReal();
        v[10 * 52 + 7] = spike;
        for (Padding padding : Padding.values()) {
            for (Mode mode : Mode.values()) {
                if (mode == Mode.CIRCULAR) {
                    continue;
                }
                NccOptions options = NccOptions.defaults().withMode(mode).withPadding(padding).withThreads(2);
                NdArray want = BruteNcc.ncc(template, image, mode, padding, options.minOverlap());
                for (TemplateMatcher.Strategy strategy : TemplateMatcher.Strategy.values()) {
                    NdArray got = TemplateMatcher.prepare(template, image.shape(), options, strategy, null).ncc(image);
                    double[] err = new double[1];
                    String where = worst(got, want, err);
                    assertTrue(err[0] <= TOLERANCE, "spike " + spike + " " + mode + " " + padding + " " + strategy
                            + ": " + where);
                }
            }
        }
    }

    @Test
    void nccValidFarFromA1e12SpikeMatchesBruteForce() {
        // the case: [0, 1] image, template cut from it, one 1e12 pixel far from the match
        Random r = new Random(5);
        NdArray image = uniform(r, 96, 120);
        NdArray template = crop2(image, 30, 40, 16, 16);
        image.backingReal()[5 * 120 + 100] = 1e12;
        NdArray got = Ncc.ncc(template, image, Mode.VALID);
        double[] err = new double[1];
        String where = worst(got, BruteNcc.ncc(template, image, Mode.VALID, Padding.ZERO, 0.3), err);
        assertTrue(err[0] <= TOLERANCE, where);
        assertEquals(1.0, got.get(30, 40), Tolerances.EXACT_NCC);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e80, 1e-90, 1e300, 1e-300, 4.9e-324 * 1024})
    void nccOfScaledInputsFindsTheTemplate(double factor) {
        Random r = new Random(8);
        NdArray image = uniform(r, 80, 90);
        NdArray template = crop2(image, 30, 40, 12, 10);
        NdArray t = times(template, factor);
        NdArray im = times(image, factor);
        NdArray got = Ncc.ncc(t, im);
        double[] err = new double[1];
        // the reference of the scaled values themselves: ×1e80 rounds each value, and subnormals keep few bits
        String where = worst(got, BruteNcc.ncc(t, im, Mode.FULL, Padding.ZERO, 0.3), err);
        assertTrue(err[0] <= TOLERANCE, factor + ": " + where);
        int best = 0;
        for (int i = 1; i < got.size(); i++) {
            if (got.backingReal()[i] > got.backingReal()[best]) {
                best = i;
            }
        }
        // full mode: the template's first pixel at [30, 40] is output index [30 + 11, 40 + 9]
        assertEquals((30 + 11) * (90 + 10 - 1) + 40 + 9, best);
    }

    @Test
    void nccOfInputsTimes1e80FindsTheTemplate() {
        nccOfScaledInputsFindsTheTemplate(1e80);
    }

    @Test
    void nccOfInputsNearTheLargestDoubleIsRight() {
        // the image's mean and sums of squares would overflow without the rescale
        Random r = new Random(9);
        NdArray image = uniform(r, 40, 50);
        NdArray template = crop2(image, 10, 20, 7, 9);
        NdArray got = Ncc.ncc(times(template, 1e308), times(image, Double.MAX_VALUE),
                NccOptions.defaults().withPadding(Padding.MEAN));
        double[] err = new double[1];
        String where = worst(got, Ncc.ncc(template, image, NccOptions.defaults().withPadding(Padding.MEAN)), err);
        assertTrue(err[0] <= Tolerances.EXACT_NCC, where);
    }
}
