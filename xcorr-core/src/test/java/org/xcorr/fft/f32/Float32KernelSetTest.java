package org.xcorr.fft.f32;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The single-precision twin of {@code org.xcorr.fft.KernelSetTest}: the float32 FFT decides on its kernel set
 * by itself ({@code org.xcorr.fft.f32.Simd}), so each of the suite's two runs checks it too. Each run states which set it means to test in the system property
 * {@code xcorr.test.simd}; this test fails when the JVM picked the other set, so neither run can silently test
 * the wrong kernels.
 */
class Float32KernelSetTest {

    @Test
    void theRunTestsTheKernelSetItIsMeantFor() {
        boolean expected = Boolean.parseBoolean(System.getProperty("xcorr.test.simd", "true"));
        assertEquals(expected, Simd.ENABLED, "Simd.ENABLED (xcorr.test.simd=" + expected
                + "; the vector run needs --add-modules jdk.incubator.vector in the surefire argLine)");
    }
}
