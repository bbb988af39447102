package org.xcorr.ncc;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcorr.Golden;
import org.xcorr.array.NdArray;
import org.xcorr.correlate.Mode;

/** Every golden {@code ncc-*} case (and its bad-input twins) through the library, on 1 and 2 threads. */
class GoldenNccTest {

    static Stream<Golden> cases() {
        return Golden.cases("ncc-");
    }

    static Stream<Golden> badCases() {
        return Golden.cases("bad-01", "bad-02", "bad-03");
    }

    static NccOptions options(Golden c, int threads) {
        return new NccOptions(c.param("mode", "full", Mode.class), c.param("padding", "zero", Padding.class),
                c.param("min-overlap") == null ? 0.3 : c.param("min-overlap").asDouble(), threads);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGolden(Golden c) throws IOException {
        NdArray t = c.input("template");
        NdArray i = c.input("image");
        for (int threads = 1; threads <= 2; threads++) {
            assertNull(c.compareArray(Ncc.ncc(t, i, options(c, threads))), c.name + " threads " + threads);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCases")
    void badInputIsRejected(Golden c) throws IOException {
        NdArray t = c.input("template");
        NdArray i = c.input("image");
        assertThrows(IllegalArgumentException.class, () -> Ncc.ncc(t, i, options(c, 1)), c.name);
    }
}
