// generated from org.xcorr.fft by Float32Generator; do not edit
/**
 * Single-precision (float32) discrete Fourier transforms, generated from {@link org.xcorr.fft} and
 * identical to it in conventions, layout, plans and threading: {@link org.xcorr.fft.f32.ComplexFft}
 * ({@code numpy.fft.fftn}/{@code ifftn} on split {@code float[]} arrays, in place) and
 * {@link org.xcorr.fft.f32.RealFft} ({@code rfftn}/{@code irfftn}, half spectrum on the last axis).
 *
 * <p>Arithmetic is IEEE single precision; twiddle factors are computed in double and rounded once.
 * Accuracy: the error of a transform relative to the norm of its exact result,
 * {@code ||X_float - X|| / ||X||}, is a small multiple of {@code 2^-24 ≈ 6e-8} times
 * {@code sqrt(log2 N)}: measured 1.0e-7 (N = 64) to 2.3e-7 (127×131, Bluestein) on Gaussian
 * data, against the double transform. Individual small coefficients carry the same absolute
 * error, so their own relative error can be large. A round trip {@code inverse(forward(x))}
 * returns {@code x} to within about {@code 4e-7 · max|x|} (measured up to 2048²). Results are
 * bit-identical for every thread count and whether or not the Vector API is enabled.
 *
 * <p>Do not edit these sources: change {@code org.xcorr.fft} and rerun the generator
 * ({@code org.xcorr.fft.Float32Generator} in the test sources).
 */
package org.xcorr.fft.f32;
