package org.xcorr.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fused running sums of NCC's window pass against the two loops they replace: bit-identical. */
class RowMomentsTest {

    @Test
    void slide2CarriedIsBitIdenticalToSlide2ThenCarried() {
        Random r = new Random(16);
        for (int trial = 0; trial < 300; trial++) {
            int len = 1 + r.nextInt(40);
            int kx = Math.max(64, 4 * len) + r.nextInt(3);
            int xs0 = r.nextInt(300);
            int xs1 = xs0 + 1 + r.nextInt(700);
            int columns = xs1 - xs0 + len;
            double[] v1 = new double[columns];
            double[] v2 = new double[columns];
            double[] hist = new double[columns];
            for (int i = 0; i < columns; i++) {
                // values of mixed magnitude, so any change of order would show in the last bits
                v1[i] = (r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(40) - 20);
                v2[i] = v1[i] * v1[i] + r.nextDouble();
                hist[i] = Math.abs(v2[i]) * (1 + r.nextDouble());
            }
            int n = xs1 - xs0;
            double[] e1 = new double[n];
            double[] e2 = new double[n];
            double[] ec = new double[n];
            RowMoments.slide2(v1, v2, e1, e2, xs0, xs1, kx, len);
            RowMoments.carried(hist, ec, xs0, xs1, kx, len);
            double[] a1 = new double[n];
            double[] a2 = new double[n];
            double[] ac = new double[n];
            RowMoments.slide2Carried(v1, v2, hist, a1, a2, ac, xs0, xs1, kx, len);
            String what = "trial " + trial + " len " + len + " kx " + kx + " [" + xs0 + ", " + xs1 + ")";
            assertArrayEquals(e1, a1, 0.0, what);
            assertArrayEquals(e2, a2, 0.0, what);
            assertArrayEquals(ec, ac, 0.0, what);
        }
    }
}
