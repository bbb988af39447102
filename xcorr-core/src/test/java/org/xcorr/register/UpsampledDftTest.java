package org.xcorr.register;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xcorr.array.NdArray;
import org.xcorr.fft.RealFft;

/** The half-spectrum upsampled DFT against the naive full-spectrum DFT evaluated at the same points. */
class UpsampledDftTest {

    @Test
    void matchesNaiveDftAtTheSamePoints() {
        int[][] shapes = {{1}, {2}, {7}, {16}, {5, 1}, {1, 6}, {2, 3}, {9, 8}, {8, 9}, {12, 10}, {11, 13},
            {3, 4, 5}, {4, 5, 6}, {6, 6, 2}, {1, 4, 3}};
        int[] factors = {2, 3, 7, 10, 17, 20, 33, 100};
        Random rnd = new Random(7);
        for (int[] shape : shapes) {
            for (int u : factors) {
                if (shape.length == 3 && u > 20) {
                    continue;
                }
                check(shape, u, rnd);
            }
        }
    }

    @Test
    void matchesNaiveDftOnShapesSpanningSeveralBlocksAndChunks() {
        // leading axes long enough for several blocks of frequency pairs (and a remainder) and rows wider
        // than one column chunk, in the Taylor (u >= 20) and the direct (u = 3) kernels
        Random rnd = new Random(11);
        for (int[] shape : new int[][] {{70, 150}, {71, 131}}) {
            check(shape, 3, rnd);
            check(shape, 40, rnd);
        }
        check(new int[] {34, 5, 30}, 3, rnd);
        check(new int[] {36, 2, 20}, 20, rnd);
    }

    private static void check(int[] shape, int u, Random rnd) {
        int d = shape.length;
        NdArray a = Fixtures.random(shape, rnd.nextLong());
        NdArray b = Fixtures.random(shape, rnd.nextLong());
        double[][] full = Fixtures.fullProduct(a, b);
        RealFft fft = RealFft.of(shape);
        double[] fr = new double[fft.spectrumSize()];
        double[] fi = new double[fft.spectrumSize()];
        double[] gr = new double[fft.spectrumSize()];
        double[] gi = new double[fft.spectrumSize()];
        fft.forward(a.backingReal(), fr, fi, 1);
        fft.forward(b.backingReal(), gr, gi, 1);
        for (int k = 0; k < fr.length; k++) {
            double re = fr[k] * gr[k] + fi[k] * gi[k];
            fi[k] = fi[k] * gr[k] - fr[k] * gi[k];
            fr[k] = re;
        }
        long[] s = new long[d];
        for (int ax = 0; ax < d; ax++) {
            s[ax] = rnd.nextInt(shape[ax]) - shape[ax] / 2;
        }
        int m = (3 * u + 1) / 2;
        int dftshift = m / 2;
        ComplexArray gotC = UpsampledDft.evaluate(new ComplexArray(fr, fi), shape, s, u, m, dftshift, 1);
        ComplexArray got3C = UpsampledDft.evaluate(new ComplexArray(fr, fi), shape, s, u, m, dftshift, 3);
        double[][] got = {gotC.re(), gotC.im()};
        double[][] got3 = {got3C.re(), got3C.im()};
        assertArrayEquals(got[0], got3[0], 0.0, "thread count changed the result");
        assertArrayEquals(got[1], got3[1], 0.0, "thread count changed the result");

        double scale = 0;
        for (int k = 0; k < full[0].length; k++) {
            scale += Math.hypot(full[0][k], full[1][k]);
        }
        int points = got[0].length;
        int[] outShape = new int[d];
        java.util.Arrays.fill(outShape, m);
        int[] idx = new int[d];
        double worst = 0;
        for (int i = 0; i < points; i++) {
            double[] x = new double[d];
            for (int ax = 0; ax < d; ax++) {
                x[ax] = s[ax] + (idx[ax] - dftshift) / (double) u;
            }
            double wr = 0;
            double wi = 0;
            int[] k = new int[d];
            for (int j = 0; j < full[0].length; j++) {
                double phase = 0;
                for (int ax = 0; ax < d; ax++) {
                    phase += Fixtures.frequency(k[ax], shape[ax]) * x[ax];
                }
                double c = Math.cos(2 * Math.PI * phase);
                double sn = Math.sin(2 * Math.PI * phase);
                wr += full[0][j] * c - full[1][j] * sn;
                wi += full[0][j] * sn + full[1][j] * c;
                Fixtures.increment(k, shape);
            }
            worst = Math.max(worst, Math.hypot(got[0][i] - wr, got[1][i] - wi));
            Fixtures.increment(idx, outShape);
        }
        assertTrue(worst <= 1e-13 * scale, java.util.Arrays.toString(shape) + " u=" + u + ": deviation " + worst
                + " vs scale " + scale);
    }

    @Test
    void taylorRankIsShortForLargeFactors() {
        // |t| <= 0.75: the truncated series is used instead of 150 direct points at u = 100
        int rank = AxisKernel.taylorRank(Math.PI * 0.75);
        assertTrue(rank > 15 && rank < 40, "rank " + rank);
    }
}
