/**
 * Pure-Java discrete Fourier transforms of any length, 1-D to 3-D, with NumPy's conventions.
 *
 * <p>{@link org.xcorr.fft.ComplexFft} transforms split real/imaginary arrays in place ({@code numpy.fft.fftn} /
 * {@code ifftn}: forward {@code exp(-2πi k·n/N)} unnormalized, inverse divided by the size);
 * {@link org.xcorr.fft.RealFft} maps real data to the half spectrum on the last axis ({@code rfftn} /
 * {@code irfftn}); {@link org.xcorr.fft.FusedTile} correlates one real 1-D or 2-D tile with a kernel in one fused
 * pipeline (rows read from and written to the caller's arrays, zero rows pruned, the spectrum product inside the
 * column pass), the engine of the correlation planner's tiles. Lengths whose factors are 2, 3, 5 and 7 use mixed-radix (8/4/2/3/5/7) Stockham autosort passes
 * (T. G. Stockham, 1966) applied to batches of adjacent lines, so every inner loop runs along contiguous memory;
 * other lengths use Bluestein's chirp-z algorithm over a fast length. {@link org.xcorr.fft.FastSizes#next(int)}
 * gives the padding length to choose. Plans are cached per shape and thread-safe, and results are bit-identical
 * for every thread count.
 */
package org.xcorr.fft;
