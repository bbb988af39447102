package org.xcorr.local;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcorr.Golden;
import org.xcorr.array.NdArray;

/** Every golden {@code local-ncc-*} case (and the shape-mismatch bad case) through the library, 1 and 3 threads. */
class GoldenLocalNccTest {

    static Stream<Golden> cases() {
        return Golden.cases("local-ncc", "bad-04");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGolden(Golden c) throws IOException {
        NdArray a = c.input("a");
        NdArray b = c.input("b");
        int radius = Integer.parseInt(c.param("radius", "0"));
        if (c.expectsError()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LocalNcc.localNcc(a, b, radius), c.name);
            assertTrue(e.getMessage().contains(a.shapeString()) && e.getMessage().contains(b.shapeString()),
                    c.name + ": the message names both shapes: " + e.getMessage());
            return;
        }
        for (int threads : new int[] {1, 3}) {
            NdArray got = LocalNcc.localNcc(a, b, LocalNccOptions.ofRadius(radius).withThreads(threads));
            assertNull(c.compareArray(got), c.name + " threads " + threads);
        }
    }
}
