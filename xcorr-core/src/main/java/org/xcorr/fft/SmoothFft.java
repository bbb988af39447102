package org.xcorr.fft;

/**
 * Mixed-radix Stockham FFT for lengths whose prime factors are 2, 3, 5 and 7, lane-batched (see
 * {@link LineFft}). The length is factored into radix-8 passes, then at most one radix 4 or 2, then radix
 * 3, 5, 7 passes. The plan is built once per length as a list of {@link Stage}s (radix, stride, twiddles and
 * kernel: {@link VectorButterflies} (explicit SIMD) when {@link Simd#ENABLED}, else the scalar
 * {@link Butterflies}, whose results are identical), and a transform applies them in turn, ping-ponging
 * between the source, two work arrays and the destination. Either way the cost is dominated by loads and
 * stores: radix 8 needs a third fewer passes over the data than radix 4, which outweighs some register
 * spilling (timings: {@code xcorr-bench/RESULTS.md}, "Numbers moved from the javadoc"). Stockham's autosort ordering delivers the result in natural order without a
 * bit-reversal permutation.
 */
final class SmoothFft implements LineFft {

    /** Doubles of padding after each block of the scratch layout: one cache line. */
    private static final int PAD = INPUT_PAD;
    private static final int MAX_RADIX = 8;

    private final int n;
    /** The plan: one pass per factor of {@code n}, in order. */
    private final Stage[] stages;

    SmoothFft(int n) {
        if (!FastSizes.isFast(n)) {
            throw new IllegalArgumentException("length " + n + " has a prime factor above 7");
        }
        this.n = n;
        int[] radices = radices(n);
        stages = new Stage[radices.length];
        int stride = 1;
        for (int st = 0; st < radices.length; st++) {
            stages[st] = new Stage(n, radices[st], stride);
            stride *= radices[st];
        }
    }

    /** The factors of {@code n} in pass order: radix 8 while it divides, then at most one 4 or 2, then 3, 5, 7. */
    private static int[] radices(int n) {
        int[] factors = new int[32];
        int count = 0;
        int rest = n;
        while (rest % 8 == 0) {
            factors[count++] = 8;
            rest /= 8;
        }
        while (rest % 4 == 0) {
            factors[count++] = 4;
            rest /= 4;
        }
        if (rest % 2 == 0) {
            factors[count++] = 2;
            rest /= 2;
        }
        for (int p : new int[] {3, 5, 7}) {
            while (rest % p == 0) {
                factors[count++] = p;
                rest /= p;
            }
        }
        return java.util.Arrays.copyOf(factors, count);
    }

    @Override
    public int length() {
        return n;
    }

    @Override
    public int inputBlock() {
        return stages.length == 0 ? n : n / stages[0].radix;
    }

    @Override
    public void transformPadded(double[] re, double[] im, int lanes) {
        run(new Lines(re, im, 0, lanes, inputBlock(), INPUT_PAD), new Lines(re, im, 0, lanes, Lines.UNPADDED, 0),
                lanes);
    }

    @Override
    public void transform(double[] srcRe, double[] srcIm, int srcOffset, int srcStride, double[] dstRe,
            double[] dstIm, int dstOffset, int dstStride, int lanes) {
        run(new Lines(srcRe, srcIm, srcOffset, srcStride, Lines.UNPADDED, 0),
                new Lines(dstRe, dstIm, dstOffset, dstStride, Lines.UNPADDED, 0), lanes);
    }

    /**
     * Applies the stages from {@code src} to {@code dst}, ping-ponging between two scratch arrays in between;
     * each scratch buffer is padded after every block of {@code n/r} elements, {@code r} the radix of the stage
     * that reads it.
     */
    private void run(Lines src, Lines dst, int lanes) {
        if (stages.length == 0) {
            copy(src, dst, lanes);
            return;
        }
        Workspace ws = Workspace.current();
        int padded = n * lanes + MAX_RADIX * PAD;
        double[] aRe = ws.array(Workspace.WORK_RE, padded);
        double[] aIm = ws.array(Workspace.WORK_IM, padded);
        if (stages.length == 1) {
            // a single pass cannot run in place: go through scratch
            Lines scratch = new Lines(aRe, aIm, 0, lanes, Lines.UNPADDED, 0);
            stages[0].apply(lanes, src, scratch);
            copy(scratch, dst, lanes);
            return;
        }
        double[] bRe = ws.array(Workspace.WORK2_RE, padded);
        double[] bIm = ws.array(Workspace.WORK2_IM, padded);
        Lines x = src;
        for (int st = 0; st < stages.length; st++) {
            Lines y = st == stages.length - 1 ? dst
                    : new Lines(st % 2 == 0 ? aRe : bRe, st % 2 == 0 ? aIm : bIm, 0, lanes, n / stages[st + 1].radix, PAD);
            stages[st].apply(lanes, x, y);
            x = y;
        }
    }

    /** Copies {@code n} lane-batched elements between unpadded layouts (no-op when they coincide). */
    private void copy(Lines src, Lines dst, int lanes) {
        if (src.re() == dst.re() && src.im() == dst.im() && src.offset() == dst.offset()
                && src.stride() == dst.stride()) {
            return;
        }
        for (int k = 0; k < n; k++) {
            System.arraycopy(src.re(), src.offset() + k * src.stride(), dst.re(), dst.offset() + k * dst.stride(), lanes);
            System.arraycopy(src.im(), src.offset() + k * src.stride(), dst.im(), dst.offset() + k * dst.stride(), lanes);
        }
    }
}
