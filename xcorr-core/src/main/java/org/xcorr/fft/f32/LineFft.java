// generated from org.xcorr.fft by Float32Generator; do not edit
package org.xcorr.fft.f32;

/**
 * A forward complex DFT of one fixed length {@code n}, applied to {@code lanes} independent lines at once.
 *
 * <p>Lane-batched layout: element {@code k} of line {@code l} is at index {@code offset + k·stride + l} of
 * the real and imaginary arrays ({@code stride >= lanes}), so the lanes of one element are contiguous and
 * every inner loop runs over them. {@code stride = lanes} is the dense layout of a scratch buffer; a larger
 * stride addresses a block of adjacent columns of a row-major array in place. The transform is
 * {@code X[k] = Σ_j x[j] · exp(-2πi·j·k/n)}, unnormalized. The inverse (unnormalized, {@code exp(+2πi…)})
 * is obtained by calling {@link #transform} with the real and imaginary arrays exchanged.
 */
interface LineFft {

    /** The transform length {@code n}. */
    int length();

    /**
     * Transforms {@code lanes} lines from the source to the destination, which may be the same array
     * region (in place). Scratch comes from the thread's {@link Workspace}.
     */
    void transform(float[] srcRe, float[] srcIm, int srcOffset, int srcStride, float[] dstRe, float[] dstIm,
            int dstOffset, int dstStride, int lanes);

    /** Floats of padding in the padded input layout (one cache line). */
    int INPUT_PAD = 16;

    /**
     * Block length of the padded input layout read by {@link #transformPadded}: element {@code k}, lane
     * {@code l} sits at {@code k·lanes + (k / inputBlock())·INPUT_PAD + l}. The first pass reads
     * {@code n / inputBlock()} elements {@code inputBlock()} apart; for power-of-two lengths those would all
     * fall into one cache set without the pad.
     */
    int inputBlock();

    /**
     * In-place transform that reads the padded input layout (see {@link #inputBlock()}) and leaves the result
     * in the dense layout; the arrays need {@code n·lanes + 8·INPUT_PAD} values.
     */
    void transformPadded(float[] re, float[] im, int lanes);

    /** In-place transform of dense lane-batched data in {@code re[0, n·lanes)}, {@code im[0, n·lanes)}. */
    default void transform(float[] re, float[] im, int lanes) {
        transform(re, im, 0, lanes, re, im, 0, lanes, lanes);
    }

    /** The cached plan for length {@code n}: mixed radix for 2,3,5,7-smooth lengths, else Bluestein. */
    static LineFft of(int n) {
        return LinePlans.get(n);
    }
}
