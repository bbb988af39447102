package org.xcorr.fft;

import org.xcorr.array.NdArray;

/**
 * Transform lengths the FFT handles fastest: those whose prime factors are all 2, 3, 5 or 7.
 * Every other length is still transformed exactly (Bluestein's algorithm), only slower, so callers
 * that are free to zero-pad should pad to {@link #next(int)}.
 */
public final class FastSizes {

    private FastSizes() {
    }

    /** Whether {@code n >= 1} has no prime factor other than 2, 3, 5 and 7. */
    public static boolean isFast(int n) {
        if (n < 1) {
            return false;
        }
        for (int p : new int[] {2, 3, 5, 7}) {
            while (n % p == 0) {
                n /= p;
            }
        }
        return n == 1;
    }

    /** The smallest length {@code >= n} whose prime factors are all 2, 3, 5 or 7 ({@code n >= 1}). */
    public static int next(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("length must be at least 1, got " + n);
        }
        int m = n;
        while (!isFast(m)) {
            if (m == NdArray.MAX_SIZE) {
                throw new IllegalArgumentException("FFT length " + n + " is too large: no fast length up to "
                        + NdArray.MAX_SIZE);
            }
            m++;
        }
        return m;
    }

    /** {@link #next(int)} per axis. */
    public static int[] next(int[] shape) {
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = next(shape[i]);
        }
        return out;
    }
}
