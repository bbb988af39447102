/**
 * xcorr's library: N-D arrays, FFTs, correlation, normalized cross-correlation and template matching, local NCC,
 * registration, peaks, shifting, stack alignment and tracking. JDK only.
 *
 * <p>Exports the API packages only. Three packages with public types are implementation and stay closed:
 * {@code org.xcorr.correlate.internal} (the one correlation planner: geometry, direct and tiled-FFT plans, every
 * tuning constant), {@code org.xcorr.window} (the one window-statistics kernel behind {@code ncc}, {@code match}
 * and {@code local}) and {@code org.xcorr.ncc.internal} (compensated sums, template tables, masked NCC's
 * correlation sums and mask weights). {@code ModuleExportsTest} fails when this list changes without the test.
 *
 * <p>{@code requires static jdk.incubator.vector}: the FFT's SIMD kernels use the Vector API, still incubating in
 * JDK 17 and resolved only when the JVM is started with {@code --add-modules jdk.incubator.vector}. A static
 * dependence is needed to compile them and never forces the module at run time; when it is absent,
 * {@code org.xcorr.fft.Simd} picks the scalar kernels, as on the class path.
 */
module org.xcorr.core {
    requires static jdk.incubator.vector;

    exports org.xcorr.array;
    exports org.xcorr.concurrent;
    exports org.xcorr.correlate;
    exports org.xcorr.fft;
    exports org.xcorr.local;
    exports org.xcorr.match;
    exports org.xcorr.ncc;
    exports org.xcorr.peak;
    exports org.xcorr.register;
    exports org.xcorr.shift;
    exports org.xcorr.stack;
    exports org.xcorr.track;
}
