// generated from org.xcorr.fft by Float32Generator; do not edit
package org.xcorr.fft.f32;

import org.xcorr.fft.FastSizes;

/**
 * Mixed-radix Stockham FFT for lengths whose prime factors are 2, 3, 5 and 7, lane-batched (see
 * {@link LineFft}). The length is factored into radix-8 passes, then at most one radix 4 or 2, then radix
 * 3, 5, 7 passes. Each pass runs the {@link VectorButterflies} (explicit SIMD) when {@link Simd#ENABLED},
 * else the scalar {@link Butterflies}, whose results are identical. Either way the cost is dominated by loads
 * and stores: radix 8 needs a third fewer passes over the
 * data than radix 4 and measured 25-35% faster despite some register spilling. Each pass is one call of
 * a {@link Butterflies} kernel that ping-pongs between the source, two work arrays and the destination.
 * Stockham's autosort ordering delivers the result in natural order without a bit-reversal permutation. Twiddle tables for every pass are computed once here, from exact angles.
 */
final class SmoothFft implements LineFft {

    /** Floats of padding after each block of the scratch layout: one cache line. */
    private static final int PAD = INPUT_PAD;
    private static final int MAX_RADIX = 8;

    private final int n;
    private final int[] radices;
    private final int[] ms;
    private final float[][] twr;
    private final float[][] twi;

    SmoothFft(int n) {
        if (!FastSizes.isFast(n)) {
            throw new IllegalArgumentException("length " + n + " has a prime factor above 7");
        }
        this.n = n;
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
        radices = java.util.Arrays.copyOf(factors, count);
        ms = new int[count];
        twr = new float[count][];
        twi = new float[count][];
        int current = n;
        for (int s = 0; s < count; s++) {
            int r = radices[s];
            int m = current / r;
            ms[s] = m;
            twr[s] = new float[m * (r - 1)];
            twi[s] = new float[m * (r - 1)];
            for (int p = 0; p < m; p++) {
                for (int k = 1; k < r; k++) {
                    double angle = -2 * Math.PI * ((long) k * p % current) / current;
                    twr[s][p * (r - 1) + k - 1] = (float) Math.cos(angle);
                    twi[s][p * (r - 1) + k - 1] = (float) Math.sin(angle);
                }
            }
            current = m;
        }
    }

    @Override
    public int length() {
        return n;
    }

    @Override
    public int inputBlock() {
        return radices.length == 0 ? n : n / radices[0];
    }

    @Override
    public void transformPadded(float[] re, float[] im, int lanes) {
        run(re, im, 0, lanes, INPUT_PAD, re, im, 0, lanes, lanes);
    }

    @Override
    public void transform(float[] srcRe, float[] srcIm, int srcOffset, int srcStride, float[] dstRe,
            float[] dstIm, int dstOffset, int dstStride, int lanes) {
        run(srcRe, srcIm, srcOffset, srcStride, 0, dstRe, dstIm, dstOffset, dstStride, lanes);
    }

    /** The passes; the source has {@code srcPad} floats after each block of {@link #inputBlock()} elements. */
    private void run(float[] srcRe, float[] srcIm, int srcOffset, int srcStride, int srcPad, float[] dstRe,
            float[] dstIm, int dstOffset, int dstStride, int lanes) {
        int stages = radices.length;
        if (stages == 0) {
            copy(srcRe, srcIm, srcOffset, srcStride, dstRe, dstIm, dstOffset, dstStride, lanes);
            return;
        }
        Workspace ws = Workspace.current();
        int padded = n * lanes + MAX_RADIX * PAD;
        float[] aRe = ws.array(Workspace.WORK_RE, padded);
        float[] aIm = ws.array(Workspace.WORK_IM, padded);
        if (stages == 1) {
            // a single pass cannot run in place: go through scratch
            pass(0, 1, lanes, srcRe, srcIm, srcOffset, srcStride, srcPad, aRe, aIm, 0, lanes, Integer.MAX_VALUE, 0);
            copy(aRe, aIm, 0, lanes, dstRe, dstIm, dstOffset, dstStride, lanes);
            return;
        }
        float[] bRe = ws.array(Workspace.WORK2_RE, padded);
        float[] bIm = ws.array(Workspace.WORK2_IM, padded);
        float[] xr = srcRe, xi = srcIm;
        int xo = srcOffset, xs = srcStride, xPad = srcPad;
        int s = 1;
        for (int st = 0; st < stages; st++) {
            boolean last = st == stages - 1;
            float[] yr = last ? dstRe : (st % 2 == 0 ? aRe : bRe);
            float[] yi = last ? dstIm : (st % 2 == 0 ? aIm : bIm);
            int yo = last ? dstOffset : 0;
            int ys = last ? dstStride : lanes;
            // scratch layout: the next pass reads radix-many blocks of n/radix elements; a pad after each
            // block keeps those streams off a single cache set when the block size is a power of two
            int yBlock = last ? Integer.MAX_VALUE : n / radices[st + 1];
            int yPad = last ? 0 : PAD;
            if (xs == lanes && ys == lanes) {
                // both sides dense: fold the Stockham stride into the lanes for one long inner loop
                pass(st, 1, s * lanes, xr, xi, xo, s * lanes, xPad, yr, yi, yo, s * lanes,
                        last ? Integer.MAX_VALUE : yBlock / s, yPad);
            } else {
                pass(st, s, lanes, xr, xi, xo, xs, xPad, yr, yi, yo, ys, yBlock, yPad);
            }
            s *= radices[st];
            xr = yr;
            xi = yi;
            xo = 0;
            xs = lanes;
            xPad = PAD;
        }
    }

    private void pass(int st, int s, int lanes, float[] xr, float[] xi, int xo, int xs, int xPad, float[] yr,
            float[] yi, int yo, int ys, int yBlock, int yPad) {
        int m = ms[st];
        float[] wr = twr[st];
        float[] wi = twi[st];
        if (Simd.ENABLED) {
            switch (radices[st]) {
                case 8 -> VectorButterflies.radix8(m, s, lanes, xr, xi, xo, xs, xPad, yr, yi, yo, ys, yBlock, yPad, wr, wi);
                case 4 -> VectorButterflies.radix4(m, s, lanes, xr, xi, xo, xs, xPad, yr, yi, yo, ys, yBlock, yPad, wr, wi);
                case 2 -> VectorButterflies.radix2(m, s, lanes, xr, xi, xo, xs, xPad, yr, yi, yo, ys, yBlock, yPad, wr, wi);
                case 3 -> VectorButterflies.radix3(m, s, lanes, xr, xi, xo, xs, xPad, yr, yi, yo, ys, yBlock, yPad, wr, wi);
                case 5 -> VectorButterflies.radix5(m, s, lanes, xr, xi, xo, xs, xPad, yr, yi, yo, ys, yBlock, yPad, wr, wi);
                case 7 -> VectorButterflies.radix7(m, s, lanes, xr, xi, xo, xs, xPad, yr, yi, yo, ys, yBlock, yPad, wr, wi);
                default -> throw new AssertionError(radices[st]);
            }
            return;
        }
        switch (radices[st]) {
            case 8 -> Butterflies.radix8(m, s, lanes, xr, xi, xo, xs, xPad, yr, yi, yo, ys, yBlock, yPad, wr, wi);
            case 4 -> Butterflies.radix4(m, s, lanes, xr, xi, xo, xs, xPad, yr, yi, yo, ys, yBlock, yPad, wr, wi);
            case 2 -> Butterflies.radix2(m, s, lanes, xr, xi, xo, xs, xPad, yr, yi, yo, ys, yBlock, yPad, wr, wi);
            case 3 -> Butterflies.radix3(m, s, lanes, xr, xi, xo, xs, xPad, yr, yi, yo, ys, yBlock, yPad, wr, wi);
            case 5 -> Butterflies.radix5(m, s, lanes, xr, xi, xo, xs, xPad, yr, yi, yo, ys, yBlock, yPad, wr, wi);
            case 7 -> Butterflies.radix7(m, s, lanes, xr, xi, xo, xs, xPad, yr, yi, yo, ys, yBlock, yPad, wr, wi);
            default -> throw new AssertionError(radices[st]);
        }
    }

    /** Copies {@code n} lane-batched elements between layouts (no-op when source and destination coincide). */
    private void copy(float[] srcRe, float[] srcIm, int srcOffset, int srcStride, float[] dstRe, float[] dstIm,
            int dstOffset, int dstStride, int lanes) {
        if (srcRe == dstRe && srcIm == dstIm && srcOffset == dstOffset && srcStride == dstStride) {
            return;
        }
        for (int k = 0; k < n; k++) {
            System.arraycopy(srcRe, srcOffset + k * srcStride, dstRe, dstOffset + k * dstStride, lanes);
            System.arraycopy(srcIm, srcOffset + k * srcStride, dstIm, dstOffset + k * dstStride, lanes);
        }
    }
}
