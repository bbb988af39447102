package org.xcorr.fft;

/**
 * Whether the FFT runs its butterflies through the Vector API ({@link VectorButterflies}) or as scalar code
 * ({@link Butterflies}); decided once per JVM.
 *
 * <p>The Vector API is still incubating in JDK 17, so the JVM resolves {@code jdk.incubator.vector} only when
 * started with {@code --add-modules jdk.incubator.vector} (the tests' first Surefire run and the benchmarks do;
 * the {@code xcorr} launcher for {@code align} and {@code apply-shifts} of 1 GiB and more, or with
 * {@code XCORR_SIMD=1}, since a shorter run does not repay the Vector API's warm-up). Without it, or with {@code -Dxcorr.simd=false}, the scalar kernels run. Both produce bit-identical
 * results, so the choice affects speed only.
 */
final class Simd {

    /** True when the vector kernels are used. */
    static final boolean ENABLED = detect();

    private Simd() {
    }

    private static boolean detect() {
        if (!Boolean.parseBoolean(System.getProperty("xcorr.simd", "true"))) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            // one-lane "vectors" would run the API's slow Java fallback instead of SIMD instructions
            return VectorButterflies.width() >= 2;
        } catch (LinkageError e) {
            return false;
        }
    }
}
