package org.xcorr.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels must reproduce the scalar kernels bit for bit, including the lanes left over after the
 * last full vector, so that results never depend on whether {@code jdk.incubator.vector} is available.
 */
class VectorButterfliesTest {

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

    private static void check(int r, Stage.Kernel scalar, Stage.Kernel vector) {
        Random random = new Random(7L * r);
        int[][] shapes = {{1, 1}, {3, 1}, {1, 4}, {4, 2}, {5, 3}, {9, 1}};
        for (int[] ms : shapes) {
            int m = ms[0], s = ms[1];
            for (int lanes : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 17, 64}) {
                for (int pad : new int[] {0, 8}) {
                    int xs = lanes + 3;
                    int xo = 5;
                    int n = r * m * s;
                    int xLen = xo + n * xs + r * pad + lanes;
                    double[] xr = random.doubles(xLen, -1, 1).toArray();
                    double[] xi = random.doubles(xLen, -1, 1).toArray();
                    double[] twr = random.doubles(m * (r - 1) + r, -1, 1).toArray();
                    double[] twi = random.doubles(m * (r - 1) + r, -1, 1).toArray();
                    int ys = lanes + 1;
                    int yBlock = Math.max(1, n / r);
                    int yLen = 2 + n * ys + (n / yBlock + 1) * pad + lanes;
                    double[] yr1 = new double[yLen], yi1 = new double[yLen];
                    double[] yr2 = new double[yLen], yi2 = new double[yLen];
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
