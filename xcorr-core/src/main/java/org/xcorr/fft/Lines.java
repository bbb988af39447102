package org.xcorr.fft;

/**
 * Where one pass of {@link SmoothFft} reads or writes: {@code lanes} lines, lane-batched, in split real and
 * imaginary arrays. Element {@code k} of lane {@code u} is at index
 * <pre>
 *   offset + k·stride + (k / block)·pad + u
 * </pre>
 * of {@code re} and {@code im}: the lanes of one element are contiguous, {@code stride >= lanes}, and a pad of
 * {@code pad} values after every {@code block} elements keeps the radix-many streams of the next pass off a
 * single cache set when the block length is a power of two ({@code pad = 0}, {@code block = Integer.MAX_VALUE}
 * where there is none). A pass reads its input as {@code r} blocks of {@code n/r} elements and writes groups
 * that never straddle an output block.
 *
 * @param re     real parts
 * @param im     imaginary parts
 * @param offset index of element 0, lane 0
 * @param stride distance between consecutive elements
 * @param block  elements between pads
 * @param pad    values of padding after each block
 */
record Lines(double[] re, double[] im, int offset, int stride, int block, int pad) {

    /** No padding: a block as long as any line. */
    static final int UNPADDED = Integer.MAX_VALUE;

    /** Index of element {@code k}, lane 0, of the first block (no pad before it): {@code offset + k·stride}. */
    int head(int k) {
        return offset + k * stride;
    }

    /**
     * Index of element {@code q + k}, lane 0, where {@code k} starts a group of elements that does not straddle a
     * block (so the pads before it are those before {@code k}).
     */
    int group(int q, int k) {
        return offset + (q + k) * stride + (k / block) * pad;
    }

    /** From element {@code e} of one block of {@code n} elements to element {@code e} of the next one. */
    int blockStep(int n) {
        return n * stride + pad;
    }

    /** The same layout, {@code lanes} lanes further on (the lanes a vector kernel leaves to the scalar one). */
    Lines plus(int lanes) {
        return new Lines(re, im, offset + lanes, stride, block, pad);
    }

    /**
     * The same data seen as {@code 1/group} as many elements of {@code group} times the stride, as a pass with
     * Stockham stride {@code group} sees dense data: {@code group} consecutive elements become the lanes of one.
     */
    Lines grouped(int group) {
        return new Lines(re, im, offset, stride * group, block == UNPADDED ? UNPADDED : block / group, pad);
    }
}
