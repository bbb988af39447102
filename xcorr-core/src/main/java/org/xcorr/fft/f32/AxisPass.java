// generated from org.xcorr.fft by Float32Generator; do not edit
package org.xcorr.fft.f32;

import org.xcorr.concurrent.Parallel;

/**
 * Complex 1-D transforms of every line along one axis of a row-major N-D array, in blocks of lines.
 *
 * <p>A block of up to {@link #lanes(int)} lines is gathered into the lane-batched layout of {@link LineFft}
 * (a cache-blocked transpose when the axis is the contiguous one; a copy of contiguous runs otherwise),
 * transformed, and scattered to the destination. Blocks are fixed by line index, never by thread, and
 * each block is transformed by the same code, so results are bit-identical for every thread count.
 */
final class AxisPass {

    /**
     * Complex values per block (lines × length). Measured best on a 1 MiB-L2 machine at 2048² and 4096²:
     * wider blocks read more of each row per visit (fewer TLB misses on the strided column reads), which
     * pays for a working set that spills from L2 into L3.
     */
    private static final int BLOCK_ELEMENTS = 1 << 16;

    private AxisPass() {
    }

    /**
     * Fewest lines per block: 8, so that a block reads whole 64-byte cache lines of each row it touches, and
     * at least one vector register, so that the butterflies never run in the scalar tail kernel alone.
     */
    private static final int MIN_LANES = Simd.ENABLED ? Math.max(8, VectorButterflies.width()) : 8;

    /** Lines transformed together for length {@code n}: a power of two in [{@code MIN_LANES}, 64]. */
    static int lanes(int n) {
        int b = Integer.highestOneBit(Math.max(1, BLOCK_ELEMENTS / n));
        return Math.max(MIN_LANES, Math.min(64, b));
    }

    /**
     * Transforms every line along {@code axis} of {@code src} (shape {@code shape}) into {@code dst}, which
     * may be {@code src}; each output is multiplied by {@code scale}. {@code inverse} selects
     * {@code exp(+2πi…)} (unnormalized: pass the normalization as {@code scale}).
     */
    static void run(int[] shape, int axis, float[] srcRe, float[] srcIm, float[] dstRe, float[] dstIm,
            boolean inverse, float scale, int threads) {
        if (inverse) {
            // IDFT(z) = swap(DFT(swap(z))) where swap exchanges real and imaginary parts
            run(shape, axis, srcIm, srcRe, dstIm, dstRe, false, scale, threads);
            return;
        }
        int n = shape[axis];
        int stride = 1;
        for (int a = axis + 1; a < shape.length; a++) {
            stride *= shape[a];
        }
        int outer = 1;
        for (int a = 0; a < axis; a++) {
            outer *= shape[a];
        }
        if (n == 1) {
            copyScaled(srcRe, srcIm, dstRe, dstIm, outer * stride, scale, threads);
            return;
        }
        LineFft fft = LineFft.of(n);
        int lanes = lanes(n);
        int minBlocks = Math.max(1, (1 << 15) / (n * lanes));
        if (stride == 1) {
            int rows = outer;
            int blocks = (rows + lanes - 1) / lanes;
            Parallel.forRange(threads, blocks, minBlocks, (from, to) -> {
                for (int b = from; b < to; b++) {
                    int row0 = b * lanes;
                    contiguousBlock(fft, row0, Math.min(lanes, rows - row0), srcRe, srcIm, dstRe, dstIm, scale);
                }
            });
        } else {
            int perOuter = (stride + lanes - 1) / lanes;
            int st = stride;
            Parallel.forRange(threads, outer * perOuter, minBlocks, (from, to) -> {
                for (int b = from; b < to; b++) {
                    int o = b / perOuter;
                    int i0 = (b % perOuter) * lanes;
                    int base = o * n * st + i0;
                    stridedBlock(fft, base, st, Math.min(lanes, st - i0), srcRe, srcIm, dstRe, dstIm, scale);
                }
            });
        }
    }

    /**
     * The column pass of {@link RealFft#correlate} in 2-D, in place on the half spectrum {@code re}, {@code im}
     * of shape {@code (n, h)} whose rows are already transformed: per block of adjacent columns, the forward
     * transform, the product with {@code conj(S)}, and the inverse transform (unscaled), so each block is
     * read from and written to memory once. Same blocks and arithmetic as {@link #run} forward, the product,
     * and {@link #run} inverse.
     */
    static void correlateColumns(int[] shape, float[] re, float[] im, float[] sRe, float[] sIm, int threads) {
        int n = shape[0];
        int h = shape[1];
        if (n == 1) {
            multiplyConjugate(re, im, sRe, sIm, threads);
            return;
        }
        LineFft fft = LineFft.of(n);
        int lanes = lanes(n);
        int blocks = (h + lanes - 1) / lanes;
        Parallel.forRange(threads, blocks, Math.max(1, (1 << 15) / (n * lanes)), (from, to) -> {
            for (int b = from; b < to; b++) {
                int i0 = b * lanes;
                int count = Math.min(lanes, h - i0);
                fft.transform(re, im, i0, h, re, im, i0, h, count);
                multiplyConjugateBlock(re, im, sRe, sIm, i0, h, count, n);
                // inverse: the forward transform with real and imaginary parts exchanged
                fft.transform(im, re, i0, h, im, re, i0, h, count);
            }
        });
    }

    /**
     * {@code x ← x · conj(s)} on {@code lines} runs of {@code count} adjacent elements starting at
     * {@code offset + k·stride}.
     */
    private static void multiplyConjugateBlock(float[] xRe, float[] xIm, float[] sRe, float[] sIm, int offset,
            int stride, int count, int lines) {
        for (int k = 0; k < lines; k++) {
            for (int i = offset + k * stride, end = i + count; i < end; i++) {
                float xr = xRe[i];
                float xi = xIm[i];
                float sr = sRe[i];
                float si = sIm[i];
                xRe[i] = xr * sr + xi * si;
                xIm[i] = xi * sr - xr * si;
            }
        }
    }

    /** {@code x ← x · conj(s)}, element by element over the whole arrays, spread over the threads. */
    static void multiplyConjugate(float[] xRe, float[] xIm, float[] sRe, float[] sIm, int threads) {
        Parallel.forRange(threads, xRe.length, 1 << 14,
                (from, to) -> multiplyConjugateBlock(xRe, xIm, sRe, sIm, from, 0, to - from, 1));
    }

    /** Lines are rows {@code row0 .. row0+count} of length n: gather is a transpose into lanes. */
    private static void contiguousBlock(LineFft fft, int row0, int count, float[] srcRe, float[] srcIm,
            float[] dstRe, float[] dstIm, float scale) {
        int n = fft.length();
        Workspace ws = Workspace.current();
        float[] lr = ws.array(Workspace.LINES_RE, RealRows.paddedLength(n, count));
        float[] li = ws.array(Workspace.LINES_IM, RealRows.paddedLength(n, count));
        int block = fft.inputBlock();
        for (int l = 0; l < count; l++) {
            int base = (row0 + l) * n;
            for (int k0 = 0, o = l; k0 < n; k0 += block, o += LineFft.INPUT_PAD) {
                for (int k = k0, end = Math.min(n, k0 + block); k < end; k++) {
                    lr[k * count + o] = srcRe[base + k];
                    li[k * count + o] = srcIm[base + k];
                }
            }
        }
        fft.transformPadded(lr, li, count);
        for (int l = 0; l < count; l++) {
            int base = (row0 + l) * n;
            if (scale == 1.0f) {
                for (int k = 0; k < n; k++) {
                    dstRe[base + k] = lr[k * count + l];
                    dstIm[base + k] = li[k * count + l];
                }
            } else {
                for (int k = 0; k < n; k++) {
                    dstRe[base + k] = lr[k * count + l] * scale;
                    dstIm[base + k] = li[k * count + l] * scale;
                }
            }
        }
    }

    /**
     * Lines start at {@code base .. base+count} with element stride {@code stride}: the transform reads and
     * writes the array in place, {@code count} adjacent columns at a time, with no gather copy.
     */
    private static void stridedBlock(LineFft fft, int base, int stride, int count, float[] srcRe,
            float[] srcIm, float[] dstRe, float[] dstIm, float scale) {
        int n = fft.length();
        fft.transform(srcRe, srcIm, base, stride, dstRe, dstIm, base, stride, count);
        if (scale != 1.0f) {
            for (int k = 0; k < n; k++) {
                int s = base + k * stride;
                for (int l = s; l < s + count; l++) {
                    dstRe[l] *= scale;
                    dstIm[l] *= scale;
                }
            }
        }
    }

    private static void copyScaled(float[] srcRe, float[] srcIm, float[] dstRe, float[] dstIm, int size,
            float scale, int threads) {
        if (srcRe == dstRe && srcIm == dstIm && scale == 1.0f) {
            return;
        }
        Parallel.forRange(threads, size, 1 << 15, (from, to) -> {
            for (int i = from; i < to; i++) {
                dstRe[i] = srcRe[i] * scale;
                dstIm[i] = srcIm[i] * scale;
            }
        });
    }
}
