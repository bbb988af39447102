package org.xcorr.correlate;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcorr.Golden;
import org.xcorr.array.NdArray;

/**
 * Every golden {@code correlate-*} case through the library with each method (AUTO, DIRECT, FFT) and two thread
 * counts, compared as {@code run_cases.py} compares; and bad-09, which the library itself must reject.
 */
class GoldenCorrelateTest {

    static Stream<Golden> cases() {
        return Golden.cases("correlate-");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGolden(Golden c) throws IOException {
        NdArray a = c.input("a");
        NdArray b = c.input("b");
        Mode mode = c.param("mode", "full", Mode.class);
        boolean centered = c.param("centered") != null && c.param("centered").asBoolean();
        for (Method m : Method.values()) {
            for (int threads : new int[] {1, 3}) {
                NdArray got = Correlation.correlate(a, b, new CorrelationOptions(mode, centered, m, threads));
                assertNull(c.compareArray(got), c.name + " " + m + " threads " + threads);
            }
        }
    }

    /** bad-09: VALID with a kernel larger than a is an error in the library, not a silent swap as in SciPy. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badCases")
    void badCaseRejected(Golden c) throws IOException {
        NdArray a = c.input("a");
        NdArray b = c.input("b");
        Mode mode = c.param("mode", "full", Mode.class);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Correlation.correlate(a, b, mode));
        assertTrue(e.getMessage().contains("needs b to fit inside a"), e.getMessage());
    }

    static Stream<Golden> badCases() {
        return Golden.cases("bad-09");
    }
}
