/**
 * xcorr's library: N-D arrays, FFTs, correlation, normalized cross-correlation and template matching, local NCC,
 * registration, peaks, shifting, stack alignment and tracking. JDK only.
 *
 * <p>Exports the API packages only. Two public-looking packages are implementation and stay closed:
 * {@code org.xcorr.ncc.internal} (the NCC kernels behind {@code Ncc} and {@code TemplateMatching}) and
 * {@code org.xcorr.fft.f32} (the float32 FFT generated from {@code org.xcorr.fft}, used by the NCC's float
 * precision). {@code ModuleExportsTest} fails when this list changes without the test.
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
