package org.xcorr.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The suite runs the FFT tests twice (see the surefire executions in {@code xcorr-core/pom.xml}): with
 * {@code --add-modules jdk.incubator.vector} (the vector kernels) and without it (the scalar kernels, as
 * {@code ./xcorr} runs by default). Each run states which set it means to test in the system property
 * {@code xcorr.test.simd}; this test fails when the JVM picked the other set, so neither run can silently test
 * the wrong kernels.
 */
class KernelSetTest {

    @Test
    void theRunTestsTheKernelSetItIsMeantFor() {
        boolean expected = Boolean.parseBoolean(System.getProperty("xcorr.test.simd", "true"));
        assertEquals(expected, Simd.ENABLED, "Simd.ENABLED (xcorr.test.simd=" + expected
                + "; the vector run needs --add-modules jdk.incubator.vector in the surefire argLine)");
    }
}
