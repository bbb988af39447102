package org.xcorr.match;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.Tolerances;
import org.xcorr.array.NdArray;
import org.xcorr.correlate.Mode;
import org.xcorr.ncc.Ncc;
import org.xcorr.track.Offsets;

/**
 * One argument order across the template-in-image entry points: template first, image second (the README's
 * conventions table). {@code match} took {@code (image, template)} while {@code ncc} and {@code offset} took
 * {@code (template, image)}; the same two arguments in the same order must now give the same placements.
 */
class ArgumentOrderTest {

    @Test
    void bug_matchTookTheImageFirstWhileNccAndOffsetTookTheTemplateFirst() {
        Random r = new Random(20261205);
        NdArray image = TemplateMatchingTest.random(r, 40, 50, 3, 1);
        NdArray template = TemplateMatchingTest.crop(image, 7, 11, 9, 12);

        NdArray matched = TemplateMatching.match(template, image, MatchMethod.CCOEFF_NORMED);
        NdArray ncc = Ncc.ncc(template, image, Mode.VALID);
        assertArrayEquals(ncc.shape(), matched.shape());
        assertArrayEquals(ncc.backingReal(), matched.backingReal(), Tolerances.EXACT_NCC, "ccoeff-normed is the valid NCC");
        assertArrayEquals(new int[] {7, 11}, matched.unravel(argmax(matched)));
        double[] offset = Offsets.offset(template, image).offset();
        assertEquals(7, Math.round(offset[0]));
        assertEquals(11, Math.round(offset[1]));
    }

    private static int argmax(NdArray a) {
        double[] v = a.backingReal();
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
