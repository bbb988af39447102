package org.xcorr.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xcorr.correlate.Correlation;
import org.xcorr.correlate.Mode;
import org.xcorr.fft.ComplexFft;
import org.xcorr.fft.FastSizes;
import org.xcorr.fft.RealFft;
import org.xcorr.ncc.NccOptions;
import org.xcorr.ncc.TemplateMatcher;

/**
 * Sizes derived from shapes (outputs, padded transforms) that exceed one Java array are refused in one line that
 * says "too large", never wrapped around into a negative or small int (issue 11's integer overflow audit). Only
 * shapes are built, never the arrays.
 */
class SizeArithmeticTest {

    private static void assertTooLarge(Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void sizeOfAShapeBeyondOneArrayIsRefused() {
        assertTooLarge(() -> NdArray.sizeOf(new int[] {65536, 65536}));
        assertTooLarge(() -> NdArray.sizeOf(new int[] {2048, 2048, 2048}));
        assertEquals(6, NdArray.sizeOf(new int[] {2, 3}));
        assertTooLarge(() -> NdArray.checkedSize(-5, "x"));
    }

    @Test
    void fullCorrelationOutputBeyondOneArrayIsRefused() {
        // 1.5e9 + 1e9 - 1 overflowed an int on its own
        assertTooLarge(() -> Correlation.outputShape(new int[] {1_500_000_000}, new int[] {1_000_000_000}, Mode.FULL));
        assertTooLarge(() -> Correlation.outputShape(new int[] {1200, 1200, 1200}, new int[] {200, 200, 200},
                Mode.FULL));
        assertEquals(1399, Correlation.outputShape(new int[] {1200}, new int[] {200}, Mode.FULL)[0]);
    }

    @Test
    void nccOutputBeyondOneArrayIsRefused() {
        NdArray template = NdArray.wrap(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2);
        assertTooLarge(() -> TemplateMatcher.prepare(template, new int[] {1290, 1290, 1290}, NccOptions.defaults()));
    }

    @Test
    void transformsBeyondOneArrayAreRefused() {
        assertTooLarge(() -> RealFft.of(70000, 70000));
        assertTooLarge(() -> ComplexFft.of(1300, 1300, 1300));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FastSizes.next(NdArray.MAX_SIZE - 2));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }
}
