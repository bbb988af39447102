package org.xcorr.match;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcorr.Golden;
import org.xcorr.array.NdArray;

/** Every golden {@code match-*} case (and the mask-shape bad case) through the library, on 1 and 2 threads. */
class GoldenMatchTest {

    static Stream<Golden> cases() {
        return Golden.cases("match-");
    }

    static MatchOptions options(Golden c, NdArray mask, int threads) {
        return new MatchOptions(c.param("method", "ccoeff-normed", MatchMethod.class), mask, threads);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGolden(Golden c) throws IOException {
        NdArray t = c.input("template");
        NdArray i = c.input("image");
        NdArray mask = c.input("mask");
        for (int threads = 1; threads <= 2; threads++) {
            assertNull(c.compareArray(TemplateMatching.match(t, i, options(c, mask, threads))),
                    c.name + " threads " + threads);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCases")
    void badInputIsRejected(Golden c) throws IOException {
        NdArray t = c.input("template");
        NdArray i = c.input("image");
        NdArray mask = c.input("mask");
        assertThrows(IllegalArgumentException.class, () -> TemplateMatching.match(t, i, options(c, mask, 1)), c.name);
    }

    static Stream<Golden> badCases() {
        return Golden.cases("bad-05");
    }
}
