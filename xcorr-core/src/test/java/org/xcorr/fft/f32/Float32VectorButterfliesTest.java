package org.xcorr.fft.f32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The single-precision Vector API kernels must reproduce the scalar kernels bit for bit, including the lanes
 * left over after the last full vector (8 floats with AVX2), as {@code org.xcorr.fft.VectorButterfliesTest}
 * checks for double.
 */
class Float32VectorButterfliesTest {

    @Test
    void everyRadixMatchesTheScalarKernelBitForBit() {
        // the vector classes cannot load without jdk.incubator.vector (the scalar run, see KernelSetTest)
        assumeTrue(Simd.ENABLED, "Vector API not enabled in this JVM");
        check(2, Butterflies::radix2, VectorButterflies::radix2);
        check(3, Butterflies::radix3, VectorButterflies::radix3);
        check(4, Butterflies::radix4, VectorButterflies::radix4);
        check(5, Butterflies::radix5, VectorButterflies::radix5);
        check(7, Butterflies::radix7, VectorButterflies::radix7);
        check(8, Butterflies::radix8, VectorButterflies::radix8);
    }

    private static float[] random(Random random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextFloat() * 2 - 1;
        }
        return a;
    }

    private static void check(int r, Stage.Kernel scalar, Stage.Kernel vector) {
        Random random = new Random(7L * r);
        int[][] shapes = {{1, 1}, {3, 1}, {1, 4}, {4, 2}, {5, 3}, {9, 1}};
        for (int[] ms : shapes) {
            int m = ms[0], s = ms[1];
            for (int lanes : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 13, 15, 16, 17, 23, 32, 33, 64}) {
                for (int pad : new int[] {0, 16}) {
                    int xs = lanes + 3;
                    int xo = 5;
                    int n = r * m * s;
                    int xLen = xo + n * xs + r * pad + lanes;
                    float[] xr = random(random, xLen);
                    float[] xi = random(random, xLen);
                    float[] twr = random(random, m * (r - 1) + r);
                    float[] twi = random(random, m * (r - 1) + r);
                    int ys = lanes + 1;
                    int yBlock = Math.max(1, n / r);
                    int yLen = 2 + n * ys + (n / yBlock + 1) * pad + lanes;
                    float[] yr1 = new float[yLen], yi1 = new float[yLen];
                    float[] yr2 = new float[yLen], yi2 = new float[yLen];
                    Lines x = new Lines(xr, xi, xo, xs, s * m, pad);
                    scalar.run(m, s, lanes, x, new Lines(yr1, yi1, 2, ys, yBlock, pad), twr, twi);
                    vector.run(m, s, lanes, x, new Lines(yr2, yi2, 2, ys, yBlock, pad), twr, twi);
                    String at = "radix " + r + ", m " + m + ", s " + s + ", lanes " + lanes + ", pad " + pad;
                    assertArrayEquals(yr1, yr2, at);
                    assertArrayEquals(yi1, yi2, at);
                }
            }
        }
    }
}
