package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;

/**
 * The one-pass summary (issue 16: min, max and peak found together, once, instead of in three passes) against
 * separate brute-force passes: the first extreme in row-major order on ties, NaN as {@code Math.min/max} treat
 * it, magnitudes for complex maps.
 */
class SummaryTest {

    @Test
    void onePassSummaryMatchesSeparatePassesWithTiesNanAndComplex() {
        Random rnd = new Random(16);
        for (int trial = 0; trial < 200; trial++) {
            int h = 1 + rnd.nextInt(6);
            int w = 1 + rnd.nextInt(6);
            double[] re = new double[h * w];
            double[] im = new double[h * w];
            for (int i = 0; i < re.length; i++) {
                // few distinct values, so ties are common
                re[i] = rnd.nextInt(5) - 2;
                im[i] = rnd.nextInt(3) - 1;
            }
            if (trial % 7 == 0) {
                re[rnd.nextInt(re.length)] = Double.NaN;
            }
            boolean complex = trial % 3 == 0;
            NdArray a = complex ? NdArray.ofComplex(re, im, h, w) : NdArray.of(re, h, w);
            for (boolean highest : new boolean[] {true, false}) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                int best = 0;
                for (int i = 0; i < re.length; i++) {
                    double v = complex ? Math.hypot(re[i], im[i]) : re[i];
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                double bestValue = complex ? Math.hypot(re[0], im[0]) : re[0];
                for (int i = 1; i < re.length; i++) {
                    double v = complex ? Math.hypot(re[i], im[i]) : re[i];
                    if (highest ? v > bestValue : v < bestValue) {
                        best = i;
                        bestValue = v;
                    }
                }
                int[] peak = {best / w, best % w};
                int[] origin = {1, 2};
                String expected = "{\"output\": \"o.npy\", \"shape\": [" + h + ", " + w + "], \"peak\": [" + peak[0]
                        + ", " + peak[1] + "]";
                String got = Summary.of(Path.of("o.npy"), a, highest, origin).toString();
                assertEquals(true, got.startsWith(expected), got + " should start with " + expected);
                assertArrayEquals(peak, Summary.best(a, highest), got);
                String tail = new org.xcorr.io.Json().put("value", bestValue).put("min", min).put("max", max)
                        .toString();
                String middle = tail.substring(1, tail.length() - 1);
                assertEquals(true, got.contains(middle), got + " should contain " + middle);
                assertEquals(true, got.contains("\"offset\": [" + (peak[0] - 1) + ", " + (peak[1] - 2) + "]"), got);
            }
        }
    }
}
