package org.xcorr.match;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;

/** {@link MatchOptions}: defaults, validation on construction, and that the options reach {@code match}. */
class MatchOptionsTest {

    @Test
    void defaultsAndValidation() {
        MatchOptions d = MatchOptions.defaults();
        assertEquals(MatchMethod.CCOEFF_NORMED, d.method());
        assertNull(d.mask());
        assertThrows(NullPointerException.class, () -> MatchOptions.of(null));
        assertThrows(NullPointerException.class, () -> d.withMask(null));
        assertThrows(IllegalArgumentException.class, () -> d.withThreads(0));
    }

    @Test
    void theMaskAndTheMethodOfTheOptionsAreUsed() {
        Random r = new Random(7);
        NdArray image = TemplateMatchingTest.random(r, 20, 24, 0, 1);
        NdArray template = TemplateMatchingTest.crop(image, 3, 5, 6, 7);
        NdArray mask = TemplateMatchingTest.random(r, 6, 7, 0.1, 1);
        MatchOptions o = MatchOptions.of(MatchMethod.SQDIFF).withMask(mask).withThreads(2);
        assertArrayEquals(TemplateMatchingTest.brute(template, image, MatchMethod.SQDIFF, mask),
                TemplateMatching.match(template, image, o).backingReal(), 1e-9);
        assertArrayEquals(TemplateMatching.match(template, image, MatchMethod.SQDIFF).backingReal(),
                TemplateMatching.match(template, image, o.withoutMask().withThreads(1)).backingReal());
    }
}
