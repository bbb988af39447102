package org.xcorr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
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

    /**
     * The summary computed beside the write (issue 16, one-shot 4096^2) is the sequential one, text for text, on
     * both sides of the size threshold and with one thread, real and complex, with the peak in the last value and a
     * NaN; the write runs once, on the calling thread; the scan runs on another thread exactly when it should.
     */
    @Test
    void summaryWhileWritingEqualsTheSequentialSummary() throws IOException {
        int big = Summary.CONCURRENT_SCAN_MIN;
        Random rnd = new Random(61);
        for (int n : new int[] {big - 1, big, big + 7}) {
            for (boolean complex : new boolean[] {false, true}) {
                double[] re = new double[n];
                double[] im = new double[n];
                for (int i = 0; i < n; i++) {
                    re[i] = rnd.nextGaussian();
                    im[i] = rnd.nextGaussian();
                }
                re[n - 1] = 50;
                re[n / 3] = Double.NaN;
                NdArray a = complex ? NdArray.ofComplex(re, im, n) : NdArray.of(re, n);
                for (boolean highest : new boolean[] {true, false}) {
                    String expected = Summary.of(Path.of("m.npy"), a, highest, new int[] {3}).toString();
                    for (int threads : new int[] {1, 2, 4}) {
                        AtomicReference<Thread> writer = new AtomicReference<>();
                        int[] writes = {0};
                        String got = Summary.ofWhileWriting(Path.of("m.npy"), a, highest, new int[] {3}, threads,
                                () -> {
                                    writer.set(Thread.currentThread());
                                    writes[0]++;
                                }).toString();
                        assertEquals(expected, got, "n " + n + " threads " + threads);
                        assertEquals(1, writes[0]);
                        assertSame(Thread.currentThread(), writer.get());
                    }
                }
            }
        }
    }

    /** A failed write throws its own exception (the scan beside it does not hide or delay it). */
    @Test
    void failedWriteThrowsItsException() {
        NdArray a = NdArray.of(new double[Summary.CONCURRENT_SCAN_MIN], Summary.CONCURRENT_SCAN_MIN);
        for (int threads : new int[] {1, 2}) {
            IOException e = assertThrows(IOException.class, () -> Summary.ofWhileWriting(Path.of("m.npy"), a, true,
                    null, threads, () -> {
                        throw new IOException("disk full");
                    }));
            assertEquals("disk full", e.getMessage());
        }
    }
}
