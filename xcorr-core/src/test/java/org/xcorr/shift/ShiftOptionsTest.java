package org.xcorr.shift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;

/** {@link ShiftOptions}: defaults, validation on construction, and that the interpolation reaches {@code shift}. */
class ShiftOptionsTest {

    @Test
    void defaultsAndValidation() {
        assertEquals(Interpolation.FOURIER, ShiftOptions.defaults().interpolation());
        assertThrows(NullPointerException.class, () -> ShiftOptions.of(null));
        assertThrows(IllegalArgumentException.class, () -> ShiftOptions.defaults().withThreads(0));
    }

    @Test
    void theInterpolationOfTheOptionsIsUsed() {
        NdArray x = NdArray.of1d(0, 0, 4, 0, 0);
        // linear, half a sample to higher indices: the spike splits in two halves, zero outside
        assertArrayEquals(new double[] {0, 0, 2, 2, 0},
                Shift.shift(x, new double[] {0.5}, ShiftOptions.of(Interpolation.LINEAR).withThreads(1)).toArray(),
                1e-15);
        assertArrayEquals(Shift.shift(x, 0.5).toArray(),
                Shift.shift(x, new double[] {0.5}, ShiftOptions.defaults().withThreads(3)).toArray());
    }
}
