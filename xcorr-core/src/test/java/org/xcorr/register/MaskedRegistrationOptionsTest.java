package org.xcorr.register;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xcorr.peak.Subpixel;

/**
 * Plain and masked registration have separate options: before, one {@code RegistrationOptions} carried both
 * (upsampling, normalization, window and disambiguation for the unmasked path; the sub-pixel fit for the masked
 * one) and each path rejected or silently ignored the other's fields at run time.
 */
class MaskedRegistrationOptionsTest {

    private static Set<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toSet());
    }

    @Test
    void bug_oneOptionsTypeMixedPlainAndMaskedRegistration() {
        assertEquals(Set.of("overlapRatio", "subpixel", "keepSurface", "threads", "maxShift"),
                components(MaskedRegistrationOptions.class));
        Set<String> plain = components(RegistrationOptions.class);
        assertEquals(Set.of("upsampleFactor", "normalization", "overlapRatio", "keepSurface", "threads", "maxShift",
                "window", "disambiguate", "peaksToCheck"), plain);
    }

    @Test
    void defaultsAndValidation() {
        MaskedRegistrationOptions d = MaskedRegistrationOptions.defaults();
        assertEquals(0.3, d.overlapRatio());
        assertEquals(Subpixel.NONE, d.subpixel());
        assertNull(d.maxShift());
        assertThrows(IllegalArgumentException.class, () -> d.withSubpixel(Subpixel.GAUSSIAN));
        assertThrows(NullPointerException.class, () -> d.withSubpixel(null));
        assertThrows(IllegalArgumentException.class, () -> d.withOverlapRatio(1.5));
        assertThrows(IllegalArgumentException.class, () -> d.withThreads(0));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxShift(1, Double.NaN));
        double[] bound = {2, 3};
        MaskedRegistrationOptions b = d.withMaxShift(bound);
        bound[0] = 99;
        assertArrayEquals(new double[] {2, 3}, b.maxShift(), "the bound is copied in");
        assertEquals(b, d.withMaxShift(2, 3));
        assertEquals(b.hashCode(), d.withMaxShift(2, 3).hashCode());
    }
}
